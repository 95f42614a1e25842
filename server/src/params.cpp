#include "yrkesok/server/params.h"

#include <algorithm>
#include <charconv>

#include "yrkesok/analyzers/utf8.h"

namespace yrkesok::http {

QueryParams::QueryParams(const std::multimap<std::string, std::string>& params,
                         std::initializer_list<std::string_view> allowed)
    : params_(params) {
    for (const auto& [name, value] : params_) {
        if (!utf8::is_valid(name)) {
            throw RequestError(400, "invalid_utf8", "a parameter name is not valid UTF-8");
        }
        if (std::find(allowed.begin(), allowed.end(), name) == allowed.end()) {
            std::string accepted;
            for (auto known : allowed) {
                accepted += accepted.empty() ? "" : ", ";
                accepted += known;
            }
            throw RequestError(400, "unknown_parameter",
                               "unknown parameter \"" + name + "\"" +
                                   (accepted.empty() ? "; this route takes none"
                                                     : "; this route takes " + accepted));
        }
        if (!utf8::is_valid(value)) {
            throw RequestError(400, "invalid_utf8",
                               "parameter \"" + name + "\" is not valid UTF-8");
        }
    }
}

// A bad value as an error message echoes it: at most a short prefix (the value may be long),
// and nothing that is not UTF-8.
static std::string echoed(const std::string& value) {
    std::string shown = value.size() > 20 ? value.substr(0, 20) + "…" : value;
    return utf8::is_valid(shown) ? shown : "…";
}

std::optional<std::string> QueryParams::single(const std::string& name) const {
    auto [first, last] = params_.equal_range(name);
    if (first == last) return std::nullopt;
    if (std::next(first) != last) {
        throw RequestError(400, "repeated_parameter",
                           "parameter \"" + name + "\" may be given only once");
    }
    return first->second;
}

std::vector<std::string> QueryParams::all(const std::string& name) const {
    std::vector<std::string> values;
    auto [first, last] = params_.equal_range(name);
    for (auto it = first; it != last; ++it) values.push_back(it->second);
    return values;
}

std::size_t QueryParams::integer(const std::string& name, std::size_t fallback, std::size_t min,
                                 std::size_t max) const {
    auto text = single(name);
    if (!text) return fallback;
    std::size_t number = 0;
    auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), number);
    if (text->empty() || error != std::errc() || end != text->data() + text->size() ||
        number < min || number > max) {
        const std::string shown = echoed(*text);
        throw RequestError(400, "invalid_parameter",
                           "parameter \"" + name + "\" must be a whole number from " +
                               std::to_string(min) + " to " + std::to_string(max) + ", got \"" +
                               shown + "\"");
    }
    return number;
}

bool QueryParams::boolean(const std::string& name, bool fallback) const {
    auto value = single(name);
    if (!value) return fallback;
    if (*value == "true" || *value == "1") return true;
    if (*value == "false" || *value == "0") return false;
    const std::string shown = echoed(*value);
    throw RequestError(400, "invalid_parameter",
                       "parameter \"" + name + "\" must be true or false, got \"" + shown + "\"");
}

std::string QueryParams::text(const std::string& name, std::size_t max_bytes,
                              const std::string& too_long_code) const {
    auto value = single(name);
    if (!value) return {};
    if (value->size() > max_bytes) {
        throw RequestError(400, too_long_code,
                           "parameter \"" + name + "\" is " + std::to_string(value->size()) +
                               " bytes; at most " + std::to_string(max_bytes) + " are allowed");
    }
    return *value;
}

search::SearchRequest search_request_from(const std::multimap<std::string, std::string>& raw,
                                          const search::EngineOptions& engine) {
    QueryParams params(raw, {"q", "sector", "education", "page", "per_page", "prefix"});
    search::SearchRequest request;
    request.prefix = params.boolean("prefix", true);
    request.query = params.text("q", engine.max_query_bytes, "query_too_long");
    request.sectors = params.all("sector");
    request.education_levels = params.all("education");
    request.page = params.integer("page", 1, 1, kMaxPage);
    request.per_page = params.integer("per_page", 10, 1, engine.max_per_page);
    return request;
}

SuggestRequest suggest_request_from(const std::multimap<std::string, std::string>& raw,
                                    const search::EngineOptions& engine) {
    QueryParams params(raw, {"q", "limit"});
    SuggestRequest request;
    request.prefix = params.text("q", engine.max_query_bytes, "query_too_long");
    request.limit = params.integer("limit", kDefaultSuggestions, 1, kMaxSuggestions);
    return request;
}

}  // namespace yrkesok::http
