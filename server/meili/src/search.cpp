#include "search.h"

#include <algorithm>
#include <charconv>
#include <optional>

#include "yrkesok/meili/filter_parser.h"
#include "yrkesok/searcher/passage.h"

namespace yrkesok::meili {
namespace {

using nlohmann::json;
using nlohmann::ordered_json;

constexpr std::string_view kTextAttributes[] = {"title", "summary", "body"};

// Every body member we accept, then those Meilisearch has and we refuse by name.
const std::vector<std::string> kAccepted = {"q",
                                            "offset",
                                            "limit",
                                            "page",
                                            "hitsPerPage",
                                            "filter",
                                            "facets",
                                            "attributesToRetrieve",
                                            "attributesToHighlight",
                                            "highlightPreTag",
                                            "highlightPostTag",
                                            "attributesToCrop",
                                            "cropLength",
                                            "cropMarker",
                                            "showMatchesPosition",
                                            "sort"};

std::string list_of(const std::vector<std::string>& names) {
    std::string out;
    for (const auto& name : names) out += (out.empty() ? "`" : ", `") + name + "`";
    return out;
}

[[noreturn]] void bad(const std::string& code, const std::string& message) {
    throw MeiliError(400, code, message);
}

std::string type_name(const json& value) {
    if (value.is_null()) return "null";
    if (value.is_boolean()) return "a boolean";
    if (value.is_number()) return "a number";
    if (value.is_string()) return "a string";
    if (value.is_array()) return "an array";
    return "an object";
}

std::size_t natural(const json& value, const char* name, const std::string& code) {
    if (value.is_number_unsigned()) return value.get<std::size_t>();
    if (value.is_number_integer() && value.get<long long>() >= 0) {
        return static_cast<std::size_t>(value.get<long long>());
    }
    bad(code, "Invalid value type at `." + std::string(name) +
                  "`: expected a positive integer, but found " + type_name(value) + ": `" +
                  value.dump() + "`.");
}

std::string text(const json& value, const char* name, const std::string& code) {
    if (!value.is_string()) {
        bad(code, "Invalid value type at `." + std::string(name) +
                      "`: expected a string, but found " + type_name(value) + ": `" + value.dump() +
                      "`.");
    }
    return value.get<std::string>();
}

std::vector<std::string> string_list(const json& value, const char* name, const std::string& code) {
    std::vector<std::string> out;
    if (value.is_null()) return out;
    if (!value.is_array()) {
        bad(code, "Invalid value type at `." + std::string(name) +
                      "`: expected an array, but found " + type_name(value) + ": `" + value.dump() +
                      "`.");
    }
    for (const auto& item : value) {
        if (!item.is_string()) {
            bad(code, "Invalid value type at `." + std::string(name) +
                          "[…]`: expected a string, but found " + type_name(item) + ": `" +
                          item.dump() + "`.");
        }
        out.push_back(item.get<std::string>());
    }
    return out;
}

bool known(const std::vector<std::string>& names, const std::string& name) {
    return std::find(names.begin(), names.end(), name) != names.end();
}

search::filter::Expr parse_one(const std::string& text) {
    FilterOptions options;
    options.filterable = kFilterable;
    try {
        auto expr = parse_filter(text, options);
        // An empty string inside an array matches everything, like no condition.
        return expr ? *expr : search::filter::Expr::all({});
    } catch (const FilterError& e) {
        bad("invalid_search_filter", e.what());
    }
}

// The filter member: a string, or an array of strings (AND) and arrays of strings (OR).
std::optional<search::filter::Expr> parse_filter(const json& value) {
    using search::filter::Expr;
    if (value.is_null()) return std::nullopt;
    if (value.is_string()) {
        FilterOptions options;
        options.filterable = kFilterable;
        try {
            return parse_filter(value.get<std::string>(), options);
        } catch (const FilterError& e) {
            bad("invalid_search_filter", e.what());
        }
    }
    const std::string shape =
        "Invalid syntax for the filter parameter: expected a string, or an array of strings "
        "and arrays of strings, but found ";
    if (!value.is_array()) bad("invalid_search_filter", shape + type_name(value) + ".");
    std::vector<Expr> all;
    for (const auto& item : value) {
        if (item.is_string()) {
            all.push_back(parse_one(item.get<std::string>()));
        } else if (item.is_array()) {
            std::vector<Expr> any;
            for (const auto& inner : item) {
                if (!inner.is_string()) {
                    bad("invalid_search_filter", shape + type_name(inner) +
                                                     " inside an inner array: `" + inner.dump() +
                                                     "`.");
                }
                any.push_back(parse_one(inner.get<std::string>()));
            }
            if (any.empty()) continue;  // an empty OR group constrains nothing
            all.push_back(Expr::any(std::move(any)));
        } else {
            bad("invalid_search_filter", shape + type_name(item) + ": `" + item.dump() + "`.");
        }
    }
    // Drop the empty AND groups of empty strings.
    std::erase_if(all,
                  [](const Expr& e) { return e.kind == Expr::Kind::all_of && e.children.empty(); });
    if (all.empty()) return std::nullopt;
    return Expr::all(std::move(all));
}

// Attribute names of a list member, "*" standing for all of `universe`; unknown names are
// dropped, as Meilisearch ignores attributes no document has.
std::set<std::string> attributes(const std::vector<std::string>& names,
                                 const std::vector<std::string>& universe) {
    std::set<std::string> out;
    for (const auto& name : names) {
        if (name == "*") {
            out.insert(universe.begin(), universe.end());
        } else if (known(universe, name)) {
            out.insert(name);
        }
    }
    return out;
}

// --- response ---

bool is_text(const std::string& attribute) {
    return std::find(std::begin(kTextAttributes), std::end(kTextAttributes), attribute) !=
           std::end(kTextAttributes);
}

json attribute_value(const search::Hit& hit, const std::string& attribute) {
    if (attribute == "id") return hit.id;
    if (attribute == "title") return hit.title;
    if (attribute == "styrk08") return hit.styrk08;
    if (attribute == "sectors") return hit.sectors;
    if (attribute == "education_levels") return hit.education_levels;
    if (attribute == "summary") return hit.summary;
    if (attribute == "body") return hit.body;
    if (attribute == "language") return hit.language;
    if (attribute == "updated") return hit.updated;
    return nullptr;
}

const std::string& field_text(const search::Hit& hit, const std::string& attribute) {
    if (attribute == "title") return hit.title;
    if (attribute == "summary") return hit.summary;
    return hit.body;
}

// Text [from, to) of `words` rendered with the matched words between the tags.
std::string render(const std::string& text, const std::vector<search::WordSpan>& words,
                   std::size_t first, std::size_t last, std::size_t from, std::size_t to,
                   const MeiliQuery& query, bool highlight) {
    std::string out;
    std::size_t cursor = from;
    for (std::size_t i = first; i < last; ++i) {
        const auto& w = words[i];
        if (!highlight || !w.match || w.start < cursor || w.end > to) continue;
        out.append(text, cursor, w.start - cursor);
        out += query.pre_tag;
        out.append(text, w.start, w.end - w.start);
        out += query.post_tag;
        cursor = w.end;
    }
    out.append(text, cursor, to - cursor);
    return out;
}

std::string formatted_text(const search::Hit& hit, const std::string& attribute,
                           const MeiliQuery& query) {
    const std::string& text = field_text(hit, attribute);
    static const std::vector<search::WordSpan> kNone;
    auto found = hit.words.find(attribute);
    const auto& words = found == hit.words.end() ? kNone : found->second;
    const bool highlight = query.highlight.contains(attribute);
    auto crop = query.crop.find(attribute);
    if (crop == query.crop.end() || crop->second >= words.size()) {
        return render(text, words, 0, words.size(), 0, text.size(), query, highlight);
    }
    const std::size_t length = crop->second;
    if (length == 0) return words.empty() ? std::string() : query.crop_marker;
    // The same window the native snippets would choose (passage.h).
    search::WordMatches matches;
    std::map<std::string_view, std::uint32_t> numbers;
    std::vector<std::uint32_t> word_numbers;
    for (std::size_t i = 0; i < words.size(); ++i) {
        word_numbers.clear();
        for (const auto& term : words[i].terms) {
            word_numbers.push_back(numbers.emplace(term, numbers.size()).first->second);
        }
        matches.add_word(static_cast<std::uint32_t>(i), word_numbers);
    }
    matches.term_count = numbers.size();
    const auto [best, best_count] = search::best_window(matches, length);
    // Centre the matches of that window in it, as far as the text allows.
    std::size_t first = best;
    if (best_count > 0) {
        std::size_t first_match = best, last_match = best;
        for (std::size_t i = best; i < best + length; ++i) {
            if (!words[i].match) continue;
            if (!words[first_match].match) first_match = i;
            last_match = i;
        }
        const std::size_t slack = length - (last_match - first_match + 1);
        first = first_match >= slack / 2 ? first_match - slack / 2 : 0;
        first = std::min(first, words.size() - length);
    }
    const std::size_t last = first + length;  // exclusive
    std::string out;
    if (first > 0) out += query.crop_marker;
    out +=
        render(text, words, first, last, words[first].start, words[last - 1].end, query, highlight);
    if (last < words.size()) out += query.crop_marker;
    return out;
}

ordered_json hit_json(const search::Hit& hit, const MeiliQuery& query) {
    ordered_json item = ordered_json::object();
    for (const auto& attribute : query.retrieve) item[attribute] = attribute_value(hit, attribute);
    if (query.formatted) {
        ordered_json formatted = ordered_json::object();
        for (const auto& attribute : query.retrieve) {
            if (is_text(attribute) &&
                (query.highlight.contains(attribute) || query.crop.contains(attribute))) {
                formatted[attribute] = formatted_text(hit, attribute, query);
            } else {
                formatted[attribute] = attribute_value(hit, attribute);
            }
        }
        item["_formatted"] = std::move(formatted);
    }
    if (query.matches_position) {
        ordered_json positions = ordered_json::object();
        for (std::string_view name : kTextAttributes) {
            auto found = hit.words.find(std::string(name));
            if (found == hit.words.end()) continue;
            ordered_json list = ordered_json::array();
            for (const auto& w : found->second) {
                if (w.match) list.push_back({{"start", w.start}, {"length", w.end - w.start}});
            }
            if (!list.empty()) positions[std::string(name)] = std::move(list);
        }
        item["_matchesPosition"] = std::move(positions);
    }
    return item;
}

}  // namespace

ordered_json error_json(const MeiliError& error) {
    ordered_json json;
    json["message"] = error.what();
    json["code"] = error.code();
    json["type"] = error.type();
    json["link"] = "https://docs.meilisearch.com/errors#" + error.code();
    return json;
}

MeiliQuery parse_search(const json& body, const MeiliLimits& limits, bool multi) {
    if (!body.is_object()) {
        bad("bad_request", "Invalid value type: expected an object, but found " + type_name(body) +
                               ": `" + body.dump() + "`.");
    }
    MeiliQuery query;
    auto& request = query.request;
    request.snippets = false;
    request.details = true;
    // Meilisearch matches the last query word as a prefix (its default prefixSearch).
    request.prefix = true;
    // Meilisearch's answer carries only the `facets` distribution, never our disjunctive counts.
    request.facets = false;
    std::vector<std::string> accepted = kAccepted;
    if (multi) accepted.insert(accepted.begin(), "indexUid");
    for (const auto& [name, value] : body.items()) {
        if (!known(accepted, name)) {
            bad("bad_request", "Unknown field `" + name + "`: expected one of " +
                                   list_of(accepted) +
                                   ". This server serves a subset of the Meilisearch search "
                                   "API; other parameters are refused rather than ignored.");
        }
    }
    auto member = [&](const char* name) -> const json* {
        auto it = body.find(name);
        return it == body.end() || it->is_null() ? nullptr : &*it;
    };

    if (auto* q = member("q")) {
        request.query = text(*q, "q", "invalid_search_q");
        if (request.query.size() > limits.max_query_bytes) {
            bad("invalid_search_q", "The query is " + std::to_string(request.query.size()) +
                                        " bytes; at most " +
                                        std::to_string(limits.max_query_bytes) + " are allowed.");
        }
    }
    const json* page = member("page");
    const json* hits_per_page = member("hitsPerPage");
    if (auto* v = member("offset")) query.offset = natural(*v, "offset", "invalid_search_offset");
    if (auto* v = member("limit")) query.limit = natural(*v, "limit", "invalid_search_limit");
    if (page || hits_per_page) {
        query.page_mode = true;
        if (page) query.page = natural(*page, "page", "invalid_search_page");
        if (hits_per_page) {
            query.hits_per_page =
                natural(*hits_per_page, "hitsPerPage", "invalid_search_hits_per_page");
        }
        if (query.page == 0) {
            bad("invalid_search_page",
                "Invalid value in parameter `page`: pages are numbered from 1, got 0.");
        }
    }
    // Hits past max_total_hits are never returned, as in Meilisearch; the totals stay exact.
    const std::size_t window = limits.max_total_hits;
    std::size_t first = 0, count = 0;
    if (query.page_mode) {
        const std::size_t capped = std::min(query.hits_per_page, window);
        first = (query.page - 1) > window / std::max<std::size_t>(capped, 1)
                    ? window
                    : (query.page - 1) * capped;
        count = capped;
    } else {
        first = query.offset;
        count = query.limit;
    }
    first = std::min(first, window);
    count = std::min(count, window - first);
    request.offset = first;
    request.limit = count;

    if (auto* v = member("filter")) request.filter = parse_filter(*v);

    if (auto* v = member("facets")) {
        for (const auto& name : string_list(*v, "facets", "invalid_search_facets")) {
            if (name == "*") {
                request.distribution = kFilterable;
                continue;
            }
            if (!known(kFilterable, name)) {
                bad("invalid_search_facets",
                    "Invalid facet distribution: attribute `" + name +
                        "` is not filterable. The available filterable attributes are " +
                        list_of(kFilterable) + ".");
            }
            if (!known(request.distribution, name)) request.distribution.push_back(name);
        }
    }

    auto retrieve = kAttributes;
    if (auto* v = member("attributesToRetrieve")) {
        auto chosen = attributes(
            string_list(*v, "attributesToRetrieve", "invalid_search_attributes_to_retrieve"),
            kAttributes);
        std::erase_if(retrieve, [&](const std::string& a) { return !chosen.contains(a); });
    }
    query.retrieve = retrieve;

    if (auto* v = member("attributesToHighlight")) {
        query.highlight = attributes(
            string_list(*v, "attributesToHighlight", "invalid_search_attributes_to_highlight"),
            kAttributes);
        query.formatted = query.formatted || !v->empty();
    }
    if (auto* v = member("highlightPreTag")) {
        query.pre_tag = text(*v, "highlightPreTag", "invalid_search_highlight_pre_tag");
    }
    if (auto* v = member("highlightPostTag")) {
        query.post_tag = text(*v, "highlightPostTag", "invalid_search_highlight_post_tag");
    }
    std::size_t crop_length = 10;
    if (auto* v = member("cropLength")) {
        crop_length = natural(*v, "cropLength", "invalid_search_crop_length");
    }
    if (auto* v = member("cropMarker")) {
        query.crop_marker = text(*v, "cropMarker", "invalid_search_crop_marker");
    }
    if (auto* v = member("attributesToCrop")) {
        for (const auto& entry :
             string_list(*v, "attributesToCrop", "invalid_search_attributes_to_crop")) {
            std::string name = entry;
            std::size_t length = crop_length;
            if (auto colon = entry.rfind(':'); colon != std::string::npos) {
                name = entry.substr(0, colon);
                const std::string digits = entry.substr(colon + 1);
                auto [end, error] =
                    std::from_chars(digits.data(), digits.data() + digits.size(), length);
                if (digits.empty() || error != std::errc() ||
                    end != digits.data() + digits.size()) {
                    bad("invalid_search_attributes_to_crop",
                        "Invalid value in `.attributesToCrop`: `" + entry +
                            "`; write `attribute` or `attribute:words`.");
                }
            }
            for (const auto& a : attributes({name}, kAttributes)) query.crop[a] = length;
        }
        query.formatted = query.formatted || !v->empty();
    }
    if (auto* v = member("showMatchesPosition")) {
        if (!v->is_boolean()) {
            bad("invalid_search_show_matches_position",
                "Invalid value type at `.showMatchesPosition`: expected a boolean, but found " +
                    type_name(*v) + ": `" + v->dump() + "`.");
        }
        query.matches_position = v->get<bool>();
    }
    if (auto* v = member("sort")) {
        auto rules = string_list(*v, "sort", "invalid_search_sort");
        if (!rules.empty()) {
            const auto& rule = rules.front();
            const auto colon = rule.rfind(':');
            const std::string name = colon == std::string::npos ? rule : rule.substr(0, colon);
            bad("invalid_search_sort",
                "Attribute `" + name +
                    "` is not sortable. This index has no sortable attributes: hits come in "
                    "relevance order, or by title for an empty query.");
        }
    }
    return query;
}

json query_string_to_body(const std::multimap<std::string, std::string>& params) {
    json body = json::object();
    static const std::map<std::string, std::string> kNumbers = {
        {"offset", "invalid_search_offset"},
        {"limit", "invalid_search_limit"},
        {"page", "invalid_search_page"},
        {"hitsPerPage", "invalid_search_hits_per_page"},
        {"cropLength", "invalid_search_crop_length"}};
    static const std::set<std::string> kLists = {
        "facets", "attributesToRetrieve", "attributesToHighlight", "attributesToCrop", "sort"};
    for (const auto& [name, value] : params) {
        if (body.contains(name)) {
            bad("bad_request", "Parameter `" + name + "` is given more than once.");
        }
        if (auto number = kNumbers.find(name); number != kNumbers.end()) {
            std::size_t n = 0;
            auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), n);
            if (value.empty() || error != std::errc() || end != value.data() + value.size()) {
                bad(number->second, "Invalid value in parameter `" + name + "`: could not parse `" +
                                        value + "` as a positive integer.");
            }
            body[name] = n;
        } else if (kLists.contains(name)) {
            json list = json::array();
            std::size_t start = 0;
            while (start <= value.size() && !value.empty()) {
                auto comma = value.find(',', start);
                if (comma == std::string::npos) comma = value.size();
                list.push_back(value.substr(start, comma - start));
                start = comma + 1;
            }
            body[name] = std::move(list);
        } else if (name == "showMatchesPosition") {
            if (value != "true" && value != "false") {
                bad("invalid_search_show_matches_position",
                    "Invalid value in parameter `showMatchesPosition`: expected `true` or "
                    "`false`, got `" +
                        value + "`.");
            }
            body[name] = value == "true";
        } else {
            body[name] = value;
        }
    }
    return body;
}

