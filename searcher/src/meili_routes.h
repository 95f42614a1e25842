// The Meilisearch-compatible routes over the server's one index (uid "yrker"):
//
//   POST|GET /indexes/{uid}/search   search (meili_search.h has the parameters)
//   POST     /multi-search           several searches in one request
//   GET      /indexes, /indexes/{uid}, /version
//   GET      /health                 {"status":"available"} for Meilisearch clients (the
//                                    server's /health handler asks meili_health_requested)
//
// Every other method or path under the Meilisearch namespace (write routes, tasks, keys,
// settings…) answers with Meilisearch's error shape {message, code, type, link} and a 4xx
// status. CORS headers and preflight answers come from the server's policy (http_cors.h), as
// for the native routes: by default any origin may use them, as with Meilisearch.
#pragma once

#include <httplib.h>

#include <string>

#include "http_engine_pool.h"
#include "yrkesok/http_server.h"

namespace yrkesok::http {

void install_meili_routes(httplib::Server& server, EnginePool& pool,
                          const HttpServerOptions& options);

// For an error the library raised before routing (a body without Content-Length, a body or
// target too large) on a Meilisearch path: fills `response` with Meilisearch's error shape for
// its status and returns true. Returns false for other paths.
bool meili_error_response(const httplib::Request& request, httplib::Response& response);

// True for a path in the Meilisearch namespace (/indexes…, /multi-search, /version, …).
bool is_meili_path(const std::string& path);

// True for a request from a Meilisearch client library (it names itself in
// X-Meilisearch-Client), which expects GET /health to say {"status":"available"}.
bool meili_health_requested(const httplib::Request& request);

}  // namespace yrkesok::http
