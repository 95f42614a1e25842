// Picks the passage of a text that holds the most matched query words and marks them with
// <mark>…</mark>; everything else is HTML-escaped. Matching is by analysed terms, so inflected
// forms and compounds that matched through a part are marked too.
#pragma once

#include <bitset>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "yrkesok/analyzers/analyzer.h"

namespace yrkesok::search {

struct SnippetOptions {
    std::size_t window_tokens = 28;
};

// The terms of analysed tokens as hashes in one flat array, with their text packed alongside,
// made once per text so that each snippet of it reads two arrays in order instead of walking
// every token's strings. A stop word has no entry (it is never marked).
struct TermHashes {
    std::vector<std::uint64_t> hashes;
    std::vector<std::uint32_t> offsets;  // token i: hashes[offsets[i], offsets[i + 1])
    std::string text;                    // term k: text[ends[k - 1], ends[k]) (from 0 for k = 0)
    std::vector<std::uint32_t> ends;

    static TermHashes of(const std::vector<analyzers::Token>& tokens);
    std::string_view term(std::size_t k) const {
        const std::uint32_t start = k == 0 ? 0 : ends[k - 1];
        return std::string_view(text).substr(start, ends[k] - start);
    }
};

// The query's terms numbered and hashed once per search, so that each hit's snippet only looks
// its words' hashes up. Refers to `terms`, which must outlive it.
class SnippetTerms {
  public:
    explicit SnippetTerms(const std::unordered_set<std::string>& terms);

    std::uint32_t count() const { return count_; }
    // Appends to `out` the number of each query term equal to term k of `hashes`. A hash match
    // is confirmed on the string, so a collision never marks a word.
    void match(const TermHashes& hashes, std::size_t k, std::vector<std::uint32_t>& out) const;

  private:
    std::unordered_map<std::uint64_t, std::vector<std::pair<const std::string*, std::uint32_t>>>
        numbers_;
    std::bitset<16384> filter_;  // hash % 16384 of every term: most words miss here
    std::uint32_t count_ = 0;
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
