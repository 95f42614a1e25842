#include <pthread.h>

#include <csignal>
#include <iostream>
#include <thread>

#include "allocator.h"
#include "command.h"
#include "shard_list.h"
#include "yrkesok/meili/routes.h"
#include "yrkesok/server/http_server.h"

namespace yrkesok::cli {
namespace {

// Blocks SIGINT, SIGTERM and SIGHUP in the calling thread, and so in every thread it starts
// afterwards; the watcher takes them with sigwait, so no work runs in a signal handler.
sigset_t block_server_signals() {
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    sigaddset(&signals, SIGHUP);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);
    return signals;
}

}  // namespace

Command serve_command() {
    CommandSpec spec{
        "serve",
        "serve the search API and web page over HTTP",
        "yrkesok serve --index DIR | --shards LOC,LOC... [--host HOST] [--port PORT] [--threads "
        "N]\n"
        "              [--web DIR] [--cache-max-age SECONDS] [--access-log FILE|-] "
        "[--log-queries]\n"
        "              [--max-connections-per-address N] [--request-deadline SECONDS] "
        "[--config FILE]",
        "Serves the JSON API (GET /api/search, /api/suggest, /api/occupations/{id},\n"
        "/api/facets, /api/analyze, /api/openapi.json, /health, /metrics) and the files of\n"
        "--web at /. A rebuilt index goes live at the next request; SIGHUP makes idle\n"
        "workers pick it up at once and reopens the access log. SIGINT or SIGTERM stops\n"
        "accepting, answers the requests in flight, then exits with status 0. Search,\n"
        "suggest, facets and occupation answers carry an ETag (If-None-Match gets 304) and\n"
        "Cache-Control; answers of 1 KiB or more are gzip-compressed when the client accepts it.\n"
        "--port 0 picks a free port; the line printed on start names it. --shards serves\n"
        "several Xapian databases as one index: paths, or tcp://HOST:PORT for a shard served\n"
        "by xapian-tcpsrv (docs/scaling.md); a shard that is down makes requests fail with 503.\n"
        "Against slow clients, one address may hold --max-connections-per-address\n"
        "connections (more are answered 429 and closed), and a connection that has not sent\n"
        "a whole request within --request-deadline is closed (docs/reliability.md).",
        {{"index", "DIR", "index directory (required unless --shards)"},
         {"shards", "LOC,...", "shard locations instead of --index: paths or tcp://HOST:PORT"},
         {"lexicon", "PATH", "with remote shards: local database for spelling and synonyms"},
         {"host", "HOST", "address to listen on (default 127.0.0.1)"},
         {"port", "PORT", "port to listen on, 0 for any free one (default 8080)"},
         {"threads", "N",
          "worker threads, requests handled at once; open connections hold none (default 0: "
          "as many as --concurrent-searches)"},
         {"idle-spin", "MICROSECONDS",
          "how long an idle worker polls for a next request before it sleeps (default 100; 0 "
          "sleeps at once)"},
         {"warm-up", "N",
          "stored records analysed in the background at start, so the first searches are as "
          "fast as later ones (default 5000; 0 for none)"},
         {"concurrent-searches", "N",
          "searches run at once, each with an engine and caches of its own; more wait their "
          "turn, first come first served (default 0: four per core the process may use)"},
         {"document-cache", "N",
          "stored records kept parsed and analysed for hits and snippets, shared by the "
          "workers (default 4096, 1 at least)"},
         {"query-cache", "N",
          "analysed queries each worker keeps, a few KiB each (default 256; 0 for none)"},
         {"posting-cache", "MIB",
          "bitmaps of term postings kept for exact totals and facet counts, per generation and "
          "shared by the workers (default 64, or 128 bytes a record if more, up to 256)"},
         {"in-memory", "MIB",
          "a generation whose files take at most MIB is searched in memory, no file read per "
          "query; each of the concurrent searches holds a copy of about five times that "
          "(default 16; 0 searches the files; not with --shards)"},
         {"web", "DIR", "static files served at / (default: web)"},
         {"cache-max-age", "SECONDS",
          "Cache-Control max-age of search, suggest, facets and occupation answers (default "
          "30; 0 makes browsers and CDNs revalidate each time)"},
         {"access-log", "FILE",
          "append one JSON line per request to FILE (- for standard output): time, method, "
          "path, status, bytes, us, generation"},
         {"log-queries", "", "with --access-log: log the query string too (off by default)"},
         {"max-connections-per-address", "N",
          "connections one client address may hold at once; more are answered 429 and closed "
          "(default 16, or 0 = no cap when --host is a loopback address, as behind a local "
          "proxy)"},
         {"request-deadline", "SECONDS",
          "time a connection has to send a whole request and get its answer, from its start "
          "or its previous answer; then it is closed (default 10; 0 for none)"},
         {"config", "FILE",
          "read options from FILE (KEY = VALUE lines, as /etc/yrkesok/yrkesok.conf; the command "
          "line wins)"},
         {"cors-origin", "ORIGIN",
          "an origin whose pages may call the API, e.g. https://www.example.no; repeat for "
          "more (default: any origin, *; \"none\" for no cross-origin access)",
          true}},
        0,
        0};
    return {
        spec, [](const ParsedArgs& args) {
            auto dir = args.value("index");
            auto shards = args.value("shards");
            if (!dir && !shards) throw UsageError("--index DIR or --shards LOC,... is required");
            if (dir && shards) throw UsageError("give --index or --shards, not both");
            http::HttpServerOptions options;
            options.route_sets.push_back(meili::route_set());
            options.index_dir = dir ? *dir : *shards;
            if (shards) options.engine.shards = split_shard_list(*shards);
            options.engine.lexicon = args.value_or("lexicon", "");
            warn_if_lexicon_cannot_correct(options.engine.lexicon, std::cerr);
            options.host = args.value_or("host", options.host);
            options.port = static_cast<int>(args.integer_or("port", options.port, 0, 65535));
            options.threads = static_cast<std::size_t>(
                args.integer_or("threads", static_cast<long long>(options.threads), 0, 1024));
            options.idle_spin_microseconds = static_cast<int>(
                args.integer_or("idle-spin", options.idle_spin_microseconds, 0, 100000));
            options.warm_up_documents = static_cast<std::size_t>(args.integer_or(
                "warm-up", static_cast<long long>(options.warm_up_documents), 0, 10000000));
            options.concurrent_searches =
                static_cast<std::size_t>(args.integer_or("concurrent-searches", 0, 0, 1024));
            options.engine.document_cache_size = static_cast<std::size_t>(args.integer_or(
                "document-cache", static_cast<long long>(options.engine.document_cache_size), 1,
                10000000));
            options.engine.query_cache_size = static_cast<std::size_t>(args.integer_or(
                "query-cache", static_cast<long long>(options.engine.query_cache_size), 0,
                1000000));
            options.engine.posting_cache_bytes =
                static_cast<std::size_t>(args.integer_or(
                    "posting-cache",
                    static_cast<long long>(options.engine.posting_cache_bytes >> 20), 1, 1 << 20))
                << 20;  // unset: 0, the generation's own posting_cache_budget()
            options.engine.in_memory_max_bytes =
                static_cast<std::size_t>(args.integer_or(
                    "in-memory", static_cast<long long>(search::kServeInMemoryMaxBytes >> 20), 0,
                    1 << 16))
                << 20;
            options.web_dir = args.value_or("web", options.web_dir);
            options.cache_max_age_seconds = static_cast<int>(
                args.integer_or("cache-max-age", options.cache_max_age_seconds, 0, 31536000));
            if (args.value("max-connections-per-address")) {
                options.max_connections_per_address = static_cast<std::size_t>(
                    args.integer_or("max-connections-per-address", 0, 0, 100000));
            }
            options.request_deadline_seconds = static_cast<int>(
                args.integer_or("request-deadline", options.request_deadline_seconds, 0, 86400));
            options.access_log = args.value_or("access-log", "");
            options.log_queries = args.flag("log-queries");
            if (options.log_queries && options.access_log.empty()) {
                throw UsageError("--log-queries needs --access-log FILE|-");
            }
            if (auto origins = args.values("cors-origin"); !origins.empty()) {
                options.cors_origins.clear();
                for (const auto& origin : origins) {
                    if (origin == "none") continue;
                    if (origin != "*" && origin.find("://") == std::string::npos) {
                        throw UsageError("--cors-origin \"" + origin +
                                         "\" is not an origin (scheme://host[:port]), "
                                         "* or none");
                    }
                    options.cors_origins.push_back(origin);
                }
            }

            keep_freed_pages_for_serving();
            const sigset_t signals = block_server_signals();
            http::HttpServer server(options);
            server.bind();
            const auto info = server.index_info();
            std::cout << "yrkesok serve: listening on http://" << options.host << ":"
                      << server.port() << " (" << (shards ? "shards " : "index ")
                      << options.index_dir << ", generation " << info.generation << ", "
                      << info.documents << " documents"
                      << (info.in_memory ? ", searched in memory" : "") << ")" << std::endl;

            std::atomic<bool> done{false};
            std::thread watcher([&] {
                while (true) {
                    int signal = 0;
                    if (sigwait(&signals, &signal) != 0) continue;
                    if (done) return;
                    if (signal == SIGHUP) {
                        server.request_reopen();
                        continue;
                    }
                    server.stop();
                    return;
                }
            });
            try {
                server.run();
            } catch (...) {
                done = true;
                pthread_kill(watcher.native_handle(), SIGTERM);
                watcher.join();
                throw;
            }
            // run() also returns when the library's accept loop fails; wake the watcher.
            done = true;
            pthread_kill(watcher.native_handle(), SIGTERM);
            watcher.join();
            std::cerr << "yrkesok serve: stopped" << std::endl;
            return 0;
        }};
}

}  // namespace yrkesok::cli
