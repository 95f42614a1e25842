// Splits a query string into plain words, "quoted phrases", -exclusions and OR operators, and
// analyses it with the shared chain. Quote and minus characters are blanked (same byte length)
// before analysis so offsets still point into the original query and a leading minus is not
// read as hyphen ellipsis.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "yrkesok/analyzers/analyzer.h"

namespace yrkesok::search {

enum class UnitKind { plain, phrase, excluded };

struct QueryToken {
    const analyzers::Token* token;
    UnitKind kind;
    std::size_t unit;       // index of the unit (a word or a quoted phrase)
    bool or_with_previous;  // this unit was joined to the previous one by OR
};

struct ParsedQuery {
    std::string text;  // the original query
    std::vector<analyzers::Token> tokens;
    std::vector<QueryToken> classified;  // tokens in order, with their role

    bool empty() const { return classified.empty(); }
};

ParsedQuery parse_query(const std::string& query, const analyzers::Analyzer& analyzer);

// The word a visitor is still typing: the last token, when it is a plain word (not in quotes,
// not excluded) that ends the query, i.e. no space or punctuation follows it. Its position in
// `parsed.classified`, or nullopt.
std::optional<std::size_t> unfinished_word(const ParsedQuery& parsed);

}  // namespace yrkesok::search
