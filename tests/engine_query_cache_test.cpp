// The per-engine query cache, the posting cache and the facets opt-out: an engine that keeps
// analysed queries answers exactly as one that analyses every query afresh, also when the cache
// is small enough to forget entries; the posting cache's budget grows with the records and does
// not change answers; a request without facets gets the same hits and total and no counts; a
// query whose words the index does not hold still matches nothing.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include "support/bundled_index.h"
#include "yrkesok/searcher/search_engine.h"

namespace {

using yrkesok::search::EngineOptions;
using yrkesok::search::FacetCounts;
using yrkesok::search::SearchEngine;
using yrkesok::search::SearchRequest;
using yrkesok::search::SearchResponse;
using yrkesok::testing::bundled_index;

SearchEngine engine(std::size_t query_cache_size) {
    EngineOptions options;
    options.query_cache_size = query_cache_size;
    return SearchEngine(bundled_index().index_dir(), bundled_index().analyzer, options);
}

std::string describe(const FacetCounts& counts) {
    std::string out;
    for (const auto& [value, count] : counts) out += value + "=" + std::to_string(count) + ";";
    return out;
}

// Everything of an answer but its timing; scores to the last bit.
std::string describe(const SearchResponse& r) {
    std::string out = r.query + "|total=" + std::to_string(r.total) +
                      "|corrected=" + r.corrected_query.value_or("-") +
                      "|suggestion=" + r.suggestion.value_or("-") + "\n";
    for (const auto& hit : r.hits) {
        char score[40];
        std::snprintf(score, sizeof score, "%a", hit.score);
        out += hit.id + " " + score + " " + hit.snippet + "\n";
    }
    return out + describe(r.sectors) + "\n" + describe(r.education_levels) + "\n";
}

std::vector<SearchRequest> requests() {
    std::vector<SearchRequest> out;
    for (const char* q :
         {"sykepleier", "sykepleiere", "barne- og ungdomsarbeider", "hjerte- og lungemaskin",
          "elektrikker", "ambulansearbider", "jobbe med barn", "\"jobbe med\" barn",
          "lege -tannlege", "lærer OR lektor", "sjukepleiar", "", "xqzvw", "kokk"}) {
        SearchRequest request;
        request.query = q;
        out.push_back(request);
    }
    SearchRequest filtered;
    filtered.query = "ingeniør";
    filtered.sectors = {"IT"};
    filtered.education_levels = {"Master"};
    out.push_back(filtered);
    SearchRequest paged;
    paged.query = "arbeider";
    paged.page = 2;
    out.push_back(paged);
    return out;
}

TEST(QueryCache, CachedAnswersEqualAnswersAnalysedAfresh) {
    SearchEngine uncached = engine(0);
    SearchEngine cached = engine(1024);
    SearchEngine tiny = engine(2);  // forgets all but the last two queries
    for (int round = 0; round < 3; ++round) {
        for (const auto& request : requests()) {
            const std::string expected = describe(uncached.search(request));
            EXPECT_EQ(describe(cached.search(request)), expected) << request.query;
            EXPECT_EQ(describe(tiny.search(request)), expected) << request.query;
        }
    }
}

// The posting cache's budget grows with the generation (a term's bitmap does), and how much it
// holds changes no answer: a cache of one byte keeps no bitmap and reads every term afresh.
TEST(PostingCache, BudgetGrowsWithTheRecordsAndAnswersDoNotDependOnIt) {
    using yrkesok::search::posting_cache_budget;
    constexpr std::size_t kMiB = std::size_t{1} << 20;
    EXPECT_EQ(posting_cache_budget(0), 64 * kMiB);
    EXPECT_EQ(posting_cache_budget(352), 64 * kMiB);
    EXPECT_EQ(posting_cache_budget(1'000'000), std::size_t{128'000'000});
    EXPECT_EQ(posting_cache_budget(1'500'000), std::size_t{192'000'000});
    EXPECT_EQ(posting_cache_budget(10'000'000), 256 * kMiB);  // the most

    SearchEngine defaults = engine(0);
    EngineOptions options;
    options.query_cache_size = 0;
    options.posting_cache_bytes = 1;
    SearchEngine uncached(bundled_index().index_dir(), bundled_index().analyzer, options);
    for (int round = 0; round < 2; ++round) {
        for (const auto& request : requests()) {
            EXPECT_EQ(describe(uncached.search(request)), describe(defaults.search(request)))
                << request.query;
        }
    }
}

TEST(QueryCache, RepeatedQueryWithOtherFiltersIsAnsweredForThoseFilters) {
    SearchEngine cached = engine(1024);
    SearchRequest all;
    all.query = "ingeniør";
    SearchRequest it = all;
    it.sectors = {"IT"};
    const auto unfiltered = cached.search(all);
    const auto filtered = cached.search(it);
    EXPECT_LT(filtered.total, unfiltered.total);
    for (const auto& hit : filtered.hits) {
        EXPECT_NE(std::find(hit.sectors.begin(), hit.sectors.end(), "IT"), hit.sectors.end())
            << hit.id;
    }
}

TEST(FacetsOptOut, LeavesCountsOutButHitsAndTotalUnchanged) {
    SearchEngine searcher = engine(1024);
    for (auto request : requests()) {
        const SearchResponse with = searcher.search(request);
        request.facets = false;
        const SearchResponse without = searcher.search(request);
        EXPECT_TRUE(without.sectors.empty()) << request.query;
        EXPECT_TRUE(without.education_levels.empty()) << request.query;
        SearchResponse stripped = with;
        stripped.sectors.clear();
        stripped.education_levels.clear();
        EXPECT_EQ(describe(without), describe(stripped)) << request.query;
        if (with.total > 0) {
            EXPECT_FALSE(with.sectors.empty()) << request.query;
        }
    }
}

TEST(QueryPruning, WordsTheIndexDoesNotHoldMatchNothingRatherThanEverything) {
    SearchEngine searcher = engine(1024);
    SearchRequest request;
    request.query = "qqxyzzy";
    const auto response = searcher.search(request);
    EXPECT_EQ(response.total, 0u);
    EXPECT_TRUE(response.hits.empty());
    // With a known word beside it, the known word alone decides the hits.
    request.query = "kokk qqxyzzy";
    SearchRequest known;
    known.query = "kokk";
    const auto both = searcher.search(request);
    const auto alone = searcher.search(known);
    ASSERT_GT(alone.total, 0u);
    EXPECT_EQ(both.total, alone.total);
    ASSERT_FALSE(both.hits.empty());
    EXPECT_EQ(both.hits.front().id, alone.hits.front().id);
}

}  // namespace
