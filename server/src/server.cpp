#include <httplib.h>
#include <sched.h>
#include <sys/socket.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <iostream>
#include <mutex>
#include <optional>
#include <set>
#include <stdexcept>
#include <thread>
#include <type_traits>

#include "access_log.h"
#include "caching.h"
#include "connection_gate.h"
#include "connection_loop.h"
#include "cors.h"
#include "json_text.h"
#include "metrics.h"
#include "native_routes.h"
#include "openapi.h"
#include "yrkesok/analyzers/utf8.h"
#include "yrkesok/server/api_json.h"
#include "yrkesok/server/engine_pool.h"
#include "yrkesok/server/http_server.h"
#include "yrkesok/server/params.h"
#include "yrkesok/server/route_set.h"

namespace yrkesok::http {
namespace {

using httplib::Request;
using httplib::Response;
using HandlerResponse = httplib::Server::HandlerResponse;

constexpr const char* kJson = "application/json";
constexpr std::size_t kMaxAnalyzeBytes = 4096;
constexpr std::size_t kMaxIdBytes = 256;
// Byte ranges per request. Each range of a multi-range request is a copy of the body with
// headers of its own, so thousands of ranges in a few kilobytes of Range header made one
// request cost megabytes of memory; one range is all a browser or resuming download uses.
constexpr std::size_t kMaxRanges = 1;
// Connections one public client address may hold at once, unless the options say.
constexpr std::size_t kDefaultConnectionsPerAddress = 16;

constexpr const char* kPlaceholderPage =
    "<!doctype html>\n<html lang=\"nb\"><head><meta charset=\"utf-8\"><title>Yrkesøk</title>"
    "</head>\n<body><h1>Yrkesøk</h1><p>Nettsiden er ikke installert (the web page is not "
    "installed). The API is at <a href=\"/api/openapi.json\">/api/openapi.json</a>.</p>"
    "</body></html>\n";

// When the current request reached routing; the logger turns it into a latency. Each request
// is handled from routing to logging on one worker thread (connection_loop.h), one at a time.
thread_local std::chrono::steady_clock::time_point request_started;
thread_local bool request_timed = false;
// The generation that answered the current request, for the access log; empty for routes
// that do not read the index.
thread_local std::string request_generation;

template <typename Json>
void send_json(Response& res, const Json& json, int status = 200) {
    res.status = status;
    res.set_content(json_text(json), kJson);
}

void send_error(Response& res, int status, const std::string& code, const std::string& message) {
    send_json(res, api::error_to_json(code, message), status);
}

void send_method_not_allowed(const Request& req, Response& res) {
    res.set_header("Allow", "GET, HEAD");
    send_error(
        res, 405, "method_not_allowed",
        req.method + " is not allowed on " + native_route_label(req.path) + "; use GET or HEAD");
}

// The native routes, which take GET and HEAD only (the Meilisearch routes answer for
// themselves).
bool is_api_route(const std::string& path) {
    auto label = native_route_label(path);
    return label.starts_with("/api/") || label == "/health" || label == "/metrics";
}

// The body the library's own errors (unrouted paths, 413, 414, 400 parse failures) get.
std::pair<std::string, std::string> describe_status(int status) {
    switch (status) {
        case 400:
            return {"bad_request", "the request could not be parsed"};
        case 404:
            return {"not_found", "no such route"};
        case 405:
            return {"method_not_allowed", "only GET and HEAD are served"};
        case 413:
            return {"payload_too_large", "the request body is too large"};
        case 414:
            return {"uri_too_long", "the request target is too long"};
        case 416:
            return {"range_not_satisfiable", "the requested range is not satisfiable"};
        case 431:
            return {"request_header_fields_too_large", "the request headers are too large"};
        case 503:
            return {"index_unavailable", "the index is not available"};
        default:
            if (status >= 500) return {"internal_error", "internal server error"};
            return {"bad_request", "the request was refused"};
    }
}

bool is_loopback(const std::string& host) {
    return host == "localhost" || host == "::1" || host.starts_with("127.");
}

ConnectionLimits connection_limits(const HttpServerOptions& options) {
    ConnectionLimits limits;
    limits.max_per_address = options.max_connections_per_address.value_or(
        is_loopback(options.host) ? 0 : kDefaultConnectionsPerAddress);
    return limits;
}

// The cores this process may run on: its CPU affinity, as a container or taskset sets it.
std::size_t usable_cores() {
    cpu_set_t cpus;
    CPU_ZERO(&cpus);
    std::size_t cores = std::thread::hardware_concurrency();
    if (sched_getaffinity(0, sizeof(cpus), &cpus) == 0) {
        cores = static_cast<std::size_t>(CPU_COUNT(&cpus));
    }
    return std::max<std::size_t>(cores, 1);
}

// Four per core: enough to keep every core busy while some searches wait on reads, few enough
// that the scheduler does not slice the waiting ones unfairly (benchmarks/RESULTS.md,
// "Concurrent searches").
std::size_t concurrent_searches(const HttpServerOptions& options) {
    if (options.concurrent_searches > 0) return options.concurrent_searches;
    return 4 * usable_cores();
}

// A server's engines make each generation's copy in memory in the background: when a rebuild
// goes live under load every engine is busy, and each would otherwise make the request it
// serves wait for its copy (benchmarks/RESULTS.md, "Copies in memory made beside the requests").
search::EngineOptions pool_engine_options(const HttpServerOptions& options) {
    search::EngineOptions engine = options.engine;
    engine.copy_in_background = true;
    return engine;
}

LoopSettings loop_settings(const HttpServerOptions& options) {
    LoopSettings settings;
    settings.workers = options.threads > 0 ? options.threads : concurrent_searches(options);
    settings.spin = std::chrono::microseconds(std::max(0, options.idle_spin_microseconds));
    settings.keep_alive = std::chrono::seconds(options.keep_alive_seconds);
    settings.max_requests_per_connection =
        std::max<std::size_t>(1, options.keep_alive_max_requests);
    settings.io_timeout = std::chrono::seconds(options.io_timeout_seconds);
    settings.request_deadline = std::chrono::seconds(options.request_deadline_seconds);
    // The head may be as long as the longest target and header block allowed, so that
    // those get the library's answers (414, 431); past that the loop refuses it itself.
    settings.max_head_bytes =
        std::max<std::size_t>(64 * 1024, options.max_uri_bytes + options.max_header_bytes + 1024);
    settings.max_body_bytes = options.max_body_bytes;
    return settings;
}

analyzers::Language parse_language(const std::string& text) {
    if (text.empty() || text == "auto") return analyzers::Language::both;
    if (text == "nb") return analyzers::Language::nb;
    if (text == "nn") return analyzers::Language::nn;
    throw RequestError(400, "invalid_parameter", "parameter \"lang\" must be nb, nn or auto");
}

}  // namespace

struct HttpServer::Impl {
    // All facet values of one index generation, for checking filters and serving /api/facets.
    struct FacetSnapshot {
        std::string generation;
        std::size_t documents = 0;
        search::SearchResponse counts;
        std::set<std::string> sectors;
        std::set<std::string> education_levels;
    };

