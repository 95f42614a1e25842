// search::TermScoring: a term scored from the generation's table of document lengths must get
// every document exactly the score Xapian's BM25 (RankingWeight) gives it, with RankingWeight's
// bound, whether its postings come from Xapian's database or from the table's own copy of them,
// and a ranking pass over such terms, which the matcher prunes by those bounds, must give the page
// that evaluating every match gives. A union of such terms (one leaf for the query builder's
// chain) must score every match as the chain does and, pruning within itself, give the same pages.
#include "term_scoring.h"

#include <gtest/gtest.h>
#include <xapian.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "support/bundled_index.h"
#include "support/reference_ranking.h"
#include "yrkesok/format/open.h"
#include "yrkesok/searcher/query_builder.h"
#include "yrkesok/searcher/query_parser.h"
#include "yrkesok/searcher/search_engine.h"

namespace {

using yrkesok::search::GenerationCopy;
using yrkesok::search::RankingOptions;
using yrkesok::search::SearchEngine;
using yrkesok::search::SearchRequest;
using yrkesok::search::TermScoring;
using yrkesok::testing::bundled_index;

using Scores = std::map<Xapian::docid, double>;

// Every match of `query` with its score, every match evaluated (no pruning).
Scores every_score(const Xapian::Database& db, const Xapian::Query& query,
                   const RankingOptions& ranking = {}) {
    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    enquire.set_weighting_scheme(yrkesok::search::ranking_weight(ranking));
    const Xapian::MSet mset = enquire.get_mset(0, db.get_doccount(), db.get_doccount());
    Scores out;
    for (auto it = mset.begin(); it != mset.end(); ++it) out[*it] = it.get_weight();
    return out;
}

// Every seventh term with weighted postings (wdf above 0): a few thousand of the index's terms.
std::vector<std::string> sampled_terms(const Xapian::Database& db) {
    std::vector<std::string> out;
    std::size_t seen = 0;
    for (auto t = db.allterms_begin(); t != db.allterms_end(); ++t) {
        const std::string term = *t;
        if (term.empty() || db.get_collection_freq(term) == 0 || seen++ % 7 != 0) continue;
        out.push_back(term);
    }
    return out;
}

class TermScoringTest : public testing::Test {
  protected:
    Xapian::Database db_ = yrkesok::format::open_current_generation(bundled_index().index_dir()).db;
    std::shared_ptr<const TermScoring> scoring_ =
        std::make_shared<const TermScoring>(db_, RankingOptions{}.bm25_k1);
    // The same table walking a copy's postings, as for a generation searched in memory.
    std::shared_ptr<const GenerationCopy::Postings> copied_ = GenerationCopy::read(db_)->postings();
    std::shared_ptr<const TermScoring> kept_ =
        std::make_shared<const TermScoring>(db_, RankingOptions{}.bm25_k1, copied_);

    Xapian::Query leaf(const std::string& term, double factor) const {
        return leaf(scoring_, term, factor);
    }
    // `terms` that the index holds, most frequent first (ties in the order given), as the query
    // builder orders a chain.
    std::vector<std::string> by_frequency(std::vector<std::string> terms) const {
        std::erase_if(terms, [&](const std::string& t) { return db_.get_termfreq(t) == 0; });
        std::stable_sort(terms.begin(), terms.end(), [&](const auto& a, const auto& b) {
            return db_.get_termfreq(a) > db_.get_termfreq(b);
        });
        return terms;
    }
    // The query builder's pruning chain of scored leaves: OR(t0, OR(t1, OR(t2, …))), each link
    // scaled by 2 and each leaf's weight halved once for each link above it.
    Xapian::Query chain(const std::shared_ptr<const TermScoring>& scoring,
                        const std::vector<std::string>& terms, double factor) const {
        const std::size_t n = terms.size();
        const auto at = [&](std::size_t i) {
            return leaf(scoring, terms[i],
                        std::ldexp(factor, -static_cast<int>(std::min(i + 1, n - 1))));
        };
        Xapian::Query out = at(n - 1);
        for (std::size_t i = n - 1; i-- > 0;) {
            out = Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT,
                                Xapian::Query(Xapian::Query::OP_OR, at(i), out), 2.0);
        }
        return out;
    }
    Xapian::Query union_of(const std::shared_ptr<const TermScoring>& scoring,
                           const std::vector<std::string>& terms, double factor) const {
        std::vector<TermScoring::UnionTerm> members;
        for (const auto& t : terms) {
            members.push_back({t, db_.get_termfreq(t), db_.get_collection_freq(t), factor});
        }
        return TermScoring::union_leaf(scoring, members);
    }
    Xapian::Query leaf(const std::shared_ptr<const TermScoring>& scoring, const std::string& term,
                       double factor) const {
        return TermScoring::leaf(scoring, term, db_.get_termfreq(term),
                                 db_.get_collection_freq(term), factor);
    }
};

