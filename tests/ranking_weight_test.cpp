// search::RankingWeight: Xapian's BM25 scores with a tighter bound on each term's contribution.
// The bound must never fall below what a document gets (a document the matcher skips on a bound
// too low would be missing from its page), it must be tighter than Xapian's for title words, and
// every page must be the one Xapian's own BM25 gives over every match.
#include "yrkesok/searcher/ranking_weight.h"

#include <gtest/gtest.h>
#include <xapian.h>

#include <cmath>
#include <string>
#include <vector>

#include "memory_copy.h"
#include "support/bundled_index.h"
#include "support/counting_weight.h"
#include "support/reference_ranking.h"
#include "support/temp_dir.h"
#include "yrkesok/format/open.h"
#include "yrkesok/format/schema.h"
#include "yrkesok/indexer/corpus.h"
#include "yrkesok/indexer/index_writer.h"
#include "yrkesok/searcher/query_builder.h"
#include "yrkesok/searcher/search_engine.h"

namespace {

namespace s = yrkesok::format;
using yrkesok::search::RankingOptions;
using yrkesok::search::RankingWeight;
using yrkesok::testing::bundled_index;

struct Bounds {
    double greatest_possible = 0;  // the matcher's bound for the query
    double greatest_attained = 0;  // the best document's score
};

Bounds bounds_of(const Xapian::Database& db, const Xapian::Query& query,
                 const Xapian::Weight& weight) {
    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    enquire.set_weighting_scheme(weight);
    const Xapian::MSet mset = enquire.get_mset(0, 1);
    return {mset.get_max_possible(), mset.get_max_attained()};
}

void rank_first_page(const Xapian::Database& db, const Xapian::Query& query,
                     const Xapian::Weight& weight) {
    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    enquire.set_weighting_scheme(weight);
    enquire.get_mset(0, 10);
}

const RankingWeight& weight() {
    static const RankingWeight w = yrkesok::search::ranking_weight(RankingOptions{});
    return w;
}

TEST(RankingWeight, NoTermsBoundFallsBelowWhatItsBestDocumentGets) {
    // The generation on disk and the engine's in-memory copy of it: each backend gives the
    // weight its own wdf bound.
    const Xapian::Database files = s::open_current_generation(bundled_index().index_dir()).db;
    const Xapian::Database memory = yrkesok::search::GenerationCopy::read(files)->database();
    for (const Xapian::Database& db : {files, memory}) {
        std::size_t terms = 0;
        for (auto t = db.allterms_begin(); t != db.allterms_end(); ++t) {
            const std::string term = *t;
            // Every term, boolean ones included (their postings have a wdf of 0), at a weight
            // the query builder gives a title term.
            const Xapian::Query query(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(term), 3.2);
            const Bounds b = bounds_of(db, query, weight());
            ASSERT_LE(b.greatest_attained, b.greatest_possible) << term;
            ++terms;
        }
        EXPECT_GT(terms, 1000u);
    }
}

TEST(RankingWeight, ASynonymOfSeveralTermsKeepsXapiansBound) {
    // OP_SYNONYM scores several terms as one; its document frequency is only an estimate.
    const Xapian::Database db = s::open_current_generation(bundled_index().index_dir()).db;
    const std::vector<std::string> words = {s::field_term(s::kText, "", "arbeid"),
                                            s::field_term(s::kText, "", "jobbe"),
                                            s::field_term(s::kTitle, "", "sykepleier")};
    const Xapian::Query synonym(Xapian::Query::OP_SYNONYM, words.begin(), words.end());
    const Bounds ours = bounds_of(db, synonym, weight());
    const Bounds xapians = bounds_of(db, synonym, weight().with_xapian_bounds());
    EXPECT_LE(ours.greatest_attained, ours.greatest_possible);
    EXPECT_DOUBLE_EQ(ours.greatest_possible, xapians.greatest_possible);
    EXPECT_DOUBLE_EQ(ours.greatest_attained, xapians.greatest_attained);
}

TEST(RankingWeight, ATitleWordsBoundIsTighterThanXapiansAndScoresAreTheSame) {
    const Xapian::Database db = s::open_current_generation(bundled_index().index_dir()).db;
    const std::string title_term = s::field_term(s::kTitle, "", "sykepleier");
    ASSERT_GE(db.get_termfreq(title_term), 2u);
    const Xapian::Query query(title_term);
    const Bounds ours = bounds_of(db, query, weight());
    const Bounds xapians = bounds_of(db, query, weight().with_xapian_bounds());
    EXPECT_EQ(ours.greatest_attained, xapians.greatest_attained);
    EXPECT_LE(ours.greatest_attained, ours.greatest_possible);
    // A title word has a wdf of one in each title: Xapian bounds it by its collection frequency.
    EXPECT_LT(ours.greatest_possible, 0.75 * xapians.greatest_possible);
}

// Records where a title word is common: in the title and the text of some, the title alone of
// more, the text alone of as many. The best documents hold it in both places; once the page is full
// of them, a document with the word in its title alone cannot reach the page, which the matcher
// can only see with a title word's true bound (one occurrence per title).
std::vector<yrkesok::index::Occupation> common_title_word_records() {
    std::vector<yrkesok::index::Occupation> records;
    const auto record = [&](const std::string& title, const std::string& body) {
        yrkesok::index::Occupation r;
        r.id = "yrke-" + std::to_string(records.size() + 1);
        r.title = title;
        r.summary = "Et yrke i verkstedet.";
        r.body = body;
        r.styrk08 = {"7212"};
        r.sectors = {"Industri og produksjon"};
        r.education_levels = {"Fagbrev"};
        r.language = "nb";
        r.updated = "2026-01-01";
        r.line = records.size() + 1;
        records.push_back(std::move(r));
    };
    // The best documents come first, so the page is full of them before the others are read.
    for (int i = 0; i < 20; ++i) {
        record("Sveiser " + std::to_string(i),
               "En sveiser sveiser rør. Sveiseren leser tegninger og sveiser stål.");
    }
    for (int i = 0; i < 60; ++i) {
        record("Sveiser i verkstedet " + std::to_string(i),
               "Arbeidet krever presisjon og tålmodighet.");
        record("Platearbeider " + std::to_string(i), "Platearbeideren samarbeider med en sveiser.");
    }
    return records;
}

TEST(RankingWeight, TheMatcherScoresLessWhenATitleWordIsCommon) {
    yrkesok::testing::TempDir scratch("ranking-weight-titles");
    const auto dir = scratch.path() / "index";
    yrkesok::index::build_index(common_title_word_records(), dir, *bundled_index().analyzer,
                                yrkesok::index::IndexBuildOptions{});
    const Xapian::Database db = s::open_current_generation(dir.string()).db;
    // The word in the title or in the text, weighed as the query builder weighs a word's terms.
    const RankingOptions ranking{};
    const Xapian::Query query(
        Xapian::Query::OP_OR,
        Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT,
                      Xapian::Query(s::field_term(s::kTitle, "", "sveiser")), ranking.title_weight),
        Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT,
                      Xapian::Query(s::field_term(s::kText, "", "sveiser")), ranking.text_weight));
    std::size_t ours = 0;
    std::size_t xapians = 0;
    rank_first_page(db, query, yrkesok::testing::CountingRankingWeight(&ours));
    rank_first_page(db, query, yrkesok::testing::CountingXapianWeight(&xapians));
    EXPECT_LT(ours, xapians);
    EXPECT_GT(ours, 0u);
}

