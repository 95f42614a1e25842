// Equal scores go by title, then id (the order slot), on every page: the engine ranks by score
// alone, which spares Xapian a value read for each candidate, and orders equal scores itself, or
// ranks again by score then value when equal scores straddle the end of the page. These tests
// build records that score exactly alike and compare every page with Xapian's ranking by score
// then value over every match.
#include <gtest/gtest.h>

#include <cmath>
#include <memory>
#include <string>
#include <vector>

#include "support/bundled_index.h"
#include "support/reference_ranking.h"
#include "support/temp_dir.h"
#include "yrkesok/analyzers/analyzer.h"
#include "yrkesok/indexer/corpus.h"
#include "yrkesok/indexer/index_writer.h"
#include "yrkesok/searcher/search_engine.h"

namespace {

namespace fs = std::filesystem;
using yrkesok::index::Occupation;
using yrkesok::search::SearchEngine;
using yrkesok::search::SearchRequest;
using yrkesok::testing::bundled_index;

constexpr std::size_t kAlike = 25;  // records that score alike for "sveising"

// Records whose titles have the same length and whose other fields are the same, so that a body
// word scores exactly alike in each; they are written in reverse order of title, so document ids
// run against the order of equal scores. A few records score higher (the word in the title) or
// lower (a longer body).
std::vector<Occupation> alike_records() {
    std::vector<Occupation> records;
    const auto record = [&](std::string id, std::string title, std::string body) {
        Occupation r;
        r.id = std::move(id);
        r.title = std::move(title);
        r.summary = "Et yrke i verkstedet.";
        r.body = std::move(body);
        r.styrk08 = {"7212"};
        r.sectors = {"Industri og produksjon"};
        r.education_levels = {"Videregående"};
        r.language = "nb";
        r.updated = "2026-01-01";
        r.line = records.size() + 1;
        records.push_back(std::move(r));
    };
    for (std::size_t i = kAlike; i > 0; --i) {
        const std::string n = (i < 10 ? "0" : "") + std::to_string(i);
        record("lik-" + n, "Verkstedarbeider " + n, "Arbeidet krever sveising og presisjon.");
    }
    record("tittel-1", "Sveising 1", "Arbeidet krever sveising og presisjon.");
    record("tittel-2", "Sveising 2", "Arbeidet krever sveising og presisjon.");
    record("lang", "Verkstedarbeider 99",
           "Arbeidet krever sveising og presisjon, tålmodighet og godt syn i lange dager.");
    return records;
}

struct AlikeIndex {
    yrkesok::testing::TempDir scratch{"engine-equal-scores"};
    fs::path dir = scratch.path() / "index";
    std::shared_ptr<const yrkesok::analyzers::Analyzer> analyzer =
        yrkesok::testing::shared_analyzer();
    AlikeIndex() {
        yrkesok::index::build_index(alike_records(), dir, *analyzer,
                                    yrkesok::index::IndexBuildOptions{});
    }
};

const AlikeIndex& alike() {
    static const AlikeIndex index;
    return index;
}

void expect_reference_page(SearchEngine& engine, const std::string& index_dir,
                           const yrkesok::analyzers::Analyzer& analyzer,
                           const SearchRequest& request) {
    const auto expected = yrkesok::testing::reference_page(index_dir, analyzer, request);
    const auto response = engine.search(request);
    const std::string what = "\"" + request.query + "\" page " + std::to_string(request.page) +
                             " of " + std::to_string(request.per_page);
    ASSERT_EQ(response.hits.size(), expected.size()) << what;
    for (std::size_t i = 0; i < expected.size(); ++i) {
        EXPECT_EQ(response.hits[i].id, expected[i].id) << what << ", hit " << i + 1;
        EXPECT_NEAR(response.hits[i].score, expected[i].score, 1e-9 * std::abs(expected[i].score))
            << what << ", hit " << i + 1;
    }
}

SearchRequest request_for(std::string query, std::size_t page, std::size_t per_page) {
    SearchRequest request;
    request.query = std::move(query);
    request.page = page;
    request.per_page = per_page;
    request.prefix = false;
    return request;
}

TEST(EngineEqualScores, RecordsThatScoreAlikeAreRankedByTitleOnEveryPage) {
    SearchEngine engine(alike().dir.string(), alike().analyzer);
    // Page ends inside the run of equal scores (10, 7), at its end (27 = 2 + 25) and past it.
    for (const std::size_t per_page : {10u, 7u, 27u, 50u}) {
        for (std::size_t page = 1; page <= 4; ++page) {
            expect_reference_page(engine, alike().dir.string(), *alike().analyzer,
                                  request_for("sveising", page, per_page));
        }
    }
    const auto first = engine.search(request_for("sveising", 1, 10));
    ASSERT_EQ(first.hits.size(), 10u);
    EXPECT_EQ(first.hits[0].id, "tittel-1");
    EXPECT_EQ(first.hits[1].id, "tittel-2");
    EXPECT_EQ(first.hits[2].id, "lik-01");  // written last, so the highest document id of its run
    EXPECT_EQ(first.hits[9].id, "lik-08");
    EXPECT_DOUBLE_EQ(first.hits[2].score, first.hits[9].score);
}

TEST(EngineEqualScores, RecordsThatScoreAlikeAreRankedByTitleUnderTwoWords) {
    SearchEngine engine(alike().dir.string(), alike().analyzer);
    for (const std::size_t per_page : {10u, 27u}) {
        for (std::size_t page = 1; page <= 3; ++page) {
            expect_reference_page(engine, alike().dir.string(), *alike().analyzer,
                                  request_for("sveising presisjon", page, per_page));
        }
    }
}

TEST(EngineEqualScores, OneWordPagesOfTheBundledCorpusEqualTheReferenceRanking) {
    const std::string dir = bundled_index().index_dir();
    SearchEngine engine(dir, bundled_index().analyzer);
    for (const std::string query : {"sykepleier", "barn", "maskiner", "lærer", "sjukepleiar", "bil",
                                    "data", "helse", "reparere", "butikk"}) {
        for (std::size_t page = 1; page <= 3; ++page) {
            expect_reference_page(engine, dir, *bundled_index().analyzer,
                                  request_for(query, page, 10));
        }
    }
}

}  // namespace
