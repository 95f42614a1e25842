// The engine's general filter, offset paging, facet counts over the filtered result and word
// match spans, checked against brute force over the corpus records themselves.
#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "support/bundled_index.h"
#include "yrkesok/meili/filter_parser.h"
#include "yrkesok/searcher/search_engine.h"

namespace {

using yrkesok::index::Occupation;
using yrkesok::meili::parse_filter;
using yrkesok::search::SearchEngine;
using yrkesok::search::SearchError;
using yrkesok::search::SearchRequest;
using yrkesok::search::filter::Expr;
using yrkesok::testing::bundled_index;

SearchEngine engine() {
    const auto& index = bundled_index();
    return SearchEngine((index.dir / "index").string(), index.analyzer);
}

bool has(const std::vector<std::string>& values, const std::string& value) {
    return std::find(values.begin(), values.end(), value) != values.end();
}

// Every id an empty query with `filter` returns, in a set.
std::set<std::string> filtered_ids(SearchEngine& engine, const std::string& filter) {
    SearchRequest request;
    request.filter = parse_filter(filter);
    request.offset = 0;
    request.limit = 1000;
    std::set<std::string> ids;
    for (const auto& hit : engine.search(request).hits) ids.insert(hit.id);
    return ids;
}

std::set<std::string> records_where(const std::function<bool(const Occupation&)>& keep) {
    std::set<std::string> ids;
    for (const auto& record : bundled_index().records) {
        if (keep(record)) ids.insert(record.id);
    }
    return ids;
}

TEST(EngineFilter, BooleanFiltersSelectExactlyTheMatchingRecords) {
    auto e = engine();
    EXPECT_EQ(filtered_ids(e, "language = nn"),
              records_where([](const Occupation& o) { return o.language == "nn"; }));
    EXPECT_EQ(filtered_ids(e, "sectors = IT OR education_levels = Doktorgrad"),
              records_where([](const Occupation& o) {
                  return has(o.sectors, "IT") || has(o.education_levels, "Doktorgrad");
              }));
    EXPECT_EQ(filtered_ids(e, "sectors = \"Helse og sosial\" AND NOT language = nb"),
              records_where([](const Occupation& o) {
                  return has(o.sectors, "Helse og sosial") && o.language != "nb";
              }));
    EXPECT_EQ(filtered_ids(e, "education_levels NOT IN [Master, Bachelor]"),
              records_where([](const Occupation& o) {
                  return !has(o.education_levels, "Master") && !has(o.education_levels, "Bachelor");
              }));
    EXPECT_EQ(filtered_ids(e, "sectors != \"Ingen slik sektor\"").size(),
              bundled_index().records.size());
    EXPECT_TRUE(filtered_ids(e, "sectors IN []").empty());
}

TEST(EngineFilter, ValuesMatchWithoutRegardToCase) {
    auto e = engine();
    EXPECT_EQ(filtered_ids(e, "sectors = \"helse og sosial\""),
              filtered_ids(e, "sectors = \"Helse og sosial\""));
    EXPECT_EQ(filtered_ids(e, "sectors = HÅNDVERKERE"), filtered_ids(e, "sectors = Håndverkere"));
    EXPECT_FALSE(filtered_ids(e, "sectors = Håndverkere").empty());
}

TEST(EngineFilter, AFourDigitStyrkCodeMatchesItsUnitGroup) {
    auto e = engine();
    // Pick a 7-digit code from the corpus and filter on its 4-digit group.
    std::string code;
    for (const auto& record : bundled_index().records) {
        for (const auto& c : record.styrk08) {
            if (c.size() == 7) code = c;
        }
    }
    ASSERT_FALSE(code.empty());
    const std::string group = code.substr(0, 4);
    EXPECT_EQ(filtered_ids(e, "styrk08 = " + group), records_where([&](const Occupation& o) {
                  return std::any_of(o.styrk08.begin(), o.styrk08.end(),
                                     [&](const std::string& c) { return c.starts_with(group); });
              }));
    EXPECT_EQ(filtered_ids(e, "styrk08 = " + code),
              records_where([&](const Occupation& o) { return has(o.styrk08, code); }));
}

TEST(EngineFilter, UnknownAttributeIsASearchError) {
    auto e = engine();
    SearchRequest request;
    request.filter = Expr::condition("title", {"Kokk"});
    EXPECT_THROW(e.search(request), SearchError);
}

TEST(EngineFilter, OffsetPagingWalksThePagesOfPagePaging) {
    auto e = engine();
    SearchRequest pages;
    pages.query = "sykepleier";
    pages.page = 2;
    pages.per_page = 5;
    SearchRequest offsets;
    offsets.query = "sykepleier";
    offsets.offset = 5;
    offsets.limit = 5;
    auto a = e.search(pages);
    auto b = e.search(offsets);
    ASSERT_EQ(a.hits.size(), b.hits.size());
    for (std::size_t i = 0; i < a.hits.size(); ++i) EXPECT_EQ(a.hits[i].id, b.hits[i].id);
    EXPECT_EQ(a.total, b.total);
    offsets.limit = 0;
    auto counted = e.search(offsets);
    EXPECT_TRUE(counted.hits.empty());
    EXPECT_EQ(counted.total, a.total);
    offsets.offset = 990;
    offsets.limit = 11;
    EXPECT_THROW(e.search(offsets), SearchError);  // past the window of 1000
}

TEST(EngineFilter, DistributionCountsEveryFilteredHit) {
    auto e = engine();
    SearchRequest request;
    request.query = "ingeniør";
    request.filter = parse_filter("language = nb");
    request.offset = 0;
    request.limit = 1000;
    request.distribution = {"sectors", "language", "styrk08"};
    auto response = e.search(request);
    std::map<std::string, std::size_t> sectors;
    for (const auto& hit : response.hits) {
        for (const auto& s : hit.sectors) ++sectors[s];
    }
    EXPECT_EQ(response.distribution["sectors"], sectors);
    EXPECT_EQ(response.distribution["language"],
              (std::map<std::string, std::size_t>{{"nb", response.total}}));
    EXPECT_FALSE(response.distribution["styrk08"].empty());
}

TEST(EngineFilter, DetailsFlagTheWordsTheSnippetMarks) {
    auto e = engine();
    SearchRequest request;
    request.query = "lungemaskin";
    request.per_page = 1;
    request.details = true;
    auto response = e.search(request);
    ASSERT_EQ(response.hits.size(), 1u);
    const auto& hit = response.hits.front();
    EXPECT_FALSE(hit.body.empty());
    EXPECT_FALSE(hit.updated.empty());
    std::set<std::string> marked_in_body;
    for (const auto& w : hit.words.at("body")) {
        if (w.match) marked_in_body.insert(hit.body.substr(w.start, w.end - w.start));
    }
    // Every word the snippet marks is flagged in the body or the summary.
    std::set<std::string> flagged = marked_in_body;
    for (const auto& w : hit.words.at("summary")) {
        if (w.match) flagged.insert(hit.summary.substr(w.start, w.end - w.start));
    }
    const std::string& snippet = hit.snippet;
    std::size_t at = 0;
    int marks = 0;
    while ((at = snippet.find("<mark>", at)) != std::string::npos) {
        const auto end = snippet.find("</mark>", at);
        EXPECT_TRUE(flagged.contains(snippet.substr(at + 6, end - at - 6)))
            << snippet.substr(at + 6, end - at - 6);
        at = end;
        ++marks;
    }
    EXPECT_GT(marks, 0);
}

}  // namespace
