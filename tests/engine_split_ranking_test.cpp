// Several words over a local index are ranked in two passes (the documents holding every word,
// then the others that can still reach the page) instead of one query holding an AND of the words
// next to their OR. The page must be the one the whole query gives: these tests rank the whole
// query with Xapian directly, every match seen, and compare hit for hit and score for score.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "support/bundled_index.h"
#include "support/reference_ranking.h"
#include "yrkesok/format/open.h"
#include "yrkesok/searcher/query_builder.h"
#include "yrkesok/searcher/query_parser.h"
#include "yrkesok/searcher/search_engine.h"

namespace {

using yrkesok::search::SearchEngine;
using yrkesok::search::SearchRequest;
using yrkesok::search::SearchResponse;
using yrkesok::testing::bundled_index;

class SplitRanking : public testing::Test {
  protected:
    void expect_same_page(const SearchRequest& request) {
        const auto expected = yrkesok::testing::reference_page(bundled_index().index_dir(),
                                                               *bundled_index().analyzer, request);
        const std::string what = "\"" + request.query + "\" page " + std::to_string(request.page) +
                                 (request.prefix ? " (prefix)" : "") +
                                 (request.sectors.empty() ? "" : " in " + request.sectors.front());
        yrkesok::testing::expect_same_page(engine_.search(request).hits, expected, what);
    }

    Xapian::Database db_ = yrkesok::format::open_current_generation(bundled_index().index_dir()).db;
    SearchEngine engine_{bundled_index().index_dir(), bundled_index().analyzer};
};

TEST_F(SplitRanking, SeveralWordsAreSplitAndOneWordOrAPhraseIsNot) {
    const auto& analyzer = *bundled_index().analyzer;
    const yrkesok::search::RankingOptions ranking;
    const yrkesok::search::QueryBuilder builder(db_, analyzer, ranking, &db_);
    const auto built = [&](const std::string& q) {
        return builder.build(yrkesok::search::parse_query(q, analyzer));
    };
    EXPECT_TRUE(built("jobbe med barn").split.has_value());
    EXPECT_TRUE(built("sveise rør -olje").split.has_value());
    EXPECT_FALSE(built("sykepleier").split.has_value());
    EXPECT_FALSE(built("\"jobbe med barn\" barnehage").split.has_value());
}

TEST_F(SplitRanking, PagesEqualTheWholeQuerysRanking) {
    // Everyday queries: broad and narrow words together, an exclusion, an OR, both standards.
    const std::vector<std::string> queries = {
        "hjerte lungemaskin",   "jobbe med barn",          "reparere bil",
        "leder en skole",       "ta røntgenbilder",        "elever i ungdomsskolen",
        "sveise rør -olje",     "kunde service på e-post", "barne- og ungdomsarbeider",
        "dyr OR fisk oppdrett", "jobbe ute i naturen",     "sjukepleiar på sjukehus",
        "selge klær i butikk",  "regnskap og lønn"};
    for (const auto& query : queries) {
        for (const bool prefix : {false, true}) {
            for (std::size_t page = 1; page <= 3; ++page) {
                SearchRequest request;
                request.query = query;
                request.prefix = prefix;
                request.page = page;
                request.per_page = 10;
                expect_same_page(request);
            }
        }
    }
}

TEST_F(SplitRanking, PagesEqualTheWholeQuerysRankingUnderAFilterAndForLongPages) {
    const std::vector<std::string> queries = {"jobbe med barn", "arbeide med mennesker",
                                              "bygge hus av tre"};
    for (const auto& query : queries) {
        SearchRequest request;
        request.query = query;
        request.sectors = {"Helse og sosial"};
        expect_same_page(request);
        request.sectors.clear();
        request.per_page = 100;
        expect_same_page(request);
        request.page = 2;
        expect_same_page(request);
    }
}

}  // namespace
