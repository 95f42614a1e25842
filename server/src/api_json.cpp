#include "yrkesok/server/api_json.h"

namespace yrkesok::api {
namespace {

nlohmann::ordered_json counts_to_json(const search::FacetCounts& counts) {
    auto object = nlohmann::ordered_json::object();
    for (const auto& [value, count] : counts) object[value] = count;
    return object;
}

nlohmann::ordered_json optional_string(const std::optional<std::string>& text) {
    if (!text) return nullptr;
    return *text;
}

}  // namespace

nlohmann::json analysis_to_json(const std::vector<analyzers::Token>& tokens) {
    auto list = nlohmann::json::array();
    for (const auto& token : tokens) {
        auto terms = nlohmann::json::array();
        for (const auto& term : token.terms) {
            terms.push_back({{"term", term.text}, {"kind", analyzers::to_string(term.kind)}});
        }
        list.push_back({{"text", token.text},
                        {"start", token.start},
                        {"end", token.end},
                        {"position", token.position},
                        {"stopword", token.stopword},
                        {"terms", std::move(terms)}});
    }
    return {{"tokens", std::move(list)}};
}

nlohmann::ordered_json search_response_to_json(const search::SearchResponse& response) {
    auto hits = nlohmann::ordered_json::array();
    for (const auto& hit : response.hits) {
        nlohmann::ordered_json item;
        item["id"] = hit.id;
        item["title"] = hit.title;
        item["score"] = hit.score;
        item["snippet"] = hit.snippet;
        item["sectors"] = hit.sectors;
        item["education_levels"] = hit.education_levels;
        item["styrk08"] = hit.styrk08;
        item["language"] = hit.language;
        hits.push_back(std::move(item));
    }
    nlohmann::ordered_json json;
    json["query"] = response.query;
    json["total"] = response.total;
    json["page"] = response.page;
    json["per_page"] = response.per_page;
    json["took_ms"] = response.took_ms;
    json["corrected_query"] = optional_string(response.corrected_query);
    json["suggestion"] = optional_string(response.suggestion);
    json["hits"] = std::move(hits);
    json["facets"] = facets_to_json(response);
    return json;
}

nlohmann::ordered_json facets_to_json(const search::SearchResponse& response) {
    nlohmann::ordered_json json;
    json["sectors"] = counts_to_json(response.sectors);
    json["education_levels"] = counts_to_json(response.education_levels);
    return json;
}

nlohmann::ordered_json suggestions_to_json(const std::vector<search::Suggestion>& suggestions) {
    auto list = nlohmann::ordered_json::array();
    for (const auto& suggestion : suggestions) {
        nlohmann::ordered_json item;
        item["text"] = suggestion.text;
        item["kind"] = suggestion.kind;
        if (!suggestion.id.empty()) item["id"] = suggestion.id;
        list.push_back(std::move(item));
    }
    nlohmann::ordered_json json;
    json["suggestions"] = std::move(list);
    return json;
}

nlohmann::ordered_json error_to_json(const std::string& code, const std::string& message) {
    nlohmann::ordered_json error;
    error["code"] = code;
    error["message"] = message;
    nlohmann::ordered_json json;
    json["error"] = std::move(error);
    return json;
}

}  // namespace yrkesok::api