TEST_F(TermScoringTest, ScoresEveryPostingExactlyAsXapiansBm25) {
    const auto terms = sampled_terms(db_);
    ASSERT_GT(terms.size(), 1000u);
    // Factors the query builder gives: a title form, a body form, a part inside a chain link,
    // and one under the every-word bonus; the occupations profile's k1 and Xapian's default.
    const std::vector<std::pair<double, double>> cases = {
        {3.0, 1.0}, {3.0, 4.0 * 0.5}, {3.0, 1.75 * 0.35}, {3.0, 3 * 1.75}, {1.2, 1.75}};
    for (const auto& [k1, factor] : cases) {
        for (const auto& copy : {std::shared_ptr<const GenerationCopy::Postings>(), copied_}) {
            // The copy's postings at two of the pairs (the sanitizers' build is slow).
            if (copy && k1 == 3.0 && factor != 1.0) continue;
            RankingOptions ranking;
            ranking.bm25_k1 = k1;
            const auto scoring = std::make_shared<const TermScoring>(db_, k1, copy);
            ASSERT_EQ(scoring->keeps_postings(), copy != nullptr);
            for (const auto& term : terms) {
                const Scores expected = every_score(
                    db_, Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(term), factor),
                    ranking);
                const Scores got =
                    every_score(db_,
                                TermScoring::leaf(scoring, term, db_.get_termfreq(term),
                                                  db_.get_collection_freq(term), factor),
                                ranking);
                ASSERT_EQ(got.size(), expected.size()) << term;
                for (const auto& [docid, score] : expected) {
                    ASSERT_EQ(got.at(docid), score)
                        << term << " in document " << docid << ", k1 " << k1
                        << (scoring->keeps_postings() ? ", postings kept" : "");
                }
            }
        }
    }
}

TEST_F(TermScoringTest, TheBoundIsRankingWeightsAndNoBestDocumentGetsMore) {
    // The matcher sets terms aside by their bounds: the same bounds as RankingWeight's, to the
    // last bit, prune the same documents at the same moments.
    const auto terms = sampled_terms(db_);
    for (const double factor : {1.0, 1.75 * 0.35}) {
        for (const auto& scoring : {scoring_, kept_}) {
            for (const auto& term : terms) {
                Xapian::Enquire scored(db_);
                scored.set_query(leaf(scoring, term, factor));
                scored.set_weighting_scheme(yrkesok::search::ranking_weight(RankingOptions{}));
                const Xapian::MSet mset = scored.get_mset(0, 1, db_.get_doccount());
                Xapian::Enquire plain(db_);
                plain.set_query(
                    Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(term), factor));
                plain.set_weighting_scheme(yrkesok::search::ranking_weight(RankingOptions{}));
                ASSERT_EQ(mset.get_max_possible(), plain.get_mset(0, 1).get_max_possible()) << term;
                ASSERT_GE(mset.get_max_possible(), mset.get_max_attained()) << term;
            }
        }
    }
}

