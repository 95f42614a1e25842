// The engine's side of filter::Expr and of the Meilisearch-compatible details: a filter
// becomes a Xapian query over the boolean facet terms, facet values are counted from those
// terms, and a field's words are flagged where a query term matched them.
#pragma once

#include <xapian.h>

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "yrkesok/analyzers/analyzer.h"
#include "yrkesok/searcher/filter.h"
#include "yrkesok/searcher/search_engine.h"

namespace yrkesok::search {

// The boolean term prefix of a filterable attribute ("XS:" for sectors…); empty for others.
std::string_view filter_prefix(std::string_view attribute);

// The filter as a query matching exactly the documents it accepts. A value matches the
// index's values case-insensitively (ASCII and Latin-1 letters). Throws SearchError for an
// attribute that is not filterable.
Xapian::Query filter_query(const Xapian::Database& db, const filter::Expr& expr);

// The value slot holding every value of a facet a distribution can count ("sectors",
// "education_levels", "language", "styrk08"), joined as format/schema.h says; nullopt for
// another attribute.
std::optional<Xapian::valueno> distribution_slot(std::string_view attribute);

// Every word token of a text with its byte range, flagged where one of `terms` matched it
// (by the same rule as snippets: a non-stopword with any term in `terms`).
std::vector<WordSpan> word_spans(const std::vector<analyzers::Token>& tokens,
                                 const std::unordered_set<std::string>& terms);

}  // namespace yrkesok::search
