// The page a request should get, as Xapian ranks the whole query in one pass over every match by
// score, then the order slot, with Xapian's own BM25 and its own bounds: the reference the
// engine's faster ranking paths (and the tighter bounds of search::RankingWeight) are checked
// against.
#pragma once

#include <gtest/gtest.h>
#include <xapian.h>

#include <cmath>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "yrkesok/analyzers/analyzer.h"
#include "yrkesok/format/open.h"
#include "yrkesok/format/profile.h"
#include "yrkesok/format/schema.h"
#include "yrkesok/searcher/query_builder.h"
#include "yrkesok/searcher/query_parser.h"
#include "yrkesok/searcher/search_engine.h"

namespace yrkesok::testing {

struct RankedId {
    std::string id;
    double score = 0;
};

// The page of `request` (its query, prefix, sectors, page and per_page) over the index in
// `index_dir`.
inline std::vector<RankedId> reference_page(const std::string& index_dir,
                                            const analyzers::Analyzer& analyzer,
                                            const search::SearchRequest& request) {
    const Xapian::Database db = format::open_current_generation(index_dir).db;
    const auto ranking = search::ranking_for_index({}, format::profile_of(db, index_dir));
    const search::QueryBuilder builder(db, analyzer, ranking, &db);
    const auto built = builder.build(search::parse_query(request.query, analyzer), request.prefix);
    Xapian::Query query = built.query;
    if (!request.sectors.empty()) {
        query = Xapian::Query(Xapian::Query::OP_FILTER, query,
                              builder.facet_filter(format::kSectorTerm, request.sectors));
    }
    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    enquire.set_weighting_scheme(search::ranking_weight(ranking).with_xapian_bounds());
    enquire.set_sort_by_relevance_then_value(format::kOrderSlot, false);
    const Xapian::MSet mset =
        enquire.get_mset(static_cast<Xapian::doccount>((request.page - 1) * request.per_page),
                         static_cast<Xapian::doccount>(request.per_page), db.get_doccount());
    std::vector<RankedId> out;
    for (auto it = mset.begin(); it != mset.end(); ++it) {
        const auto data = nlohmann::json::parse(it.get_document().get_data());
        out.push_back({data.at("id").get<std::string>(), it.get_weight()});
    }
    return out;
}

// Expects `hits` (a page the engine gave: anything with `id` and `score`) to be `expected` hit
// for hit, scores equal but for the rounding of the same weights added in another order.
template <typename Hits>
void expect_same_page(const Hits& hits, const std::vector<RankedId>& expected,
                      const std::string& what) {
    ASSERT_EQ(hits.size(), expected.size()) << what;
    for (std::size_t i = 0; i < expected.size(); ++i) {
        EXPECT_EQ(hits[i].id, expected[i].id) << what << ", hit " << i + 1;
        EXPECT_NEAR(hits[i].score, expected[i].score, 1e-9 * std::abs(expected[i].score))
            << what << ", hit " << i + 1;
    }
}

}  // namespace yrkesok::testing