TEST_F(TermScoringTest, OverTheInMemoryDatabaseItWasCopiedIntoScoresAsXapianDoesThere) {
    // As an engine searching in memory has it: the table made over the in-memory database,
    // whose length bounds Xapian works out otherwise than the files', walking the copy's
    // postings; scores and bounds against Xapian's own terms on that database.
    const auto copy = GenerationCopy::read(db_);
    const Xapian::Database memory = copy->database();
    const auto scoring =
        std::make_shared<const TermScoring>(memory, RankingOptions{}.bm25_k1, copy->postings());
    const auto terms = sampled_terms(db_);
    for (const double factor : {1.0, 1.75 * 0.35}) {
        for (const auto& term : terms) {
            const Xapian::Query plain(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(term), factor);
            const Xapian::Query scored = TermScoring::leaf(
                scoring, term, memory.get_termfreq(term), memory.get_collection_freq(term), factor);
            const Scores expected = every_score(memory, plain);
            const Scores got = every_score(memory, scored);
            ASSERT_EQ(got, expected) << term << ", factor " << factor;
            Xapian::Enquire ours(memory);
            ours.set_query(scored);
            ours.set_weighting_scheme(yrkesok::search::ranking_weight(RankingOptions{}));
            Xapian::Enquire xapians(memory);
            xapians.set_query(plain);
            xapians.set_weighting_scheme(yrkesok::search::ranking_weight(RankingOptions{}));
            ASSERT_EQ(ours.get_mset(0, 1).get_max_possible(),
                      xapians.get_mset(0, 1).get_max_possible())
                << term;
        }
    }
}

TEST_F(TermScoringTest, ALeafAloneKeepsTheCopiedPostingsItWalks) {
    // The query's leaf is all that holds the table and the copy's postings here: nothing else
    // refers to them once it is made (the sanitizers' build reads freed memory otherwise).
    for (const std::string term : {"XDmaskin", "XTsykepleier", "XDPpleier"}) {
        ASSERT_GT(db_.get_termfreq(term), 0u) << term;
        const Xapian::Query alone = TermScoring::leaf(
            std::make_shared<const TermScoring>(db_, RankingOptions{}.bm25_k1,
                                                GenerationCopy::read(db_)->postings()),
            term, db_.get_termfreq(term), db_.get_collection_freq(term), 1.0);
        EXPECT_EQ(every_score(db_, alone), every_score(db_, Xapian::Query(term))) << term;
    }
}

TEST_F(TermScoringTest, ACopiedLeafSkipsToWhatAnAndOrAFilterAsks) {
    // An AND or a FILTER moves its sides with skip_to, the first move included, to documents
    // before, at and past a side's own position: every match evaluated, document for document.
    const std::vector<std::pair<std::string, std::string>> pairs = {{"XDmaskin", "XDhjerte"},
                                                                    {"XDarbeid", "XTsykepleier"},
                                                                    {"XDPpleier", "XDpasient"},
                                                                    {"XDbarn", "XDskole"},
                                                                    {"XDkunde", "XDsalg"}};
    for (const auto& [broad, other] : pairs) {
        ASSERT_GT(db_.get_termfreq(broad), 0u) << broad;
        ASSERT_GT(db_.get_termfreq(other), 0u) << other;
        const auto kept = [&](const std::string& term) { return leaf(kept_, term, 1.0); };
        const std::vector<std::pair<Xapian::Query, Xapian::Query>> cases = {
            {Xapian::Query(Xapian::Query::OP_AND, kept(broad), Xapian::Query(other)),
             Xapian::Query(Xapian::Query::OP_AND, Xapian::Query(broad), Xapian::Query(other))},
            {Xapian::Query(Xapian::Query::OP_AND, kept(broad), kept(other)),
             Xapian::Query(Xapian::Query::OP_AND, Xapian::Query(broad), Xapian::Query(other))},
            {Xapian::Query(Xapian::Query::OP_FILTER, kept(broad), Xapian::Query(other)),
             Xapian::Query(Xapian::Query::OP_FILTER, Xapian::Query(broad), Xapian::Query(other))},
            {Xapian::Query(Xapian::Query::OP_FILTER, Xapian::Query(other), kept(broad)),
             Xapian::Query(Xapian::Query::OP_FILTER, Xapian::Query(other), Xapian::Query(broad))}};
        for (const auto& [scored, plain] : cases) {
            const Scores expected = every_score(db_, plain);
            EXPECT_EQ(every_score(db_, scored), expected) << plain.get_description();
        }
    }
}

