// A boolean filter over the facet attributes of an occupation (sectors, education_levels,
// language, styrk08), and the parser of Meilisearch's filter syntax that builds one.
//
// An Expr is a plain value: a tree of conditions joined by AND, OR and NOT. The engine
// evaluates it over the index's boolean terms (SearchRequest::filter); the parser knows nothing
// of the index. Pure functions, safe from any thread.
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

namespace yrkesok::search::filter {

struct Expr {
    enum class Kind {
        condition,  // `attribute` has at least one of `values` (none: matches nothing)
        all_of,     // every child matches (AND)
        any_of,     // some child matches (OR)
        negation,   // the one child does not match (NOT)
    };
    Kind kind = Kind::condition;
    std::string attribute;            // condition only
    std::vector<std::string> values;  // condition only
    std::vector<Expr> children;       // all_of, any_of: two or more; negation: one

    static Expr condition(std::string attribute, std::vector<std::string> values);
    static Expr all(std::vector<Expr> children);  // one child: that child itself
    static Expr any(std::vector<Expr> children);  // one child: that child itself
    static Expr negate(Expr child);

    bool operator==(const Expr&) const = default;
};

// The expression in the parser's syntax, fully parenthesised, for logs and tests:
// `sectors IN ["IT"]`, `(A AND B)`, `(A OR B)`, `NOT A`.
std::string to_string(const Expr& expr);

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

struct MeiliFilterOptions {
    // Attributes a condition may name; another name is an error. Empty: any name.
    std::vector<std::string> filterable = {"sectors", "education_levels", "language", "styrk08"};
    std::size_t max_depth = 64;     // nesting of parentheses and NOT
    std::size_t max_bytes = 16384;  // longer filters are refused
    std::size_t max_values = 1000;  // values in one IN list
};

// Parses one filter string. Returns nullopt for a filter that is empty or only spaces (no
// filter). Throws FilterError for anything else that is not a whole, valid filter.
std::optional<Expr> parse_meili_filter(std::string_view text,
                                       const MeiliFilterOptions& options = {});

}  // namespace yrkesok::search::filter
