// Which passage of a text to show for a query: the one rule behind the native snippets
// (snippets.cpp) and the Meilisearch adapter's cropping, so both pick the same words.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace yrkesok::search {

// The query terms each word of a text matched, as numbers below `term_count`: word i matched
// terms[offsets[i], offsets[i + 1]). A word that matched no term is not a match.
struct WordMatches {
    std::vector<std::uint32_t> terms;
    std::vector<std::size_t> offsets = {0};  // one more than there are words
    std::size_t term_count = 0;

    std::size_t words() const { return offsets.size() - 1; }
    bool matched(std::size_t word) const { return offsets[word + 1] > offsets[word]; }
};

struct PassageWindow {
    std::size_t start = 0;          // the first word
    std::size_t matched_words = 0;  // how many of its words matched
};

// Among the windows of `length` words (at most the text's) that start at a matched word, or
// are moved back to end with the text (so a match among the last words counts too): the one
// whose matched words cover the most distinct terms (not surface forms, or "hjertet, hjertene,
// hjerteklaffer" would outweigh "hjerte- og lungemaskin"), then holds the most matched words;
// the earliest on ties. {0, 0} when no word matched.
PassageWindow best_window(const WordMatches& matches, std::size_t length);

}  // namespace yrkesok::search