TEST_F(TermScoringTest, AnOrOfScoredTermsFindsTheDocumentsEveryMatchEvaluatedFinds) {
    // ORs of a word's forms. With bounds at the greatest weight each term's postings get, Xapian
    // 1.4's AND_MAYBE, turned into an AND as the page's lowest score rose past one side's bound,
    // resumed past a document both sides hold: the one holding both "maskin" forms (and no
    // "grave") fell off the page. With RankingWeight's bounds it stays.
    const std::vector<std::vector<std::string>> groups = {
        {"XDgravemaskin", "XDPgrave", "XDPmaskin", "XDgrave", "XDmaskin"},
        {"XDPhjerte", "XDhjerte", "XDPlunge", "XDlungemaskin", "XTPmaskin"},
        {"XDsykepleier", "XDPpleier", "XTsykepleier", "XDPsyke", "XDpasient"}};
    for (const auto& terms : groups) {
        for (const auto& scoring : {scoring_, kept_}) {
            std::vector<Xapian::Query> scored;
            std::vector<Xapian::Query> plain;
            for (const auto& term : terms) {
                if (db_.get_termfreq(term) == 0) continue;
                scored.push_back(leaf(scoring, term, 1.0));
                plain.push_back(Xapian::Query(term));
            }
            ASSERT_GE(scored.size(), 3u) << terms.front();
            for (const Xapian::doccount page : {3u, 10u, 25u}) {
                Xapian::Enquire top(db_);
                top.set_query(Xapian::Query(Xapian::Query::OP_OR, scored.begin(), scored.end()));
                top.set_weighting_scheme(yrkesok::search::ranking_weight(RankingOptions{}));
                const Xapian::MSet pruned = top.get_mset(0, page);
                Xapian::Enquire all(db_);
                all.set_query(Xapian::Query(Xapian::Query::OP_OR, plain.begin(), plain.end()));
                all.set_weighting_scheme(yrkesok::search::ranking_weight(RankingOptions{}));
                const Xapian::MSet every = all.get_mset(0, page, db_.get_doccount());
                ASSERT_EQ(pruned.size(), every.size());
                for (Xapian::doccount i = 0; i < pruned.size(); ++i) {
                    EXPECT_EQ(*pruned[i], *every[i])
                        << terms.front() << ", page of " << page << ", hit " << i + 1;
                    EXPECT_EQ(pruned[i].get_weight(), every[i].get_weight());
                }
            }
        }
    }
}

// Groups of terms as the query builder chains them: a word's forms in the summary and body and in
// titles, and the terms of several words together, broad and narrow.
const std::vector<std::vector<std::string>> kUnionGroups = {
    {"XDarbeid", "XDarbeide", "XDParbeid", "XTParbeider", "XDarbeider"},
    {"XDjobbe", "XDta", "XDbarn", "XDPbarn", "XDhjelpe"},
    {"XDfør", "XDfører", "XDføre", "XDPfører", "XDtog", "XDta"},
    {"XDPskole", "XDskole", "XDleder", "XDlede", "XTPleder"},
    {"XDgravemaskin", "XDPgrave", "XDPmaskin", "XDgrave", "XDmaskin"},
    {"XDsykepleier", "XDPpleier", "XTsykepleier", "XDPsyke", "XDpasient", "XDlege", "XDPlege"}};

TEST_F(TermScoringTest, AUnionScoresEveryMatchAsTheChainOfItsLeavesDoes) {
    // To the last bit: the same term weights, added up in the chain's order.
    for (const auto& group : kUnionGroups) {
        const auto terms = by_frequency(group);
        ASSERT_GE(terms.size(), 3u) << group.front();
        for (const auto& scoring : {scoring_, kept_}) {
            for (const double factor : {1.0, 4.0, 0.3}) {
                const Scores expected = every_score(db_, chain(scoring, terms, factor));
                EXPECT_EQ(every_score(db_, union_of(scoring, terms, factor)), expected)
                    << terms.front() << " × " << factor;
            }
        }
    }
}

