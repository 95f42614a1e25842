// Which passage of a text to show for a query: the one rule behind the native snippets
// (snippets.cpp) and the Meilisearch adapter's cropping, so both pick the same words.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace yrkesok::search {

// The words of a text that matched query terms, and the terms (numbers below `term_count`) each
// matched: word matched[j] matched terms[offsets[j], offsets[j + 1]). Only matched words are
// listed, so finding a passage costs the matches, not the length of the text.
struct WordMatches {
    std::size_t words = 0;                     // words in the text
    std::vector<std::uint32_t> matched;        // ascending
    std::vector<std::uint32_t> offsets = {0};  // one more than matched words
    std::vector<std::uint32_t> terms;
    std::size_t term_count = 0;

    // Appends word `word` (after every word added so far) as matching `numbers`; a word with
    // no numbers is not a match and is not listed.
    template <typename Numbers>
    void add_word(std::uint32_t word, const Numbers& numbers) {
        words = word + 1;
        if (numbers.empty()) return;
        matched.push_back(word);
        terms.insert(terms.end(), numbers.begin(), numbers.end());
        offsets.push_back(static_cast<std::uint32_t>(terms.size()));
    }
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
