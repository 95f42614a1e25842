// The parser of Meilisearch's filter syntax (the subset we serve), which builds the engine's
// filter type (yrkesok/searcher/filter.h).
//
// The syntax (Meilisearch's, the subset we serve):
//   filter     := or
//   or         := and ("OR" and)*
//   and        := not ("AND" not)*
//   not        := "NOT" not | "(" filter ")" | condition
//   condition  := attribute ("=" value | "!=" value | "IN" list | "NOT" "IN" list)
//   list       := "[" (value ("," value)* ","?)? "]"
//   attribute, value := a quoted string ('…' or "…", backslash escapes the next character) or
//                       an unquoted word (no spaces, quotes or any of ( ) [ ] , = ! < >)
// Keywords are upper case. `a != v` is `NOT a = v`; `a NOT IN [..]` is `NOT a IN [..]`. The
// other Meilisearch operators (>, >=, <, <=, TO, EXISTS, IS NULL, IS EMPTY, CONTAINS,
// STARTS WITH, _geoRadius, _geoBoundingBox, _geoPolygon) are refused with an error.
#pragma once

#include <cstddef>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "yrkesok/searcher/filter.h"

namespace yrkesok::meili {

using search::filter::Expr;

// A filter that cannot be parsed. `start` and `end` are 1-based character (code point)
// columns of the offending part of `filter`: [start, end), equal at the end of the text.
// what() is the description, a newline, and "start:end filter", as Meilisearch reports it.
class FilterError : public std::runtime_error {
  public:
    FilterError(std::string description, std::size_t start, std::size_t end,
                std::string_view filter);

    const std::string& description() const { return description_; }
    std::size_t start() const { return start_; }
    std::size_t end() const { return end_; }

  private:
    std::string description_;
    std::size_t start_;
    std::size_t end_;
};

struct FilterOptions {
    // Attributes a condition may name; another name is an error. Empty: any name.
    std::vector<std::string> filterable = {"sectors", "education_levels", "language", "styrk08"};
    std::size_t max_depth = 64;     // nesting of parentheses and NOT
    std::size_t max_bytes = 16384;  // longer filters are refused
    std::size_t max_values = 1000;  // values in one IN list
};

// Parses one filter string. Returns nullopt for a filter that is empty or only spaces (no
// filter). Throws FilterError for anything else that is not a whole, valid filter.
std::optional<Expr> parse_filter(std::string_view text, const FilterOptions& options = {});

}  // namespace yrkesok::meili