    explicit Impl(HttpServerOptions opts)
        : options(std::move(opts)),
          cors(options.cors_origins),
          gate(connection_limits(options)),
          pool(options.index_dir, search::analyzer_for_index(options.index_dir),
               pool_engine_options(options), options.warm_up_documents,
               concurrent_searches(options), usable_cores()),
          server(
              loop_settings(options), [this](int socket) { return gate.take_admitted(socket); },
              [this](const std::string& address) { gate.release(address); }) {
        if (!options.access_log.empty()) {
            access_log = std::make_unique<AccessLog>(options.access_log, options.log_queries);
        }
        configure();
        install_routes();
    }

    void configure();
    void install_routes();
    template <typename Route>
    httplib::Server::Handler guarded(Route route);
    template <typename Route>
    static httplib::Server::Handler guarded_call(Route route);
    template <typename Route>
    httplib::Server::Handler cacheable(Route route);
    std::optional<std::string> header_limit_error(const Request& req) const;
    // The added route set whose namespace holds `path`, or null for a native path.
    const RouteSet* owner(const std::string& path) const;
    std::string route_label(const std::string& path) const;
    std::shared_ptr<const FacetSnapshot> facets(search::SearchEngine& engine);

    void search(const Request& req, Response& res, search::SearchEngine& engine);
    void suggest(const Request& req, Response& res, search::SearchEngine& engine);
    void occupation(const Request& req, Response& res, search::SearchEngine& engine);
    void facet_counts(const Request& req, Response& res, search::SearchEngine& engine);
    void analyze(const Request& req, Response& res);
    void health(const Request& req, Response& res);
    void metrics_text(const Request& req, Response& res);

