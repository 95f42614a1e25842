// How the engine answers a broad query over many records: the ranking pass looks only for the
// top hits (Xapian skips documents that cannot reach them), while the exact total and both
// disjunctive facets are counted from bitmaps of the postings. Not a timing test: it counts the
// documents the ranking pass weighs, and checks totals and counts against brute force over the
// generated records.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "support/reference_ranking.h"
#include "support/sanitized.h"
#include "support/temp_dir.h"
#include "yrkesok/analyzers/analyzer.h"
#include "yrkesok/indexer/corpus.h"
#include "yrkesok/indexer/index_writer.h"
#include "yrkesok/searcher/search_engine.h"

namespace {

namespace fs = std::filesystem;
using yrkesok::index::Occupation;
using yrkesok::search::FacetCounts;
using yrkesok::search::SearchEngine;
using yrkesok::search::SearchRequest;
using yrkesok::search::SearchResponse;
using Counts = std::map<std::string, std::size_t>;

// Under the sanitizers (build-asan) the build of 10,000 records alone took ~40 s: the plan is
// the same over fewer, and the normal build checks it at the full size.
constexpr std::size_t kRecords = yrkesok::testing::kSanitized ? 2500 : 10000;

// Short records with the facet values of the bundled corpus, in turn. Two records in three do
// their work with machines ("maskiner"); the rest look after animals ("dyr").
bool about_machines(std::size_t i) {
    return i % 3 != 0;
}

struct GeneratedIndex {
    yrkesok::testing::TempDir scratch{"engine-query-plan"};
    fs::path dir = scratch.path() / "index";
    fs::path two_shards_dir = scratch.path() / "index-two-shards";  // built on first use
    std::shared_ptr<const yrkesok::analyzers::Analyzer> analyzer =
        std::make_shared<const yrkesok::analyzers::Analyzer>();
    std::vector<Occupation> records;

