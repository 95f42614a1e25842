// Filters, disjunctive facet counts, exact totals, pagination and browse mode on the bundled
// corpus. Facet counts are checked against brute force: the hits themselves, paged through in
// full, and the totals of single-value filtered searches.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "support/bundled_index.h"
#include "yrkesok/analyzers/analyzer.h"
#include "yrkesok/indexer/corpus.h"
#include "yrkesok/indexer/index_writer.h"
#include "yrkesok/searcher/search_engine.h"

namespace {

namespace fs = std::filesystem;
using yrkesok::analyzers::Analyzer;
using yrkesok::index::Occupation;
using yrkesok::search::FacetCounts;
using yrkesok::search::Hit;
using yrkesok::search::SearchEngine;
using yrkesok::search::SearchRequest;
using yrkesok::search::SearchResponse;

const fs::path kSource = YRKESOK_SOURCE_DIR;

using Counts = std::map<std::string, std::size_t>;
using yrkesok::testing::bundled_index;

bool has(const std::vector<std::string>& v, const std::string& x) {
    return std::find(v.begin(), v.end(), x) != v.end();
}

bool has_any(const std::vector<std::string>& v, const std::vector<std::string>& wanted) {
    return wanted.empty() ||
           std::any_of(wanted.begin(), wanted.end(), [&](const auto& w) { return has(v, w); });
}

// The engine's counts without the zero entries it adds for selected values.
Counts nonzero(const FacetCounts& counts) {
    Counts out;
    for (const auto& [value, count] : counts) {
        if (count > 0) out[value] = count;
    }
    return out;
}

std::string show(const Counts& counts) {
    std::string out = "{";
    for (const auto& [value, count] : counts) out += " " + value + ":" + std::to_string(count);
    return out + " }";
}

class EngineFacets : public testing::Test {
  protected:
    static void SetUpTestSuite() { bundled_index(); }

    void SetUp() override {
        engine_ =
            std::make_unique<SearchEngine>(bundled_index().index_dir(), bundled_index().analyzer);
    }

    static SearchRequest request(const std::string& query, std::vector<std::string> sectors = {},
                                 std::vector<std::string> education = {}) {
        SearchRequest r;
        r.query = query;
        r.sectors = std::move(sectors);
        r.education_levels = std::move(education);
        r.per_page = 100;
        r.snippets = false;
        return r;
    }

    // Every hit of the request, paging through all pages.
    std::vector<Hit> all_hits(SearchRequest r, std::size_t per_page = 100) {
        std::vector<Hit> out;
        r.per_page = per_page;
        r.snippets = false;
        for (r.page = 1;; ++r.page) {
            auto response = engine_->search(r);
            for (auto& hit : response.hits) out.push_back(std::move(hit));
            if (response.hits.size() < r.per_page) break;
        }
        return out;
    }

