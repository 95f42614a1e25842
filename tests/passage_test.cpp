// best_window, the one rule by which the native snippets and the Meilisearch crop choose the
// words to show.
#include "yrkesok/searcher/passage.h"

#include <gtest/gtest.h>

#include <random>
#include <set>
#include <utility>
#include <vector>

namespace {

using yrkesok::search::best_window;
using yrkesok::search::WordMatches;

// Word i matched the term numbers in words[i] (empty: no match).
WordMatches matches_of(const std::vector<std::vector<std::uint32_t>>& words) {
    WordMatches out;
    for (std::size_t i = 0; i < words.size(); ++i) {
        out.add_word(static_cast<std::uint32_t>(i), words[i]);
        for (auto term : words[i]) out.term_count = std::max<std::size_t>(out.term_count, term + 1);
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

// The rule as the header states it, word by word over every window: what best_window, which
// looks only at matched words, must agree with.
std::pair<std::size_t, std::size_t> by_the_rule(
    const std::vector<std::vector<std::uint32_t>>& words, std::size_t length) {
    std::pair<std::size_t, std::size_t> best{0, 0};  // start, matched words
    std::pair<std::size_t, std::size_t> best_score{0, 0};
    for (std::size_t m = 0; m < words.size(); ++m) {
        if (words[m].empty()) continue;
        const std::size_t start = std::min(m, words.size() - length);
        std::set<std::uint32_t> distinct;
        std::size_t hits = 0;
        for (std::size_t i = start; i < start + length; ++i) {
            if (words[i].empty()) continue;
            ++hits;
            distinct.insert(words[i].begin(), words[i].end());
        }
        if (std::pair{distinct.size(), hits} > best_score) {
            best_score = {distinct.size(), hits};
            best = {start, hits};
        }
    }
    return best;
}

TEST(BestWindow, AgreesWithTheRuleOnRandomTexts) {
    std::mt19937 random(7);
    for (int round = 0; round < 2000; ++round) {
        const std::size_t count = 1 + random() % 60;
        const std::uint32_t terms = 1 + random() % 5;
        const unsigned percent_matched = random() % 60;
        std::vector<std::vector<std::uint32_t>> words(count);
        for (auto& word : words) {
            if (random() % 100 >= percent_matched) continue;
            const std::size_t n = 1 + random() % 3;
            for (std::size_t k = 0; k < n; ++k) word.push_back(random() % terms);
        }
        const std::size_t length = 1 + random() % count;
        const auto window = best_window(matches_of(words), length);
        const auto expected = by_the_rule(words, length);
        ASSERT_EQ(window.start, expected.first) << "round " << round;
        ASSERT_EQ(window.matched_words, expected.second) << "round " << round;
    }
}

}  // namespace
