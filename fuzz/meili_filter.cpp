// Fuzz target: the Meilisearch filter parser (server/meili/src/filter.cpp). The bytes are
// one filter string.
//
// Besides "no crash": a filter that parses prints back (to_string) to a text that parses to
// the same expression, and a refused filter names columns inside the text (1-based, end at
// most one past the last character).
#include <cstdlib>
#include <string_view>

#include "fuzz_target.h"
#include "yrkesok/meili/filter_parser.h"

YRKESOK_DECLARE_FUZZ_TARGET(meili_filter)

namespace yrkesok::fuzz::meili_filter {
namespace {

namespace filter = search::filter;

void check(bool condition) {
    if (!condition) std::abort();
}

}  // namespace

int fuzz_one_input(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    try {
        auto parsed = meili::parse_filter(text);
        if (!parsed) return 0;
        auto again = meili::parse_filter(search::filter::to_string(*parsed));
        check(again.has_value() && *again == *parsed);
    } catch (const meili::FilterError& e) {
        // Columns count characters, and there are never more characters than bytes.
        check(e.start() >= 1 && e.start() <= e.end() && e.end() <= size + 1);
    }
    return 0;
}

}  // namespace yrkesok::fuzz::meili_filter