    std::unique_ptr<SearchEngine> engine_;
};

// Queries and filter combinations the facet checks run over.
struct FacetCase {
    std::string query;
    std::vector<std::string> sectors;
    std::vector<std::string> education;
};

std::vector<FacetCase> facet_cases() {
    const std::vector<std::string> queries = {
        "", "sykepleier", "lærer", "maskin", "hjerte lungemaskin", "bil OR båt", "-kreft"};
    const std::vector<std::vector<std::string>> sector_sets = {
        {}, {"Helse og sosial"}, {"Helse og sosial", "Utdanning"}, {"Transport og lager"}};
    const std::vector<std::vector<std::string>> education_sets = {
        {}, {"Bachelor"}, {"Fagbrev", "Videregående skole"}, {"Master", "Doktorgrad"}};
    std::vector<FacetCase> out;
    for (const auto& q : queries) {
        for (const auto& s : sector_sets) {
            for (const auto& e : education_sets) out.push_back({q, s, e});
        }
    }
    return out;
}

std::string describe(const FacetCase& c) {
    std::string out = "query \"" + c.query + "\" sectors [";
    for (const auto& s : c.sectors) out += s + ";";
    out += "] education [";
    for (const auto& e : c.education) out += e + ";";
    return out + "]";
}

// --- filters ---

TEST_F(EngineFacets, SectorFilterRestrictsEveryHitToThatSector) {
    auto unfiltered = engine_->search(request("sykepleier"));
    auto hits = all_hits(request("sykepleier", {"Utdanning"}));
    ASSERT_FALSE(hits.empty());
    for (const auto& hit : hits) EXPECT_TRUE(has(hit.sectors, "Utdanning")) << hit.id;
    EXPECT_LT(hits.size(), unfiltered.total);
    EXPECT_EQ(engine_->search(request("sykepleier", {"Utdanning"})).total, hits.size());
}

TEST_F(EngineFacets, TwoSectorsAreOred) {
    const std::string q = "ingeniør";
    auto a = all_hits(request(q, {"IT"}));
    auto b = all_hits(request(q, {"Bygg og anlegg"}));
    auto both = all_hits(request(q, {"IT", "Bygg og anlegg"}));
    std::set<std::string> expected;
    for (const auto& h : a) expected.insert(h.id);
    for (const auto& h : b) expected.insert(h.id);
    std::set<std::string> got;
    for (const auto& h : both) {
        got.insert(h.id);
        EXPECT_TRUE(has_any(h.sectors, {"IT", "Bygg og anlegg"})) << h.id;
    }
    ASSERT_FALSE(a.empty());
    ASSERT_FALSE(b.empty());
    EXPECT_EQ(got, expected);
    EXPECT_GE(both.size(), std::max(a.size(), b.size()));
}

TEST_F(EngineFacets, SectorAndEducationAreAnded) {
    const std::string q = "sykepleier";
    auto sector = all_hits(request(q, {"Helse og sosial"}));
    auto education = all_hits(request(q, {}, {"Master"}));
    auto both = all_hits(request(q, {"Helse og sosial"}, {"Master"}));
    std::set<std::string> sector_ids, education_ids, expected, got;
    for (const auto& h : sector) sector_ids.insert(h.id);
    for (const auto& h : education) education_ids.insert(h.id);
    std::set_intersection(sector_ids.begin(), sector_ids.end(), education_ids.begin(),
                          education_ids.end(), std::inserter(expected, expected.end()));
    for (const auto& h : both) {
        got.insert(h.id);
        EXPECT_TRUE(has(h.sectors, "Helse og sosial")) << h.id;
        EXPECT_TRUE(has(h.education_levels, "Master")) << h.id;
    }
    EXPECT_FALSE(got.empty());
    EXPECT_EQ(got, expected);
    EXPECT_LT(got.size(), sector_ids.size());  // sykepleier (Bachelor only) drops out
    EXPECT_FALSE(got.contains("sykepleier"));
}

TEST_F(EngineFacets, UnknownFacetValueMatchesNothing) {
    auto response = engine_->search(request("sykepleier", {"Finnes ikke"}));
    EXPECT_EQ(response.total, 0u);
    EXPECT_TRUE(response.hits.empty());
}

// --- facet counts, against brute force ---

// The sector counts ignore the sector filter but apply the education filter, and vice versa;
// counted here from every hit of the matching search.
TEST_F(EngineFacets, FacetCountsEqualCountsOverAllHitsOfTheOtherFilter) {
    for (const auto& c : facet_cases()) {
        SCOPED_TRACE(describe(c));
        auto response = engine_->search(request(c.query, c.sectors, c.education));

        Counts expected_sectors, expected_education;
        for (const auto& hit : all_hits(request(c.query, {}, c.education))) {
            for (const auto& s : hit.sectors) ++expected_sectors[s];
        }
        for (const auto& hit : all_hits(request(c.query, c.sectors, {}))) {
            for (const auto& e : hit.education_levels) ++expected_education[e];
        }
        EXPECT_EQ(nonzero(response.sectors), expected_sectors)
            << "engine " << show(nonzero(response.sectors)) << " brute force "
            << show(expected_sectors);
        EXPECT_EQ(nonzero(response.education_levels), expected_education)
            << "engine " << show(nonzero(response.education_levels)) << " brute force "
            << show(expected_education);
        // A selected value is always listed, with 0 when nothing matches it.
        for (const auto& s : c.sectors) {
            EXPECT_TRUE(std::any_of(response.sectors.begin(), response.sectors.end(),
                                    [&](const auto& p) { return p.first == s; }))
                << "selected sector " << s << " missing";
        }
        for (const auto& e : c.education) {
            EXPECT_TRUE(std::any_of(response.education_levels.begin(),
                                    response.education_levels.end(),
                                    [&](const auto& p) { return p.first == e; }))
                << "selected education level " << e << " missing";
        }
    }
}

// Each facet value's count is the total of the search filtered to that value alone (with the
// other facet's filter kept).
TEST_F(EngineFacets, FacetCountsEqualTotalsOfSingleValueFilters) {
    const auto vocabularies = yrkesok::index::Vocabularies::load(kSource / "corpus");
    for (const auto& c : facet_cases()) {
        SCOPED_TRACE(describe(c));
        auto response = engine_->search(request(c.query, c.sectors, c.education));
        Counts engine_sectors = nonzero(response.sectors);
        Counts engine_education = nonzero(response.education_levels);
        for (const auto& sector : vocabularies.sectors) {
            auto total = engine_->search(request(c.query, {sector}, c.education)).total;
            EXPECT_EQ(engine_sectors.contains(sector) ? engine_sectors[sector] : 0, total)
                << "sector " << sector;
        }
        for (const auto& level : vocabularies.education_levels) {
            auto total = engine_->search(request(c.query, c.sectors, {level.label})).total;
            EXPECT_EQ(engine_education.contains(level.label) ? engine_education[level.label] : 0,
                      total)
                << "education level " << level.label;
        }
    }
}

// For the empty query the expected counts come straight from the corpus records.
TEST_F(EngineFacets, BrowseFacetCountsEqualCountsOverTheCorpus) {
    for (const auto& c : facet_cases()) {
        if (!c.query.empty()) continue;
        SCOPED_TRACE(describe(c));
        Counts expected_sectors, expected_education;
        std::size_t expected_total = 0;
        for (const auto& r : bundled_index().records) {
            const bool sector_ok = has_any(r.sectors, c.sectors);
            const bool education_ok = has_any(r.education_levels, c.education);
            if (education_ok) {
                for (const auto& s : r.sectors) ++expected_sectors[s];
            }
            if (sector_ok) {
                for (const auto& e : r.education_levels) ++expected_education[e];
            }
            if (sector_ok && education_ok) ++expected_total;
        }
        auto response = engine_->search(request("", c.sectors, c.education));
        EXPECT_EQ(response.total, expected_total);
        EXPECT_EQ(nonzero(response.sectors), expected_sectors);
        EXPECT_EQ(nonzero(response.education_levels), expected_education);
    }
}

TEST_F(EngineFacets, FacetCountsAreOrderedByCountThenValue) {
    auto response = engine_->search(request("lærer"));
    for (const FacetCounts* counts : {&response.sectors, &response.education_levels}) {
        ASSERT_FALSE(counts->empty());
        for (std::size_t i = 1; i < counts->size(); ++i) {
            const auto& a = (*counts)[i - 1];
            const auto& b = (*counts)[i];
            EXPECT_TRUE(a.second > b.second || (a.second == b.second && a.first < b.first))
                << a.first << ":" << a.second << " before " << b.first << ":" << b.second;
        }
    }
}

// --- totals and pagination ---

TEST_F(EngineFacets, TotalIsExactAndPagesDoNotOverlap) {
    for (const std::string query : {"sykepleier", "lærer", "", "maskin", "arbeid"}) {
        SCOPED_TRACE("query \"" + query + "\"");
        SearchRequest r = request(query);
        r.per_page = 7;
        const std::size_t total = engine_->search(r).total;
        ASSERT_GT(total, 0u);
        std::vector<std::string> seen;
        std::set<std::string> distinct;
        std::size_t pages = 0;
        for (r.page = 1;; ++r.page) {
            auto response = engine_->search(r);
            EXPECT_EQ(response.total, total) << "page " << r.page;
            EXPECT_EQ(response.page, r.page);
            EXPECT_EQ(response.per_page, 7u);
            if (response.hits.empty()) break;
            ++pages;
            EXPECT_LE(response.hits.size(), 7u);
            for (const auto& hit : response.hits) {
                EXPECT_TRUE(distinct.insert(hit.id).second)
                    << hit.id << " appears on two pages (again on page " << r.page << ")";
                seen.push_back(hit.id);
            }
            ASSERT_LE(r.page, total / 7 + 2) << "paging does not end";
        }
        EXPECT_EQ(seen.size(), total);
        EXPECT_EQ(distinct.size(), total);
        EXPECT_EQ(pages, (total + 6) / 7);
        // The same hits in one big page, in the same order.
        auto one_page = all_hits(request(query));
        ASSERT_EQ(one_page.size(), seen.size());
        for (std::size_t i = 0; i < seen.size(); ++i) EXPECT_EQ(one_page[i].id, seen[i]) << i;
    }
}

TEST_F(EngineFacets, PageBeyondTheEndIsEmptyButKeepsTotal) {
    SearchRequest r = request("sykepleier");
    const auto total = engine_->search(r).total;
    r.page = 50;
    auto response = engine_->search(r);
    EXPECT_TRUE(response.hits.empty());
    EXPECT_EQ(response.total, total);
}

TEST_F(EngineFacets, TotalCountsEveryMatchNotAnEstimate) {
    // The whole corpus in browse mode.
    EXPECT_EQ(engine_->search(request("")).total, bundled_index().records.size());
    // A word that occurs in many records: the total is the exact number of hits.
    for (const std::string query : {"og", "jobb", "utdanning"}) {
        SearchRequest r = request(query);
        r.per_page = 1;
        auto total = engine_->search(r).total;
        EXPECT_EQ(all_hits(request(query)).size(), total) << query;
    }
}

// --- browse mode ---

// Unicode code points of a UTF-8 string (valid input only).
std::vector<char32_t> code_points(const std::string& s) {
    std::vector<char32_t> out;
    for (std::size_t i = 0; i < s.size();) {
        unsigned char c = s[i];
        int len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        char32_t cp = len == 1 ? c : len == 2 ? c & 0x1F : len == 3 ? c & 0x0F : c & 0x07;
        for (int k = 1; k < len && i + k < s.size(); ++k) cp = (cp << 6) | (s[i + k] & 0x3F);
        out.push_back(cp);
        i += len;
    }
    return out;
}

// Norwegian alphabetical order: case-insensitive, æ ø å after z; space and hyphen first.
std::vector<char32_t> norwegian_key(const std::string& title) {
    std::vector<char32_t> key;
    for (char32_t cp : code_points(title)) {
        if (cp >= 'A' && cp <= 'Z') cp = cp - 'A' + 'a';
        if (cp == U'æ' || cp == U'Æ') cp = 'z' + 1;
        if (cp == U'ø' || cp == U'Ø') cp = 'z' + 2;
        if (cp == U'å' || cp == U'Å') cp = 'z' + 3;
        key.push_back(cp);
    }
    return key;
}

bool norwegian_less(const std::string& a, const std::string& b) {
    auto ka = norwegian_key(a), kb = norwegian_key(b);
    return ka != kb ? ka < kb : a < b;
}

TEST_F(EngineFacets, NorwegianComparatorPutsAeOeAaLast) {
    EXPECT_TRUE(norwegian_less("Zoolog", "Ærfugl"));
    EXPECT_TRUE(norwegian_less("Ærfugl", "Økonom"));
    EXPECT_TRUE(norwegian_less("Økonom", "Åker"));
    EXPECT_TRUE(norwegian_less("Barne- og ungdomsarbeider", "Barnehagelærer"));
    EXPECT_TRUE(norwegian_less("lege", "Lektor"));
}

TEST_F(EngineFacets, BrowseListsTheWholeSectorAlphabetically) {
    const std::string sector = "Helse og sosial";
    auto first_page = engine_->search(request("", {sector}));
    std::set<std::string> expected;
    for (const auto& r : bundled_index().records) {
        if (has(r.sectors, sector)) expected.insert(r.id);
    }
    EXPECT_EQ(first_page.total, expected.size());
    auto hits = all_hits(request("", {sector}));
    std::set<std::string> got;
    std::vector<std::string> titles;
    for (const auto& hit : hits) {
        got.insert(hit.id);
        titles.push_back(hit.title);
        EXPECT_EQ(hit.score, 0.0) << hit.id;
        EXPECT_TRUE(has(hit.sectors, sector)) << hit.id;
    }
    EXPECT_EQ(got, expected);
    auto sorted = titles;
    std::sort(sorted.begin(), sorted.end(), norwegian_less);
    EXPECT_EQ(titles, sorted);
    // Facet counts are present in browse mode.
    ASSERT_FALSE(first_page.sectors.empty());
    ASSERT_FALSE(first_page.education_levels.empty());
    auto sectors = nonzero(first_page.sectors);
    EXPECT_EQ(sectors[sector], expected.size());
    EXPECT_GT(sectors.size(), 1u);  // disjunctive: the other sectors are counted too
    EXPECT_FALSE(first_page.corrected_query.has_value());
}

// "aa" inside a word is two a's, not the old spelling of å: Dataanalytiker comes before
// Databaseadministrator (ICU's nb collation sorts "aa" as "å", which puts it after Dataingeniør).
TEST_F(EngineFacets, BrowseSortsDoubleAAsTwoAs) {
    auto hits = all_hits(request("", {"IT"}));
    std::vector<std::string> titles;
    for (const auto& hit : hits) titles.push_back(hit.title);
    auto at = [&](const std::string& t) {
        return std::find(titles.begin(), titles.end(), t) - titles.begin();
    };
    ASSERT_LT(at("Dataanalytiker"), static_cast<std::ptrdiff_t>(titles.size()));
    ASSERT_LT(at("Databaseadministrator"), static_cast<std::ptrdiff_t>(titles.size()));
    EXPECT_LT(at("Dataanalytiker"), at("Databaseadministrator"));
    EXPECT_LT(at("Dataanalytiker"), at("Dataingeniør"));
}

TEST_F(EngineFacets, BrowseOrdersEverySectorAndTheWholeCorpusAcrossPages) {
    const auto vocabularies = yrkesok::index::Vocabularies::load(kSource / "corpus");
    std::vector<std::vector<std::string>> filters = {{}};
    for (const auto& s : vocabularies.sectors) filters.push_back({s});
    for (const auto& filter : filters) {
        SCOPED_TRACE(filter.empty() ? std::string("all") : filter.front());
        auto hits = all_hits(request("", filter), 30);
        std::vector<std::string> titles;
        for (const auto& hit : hits) {
            titles.push_back(hit.title);
            EXPECT_EQ(hit.score, 0.0);
        }
        ASSERT_FALSE(titles.empty());
        auto sorted = titles;
        std::sort(sorted.begin(), sorted.end(), norwegian_less);
        EXPECT_EQ(titles, sorted);
        for (std::size_t i = 1; i < titles.size(); ++i) {
            EXPECT_FALSE(norwegian_less(titles[i], titles[i - 1]))
                << titles[i - 1] << " before " << titles[i];
        }
    }
}

}  // namespace
