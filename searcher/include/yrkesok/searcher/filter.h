// A boolean filter over the facet attributes of an occupation (sectors, education_levels,
// language, styrk08): the engine's filter type (SearchRequest::filter).
//
// An Expr is a plain value: a tree of conditions joined by AND, OR and NOT. The engine
// evaluates it over the index's boolean terms; it knows no syntax. The Meilisearch adapter
// parses Meilisearch's filter syntax into one (yrkesok/meili/filter_parser.h). Pure functions,
// safe from any thread.
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

// The expression in Meilisearch's filter syntax, fully parenthesised, for logs and tests:
// `sectors IN ["IT"]`, `(A AND B)`, `(A OR B)`, `NOT A`.
std::string to_string(const Expr& expr);

}  // namespace yrkesok::search::filter