ordered_json search_response(const MeiliQuery& query, const search::SearchResponse& response) {
    ordered_json json;
    ordered_json hits = ordered_json::array();
    for (const auto& hit : response.hits) hits.push_back(hit_json(hit, query));
    json["hits"] = std::move(hits);
    json["query"] = response.query;
    json["processingTimeMs"] = static_cast<std::size_t>(response.took_ms);
    if (query.page_mode) {
        json["hitsPerPage"] = query.hits_per_page;
        json["page"] = query.page;
        json["totalPages"] = query.hits_per_page == 0
                                 ? 0
                                 : (response.total + query.hits_per_page - 1) / query.hits_per_page;
        json["totalHits"] = response.total;
    } else {
        json["limit"] = query.limit;
        json["offset"] = query.offset;
        json["estimatedTotalHits"] = response.total;
    }
    if (!query.request.distribution.empty()) {
        ordered_json distribution = ordered_json::object();
        for (const auto& name : query.request.distribution) {
            ordered_json counts = ordered_json::object();
            if (auto found = response.distribution.find(name);
                found != response.distribution.end()) {
                for (const auto& [value, count] : found->second) counts[value] = count;
            }
            distribution[name] = std::move(counts);
        }
        json["facetDistribution"] = std::move(distribution);
        // No facet is numeric, so there are no facet stats.
        json["facetStats"] = ordered_json::object();
    }
    return json;
}

}  // namespace yrkesok::meili
