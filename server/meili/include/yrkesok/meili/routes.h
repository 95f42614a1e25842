// The Meilisearch-compatible routes over the server's one index (uid "yrker"):
//
//   POST|GET /indexes/{uid}/search   search (src/search.h has the parameters)
//   POST     /multi-search           several searches in one request
//   GET      /indexes, /indexes/{uid}, /version
//   GET      /health                 {"status":"available"} for Meilisearch clients (the
//                                    server's /health handler asks the route set)
//
// Every other method or path under the Meilisearch namespace (write routes, tasks, keys,
// settings…) answers with Meilisearch's error shape {message, code, type, link} and a 4xx
// status. CORS headers and preflight answers come from the server's policy (server/src/cors.h), as
// for the native routes: by default any origin may use them, as with Meilisearch.
#pragma once

#include <memory>

#include "yrkesok/server/route_set.h"

namespace yrkesok::meili {

// The Meilisearch-compatible routes, for HttpServerOptions::route_sets.
std::shared_ptr<const http::RouteSet> route_set();

}  // namespace yrkesok::meili
