// Warming up: a server analyses the stored records once at start, so the shared analyzer's
// word cache holds the corpus vocabulary before the first searches need it for snippets.
#include <gtest/gtest.h>

#include <atomic>

#include "support/bundled_index.h"
#include "yrkesok/searcher/search_engine.h"

namespace {

using yrkesok::search::SearchEngine;
using yrkesok::search::SearchRequest;
using yrkesok::testing::bundled_index;

SearchEngine engine() {
    return SearchEngine(bundled_index().index_dir(), bundled_index().analyzer);
}

TEST(EngineWarmUp, AnalysesEveryStoredRecordWhenTheLimitAllows) {
    auto e = engine();
    EXPECT_EQ(e.warm_up(1'000'000), bundled_index().records.size());
}

TEST(EngineWarmUp, StopsAtTheLimit) {
    auto e = engine();
    EXPECT_EQ(e.warm_up(5), 5u);
    EXPECT_EQ(e.warm_up(0), 0u);
}

TEST(EngineWarmUp, StopsWhenAsked) {
    auto e = engine();
    std::atomic<bool> stop{true};
    EXPECT_EQ(e.warm_up(1'000'000, &stop), 0u);
}

TEST(EngineWarmUp, LeavesSearchResultsAsTheyWere) {
    auto cold = engine();
    SearchRequest request;
    request.query = "hjerte lungemaskin";
    auto before = cold.search(request);
    auto warm = engine();
    warm.warm_up(1'000'000);
    auto after = warm.search(request);
    ASSERT_EQ(before.hits.size(), after.hits.size());
    for (std::size_t i = 0; i < before.hits.size(); ++i) {
        EXPECT_EQ(before.hits[i].id, after.hits[i].id);
        EXPECT_EQ(before.hits[i].snippet, after.hits[i].snippet);
    }
    ASSERT_FALSE(after.hits.empty());
    EXPECT_EQ(after.hits.front().id, "perfusjonist");
}

}  // namespace