    GeneratedIndex() {
        const fs::path source = YRKESOK_SOURCE_DIR;
        auto vocabularies = yrkesok::index::Vocabularies::load(source / "corpus");
        auto bundled =
            yrkesok::index::read_corpus(source / "corpus/occupations.jsonl", vocabularies);
        if (!bundled.ok()) throw std::runtime_error(bundled.issues.front().to_string());
        for (std::size_t i = 0; i < kRecords; ++i) {
            const Occupation& model = bundled.records[i % bundled.records.size()];
            Occupation r;
            r.id = "generert-" + std::to_string(i);
            r.title = "Generert yrke " + std::to_string(i);
            r.styrk08 = model.styrk08;
            r.sectors = model.sectors;
            r.education_levels = model.education_levels;
            r.summary = about_machines(i) ? "Hun arbeider med maskiner hver dag."
                                          : "Han passer på dyr om morgenen.";
            // Bodies of many lengths that name the machines a varying number of times, so that
            // scores differ as in real text (equal scores would all have to be compared on the
            // tie-break).
            r.body = "Arbeidet skjer i et lag";
            for (std::size_t k = (i * 7919) % 97; k > 0; --k) r.body += " med andre folk";
            if (about_machines(i)) {
                for (std::size_t k = (i * 31) % 13; k > 0; --k) r.body += " ved store maskiner";
            }
            r.body += ".";
            r.language = "nb";
            r.updated = "2026-01-01";
            r.line = i + 1;
            records.push_back(std::move(r));
        }
        yrkesok::index::IndexBuildOptions options;
        yrkesok::index::build_index(records, dir, *analyzer, options);
    }
};

const GeneratedIndex& generated() {
    static GeneratedIndex index;
    return index;
}

// The same records split over two local shards.
const fs::path& generated_in_two_shards() {
    static const fs::path dir = [] {
        yrkesok::index::IndexBuildOptions options;
        options.shards = 2;
        yrkesok::index::build_index(generated().records, generated().two_shards_dir,
                                    *generated().analyzer, options);
        return generated().two_shards_dir;
    }();
    return dir;
}

Counts nonzero(const FacetCounts& counts) {
    Counts out;
    for (const auto& [value, count] : counts) {
        if (count > 0) out[value] = count;
    }
    return out;
}

bool has(const std::vector<std::string>& values, const std::string& value) {
    return std::find(values.begin(), values.end(), value) != values.end();
}

class EngineQueryPlan : public testing::Test {
  protected:
    static void SetUpTestSuite() { generated(); }
    void SetUp() override {
        engine_ = std::make_unique<SearchEngine>(generated().dir.string(), generated().analyzer);
    }
    std::unique_ptr<SearchEngine> engine_;
};

TEST_F(EngineQueryPlan, ABroadWordIsRankedTopKWhileTotalAndFacetsCountEveryMatch) {
    SearchRequest request;
    request.query = "maskiner";
    request.per_page = 10;
    const SearchResponse response = engine_->search(request);

    Counts sectors;
    Counts education;
    std::size_t expected_total = 0;
    for (std::size_t i = 0; i < kRecords; ++i) {
        if (!about_machines(i)) continue;
        ++expected_total;
        for (const auto& s : generated().records[i].sectors) ++sectors[s];
        for (const auto& e : generated().records[i].education_levels) ++education[e];
    }
    EXPECT_EQ(response.total, expected_total);
    EXPECT_EQ(nonzero(response.sectors), sectors);
    EXPECT_EQ(nonzero(response.education_levels), education);
    ASSERT_EQ(response.hits.size(), 10u);
    EXPECT_TRUE(response.plan.counted_from_sets);
    // The ranking pass weighs a small fraction of the matches (6,667 of 10,000 records here).
    EXPECT_GT(response.plan.ranked_documents, 0u);
    EXPECT_LT(response.plan.ranked_documents, expected_total / 10)
        << "the ranking pass weighed " << response.plan.ranked_documents << " of " << expected_total
        << " matches";
}

TEST_F(EngineQueryPlan, TwoBroadWordsAreRankedTopKToo) {
    // Every-word documents and the rest are ranked apart (the every-word bonus is no AND of the
    // words read next to their OR): each pass still only looks for the top hits.
    SearchRequest request;
    request.query = "maskiner folk";
    request.per_page = 10;
    const SearchResponse response = engine_->search(request);
    std::size_t expected_total = 0;
    for (std::size_t i = 0; i < kRecords; ++i) {
        const bool folk = (i * 7919) % 97 > 0;  // the body names "andre folk"
        expected_total += about_machines(i) || folk;
    }
    EXPECT_EQ(response.total, expected_total);
    ASSERT_EQ(response.hits.size(), 10u);
    EXPECT_TRUE(response.plan.counted_from_sets);
    EXPECT_GT(response.plan.ranked_documents, 0u);
    EXPECT_LT(response.plan.ranked_documents, expected_total / 10)
        << "the ranking passes weighed " << response.plan.ranked_documents << " of "
        << expected_total << " matches";
}

TEST_F(EngineQueryPlan, TermLeavesCountTheTermsOfTheRankingQuery) {
    // Each leaf is a posting list Xapian opens when a ranking pass runs it: the cost a query has
    // whatever it matches.
    const auto leaves = [&](const std::string& query) {
        SearchRequest request;
        request.query = query;
        return engine_->search(request).plan.term_leaves;
    };
    // A word no record holds keeps one term, so that the query is not empty.
    EXPECT_EQ(leaves("qzxwvq"), 1u);
    // "maskiner" stands in summaries and bodies, never in a title: at least one form in each of
    // the two fields, and no title terms.
    const std::size_t machines = leaves("maskiner");
    EXPECT_GE(machines, 2u);
    // With an every-word bonus the query tree holds each word's terms twice: in the OR of the
    // words and in the AND of all of them.
    ASSERT_GT(yrkesok::search::RankingOptions{}.all_words_factor, 0.0);
    EXPECT_EQ(leaves("maskiner qzxwvq"), 2 * (machines + 1));
}

TEST_F(EngineQueryPlan, OverTwoLocalShardsTheRankingIsTopKAndTheAnswerThatOfOneDatabase) {
    SearchEngine sharded(generated_in_two_shards().string(), generated().analyzer);
    // The same words as above, and once under a filter (the first record's sector).
    const std::string sector = generated().records.front().sectors.front();
    for (const std::string query : {"maskiner", "maskiner folk", "maskiner "}) {
        SearchRequest request;
        request.query = query;
        request.per_page = 10;
        if (query.ends_with(' ')) request.sectors = {sector};
        const SearchResponse one = engine_->search(request);
        const SearchResponse two = sharded.search(request);
        EXPECT_TRUE(two.plan.counted_from_sets) << query;
        EXPECT_GT(two.plan.ranked_documents, 0u) << query;
        // One database's terms are scored from its table of lengths; over shards, whose
        // documents a posting source sees by each shard's own ids, Xapian scores them.
        EXPECT_EQ(one.plan.scored_leaves, one.plan.term_leaves) << query;
        EXPECT_EQ(two.plan.scored_leaves, 0u) << query;
        // Every match weighed would be one.total; a tenth or less without the filter, about a
        // fifth under it.
        EXPECT_LT(two.plan.ranked_documents, one.total / 4)
            << query << ": the ranking pass weighed " << two.plan.ranked_documents << " of "
            << one.total << " matches";
        EXPECT_EQ(two.total, one.total) << query;
        EXPECT_EQ(two.sectors, one.sectors) << query;
        EXPECT_EQ(two.education_levels, one.education_levels) << query;
        ASSERT_EQ(two.hits.size(), one.hits.size()) << query;
        for (std::size_t i = 0; i < one.hits.size(); ++i) {
            EXPECT_EQ(two.hits[i].id, one.hits[i].id) << query << " hit " << i;
            EXPECT_NEAR(two.hits[i].score, one.hits[i].score, 1e-9) << query << " hit " << i;
        }
    }
}

TEST_F(EngineQueryPlan, PagesScoredFromTheLengthTableAreThoseOfEveryMatchEvaluated) {
    // Over these records a term's postings span many chunks of Xapian's posting lists, which the
    // terms scored from the length table (term_scoring.h) skip through; the reference ranks the
    // whole query with Xapian's own terms, every match seen. Many records score exactly alike,
    // so equal scores go by title on both sides.
    const std::string sector = generated().records[1].sectors.front();
    for (const std::string query : {"maskiner", "dyr", "maskiner folk", "store maskiner",
                                    "arbeidet skjer i et lag", "folk -maskiner"}) {
        for (const std::size_t page : {1u, 2u, 7u}) {
            for (const bool filtered : {false, true}) {
                SearchRequest request;
                request.query = query;
                request.page = page;
                request.per_page = 10;
                if (filtered) request.sectors = {sector};
                const std::string what = "\"" + query + "\" page " + std::to_string(page) +
                                         (filtered ? " in " + sector : "");
                const auto expected = yrkesok::testing::reference_page(
                    generated().dir.string(), *generated().analyzer, request);
                const SearchResponse got = engine_->search(request);
                EXPECT_GT(got.plan.scored_leaves, 0u) << what;
                yrkesok::testing::expect_same_page(got.hits, expected, what);
            }
        }
    }
}

TEST_F(EngineQueryPlan, DisjunctiveCountsFromSetsEqualBruteForceUnderBothFilters) {
    const std::string sector = generated().records[1].sectors.front();
    const std::string level = generated().records[2].education_levels.front();
    SearchRequest request;
    request.query = "maskiner";
    request.sectors = {sector};
    request.education_levels = {level};
    const SearchResponse response = engine_->search(request);
    ASSERT_TRUE(response.plan.counted_from_sets);

    std::size_t total = 0;
    Counts sectors;    // counted with the education filter only
    Counts education;  // counted with the sector filter only
    for (std::size_t i = 0; i < kRecords; ++i) {
        if (!about_machines(i)) continue;
        const Occupation& r = generated().records[i];
        const bool in_sector = has(r.sectors, sector);
        const bool at_level = has(r.education_levels, level);
        if (in_sector && at_level) ++total;
        if (at_level) {
            for (const auto& s : r.sectors) ++sectors[s];
        }
        if (in_sector) {
            for (const auto& e : r.education_levels) ++education[e];
        }
    }
    EXPECT_EQ(response.total, total);
    EXPECT_EQ(nonzero(response.sectors), sectors);
    EXPECT_EQ(nonzero(response.education_levels), education);
}

TEST_F(EngineQueryPlan, APhraseIsCountedByTheRankingPassWhichThenSeesEveryMatch) {
    // Positions cannot be decided on bitmaps: the matcher counts, and so weighs every match.
    SearchRequest request;
    request.query = "\"arbeider med maskiner\"";
    const SearchResponse response = engine_->search(request);
    std::size_t expected = 0;
    for (std::size_t i = 0; i < kRecords; ++i) expected += about_machines(i) ? 1 : 0;
    EXPECT_FALSE(response.plan.counted_from_sets);
    EXPECT_EQ(response.total, expected);
    EXPECT_EQ(response.plan.ranked_documents, expected);
}

TEST_F(EngineQueryPlan, TheSameQueryGivesTheSameAnswerWhenItsMatchesAreAlreadyKnown) {
    // The second run takes the words' matches from the compiled query.
    SearchRequest request;
    request.query = "dyr";
    request.per_page = 20;
    const SearchResponse first = engine_->search(request);
    const SearchResponse second = engine_->search(request);
    EXPECT_EQ(first.total, kRecords - kRecords * 2 / 3);
    EXPECT_EQ(first.total, second.total);
    EXPECT_EQ(first.sectors, second.sectors);
    ASSERT_EQ(first.hits.size(), second.hits.size());
    for (std::size_t i = 0; i < first.hits.size(); ++i) {
        EXPECT_EQ(first.hits[i].id, second.hits[i].id);
    }
}

}  // namespace
