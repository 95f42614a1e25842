#include "caching.h"

#include <cstdlib>

#include "yrkesok/format/checksum.h"

namespace yrkesok::http {
namespace {

std::string_view trim(std::string_view text) {
    const auto first = text.find_first_not_of(" \t");
    if (first == std::string_view::npos) return {};
    const auto last = text.find_last_not_of(" \t");
    return text.substr(first, last - first + 1);
}

std::string_view without_weak_prefix(std::string_view tag) {
    return tag.starts_with("W/") ? tag.substr(2) : tag;
}

// Calls `each` with every comma-separated item of a header value, trimmed.
template <typename Each>
void for_each_item(std::string_view list, Each each) {
    while (!list.empty()) {
        const auto comma = list.find(',');
        if (auto item = trim(list.substr(0, comma)); !item.empty()) each(item);
        if (comma == std::string_view::npos) break;
        list.remove_prefix(comma + 1);
    }
}

// Whether an Accept-Encoding item ("gzip", "gzip;q=0.5", "*;q=0") accepts gzip.
bool accepts_gzip(std::string_view item) {
    const auto semicolon = item.find(';');
    const auto coding = trim(item.substr(0, semicolon));
    if (coding != "gzip" && coding != "x-gzip" && coding != "*") return false;
    if (semicolon == std::string_view::npos) return true;
    auto params = trim(item.substr(semicolon + 1));
    if (!params.starts_with("q=") && !params.starts_with("Q=")) return true;
    const std::string q(trim(params.substr(2)));
    return std::strtod(q.c_str(), nullptr) > 0;
}

// The library hands requests to handlers as const, but they are its own mutable objects,
// and the library reads Accept-Encoding again only after the handler, to compress.
httplib::Headers& headers_of(const httplib::Request& req) {
    return const_cast<httplib::Request&>(req).headers;
}

}  // namespace

std::string entity_tag(std::string_view content_tag, std::string_view target) {
    Fnv1a hash;
    hash.update(content_tag);
    hash.update(std::string_view("\n", 1));
    hash.update(target);
    return "W/\"" + hash.hex() + "\"";
}

bool none_match(std::string_view if_none_match, std::string_view tag) {
    bool matched = false;
    for_each_item(if_none_match, [&](std::string_view item) {
        if (item == "*" || without_weak_prefix(item) == without_weak_prefix(tag)) matched = true;
    });
    return matched;
}

void offer_gzip_only(const httplib::Request& req) {
    auto& headers = headers_of(req);
    bool gzip = false;
    auto [first, last] = headers.equal_range("Accept-Encoding");
    for (auto it = first; it != last; ++it) {
        for_each_item(it->second, [&](std::string_view item) {
            if (accepts_gzip(item)) gzip = true;
        });
    }
    headers.erase("Accept-Encoding");
    if (gzip) headers.emplace("Accept-Encoding", "gzip");
}

void skip_compression_if_small(const httplib::Request& req, const httplib::Response& res) {
    if (res.body.size() < kMinCompressedBytes) headers_of(req).erase("Accept-Encoding");
}

}  // namespace yrkesok::http