TEST(RankingWeight, OneWordPagesAreXapiansRankingOverEveryMatch) {
    // The engine (top-k, pruned with these bounds, from its in-memory copy) against Xapian's own
    // BM25 over every match of the generation on disk.
    yrkesok::search::SearchEngine engine(bundled_index().index_dir(), bundled_index().analyzer);
    for (const std::string word : {"sykepleier", "lærer", "elektriker", "hjelpepleier", "kokk",
                                   "snekker", "sjukepleiar", "ingeniør", "barn", "sveising"}) {
        for (const std::size_t page : {1u, 2u}) {
            yrkesok::search::SearchRequest request;
            request.query = word;
            request.page = page;
            const auto expected = yrkesok::testing::reference_page(
                bundled_index().index_dir(), *bundled_index().analyzer, request);
            const auto hits = engine.search(request).hits;
            ASSERT_EQ(hits.size(), expected.size()) << word << " page " << page;
            for (std::size_t i = 0; i < hits.size(); ++i) {
                EXPECT_EQ(hits[i].id, expected[i].id) << word << " page " << page << " hit " << i;
                EXPECT_NEAR(hits[i].score, expected[i].score, 1e-9 * std::abs(expected[i].score))
                    << word << " page " << page << " hit " << i;
            }
        }
    }
}

}  // namespace
