// Picks the passage of a text that holds the most matched query words and marks them with
// <mark>…</mark>; everything else is HTML-escaped. Matching is by analysed terms, so inflected
// forms and compounds that matched through a part are marked too.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "yrkesok/analyzers/analyzer.h"

namespace yrkesok::search {

struct SnippetOptions {
    std::size_t window_tokens = 28;
};

// The terms of analysed tokens sorted by hash, with their text packed alongside, made once per
// text so that each snippet of it looks the query's terms up (in ascending order of hash, each
// search starting where the last ended) instead of reading every token's terms. A stop word has
// no entry (it is never marked).
struct TermHashes {
    struct Entry {
        std::uint64_t hash;
        std::uint32_t token;  // the token's index
        std::uint32_t term;   // the term's text: term(this)
    };
    std::vector<Entry> by_hash;  // sorted by hash
    std::string text;            // term k: text[ends[k - 1], ends[k]) (from 0 for k = 0)
    std::vector<std::uint32_t> ends;

    static TermHashes of(const std::vector<analyzers::Token>& tokens);
    std::string_view term(const Entry& entry) const {
        const std::uint32_t start = entry.term == 0 ? 0 : ends[entry.term - 1];
        return std::string_view(text).substr(start, ends[entry.term] - start);
    }
};

// The query's terms numbered and hashed once per search, listed in ascending order of hash
// (make_snippet relies on it); a term's number is its own, not its place in the list. Refers to
// `terms`, which must outlive it.
class SnippetTerms {
  public:
    struct Term {
        std::uint64_t hash;
        const std::string* text;
        std::uint32_t number;
    };
    explicit SnippetTerms(const std::unordered_set<std::string>& terms);

    std::uint32_t count() const { return static_cast<std::uint32_t>(terms_.size()); }
    const std::vector<Term>& terms() const { return terms_; }

  private:
    std::vector<Term> terms_;
};

// Returns an empty string when `text` holds no matched term.
std::string make_snippet(const std::string& text, const std::vector<analyzers::Token>& tokens,
                         const std::unordered_set<std::string>& query_terms,
                         const SnippetOptions& options = {});
// The same with the tokens' hashes made beforehand (`hashes` must be TermHashes::of(tokens))
// and the query's terms numbered beforehand.
std::string make_snippet(const std::string& text, const std::vector<analyzers::Token>& tokens,
                         const TermHashes& hashes, const SnippetTerms& query_terms,
                         const SnippetOptions& options = {});

// The first `max_tokens` words of `text`, escaped, with an ellipsis when cut.
std::string leading_passage(const std::string& text, const std::vector<analyzers::Token>& tokens,
                            std::size_t max_tokens);

std::string html_escape(std::string_view text);
// Appends `text` to `out`, HTML-escaped.
void append_html_escaped(std::string& out, std::string_view text);

}  // namespace yrkesok::search