    HttpServerOptions options;
    CorsPolicy cors;
    ConnectionGate gate;
    EnginePool pool;
    Metrics metrics;
    std::unique_ptr<AccessLog> access_log;  // null when off
    LoopedServer server;

    std::mutex bind_mutex;
    bool bound = false;  // GUARDED_BY(bind_mutex)
    std::atomic<int> port{0};
    std::atomic<socket_t> listen_socket{INVALID_SOCKET};
    std::atomic<bool> stop_requested{false};
    std::atomic<bool> running{false};

    std::mutex facet_mutex;
    std::shared_ptr<const FacetSnapshot> facet_snapshot;  // GUARDED_BY(facet_mutex)
};

void HttpServer::Impl::configure() {
    // The connection loop keeps connections alive, times them out and sets TCP_NODELAY on
    // each (loop_settings); the library only announces the same limits in each answer's
    // Keep-Alive header.
    server.set_keep_alive_timeout(options.keep_alive_seconds);
    server.set_keep_alive_max_count(options.keep_alive_max_requests);
    server.set_payload_max_length(options.max_body_bytes);
    server.set_default_headers({{"X-Content-Type-Options", "nosniff"}});
    // The library's default sets SO_REUSEPORT, which lets a second server bind the same port
    // silently and share its connections; SO_REUSEADDR alone still allows a quick restart.
    // The socket is kept to raise the library's fixed listen backlog of 5 after binding.
    server.set_socket_options([this](socket_t socket) {
        int yes = 1;
        setsockopt(socket, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
        listen_socket = socket;
    });

    server.set_pre_routing_handler([this](const Request& req, Response& res) {
        request_started = std::chrono::steady_clock::now();
        request_timed = true;
        request_generation.clear();
        offer_gzip_only(req);
        // CORS first, so that errors below reach a page on another origin too.
        const RouteSet* set = owner(req.path);
        if (is_api_route(req.path) || set) {
            if (req.method == "OPTIONS") {
                cors.preflight(req, res, set ? set->allowed_methods() : "GET, HEAD, OPTIONS");
                return HandlerResponse::Handled;
            }
            cors.allow(req, res);
        }
        if (auto error = header_limit_error(req)) {
            send_error(res, 431, "request_header_fields_too_large", *error);
            return HandlerResponse::Handled;
        }
        if (req.target.size() > options.max_uri_bytes) {
            send_error(res, 414, "uri_too_long",
                       "the request target is " + std::to_string(req.target.size()) +
                           " bytes; at most " + std::to_string(options.max_uri_bytes) +
                           " are allowed");
            return HandlerResponse::Handled;
        }
        if (req.ranges.size() > kMaxRanges) {
            // The library would cut this error body into the requested ranges too. The
            // request object is the library's own, non-const one, handed out as const.
            const_cast<Request&>(req).ranges.clear();
            send_error(res, 416, "range_not_satisfiable",
                       "at most " + std::to_string(kMaxRanges) + " byte range is served");
            return HandlerResponse::Handled;
        }
        // The library answers a POST without Content-Length with 400 before routing; with
        // no body to skip, 405 can be answered here. Requests with a body reach the 405
        // handlers below, after the body was read (or refused with 413).
        if (req.method != "GET" && req.method != "HEAD" && !req.has_header("Content-Length") &&
            !req.has_header("Transfer-Encoding") && is_api_route(req.path)) {
            send_method_not_allowed(req, res);
            return HandlerResponse::Handled;
        }
        return HandlerResponse::Unhandled;
    });
    server.set_error_handler(
        httplib::Server::HandlerWithResponse([this](const Request& req, Response& res) {
            if (!res.body.empty()) return HandlerResponse::Unhandled;  // ours already
            if (const RouteSet* set = owner(req.path)) {
                set->error_response(req, res);
                return HandlerResponse::Handled;
            }
            auto [code, message] = describe_status(res.status);
            send_error(res, res.status, code, message);
            return HandlerResponse::Handled;
        }));
    server.set_exception_handler([](const Request& req, Response& res, std::exception_ptr error) {
        std::string what = "unknown exception";
        try {
            std::rethrow_exception(error);
        } catch (const std::exception& e) {
            what = e.what();
        } catch (...) {
        }
        std::cerr << "yrkesok serve: internal error on " << req.method << " " << req.path << ": "
                  << what << std::endl;
        send_error(res, 500, "internal_error", "internal server error");
    });
    // Whether a response is compressed depends on Accept-Encoding, so every one says so.
    server.set_post_routing_handler(
        [](const Request&, Response& res) { res.set_header("Vary", "Accept-Encoding"); });
    server.set_logger([this](const Request& req, const Response& res) {
        double seconds = 0;
        if (request_timed) {
            seconds =
                std::chrono::duration<double>(std::chrono::steady_clock::now() - request_started)
                    .count();
            request_timed = false;
        }
        metrics.record(route_label(req.path), res.status, seconds);
        if (access_log) access_log->write(req, res, seconds, request_generation);
    });
}

template <typename Route>
httplib::Server::Handler HttpServer::Impl::guarded(Route route) {
    if constexpr (std::is_member_function_pointer_v<Route>) {
        return guarded(
            [this, route](const Request& req, Response& res) { (this->*route)(req, res); });
    } else {
        return guarded_call(std::move(route));
    }
}

template <typename Route>
httplib::Server::Handler HttpServer::Impl::guarded_call(Route route) {
    return [route = std::move(route)](const Request& req, Response& res) {
        try {
            route(req, res);
        } catch (const RequestError& e) {
            send_error(res, e.status(), e.code(), e.what());
        } catch (const search::SearchError& e) {
            send_error(res, 400, "invalid_query", e.what());
        } catch (const search::IndexOpenError& e) {
            std::cerr << "yrkesok serve: index unavailable: " << e.what() << std::endl;
            send_error(res, 503, "index_unavailable", "the index cannot be opened");
        }
        skip_compression_if_small(req, res);
    };
}

// A route whose answer depends only on the request target and the index content (see
// caching.h): it gets an ETag and Cache-Control, and an If-None-Match that names the
// current tag is answered 304 without running the route.
template <typename Route>
httplib::Server::Handler HttpServer::Impl::cacheable(Route route) {
    return guarded([this, route](const Request& req, Response& res) {
        auto engine = pool.borrow();
        request_generation = engine->generation();
        const std::string tag = entity_tag(engine->content_tag(), req.target);
        const std::string cache_control =
            options.cache_max_age_seconds > 0
                ? "public, max-age=" + std::to_string(options.cache_max_age_seconds)
                : "no-cache";
        if (none_match(req.get_header_value("If-None-Match"), tag)) {
            res.status = 304;
        } else {
            (this->*route)(req, res, *engine);
            if (res.status != -1 && res.status != 200) return;  // errors are not cached
        }
        res.set_header("ETag", tag);
        res.set_header("Cache-Control", cache_control);
    });
}

const RouteSet* HttpServer::Impl::owner(const std::string& path) const {
    for (const auto& set : options.route_sets) {
        if (set->owns(path)) return set.get();
    }
    return nullptr;
}

std::string HttpServer::Impl::route_label(const std::string& path) const {
    if (const RouteSet* set = owner(path)) return set->route_label(path);
    return native_route_label(path);
}

std::optional<std::string> HttpServer::Impl::header_limit_error(const Request& req) const {
    if (req.headers.size() > options.max_header_count) {
        return "the request has " + std::to_string(req.headers.size()) +
               " header fields; at most " + std::to_string(options.max_header_count) +
               " are allowed";
    }
    std::size_t bytes = 0;
    for (const auto& [name, value] : req.headers) bytes += name.size() + value.size() + 4;
    if (bytes > options.max_header_bytes) {
        return "the request headers are " + std::to_string(bytes) + " bytes; at most " +
               std::to_string(options.max_header_bytes) + " are allowed";
    }
    return std::nullopt;
}

void HttpServer::Impl::install_routes() {
    server.Get("/api/search", cacheable(&Impl::search));
    server.Get("/api/suggest", cacheable(&Impl::suggest));
    server.Get(std::string(pattern_of("/api/occupations/{id}")), cacheable(&Impl::occupation));
    server.Get("/api/facets", cacheable(&Impl::facet_counts));
    server.Get("/api/analyze", guarded(&Impl::analyze));
    server.Get("/health", guarded(&Impl::health));
    server.Get("/metrics", guarded(&Impl::metrics_text));
    server.Get("/api/openapi.json", [](const Request& req, Response& res) {
        try {
            QueryParams params(req.params, {});
        } catch (const RequestError& e) {
            send_error(res, e.status(), e.code(), e.what());
            return;
        }
        res.set_content(std::string(openapi_json()), kJson);
    });

    for (const auto& route : kNativeRoutes) {
        const std::string pattern(route.pattern);
        server.Post(pattern, send_method_not_allowed);
        server.Put(pattern, send_method_not_allowed);
        server.Patch(pattern, send_method_not_allowed);
        server.Delete(pattern, send_method_not_allowed);
    }

    for (const auto& set : options.route_sets) set->install(server, pool, options);

    std::error_code error;
    if (std::filesystem::is_directory(options.web_dir, error) &&
        server.set_mount_point("/", options.web_dir)) {
        return;
    }
    server.Get("/", [](const Request&, Response& res) {
        res.set_content(kPlaceholderPage, "text/html; charset=utf-8");
    });
}

std::shared_ptr<const HttpServer::Impl::FacetSnapshot> HttpServer::Impl::facets(
    search::SearchEngine& engine) {
    auto info = engine.info();
    {
        std::lock_guard lock(facet_mutex);
        if (facet_snapshot && facet_snapshot->generation == info.generation) {
            return facet_snapshot;
        }
    }
    auto snapshot = std::make_shared<FacetSnapshot>();
    snapshot->generation = info.generation;
    snapshot->documents = info.documents;
    snapshot->counts = engine.all_facets();
    for (const auto& [value, count] : snapshot->counts.sectors) snapshot->sectors.insert(value);
    for (const auto& [value, count] : snapshot->counts.education_levels) {
        snapshot->education_levels.insert(value);
    }
    std::lock_guard lock(facet_mutex);
    facet_snapshot = snapshot;
    return snapshot;
}

void HttpServer::Impl::search(const Request& req, Response& res, search::SearchEngine& engine) {
    search::SearchRequest request = search_request_from(req.params, options.engine);

    if (!request.sectors.empty() || !request.education_levels.empty()) {
        auto known = facets(engine);
        const auto check = [](const std::vector<std::string>& values,
                              const std::set<std::string>& vocabulary, const std::string& name) {
            for (const auto& value : values) {
                if (!vocabulary.contains(value)) {
                    throw RequestError(
                        400, "unknown_facet_value",
                        "unknown " + name + " \"" + value + "\"; GET /api/facets lists the values");
                }
            }
        };
        check(request.sectors, known->sectors, "sector");
        check(request.education_levels, known->education_levels, "education");
    }
    res.status = 200;
    res.set_content(api::search_response_text(engine.search(request)), kJson);
}

void HttpServer::Impl::suggest(const Request& req, Response& res, search::SearchEngine& engine) {
    auto [prefix, limit] = suggest_request_from(req.params, options.engine);
    if (prefix.empty()) {
        send_json(res, api::suggestions_to_json({}));
        return;
    }
    send_json(res, api::suggestions_to_json(engine.suggest(prefix, limit)));
}

void HttpServer::Impl::occupation(const Request& req, Response& res, search::SearchEngine& engine) {
    QueryParams params(req.params, {});
    const std::string id = req.matches[1].str();
    if (!utf8::is_valid(id)) throw RequestError(400, "invalid_utf8", "the id is not valid UTF-8");
    std::optional<std::string> record;
    if (id.size() <= kMaxIdBytes) record = engine.occupation_json(id);
    if (!record) throw RequestError(404, "not_found", "no occupation with id \"" + id + "\"");
    res.set_content(*record, kJson);
}

void HttpServer::Impl::facet_counts(const Request& req, Response& res,
                                    search::SearchEngine& engine) {
    QueryParams params(req.params, {});
    auto snapshot = facets(engine);
    nlohmann::ordered_json json;
    json["documents"] = snapshot->documents;
    json["facets"] = api::facets_to_json(snapshot->counts);
    send_json(res, json);
}

void HttpServer::Impl::analyze(const Request& req, Response& res) {
    QueryParams params(req.params, {"text", "lang"});
    if (!params.single("text")) {
        throw RequestError(400, "missing_parameter", "parameter \"text\" is required");
    }
    auto text = params.text("text", kMaxAnalyzeBytes, "text_too_long");
    auto language = parse_language(params.single("lang").value_or(""));
    send_json(res, api::analysis_to_json(pool.analyzer()->analyze(text, language)));
}

void HttpServer::Impl::health(const Request& req, Response& res) {
    QueryParams params(req.params, {});
    res.set_header("Cache-Control", "no-store");
    auto info = pool.borrow_without_waiting()->info();
    nlohmann::ordered_json json;
    for (const auto& set : options.route_sets) {
        if (auto body = set->health(req)) {  // e.g. Meilisearch clients check for their shape
            send_json(res, *body);
            return;
        }
    }
    json["status"] = "ok";
    json["generation"] = info.generation;
    json["documents"] = info.documents;
    send_json(res, json);
}

void HttpServer::Impl::metrics_text(const Request& req, Response& res) {
    QueryParams params(req.params, {});
    res.set_header("Cache-Control", "no-store");
    search::IndexInfo info;
    try {
        info = pool.borrow_without_waiting()->info();
    } catch (const search::IndexOpenError&) {
        info.generation = "unavailable";  // metrics stay up while the index is down
    }
    res.set_content(metrics.prometheus_text(info.generation, info.documents) +
                        connection_metrics(gate.refused(), server.timed_out()) +
                        engine_metrics(pool.engines(), pool.waiting()),
                    "text/plain; version=0.0.4; charset=utf-8");
}

HttpServer::HttpServer(HttpServerOptions options)
    : impl_(std::make_unique<Impl>(std::move(options))) {}

HttpServer::~HttpServer() {
    stop();
}

void HttpServer::bind() {
    std::lock_guard lock(impl_->bind_mutex);
    if (impl_->bound) return;
    const auto& host = impl_->options.host;
    int port = impl_->options.port;
    if (port == 0) {
        port = impl_->server.bind_to_any_port(host);
    } else if (!impl_->server.bind_to_port(host, port)) {
        port = -1;
    }
    if (port <= 0) {
        throw std::runtime_error("cannot listen on " + host + ":" +
                                 std::to_string(impl_->options.port) +
                                 " (address in use or not available)");
    }
    // A burst of new connections past a backlog of 5 waits a second for SYN retransmission.
    if (impl_->listen_socket != INVALID_SOCKET) ::listen(impl_->listen_socket, SOMAXCONN);
    impl_->port = port;
    impl_->bound = true;
}

void HttpServer::run() {
    bind();
    impl_->running = true;
    if (!impl_->stop_requested) {
        ConnectionGate::AcceptScope gated(impl_->gate);
        impl_->server.listen_after_bind();
    }
    impl_->running = false;
}

void HttpServer::stop() {
    impl_->stop_requested = true;
    // run() may be between its check and the library's accept loop: wait for the loop so
    // that stopping it is not lost.
    while (impl_->running && !impl_->server.is_running()) {
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    impl_->server.stop();
}

void HttpServer::request_reopen() {
    impl_->pool.request_reopen();
    if (impl_->access_log) impl_->access_log->reopen();
}

int HttpServer::port() const {
    return impl_->port;
}

search::IndexInfo HttpServer::index_info() const {
    return impl_->pool.borrow_without_waiting()->info();
}

}  // namespace yrkesok::http
