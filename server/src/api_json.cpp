#include "yrkesok/server/api_json.h"

#include <optional>

#include "json_text.h"

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

void append_string(std::string& out, const std::string& text) {
    http::detail::append_json_text(out, text);
}

void append_strings(std::string& out, const std::vector<std::string>& texts) {
    out += '[';
    for (std::size_t i = 0; i < texts.size(); ++i) {
        if (i > 0) out += ',';
        append_string(out, texts[i]);
    }
    out += ']';
}

void append_optional(std::string& out, const std::optional<std::string>& text) {
    if (text) {
        append_string(out, *text);
    } else {
        out += "null";
    }
}

void append_counts(std::string& out, const search::FacetCounts& counts) {
    out += '{';
    for (std::size_t i = 0; i < counts.size(); ++i) {
        if (i > 0) out += ',';
        append_string(out, counts[i].first);
        out += ':';
        out += std::to_string(counts[i].second);
    }
    out += '}';
}

}  // namespace

std::string search_response_text(const search::SearchResponse& response) {
    // Doubles as nlohmann writes them (shortest round trip; NaN and infinities as null).
    const auto number = [](double value) { return nlohmann::json(value).dump(); };
    std::string out;
    out.reserve(1024 + 512 * response.hits.size());
    out += "{\"query\":";
    append_string(out, response.query);
    out += ",\"total\":" + std::to_string(response.total);
    out += ",\"page\":" + std::to_string(response.page);
    out += ",\"per_page\":" + std::to_string(response.per_page);
    out += ",\"took_ms\":" + number(response.took_ms);
    out += ",\"corrected_query\":";
    append_optional(out, response.corrected_query);
    out += ",\"suggestion\":";
    append_optional(out, response.suggestion);
    out += ",\"hits\":[";
    for (std::size_t i = 0; i < response.hits.size(); ++i) {
        const search::Hit& hit = response.hits[i];
        out += i > 0 ? ",{\"id\":" : "{\"id\":";
        append_string(out, hit.id);
        out += ",\"title\":";
        append_string(out, hit.title);
        out += ",\"score\":" + number(hit.score);
        out += ",\"snippet\":";
        append_string(out, hit.snippet);
        out += ",\"sectors\":";
        append_strings(out, hit.sectors);
        out += ",\"education_levels\":";
        append_strings(out, hit.education_levels);
        out += ",\"styrk08\":";
        append_strings(out, hit.styrk08);
        out += ",\"language\":";
        append_string(out, hit.language);
        out += '}';
    }
    out += "],\"facets\":{\"sectors\":";
    append_counts(out, response.sectors);
    out += ",\"education_levels\":";
    append_counts(out, response.education_levels);
    out += "}}";
    return out;
}

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