TEST_F(TermScoringTest, AUnionPrunedGivesThePagesOfEveryMatchEvaluated) {
    // The union passes over documents that cannot reach the page, alone, driving an AND, asked
    // by a narrow or a broad filter whether it holds a document, and beside a bonus and another
    // term: the pages are those of every match evaluated, hit for hit and weight for weight.
    auto* bonus = new Xapian::FixedWeightPostingSource(50.0);
    const Xapian::Query title_bonus(Xapian::Query::OP_AND, Xapian::Query("XTPleder"),
                                    Xapian::Query(bonus->release()));
    for (const auto& group : kUnionGroups) {
        const auto terms = by_frequency(group);
        for (const auto& scoring : {scoring_, kept_}) {
            const Xapian::Query u = union_of(scoring, terms, 4.0);
            const std::vector<std::pair<std::string, Xapian::Query>> cases = {
                {"alone", u},
                {"narrow filter",
                 Xapian::Query(Xapian::Query::OP_FILTER, u, Xapian::Query("XDtog"))},
                {"broad filter",
                 Xapian::Query(Xapian::Query::OP_FILTER, u, Xapian::Query("XDjobbe"))},
                {"and", Xapian::Query(Xapian::Query::OP_AND, u, leaf(scoring, "XDarbeid", 1.0))},
                {"bonus", Xapian::Query(Xapian::Query::OP_AND_MAYBE, u, title_bonus)},
                {"or", Xapian::Query(Xapian::Query::OP_OR, u, leaf(scoring, "XDpasient", 2.0))}};
            for (const auto& [what, query] : cases) {
                for (const Xapian::doccount page : {3u, 10u, 25u}) {
                    Xapian::Enquire enquire(db_);
                    enquire.set_query(query);
                    enquire.set_weighting_scheme(yrkesok::search::ranking_weight(RankingOptions{}));
                    const Xapian::MSet pruned = enquire.get_mset(0, page);
                    const Xapian::MSet every = enquire.get_mset(0, page, db_.get_doccount());
                    ASSERT_EQ(pruned.size(), every.size()) << terms.front() << ", " << what;
                    for (Xapian::doccount i = 0; i < pruned.size(); ++i) {
                        EXPECT_EQ(*pruned[i], *every[i])
                            << terms.front() << ", " << what << ", page of " << page << ", hit "
                            << i + 1;
                        EXPECT_EQ(pruned[i].get_weight(), every[i].get_weight());
                    }
                }
            }
        }
    }
}

// Whether `query` holds a union leaf under a weight scale (`scaled`: one is above it already),
// and whether it holds a union at all.
void find_unions(const Xapian::Query& query, bool scaled, bool& under_scale, bool& any) {
    if (query.get_type() == Xapian::Query::LEAF_POSTING_SOURCE) {
        const bool is_union = query.get_description().find("TermUnion(") != std::string::npos;
        any = any || is_union;
        under_scale = under_scale || (is_union && scaled);
        return;
    }
    const bool scale = scaled || query.get_type() == Xapian::Query::OP_SCALE_WEIGHT;
    for (std::size_t i = 0; i < query.get_num_subqueries(); ++i) {
        find_unions(query.get_subquery(i), scale, under_scale, any);
    }
}

TEST_F(TermScoringTest, TheQueryBuilderSetsNoWeightScaleOverAUnion) {
    // A union compares Xapian's weight hint, given before any scale above the leaf is applied,
    // with its own weights: under a scale it would pass over documents that reach the page.
    const RankingOptions ranking;  // the builder keeps a reference
    const yrkesok::search::QueryBuilder builder(db_, *bundled_index().analyzer, ranking, &db_,
                                                scoring_);
    bool any = false;
    for (const std::string q : {"arbeid", "jobbe med barn", "hjerte lungemaskin", "sykepleier",
                                "ta røntgenbilder", "leder en skole", "barne- og ungdomsarbeider",
                                "tømrer OR snekker", "kokk -restaurant", "\"lage mat\" kokk"}) {
        for (const bool prefix : {false, true}) {
            const auto built =
                builder.build(yrkesok::search::parse_query(q, *bundled_index().analyzer), prefix);
            std::vector<Xapian::Query> queries = {built.query};
            if (built.split) {
                queries.insert(queries.end(), {built.split->every_word, built.split->some_word,
                                               built.split->every_word_ranked});
            }
            for (const auto& query : queries) {
                bool under_scale = false;
                find_unions(query, false, under_scale, any);
                EXPECT_FALSE(under_scale) << q << (prefix ? " (prefix)" : "");
            }
        }
    }
    EXPECT_TRUE(any) << "no query made a union";
}

