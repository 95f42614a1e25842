// A word written shortened before a part it shares with the next word ("vei-" of "vei- og
// anleggsarbeider") names an alternative to that word: the two are one word of the query, so
// the page does not favour documents that hold "both" (which, with the shared part, any text
// holding "arbeider" would), and the query is not split into every-word and some-word passes.
#include <gtest/gtest.h>
#include <xapian.h>

#include <string>

#include "support/bundled_index.h"
#include "yrkesok/format/open.h"
#include "yrkesok/searcher/query_builder.h"
#include "yrkesok/searcher/query_parser.h"

namespace {

using yrkesok::search::QueryBuilder;
using yrkesok::testing::bundled_index;

class EllipsisGroups : public testing::Test {
  protected:
    yrkesok::search::BuiltQuery built(const std::string& q) const {
        const auto& analyzer = *bundled_index().analyzer;
        return QueryBuilder(db_, analyzer, ranking_, &db_)
            .build(yrkesok::search::parse_query(q, analyzer));
    }

    const yrkesok::search::RankingOptions ranking_{};
    const Xapian::Database db_ =
        yrkesok::format::open_current_generation(bundled_index().index_dir()).db;
};

TEST_F(EllipsisGroups, ShortenedWordAndTheWordItSharesWithAreOneWord) {
    for (const char* q : {"vei- og anleggsarbeider", "hjerte- og lungemaskin",
                          "el-, tele- og automatiseringsfag"}) {
        const auto b = built(q);
        EXPECT_FALSE(b.query.empty()) << q;
        EXPECT_FALSE(b.split.has_value()) << q << ": ranked as several words";
    }
}

TEST_F(EllipsisGroups, OtherWordsStaySeparate) {
    for (const char* q : {"vei anleggsarbeider", "hjerte lungemaskin",
                          "vei- og anleggsarbeider maskin", "vei- -anleggsarbeider maskin"}) {
        EXPECT_TRUE(built(q).split.has_value()) << q << ": ranked as one word";
    }
}

}  // namespace
