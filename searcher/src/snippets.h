// Picks the passage of a text that holds the most matched query words and marks them with
// <mark>…</mark>; everything else is HTML-escaped. Matching is by analysed terms, so inflected
// forms and compounds that matched through a part are marked too.
#pragma once

#include <string>
#include <unordered_set>

#include "yrkesok/analyzer.h"

namespace yrkesok::search {

struct SnippetOptions {
    std::size_t window_tokens = 28;
};

// Returns an empty string when `text` holds no matched term.
std::string make_snippet(const std::string& text, const std::vector<analyzers::Token>& tokens,
                         const std::unordered_set<std::string>& query_terms,
                         const SnippetOptions& options = {});

// The first `max_tokens` words of `text`, escaped, with an ellipsis when cut.
std::string leading_passage(const std::string& text, const std::vector<analyzers::Token>& tokens,
                            std::size_t max_tokens);

std::string html_escape(std::string_view text);

}  // namespace yrkesok::search
