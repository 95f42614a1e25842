// The Meilisearch-compatible search API without HTTP: a search request body (JSON, as
// POST /indexes/{uid}/search and each query of POST /multi-search carry it, or the query
// string of GET, converted) checked and turned into an engine request, and the engine's
// response shaped as Meilisearch answers. Every mistake is a MeiliError carrying Meilisearch's
// error code. Pure functions, safe from any thread.
#pragma once

#include <cstddef>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "yrkesok/searcher/search_engine.h"

namespace yrkesok::meili {

// The one index this server holds, under the uid Meilisearch clients name it by.
inline constexpr const char* kIndexUid = "yrker";
inline constexpr const char* kPrimaryKey = "id";
// The version GET /version reports: the Meilisearch API this subset follows.
inline constexpr const char* kCompatibleVersion = "1.12.0";

// The fields of a hit, in the order they are returned.
inline const std::vector<std::string> kAttributes = {
    "id",      "title", "styrk08",  "sectors", "education_levels",
    "summary", "body",  "language", "updated"};
inline const std::vector<std::string> kFilterable = {"sectors", "education_levels", "language",
                                                     "styrk08"};

// A request Meilisearch would refuse, or one this server does not serve.
class MeiliError : public std::runtime_error {
  public:
    MeiliError(int status, std::string code, const std::string& message,
               std::string type = "invalid_request")
        : std::runtime_error(message),
          status_(status),
          code_(std::move(code)),
          type_(std::move(type)) {}
    int status() const { return status_; }
    const std::string& code() const { return code_; }
    const std::string& type() const { return type_; }

  private:
    int status_;
    std::string code_;
    std::string type_;
};

// {"message","code","type","link"}
nlohmann::ordered_json error_json(const MeiliError& error);

struct MeiliQuery {
    search::SearchRequest request;  // query, filter, offset/limit, distribution, details
    bool page_mode = false;         // page/hitsPerPage given: answer with totalHits/totalPages
    std::size_t page = 1;
    std::size_t hits_per_page = 20;
    std::size_t offset = 0;  // as asked (the engine's may be clamped to the window)
    std::size_t limit = 20;
    std::vector<std::string> retrieve;        // attributes of each hit, in kAttributes order
    std::set<std::string> highlight;          // attributes to highlight
    std::map<std::string, std::size_t> crop;  // attribute -> words
    std::string pre_tag = "<em>";
    std::string post_tag = "</em>";
    std::string crop_marker = "…";
    bool matches_position = false;
    bool formatted = false;  // highlight or crop asked: hits carry _formatted
};

struct MeiliLimits {
    std::size_t max_query_bytes = 512;
    std::size_t max_total_hits = 1000;  // Meilisearch's pagination.maxTotalHits
};

// Checks a search body (a JSON object). `multi` allows the member indexUid.
MeiliQuery parse_search(const nlohmann::json& body, const MeiliLimits& limits, bool multi);

// The query string of GET /indexes/{uid}/search as the equivalent body: lists are
// comma-separated, numbers and booleans converted (a malformed one is the parameter's error).
nlohmann::json query_string_to_body(const std::multimap<std::string, std::string>& params);

// The response body for one search.
nlohmann::ordered_json search_response(const MeiliQuery& query,
                                       const search::SearchResponse& response);

}  // namespace yrkesok::meili
