// Query-string checking for the HTTP routes: unknown, repeated, non-numeric, out-of-range and
// non-UTF-8 parameters become a RequestError, which the server turns into a JSON 4xx. Free of
// httplib types so it can be tested alone.
#pragma once

#include <cstddef>
#include <initializer_list>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "yrkesok/searcher/search_engine.h"

namespace yrkesok::http {

// The routes' own bounds.
inline constexpr std::size_t kMaxPage = 10000;
inline constexpr std::size_t kMaxSuggestions = 20;
inline constexpr std::size_t kDefaultSuggestions = 8;

// A client mistake: `status` is the HTTP status, `code` the stable error code of the body.
class RequestError : public std::runtime_error {
  public:
    RequestError(int status, std::string code, const std::string& message)
        : std::runtime_error(message), status_(status), code_(std::move(code)) {}

    int status() const { return status_; }
    const std::string& code() const { return code_; }

  private:
    int status_;
    std::string code_;
};

// The decoded query parameters of one request, checked against the names a route accepts.
class QueryParams {
  public:
    // Throws RequestError: 400 unknown_parameter for a name outside `allowed`, 400
    // invalid_utf8 for a name or value that is not UTF-8.
    QueryParams(const std::multimap<std::string, std::string>& params,
                std::initializer_list<std::string_view> allowed);

    // The value of a parameter given at most once; 400 repeated_parameter otherwise.
    std::optional<std::string> single(const std::string& name) const;
    // Every value of a repeatable parameter, in request order.
    std::vector<std::string> all(const std::string& name) const;
    // A whole number in [min, max], `fallback` when absent; 400 invalid_parameter otherwise.
    std::size_t integer(const std::string& name, std::size_t fallback, std::size_t min,
                        std::size_t max) const;
    // true/false (also 1/0), `fallback` when absent; 400 invalid_parameter otherwise.
    bool boolean(const std::string& name, bool fallback) const;
    // A text of at most `max_bytes` bytes, "" when absent; 400 `too_long_code` otherwise.
    std::string text(const std::string& name, std::size_t max_bytes,
                     const std::string& too_long_code) const;

  private:
    const std::multimap<std::string, std::string>& params_;
};

// GET /api/search's parameters (q, sector, education, page, per_page, prefix: search as you
// type, on unless prefix=false) as an engine request,
// within the engine's limits. Facet values are checked against the index's vocabulary by the
// route, which has the index; everything else here. Throws RequestError.
search::SearchRequest search_request_from(const std::multimap<std::string, std::string>& params,
                                          const search::EngineOptions& engine);

// GET /api/suggest's parameters (q, limit). Throws RequestError.
struct SuggestRequest {
    std::string prefix;
    std::size_t limit = kDefaultSuggestions;
};
SuggestRequest suggest_request_from(const std::multimap<std::string, std::string>& params,
                                    const search::EngineOptions& engine);

}  // namespace yrkesok::http