TEST_F(TermScoringTest, TheEnginesPagesAreThoseOfEveryMatchEvaluated) {
    // An engine on these files scores its terms from the table, one on its copy in memory from
    // the table's own postings; the reference ranks the whole query with Xapian's own terms,
    // every match seen.
    yrkesok::search::EngineOptions memory;
    memory.in_memory_max_bytes = yrkesok::search::kServeInMemoryMaxBytes;
    for (const auto& options : {yrkesok::search::EngineOptions{}, memory}) {
        SearchEngine engine(bundled_index().index_dir(), bundled_index().analyzer, options);
        ASSERT_EQ(engine.info().in_memory, options.in_memory_max_bytes > 0);
        const std::vector<std::string> queries = {"gravemaskin",
                                                  "sykepleier",
                                                  "hjerte lungemaskin",
                                                  "lærer",
                                                  "maskiner",
                                                  "kokk",
                                                  "sjukepleiar",
                                                  "bil",
                                                  "jobbe med barn",
                                                  "data",
                                                  "elektriker",
                                                  "barnehagelærer",
                                                  "tømrer snekker",
                                                  "frisør",
                                                  "helse",
                                                  "\"lage mat\" kokk"};
        for (const auto& query : queries) {
            for (const bool prefix : {false, true}) {
                for (std::size_t page = 1; page <= 2; ++page) {
                    SearchRequest request;
                    request.query = query;
                    request.prefix = prefix;
                    request.page = page;
                    const auto expected = yrkesok::testing::reference_page(
                        bundled_index().index_dir(), *bundled_index().analyzer, request);
                    const std::string what = "\"" + query + "\" page " + std::to_string(page) +
                                             (prefix ? " (prefix)" : "") +
                                             (engine.info().in_memory ? ", in memory" : "");
                    yrkesok::testing::expect_same_page(engine.search(request).hits, expected, what);
                }
            }
        }
    }
}

TEST_F(TermScoringTest, AnEngineInMemoryWalksTheTablesPostingsAndOneOnItsFilesXapians) {
    SearchRequest request;
    request.query = "hjerte lungemaskin";
    SearchEngine files(bundled_index().index_dir(), bundled_index().analyzer);
    const auto plan = files.search(request).plan;
    EXPECT_GT(plan.scored_leaves, 0u);
    EXPECT_LE(plan.scored_leaves, plan.term_leaves);
    EXPECT_FALSE(plan.postings_kept) << "the files' postings are read where they are";
    yrkesok::search::EngineOptions options;
    options.in_memory_max_bytes = yrkesok::search::kServeInMemoryMaxBytes;
    SearchEngine memory(bundled_index().index_dir(), bundled_index().analyzer, options);
    ASSERT_TRUE(memory.info().in_memory);
    const auto in_memory = memory.search(request).plan;
    EXPECT_EQ(in_memory.scored_leaves, plan.scored_leaves) << "the same query, leaf for leaf";
    EXPECT_EQ(in_memory.term_leaves, plan.term_leaves);
    EXPECT_TRUE(in_memory.postings_kept);
}

TEST_F(TermScoringTest, AScoredLeafNamesItsTermAndNoOtherQueryDoes) {
    EXPECT_EQ(yrkesok::search::scored_term(leaf("XDmaskin", 2.0)), "XDmaskin");
    EXPECT_EQ(yrkesok::search::scored_term(Xapian::Query("XDmaskin")), std::nullopt);
    auto* bonus = new Xapian::FixedWeightPostingSource(1.0);
    EXPECT_EQ(yrkesok::search::scored_term(Xapian::Query(bonus->release())), std::nullopt);
    // A term with brackets in it is read back whole.
    const std::string odd = "XD(a)b)";
    EXPECT_EQ(yrkesok::search::scored_term(TermScoring::leaf(scoring_, odd, 1, 1, 1.0)), odd);
}

TEST_F(TermScoringTest, AUnionNamesItsTermsInOrder) {
    const std::vector<std::string> terms = {"XDmaskin", "XD(a)b)", "XTP lege"};
    const Xapian::Query u = union_of(scoring_, terms, 1.0);
    EXPECT_EQ(yrkesok::search::scored_terms(u), terms);
    EXPECT_EQ(yrkesok::search::scored_term(u), std::nullopt) << "a union is no one term";
    const std::vector<std::string> one = {"XDmaskin"};
    EXPECT_EQ(yrkesok::search::scored_terms(leaf("XDmaskin", 1.0)), one);
    EXPECT_EQ(yrkesok::search::scored_terms(Xapian::Query("XDmaskin")), std::nullopt);
}

}  // namespace
