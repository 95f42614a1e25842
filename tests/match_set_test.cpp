// match_set evaluates a query on bitmaps of postings: for random query trees over the operators
// it supports, the set it gives must be exactly the documents Xapian's matcher returns. Queries
// it cannot decide on postings alone give null, and PostingSets keeps within its byte budget.
#include "match_set.h"

#include <gtest/gtest.h>
#include <xapian.h>

#include <memory>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "term_scoring.h"

namespace {

using yrkesok::search::DocumentSet;
using yrkesok::search::match_set;
using yrkesok::search::PostingSets;
using yrkesok::search::TermScoring;

constexpr int kDocuments = 300;
constexpr int kTerms = 8;

// Term t<k> indexes a document with a probability that falls with k, so sets of every size
// occur; a few documents are deleted, leaving gaps in the ids.
Xapian::WritableDatabase random_database(std::mt19937& random) {
    Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
    std::uniform_real_distribution<double> chance(0, 1);
    for (int d = 0; d < kDocuments; ++d) {
        Xapian::Document doc;
        for (int t = 0; t < kTerms; ++t) {
            if (chance(random) < 0.6 / (t + 1)) doc.add_term("t" + std::to_string(t));
        }
        doc.add_value(0, std::to_string(d % 10));
        db.add_document(doc);
    }
    for (Xapian::docid id = 7; id <= kDocuments; id += 37) db.delete_document(id);
    db.commit();
    return db;
}

Xapian::Query random_query(std::mt19937& random, int depth) {
    std::uniform_int_distribution<int> pick(0, 99);
    const int p = pick(random);
    if (depth == 0 || p < 25) {
        if (p < 2) return Xapian::Query(std::string());                           // every document
        if (p < 4) return Xapian::Query();                                        // nothing
        return Xapian::Query("t" + std::to_string(pick(random) % (kTerms + 1)));  // t8: absent
    }
    static const Xapian::Query::op ops[] = {
        Xapian::Query::OP_AND,       Xapian::Query::OP_OR,     Xapian::Query::OP_AND_NOT,
        Xapian::Query::OP_AND_MAYBE, Xapian::Query::OP_FILTER, Xapian::Query::OP_XOR,
        Xapian::Query::OP_SYNONYM,   Xapian::Query::OP_MAX,    Xapian::Query::OP_SCALE_WEIGHT};
    const auto op = ops[pick(random) % std::size(ops)];
    if (op == Xapian::Query::OP_SCALE_WEIGHT) {
        return Xapian::Query(op, random_query(random, depth - 1), 0.5 * (pick(random) % 4));
    }
    std::vector<Xapian::Query> subqueries;
    const int n = 2 + pick(random) % 3;
    for (int i = 0; i < n; ++i) subqueries.push_back(random_query(random, depth - 1));
    return Xapian::Query(op, subqueries.begin(), subqueries.end());
}

std::set<Xapian::docid> matched_by_xapian(const Xapian::Database& db, const Xapian::Query& q) {
    Xapian::Enquire enquire(db);
    enquire.set_query(q);
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    std::set<Xapian::docid> out;
    const auto mset = enquire.get_mset(0, db.get_doccount(), db.get_doccount());
    for (auto it = mset.begin(); it != mset.end(); ++it) out.insert(*it);
    return out;
}

std::set<Xapian::docid> members(const DocumentSet& set) {
    std::set<Xapian::docid> out;
    for (auto id : set) out.insert(id);
    return out;
}

TEST(MatchSet, EqualsTheMatcherOnRandomQueryTrees) {
    std::mt19937 random(20261204);
    const auto db = random_database(random);
    PostingSets postings(1 << 20);
    for (int i = 0; i < 500; ++i) {
        const Xapian::Query query = random_query(random, 3);
        const auto set = match_set(query, db, postings);
        ASSERT_TRUE(set) << query.get_description();
        EXPECT_EQ(members(*set), matched_by_xapian(db, query)) << query.get_description();
    }
}

TEST(MatchSet, GivesNullWherePostingsAloneCannotDecide) {
    std::mt19937 random(1);
    const auto db = random_database(random);
    PostingSets postings(1 << 20);
    const Xapian::Query t0("t0");
    const Xapian::Query t1("t1");
    const Xapian::Query undecidable[] = {
        Xapian::Query(Xapian::Query::OP_PHRASE, t0, t1),
        Xapian::Query(Xapian::Query::OP_NEAR, t0, t1),
        Xapian::Query(Xapian::Query::OP_WILDCARD, "t"),
        Xapian::Query(Xapian::Query::OP_VALUE_RANGE, 0, "1", "3"),
        Xapian::Query(Xapian::Query::OP_ELITE_SET, t0, t1),
        Xapian::Query((new Xapian::ValueWeightPostingSource(0))->release()),
    };
    for (const auto& q : undecidable) {
        EXPECT_FALSE(match_set(q, db, postings)) << q.get_description();
        // Also inside an operator that could otherwise be evaluated.
        EXPECT_FALSE(match_set(Xapian::Query(Xapian::Query::OP_OR, t0, q), db, postings))
            << q.get_description();
    }
}

TEST(MatchSet, AFixedWeightBonusMatchesEveryDocument) {
    // The engine's exact-title bonus: a fixed weight AND-ed with the title terms that earn it.
    std::mt19937 random(3);
    const auto db = random_database(random);
    PostingSets postings(1 << 20);
    const Xapian::Query bonus((new Xapian::FixedWeightPostingSource(2.5))->release());
    const Xapian::Query earned(Xapian::Query::OP_AND, Xapian::Query("t1"), bonus);
    const Xapian::Query query(Xapian::Query::OP_OR, Xapian::Query("t3"), earned);
    const auto set = match_set(query, db, postings);
    ASSERT_TRUE(set);
    EXPECT_EQ(members(*set), matched_by_xapian(db, query));
    EXPECT_EQ(match_set(bonus, db, postings)->cardinality(), db.get_doccount());
}

TEST(MatchSet, AScoredUnionMatchesTheDocumentsOfItsTerms) {
    // The query builder's union of a query's terms (TermScoring::union_leaf), alone and inside
    // operators; t8 is held by no document.
    std::mt19937 random(4);
    const auto db = random_database(random);
    PostingSets postings(1 << 20);
    const auto scoring = std::make_shared<const TermScoring>(db, 1.2);
    std::vector<TermScoring::UnionTerm> terms;
    for (const std::string term : {"t2", "t5", "t7"}) {
        terms.push_back({term, db.get_termfreq(term), db.get_collection_freq(term), 1.0});
    }
    const Xapian::Query u = TermScoring::union_leaf(scoring, terms);
    for (const auto& query : {u, Xapian::Query(Xapian::Query::OP_AND, Xapian::Query("t0"), u),
                              Xapian::Query(Xapian::Query::OP_OR, Xapian::Query("t1"), u)}) {
        const auto set = match_set(query, db, postings);
        ASSERT_TRUE(set) << query.get_description();
        EXPECT_EQ(members(*set), matched_by_xapian(db, query)) << query.get_description();
    }
}

TEST(PostingSets, KeepsWithinItsByteBudgetAndStillAnswersPastIt) {
    std::mt19937 random(2);
    const auto db = random_database(random);
    const std::size_t one_term = PostingSets(1 << 20).term(db, "t0")->getSizeInBytes();
    PostingSets postings(one_term * 2);
    for (int round = 0; round < 3; ++round) {
        for (int t = 0; t < kTerms; ++t) {
            const std::string term = "t" + std::to_string(t);
            EXPECT_EQ(postings.term(db, term)->cardinality(), db.get_termfreq(term)) << term;
            EXPECT_LE(postings.bytes(), one_term * 2);
        }
    }
    PostingSets tiny(1);  // nothing fits: every set is read afresh, none kept
    EXPECT_EQ(tiny.term(db, "")->cardinality(), db.get_doccount());
    EXPECT_EQ(tiny.bytes(), 0u);
}

}  // namespace
