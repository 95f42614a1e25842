// The HTTP front end: a JSON API over one index directory, plus the static web page.
//
//   GET /api/search?q=&sector=&education=&page=&per_page=   ranked hits, facets, corrections
//   GET /api/suggest?q=&limit=                              prefix suggestions
//   GET /api/occupations/{id}                               one stored record
//   GET /api/facets                                         facet counts over the whole index
//   GET /api/analyze?text=&lang=                            the analysis chain's tokens
//   GET /api/openapi.json                                   the OpenAPI 3 description of it all
//   GET /health, GET /metrics                               liveness; Prometheus text
//   GET /…                                                  files under `web_dir`
//
// Adapters add route sets of their own (HttpServerOptions::route_sets; route_set.h): the CLI's
// `serve` adds the Meilisearch-compatible routes (yrkesok/meili/routes.h).
//
// The search, suggest, facets and occupation answers carry a weak ETag (index content and
// request target) and Cache-Control: public, max-age; If-None-Match answers 304. Answers of
// 1 KiB or more are gzip-compressed for clients that accept it (Vary: Accept-Encoding).
// Bad input is a 400 (or 404/405/413/414) with {"error":{"code","message"}}, never a 500; a
// 500 means a bug. Each worker thread borrows its own SearchEngine from a pool (engines are
// not thread-safe); all engines share one Analyzer. Before each request the borrowed engine
// checks whether the index's current generation changed and reopens if so, so a rebuilt index
// goes live without a restart.
//
// Thread-safety: run() blocks the calling thread; stop(), request_reopen() and port() may be
// called from any other thread (a signal watcher, a test) while run() is serving.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "yrkesok/searcher/search_engine.h"

namespace yrkesok::http {

class RouteSet;

struct HttpServerOptions {
    std::string index_dir;  // required: the directory holding `current`
    std::string host = "127.0.0.1";
    int port = 8080;  // 0 picks a free port; port() tells which
    // Worker threads: requests handled at once. Connections do not hold one: an idle or slowly
    // sending connection waits in an epoll set (connection_loop.h). 0: as many as
    // `concurrent_searches`, so that every worker can search at once.
    std::size_t threads = 0;
    // How long an idle worker polls for a next request before it sleeps, in microseconds
    // (0: it sleeps at once). A kept-alive client's next request usually comes sooner than a
    // sleeping thread on an idle core can be woken.
    int idle_spin_microseconds = 100;
    // Searches (and other index reads) run at once; more wait for one to finish. Each has an
    // engine with caches of its own, and past a few per core they only share the CPU more
    // thinly (engine_pool.h). 0: four per core the process may use.
    std::size_t concurrent_searches = 0;
    std::string web_dir = "web";             // static files for `/`; a placeholder page if missing
    std::size_t max_uri_bytes = 8192;        // longer request targets get 414
    std::size_t max_body_bytes = 64 * 1024;  // larger request bodies get 413
    std::size_t max_header_count = 100;      // more request header lines get 431
    std::size_t max_header_bytes = 16 * 1024;  // more request header bytes in all get 431
    int keep_alive_seconds = 2;  // idle keep-alive connections are closed after this long
    std::size_t keep_alive_max_requests = 100;  // requests on one connection before it is closed
    int io_timeout_seconds = 5;                 // read and write timeouts
    // Against slow clients (connection_gate.h, connection_loop.h): connections one client
    // address may hold at once (more are answered 429 and closed at once; 0 for no cap), and
    // the time a connection has to send a whole request and have it answered, from its start
    // or its previous answer (then it is shut down; 0 for no deadline). Unset, the cap is 16
    // on a public address and off when `host` is a loopback address, where the clients are a
    // local proxy or local tools that all share one address (a proxy caps per address itself:
    // docs/reliability.md).
    std::optional<std::size_t> max_connections_per_address;
    int request_deadline_seconds = 10;
    // Stored records analysed in the background at start, so the first searches do not pay
    // for a cold word cache (SearchEngine::warm_up); 0 for none.
    std::size_t warm_up_documents = 5000;
    // Origins whose pages may call the API (CORS): "*" for any, else exact origins such as
    // "https://www.example.no"; empty for none. Preflight OPTIONS is answered on every route.
    std::vector<std::string> cors_origins = {"*"};
    // Cache-Control max-age of the search, suggest, facets and occupation answers, which
    // also carry an ETag (If-None-Match gets 304); 0 makes caches revalidate every time.
    int cache_max_age_seconds = 30;
    // One JSON line per request to this file ("-" for standard output); empty for none. The
    // query string is logged only with `log_queries`.
    std::string access_log;
    bool log_queries = false;
    search::EngineOptions engine;  // also the source of the query and per_page limits
    // Routes added beside the native ones, each with a namespace of paths of its own.
    std::vector<std::shared_ptr<const RouteSet>> route_sets;
};

class HttpServer {
  public:
    // Loads the analyzer and opens the index; throws search::IndexOpenError when the index
    // cannot be opened and analyzers::AnalyzerError when the dictionaries cannot be read.
    explicit HttpServer(HttpServerOptions options);
    ~HttpServer();
    HttpServer(const HttpServer&) = delete;
    HttpServer& operator=(const HttpServer&) = delete;

    // Binds the listening socket (done by run() when not called first); throws
    // std::runtime_error when the address cannot be bound. After it, port() is the real port.
    void bind();
    // Serves until stop(). Throws std::runtime_error when the socket cannot be bound.
    void run();
    // Stops accepting connections and makes run() return once the requests in flight are
    // answered (a request still arriving has the read timeout to finish); idle keep-alive
    // connections are closed. Safe to call before run() starts (run() then returns at once)
    // and more than once.
    void stop();
    // Asks every engine to check for a new index generation now, and reopens the access
    // log (SIGHUP).
    void request_reopen();

    int port() const;  // the bound port, or 0 before bind()
    search::IndexInfo index_info() const;

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace yrkesok::http
