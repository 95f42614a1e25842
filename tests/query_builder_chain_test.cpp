// The OR of a query's terms is built as a chain from the most frequent term down when its terms
// hold more postings than the index has documents (QueryBuilder::pruning_chain): every document
// scores what a flat OR gives it, the matcher works out fewer term scores for a page, and a
// query over fewer postings keeps the flat OR.
#include <gtest/gtest.h>
#include <xapian.h>

#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "support/bundled_index.h"
#include "support/counting_weight.h"
#include "yrkesok/format/open.h"
#include "yrkesok/searcher/query_builder.h"
#include "yrkesok/searcher/query_parser.h"

namespace {

using yrkesok::search::QueryBuilder;
using yrkesok::search::RankingOptions;
using yrkesok::testing::bundled_index;

class PruningChain : public testing::Test {
  protected:
    // Built as the engine builds it (with the index's frequencies), and without the index: a
    // flat OR of the same terms with the same weights.
    Xapian::Query chained(const std::string& q) const {
        return QueryBuilder(db_, analyzer(), ranking_, &db_).build(parse(q)).query;
    }
    Xapian::Query flat(const std::string& q) const {
        return QueryBuilder(db_, analyzer(), ranking_).build(parse(q)).query;
    }
    // Every match's score, by document id.
    std::map<Xapian::docid, double> scores(const Xapian::Query& query) const {
        Xapian::Enquire enquire(db_);
        enquire.set_query(query);
        enquire.set_weighting_scheme(yrkesok::search::ranking_weight(ranking_));
        const Xapian::MSet all = enquire.get_mset(0, db_.get_doccount());
        std::map<Xapian::docid, double> out;
        for (auto it = all.begin(); it != all.end(); ++it) out[*it] = it.get_weight();
        return out;
    }
    // Term scores the matcher works out for the first page of ten.
    std::size_t work_for_a_page(const Xapian::Query& query) const {
        std::size_t count = 0;
        Xapian::Enquire enquire(db_);
        enquire.set_query(query);
        enquire.set_weighting_scheme(yrkesok::testing::CountingRankingWeight(&count));
        enquire.get_mset(0, 10);
        return count;
    }
    static const yrkesok::analyzers::Analyzer& analyzer() { return *bundled_index().analyzer; }
    static yrkesok::search::ParsedQuery parse(const std::string& q) {
        return yrkesok::search::parse_query(q, analyzer());
    }

    const RankingOptions ranking_{};
    const Xapian::Database db_ =
        yrkesok::format::open_current_generation(bundled_index().index_dir()).db;
};

// Broad words and queries of several words: their terms hold more postings than the 352
// documents of the bundled corpus.
const std::vector<std::string> kBroadQueries = {"arbeid", "jobbe med barn",   "helsefagarbeider",
                                                "lærer",  "ta røntgenbilder", "leder en skole"};

TEST_F(PruningChain, BroadQueriesAreChainedAndScoreAsAFlatOr) {
    for (const auto& q : kBroadQueries) {
        const Xapian::Query chain = chained(q);
        const Xapian::Query plain = flat(q);
        EXPECT_NE(chain.get_description(), plain.get_description()) << q;
        const auto expected = scores(plain);
        const auto got = scores(chain);
        ASSERT_EQ(got.size(), expected.size()) << q;
        for (const auto& [docid, score] : expected) {
            ASSERT_TRUE(got.contains(docid)) << q << ": document " << docid;
            EXPECT_NEAR(got.at(docid), score, 1e-12 * score) << q << ": document " << docid;
        }
    }
}

TEST_F(PruningChain, TheMatcherWorksOutFewerTermScoresForAPage) {
    std::size_t with_chain = 0;
    std::size_t without = 0;
    for (const auto& q : kBroadQueries) {
        with_chain += work_for_a_page(chained(q));
        without += work_for_a_page(flat(q));
    }
    EXPECT_LT(with_chain, without);
}

TEST_F(PruningChain, ANarrowWordKeepsTheFlatOr) {
    // "perfusjonist" is in one title and a few texts: far fewer postings than documents.
    const Xapian::Query chain = chained("perfusjonist");
    EXPECT_EQ(chain.get_description().find("2 * ("), std::string::npos) << chain.get_description();
    EXPECT_NE(chained("arbeid").get_description().find("2 * ("), std::string::npos);
}

}  // namespace
