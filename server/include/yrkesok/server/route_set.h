// Routes an adapter adds to the HTTP server, so the server knows nothing of the adapter (the
// Meilisearch-compatible API is one: yrkesok/meili/routes.h). Besides installing its handlers,
// a set answers for the paths it owns: which methods a CORS preflight is told, the error shape
// of what the library refused before routing, a bounded label for the metrics, and the /health
// body its clients expect.
#pragma once

#include <httplib.h>

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "yrkesok/server/engine_pool.h"

namespace yrkesok::http {

struct HttpServerOptions;

class RouteSet {
  public:
    virtual ~RouteSet() = default;

    // Adds the set's handlers; called once, while the server is built.
    virtual void install(httplib::Server& server, EnginePool& pool,
                         const HttpServerOptions& options) const = 0;
    // True for a path in the set's namespace: answered by it, or refused in its shape.
    virtual bool owns(const std::string& path) const = 0;
    // The Access-Control-Allow-Methods of a preflight on one of its paths.
    virtual std::string allowed_methods() const = 0;
    // The metrics label of one of its paths: a fixed, small set, never the raw path.
    virtual std::string route_label(const std::string& path) const = 0;
    // Fills `response` for the status the library set (400, 404, 413, 414…) on one of its
    // paths, in the set's error shape.
    virtual void error_response(const httplib::Request& request,
                                httplib::Response& response) const = 0;
    // The /health body for a request from one of the set's clients; nullopt for others.
    virtual std::optional<nlohmann::ordered_json> health(const httplib::Request& request) const = 0;
};

}  // namespace yrkesok::http
