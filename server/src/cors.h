// Cross-origin access to the API (CORS), for a search box on a site whose pages come from
// another origin than the API. One policy for every public route, native and Meilisearch:
// responses carry Access-Control-Allow-Origin for an allowed Origin, and a preflight OPTIONS
// is answered 204 with the methods and headers a browser may use.
#pragma once

#include <httplib.h>

#include <string>
#include <vector>

namespace yrkesok::http {

class CorsPolicy {
  public:
    // `origins`: "*" for any origin (the default), else exact origins such as
    // "https://www.example.no"; empty for no cross-origin access.
    explicit CorsPolicy(std::vector<std::string> origins) : origins_(std::move(origins)) {}

    // Adds Access-Control-Allow-Origin when the request's origin is allowed (always "*" for a
    // policy of "*", so caches may share the answer; the origin itself and Vary: Origin for
    // a list).
    void allow(const httplib::Request& req, httplib::Response& res) const;
    // Answers a preflight request: 204, the methods `methods` and the request headers a
    // client sends; an origin not allowed gets 204 with no Allow-Origin, which the browser
    // reads as a refusal.
    void preflight(const httplib::Request& req, httplib::Response& res,
                   const std::string& methods) const;

  private:
    bool any() const;
    bool allowed(const std::string& origin) const;

    std::vector<std::string> origins_;
};

}  // namespace yrkesok::http
