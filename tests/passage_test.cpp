// best_window, the one rule by which the native snippets and the Meilisearch crop choose the
// words to show.
#include "yrkesok/searcher/passage.h"

#include <gtest/gtest.h>

#include <vector>

namespace {

using yrkesok::search::best_window;
using yrkesok::search::WordMatches;

// Word i matched the term numbers in words[i] (empty: no match).
WordMatches matches_of(const std::vector<std::vector<std::uint32_t>>& words) {
    WordMatches out;
    for (const auto& terms : words) {
        for (auto term : terms) {
            out.terms.push_back(term);
            out.term_count = std::max<std::size_t>(out.term_count, term + 1);
        }
        out.offsets.push_back(out.terms.size());
    }
    return out;
}

TEST(BestWindow, NothingMatchedIsTheStart) {
    const auto window = best_window(matches_of({{}, {}, {}}), 2);
    EXPECT_EQ(window.start, 0u);
    EXPECT_EQ(window.matched_words, 0u);
}

TEST(BestWindow, DistinctTermsOutweighRepeatedOnes) {
    // Words 0-2 repeat term 0 three times; words 5 and 6 match terms 0 and 1.
    const auto window = best_window(matches_of({{0}, {0}, {0}, {}, {}, {0}, {1}, {}}), 3);
    EXPECT_EQ(window.start, 5u);
    EXPECT_EQ(window.matched_words, 2u);
}

TEST(BestWindow, MoreMatchedWordsBreakATieOfDistinctTerms) {
    const auto window = best_window(matches_of({{0}, {}, {}, {0}, {0}, {}, {}}), 2);
    EXPECT_EQ(window.start, 3u);
    EXPECT_EQ(window.matched_words, 2u);
}

TEST(BestWindow, TheEarliestWinsAFullTie) {
    const auto window = best_window(matches_of({{}, {0}, {}, {}, {0}, {}}), 2);
    EXPECT_EQ(window.start, 1u);
}

TEST(BestWindow, AMatchNearTheEndMovesTheWindowBack) {
    const auto window = best_window(matches_of({{}, {}, {}, {}, {0}, {1}}), 4);
    EXPECT_EQ(window.start, 2u);
    EXPECT_EQ(window.matched_words, 2u);
}

}  // namespace
