// The search engine on the bundled corpus: relevance for the cases the product promises
// (inflection, compounds, nynorsk, synonyms, typos, the dev query set), the query syntax
// (phrases, exclusion, OR), request validation, suggestions, stored records and facets.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
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
using yrkesok::search::SearchEngine;
using yrkesok::search::SearchError;
using yrkesok::search::SearchRequest;
using yrkesok::search::SearchResponse;
using yrkesok::testing::bundled_index;

const fs::path kSource = YRKESOK_SOURCE_DIR;

class Engine : public testing::Test {
  protected:
    static void SetUpTestSuite() { bundled_index(); }

    void SetUp() override {
        engine_ =
            std::make_unique<SearchEngine>(bundled_index().index_dir(), bundled_index().analyzer);
    }

    SearchResponse search(const std::string& query, std::size_t per_page = 10) {
        SearchRequest request;
        request.query = query;
        request.per_page = per_page;
        return engine_->search(request);
    }

    // Every hit of a query, paging through all pages.
    std::vector<std::string> all_ids(const std::string& query) {
        std::vector<std::string> out;
        SearchRequest request;
        request.query = query;
        request.per_page = 100;
        request.snippets = false;
        for (request.page = 1;; ++request.page) {
            auto response = engine_->search(request);
            for (const auto& hit : response.hits) out.push_back(hit.id);
            if (response.hits.size() < request.per_page) break;
        }
        return out;
    }

    std::unique_ptr<SearchEngine> engine_;
};

std::string describe(const SearchResponse& response) {
    std::string out = "total " + std::to_string(response.total) + ", hits:";
    for (const auto& hit : response.hits) out += " " + hit.id;
    return out;
}

// 1-based rank of `id` among the hits, 0 when absent.
std::size_t rank_of(const SearchResponse& response, const std::string& id) {
    for (std::size_t i = 0; i < response.hits.size(); ++i) {
        if (response.hits[i].id == id) return i + 1;
    }
    return 0;
}

bool contains(const std::vector<std::string>& v, const std::string& x) {
    return std::find(v.begin(), v.end(), x) != v.end();
}

// --- relevance ---

TEST_F(Engine, HjerteLungemaskinRanksPerfusjonistFirstWithBothWordsMarked) {
    auto response = search("hjerte lungemaskin");
    ASSERT_FALSE(response.hits.empty());
    EXPECT_EQ(response.hits[0].id, "perfusjonist") << describe(response);
    EXPECT_EQ(response.hits[0].title, "Perfusjonist");
    const std::string& snippet = response.hits[0].snippet;
    RecordProperty("snippet", snippet);
    EXPECT_NE(snippet.find("<mark>hjerte</mark>"), std::string::npos) << snippet;
    // "lungemaskin" appears in the text as "lungemaskin" and "lungemaskinen".
    EXPECT_NE(snippet.find("<mark>lungemaskin"), std::string::npos) << snippet;
    EXPECT_GT(response.hits[0].score, 0);
}

TEST_F(Engine, InflectedQueryFindsTheBaseFormTitleFirst) {
    const std::pair<const char*, const char*> cases[] = {
        {"sykepleiere", "sykepleier"},
        {"tannlegen", "tannlege"},
        {"bilmekanikere", "bilmekaniker"},
    };
    for (const auto& [query, id] : cases) {
        auto response = search(query);
        ASSERT_FALSE(response.hits.empty()) << query;
        EXPECT_EQ(response.hits[0].id, id) << query << ": " << describe(response);
    }
}

// "-faget", "-utdanning", "-linja": the programme's name asks for the occupation it trains for,
// the general occupation before its specialisations (sykepleier before psykiatrisk sjukepleiar).
TEST_F(Engine, ProgrammeNameRanksTheOccupationItTrainsForFirst) {
    const std::pair<const char*, const char*> cases[] = {
        {"sykepleierutdanning", "sykepleier"},
        {"elektrikerfaget", "elektriker"},
        {"frisørlinja", "frisor"},
        {"kokkfaget", "kokk"},
    };
    for (const auto& [query, id] : cases) {
        auto response = search(query);
        ASSERT_FALSE(response.hits.empty()) << query;
        EXPECT_EQ(response.hits[0].id, id) << query << ": " << describe(response);
    }
}

TEST_F(Engine, CompoundPartFindsTheCompoundTitle) {
    auto response = search("lastebil");
    auto rank = rank_of(response, "lastebilsjafor");
    EXPECT_GE(rank, 1u) << describe(response);
    EXPECT_LE(rank, 3u) << describe(response);
}

// "ingeniør" typed alone reaches the titles it is the last part of (Dataingeniør, VVS-ingeniør),
// with and without a sector filter, though their texts need not hold the word standing whole.
// (A title the analysis keeps whole has no parts to match: bokmål's dictionary gives "bio" no
// compound flag, so Bioingeniør is one word there.)
TEST_F(Engine, CompoundHeadTypedAloneFindsTheTitlesEndingInIt) {
    const std::string head = "ingeniør";
    const auto& analyzer = *bundled_index().analyzer;
    const auto ends_in_head = [&](const std::string& title) {
        std::string last_part;
        for (const auto& token : analyzer.analyze(title, yrkesok::analyzers::Language::nb)) {
            for (const auto& term : token.terms) {
                if (term.kind == yrkesok::analyzers::TermKind::part) last_part = term.text;
            }
        }
        return last_part == head;
    };
    std::vector<std::string> titled;     // records whose title ends in the head as a part
    std::vector<std::string> titled_it;  // those of them in the IT sector
    for (const auto& record : bundled_index().records) {
        if (!ends_in_head(record.title)) continue;
        titled.push_back(record.id);
        if (contains(record.sectors, "IT")) titled_it.push_back(record.id);
    }
    ASSERT_GE(titled.size(), 10u);
    ASSERT_GE(titled_it.size(), 2u);

    const auto everywhere = all_ids(head);
    for (const auto& id : titled) EXPECT_TRUE(contains(everywhere, id)) << id;

    SearchRequest request;
    request.query = head;
    request.sectors = {"IT"};
    request.per_page = 100;
    const auto in_it = engine_->search(request);
    for (const auto& id : titled_it) EXPECT_GE(rank_of(in_it, id), 1u) << id << describe(in_it);
}

TEST_F(Engine, NynorskQueryFindsTheBokmaalRecord) {
    auto response = search("sjukepleiar");
    auto rank = rank_of(response, "sykepleier");
    EXPECT_GE(rank, 1u) << describe(response);
    EXPECT_LE(rank, 3u) << describe(response);
}

TEST_F(Engine, SynonymFindsTheCuratedTitleFirst) {
    auto response = search("dyrlege");
    ASSERT_FALSE(response.hits.empty());
    EXPECT_EQ(response.hits[0].id, "veterinaer") << describe(response);
}

TEST_F(Engine, TypoIsCorrectedAndTheCorrectedResultsReturned) {
    auto response = search("sykepleir");
    ASSERT_TRUE(response.corrected_query.has_value()) << describe(response);
    EXPECT_EQ(*response.corrected_query, "sykepleier");
    EXPECT_EQ(response.query, "sykepleir");
    auto rank = rank_of(response, "sykepleier");
    EXPECT_GE(rank, 1u) << describe(response);
    EXPECT_LE(rank, 3u) << describe(response);
}

// "rørleger" is no word, but it matches the -lege records through its part "leger": a
// misspelling found only through its parts is answered with the corrected query all the same.
TEST_F(Engine, MisspellingThatMatchesThroughItsPartsIsCorrected) {
    auto response = search("rørleger");
    ASSERT_TRUE(response.corrected_query.has_value()) << describe(response);
    EXPECT_EQ(*response.corrected_query, "rørlegger");
    ASSERT_FALSE(response.hits.empty());
    EXPECT_EQ(response.hits[0].id, "rorlegger") << describe(response);
}

// A sure correction is answered only when it finds something. Under a filter where the
// corrected "rørlegger" finds nothing, the misspelt query's own matches (through "leger") stay,
// with the correction offered as a suggestion when they are few.
TEST_F(Engine, SureCorrectionFindingNothingLeavesTheMisspeltQuerysMatches) {
    SearchRequest request;
    request.query = "rørlegger";
    request.filter = yrkesok::search::filter::Expr::condition("styrk08", {"2211"});
    ASSERT_EQ(engine_->search(request).total, 0u)
        << "the filter must exclude every rørlegger match";

    request.query = "rørleger";
    const auto response = engine_->search(request);
    EXPECT_FALSE(response.corrected_query.has_value()) << describe(response);
    EXPECT_EQ(response.query, "rørleger");
    ASSERT_GT(response.total, 0u) << describe(response);
    if (response.total < yrkesok::search::RankingOptions{}.few_hits) {
        EXPECT_EQ(response.suggestion, std::optional<std::string>("rørlegger"))
            << describe(response);
    } else {
        EXPECT_FALSE(response.suggestion.has_value()) << describe(response);
    }
    for (const auto& hit : response.hits) {
        const auto& records = bundled_index().records;
        const auto record = std::find_if(records.begin(), records.end(),
                                         [&](const Occupation& o) { return o.id == hit.id; });
        ASSERT_NE(record, records.end()) << hit.id;
        EXPECT_TRUE(contains(record->styrk08, "2211")) << hit.id;
    }
}

// A word of the language that the index holds only inside other words, and a word with a
// synonym entry, are not misspellings, however near another indexed word they are.
TEST_F(Engine, ListedWordsAndSynonymKeysAreNotCorrected) {
    for (const char* query : {"sjømann", "sortere avfall og søppel", "dyrlege"}) {
        auto response = search(query);
        EXPECT_FALSE(response.corrected_query.has_value()) << query << ": " << describe(response);
    }
}

TEST_F(Engine, KnownWordIsNotCorrected) {
    auto response = search("sykepleier");
    EXPECT_FALSE(response.corrected_query.has_value());
    EXPECT_FALSE(response.suggestion.has_value());
    ASSERT_FALSE(response.hits.empty());
    EXPECT_EQ(response.hits[0].id, "sykepleier");
}

// Each row of the dev set fixture: at least one relevant title in the top k.
TEST_F(Engine, EveryDevQueryRanksARelevantTitleWithinK) {
    const fs::path file = fs::path(YRKESOK_SOURCE_DIR) / "tests/fixtures/eval/dev-queries.tsv";
    std::ifstream in(file);
    ASSERT_TRUE(in) << file << " is absent (a test fixture)";
    std::string line;
    std::size_t rows = 0;
    std::vector<std::string> failures;
    while (std::getline(in, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.empty() || line[0] == '#') continue;
        std::istringstream fields(line);
        std::string query, titles_field, k_field;
        ASSERT_TRUE(std::getline(fields, query, '\t') && std::getline(fields, titles_field, '\t') &&
                    std::getline(fields, k_field, '\t'))
            << "malformed row: " << line;
        std::vector<std::string> relevant;
        std::istringstream titles(titles_field);
        for (std::string t; std::getline(titles, t, ';');) relevant.push_back(t);
        const std::size_t k = std::stoul(k_field);
        ++rows;
        auto response = search(query, std::max<std::size_t>(k, 10));
        std::string top;
        bool found = false;
        for (std::size_t i = 0; i < response.hits.size() && i < k; ++i) {
            top += (i ? ", " : "") + response.hits[i].title;
            if (contains(relevant, response.hits[i].title)) found = true;
        }
        EXPECT_TRUE(found) << "dev query \"" << query << "\": none of [" << titles_field
                           << "] in the top " << k << "; got [" << top << "]";
        if (!found) failures.push_back(query);
    }
    EXPECT_GT(rows, 0u) << file << " holds no queries";
    if (!failures.empty()) {
        std::string list;
        for (const auto& q : failures) list += " \"" + q + "\"";
        ADD_FAILURE() << failures.size() << " of " << rows << " dev queries fail:" << list;
    }
}

// --- query syntax ---

TEST_F(Engine, QuotedPhraseWithHyphenEllipsisFindsPerfusjonist) {
    for (const char* query : {"\"hjerte- og lungemaskin\"", "\"hjerte og lungemaskin\""}) {
        auto response = search(query);
        auto rank = rank_of(response, "perfusjonist");
        EXPECT_GE(rank, 1u) << query << ": " << describe(response);
        EXPECT_LE(rank, 3u) << query << ": " << describe(response);
    }
}

TEST_F(Engine, PhraseIsNarrowerThanItsWords) {
    auto phrase = search("\"hjerte og lungemaskin\"");
    auto words = search("hjerte og lungemaskin");
    EXPECT_GE(phrase.total, 1u);
    EXPECT_LE(phrase.total, words.total);
    // Every phrase hit also matches the loose query.
    auto loose = all_ids("hjerte og lungemaskin");
    for (const auto& id : all_ids("\"hjerte og lungemaskin\"")) {
        EXPECT_TRUE(contains(loose, id)) << id;
    }
}

TEST_F(Engine, PhraseMatchesOtherInflectionsAndTheOtherWrittenStandard) {
    // The bokmål text says "tar EKG og blodprøver"; the phrase asks for other inflections.
    EXPECT_GE(rank_of(search("\"ta ekg og blodprøve\""), "akuttsykepleier"), 1u);
    // A nynorsk phrase finds a bokmål text ("Veien til yrket") and the other way round.
    auto nynorsk = all_ids("\"vegen til yrket\"");
    auto bokmaal = all_ids("\"veien til yrket\"");
    EXPECT_TRUE(contains(nynorsk, "advokat"));
    std::sort(nynorsk.begin(), nynorsk.end());
    std::sort(bokmaal.begin(), bokmaal.end());
    EXPECT_EQ(nynorsk, bokmaal);
}

TEST_F(Engine, PhraseDoesNotMatchTheWordsApart) {
    // "lungemaskin hjerte" in this order appears in no text.
    auto response = search("\"lungemaskin hjerte\"");
    EXPECT_EQ(rank_of(response, "perfusjonist"), 0u) << describe(response);
}

TEST_F(Engine, ExclusionRemovesDocumentsWithTheWordAndKeepsTheRest) {
    auto plain = all_ids("sykepleier");
    auto excluded = all_ids("sykepleier -kreft");
    ASSERT_TRUE(contains(plain, "kreftsjukepleiar"));
    EXPECT_FALSE(contains(excluded, "kreftsjukepleiar"));
    EXPECT_TRUE(contains(excluded, "sykepleier"));
    EXPECT_TRUE(contains(excluded, "intensivsykepleier"));
    EXPECT_LT(excluded.size(), plain.size());
    for (const auto& id : excluded) EXPECT_TRUE(contains(plain, id)) << id;
    // The excluded word is not searched for.
    auto response = search("sykepleier -kreft");
    ASSERT_FALSE(response.hits.empty());
    EXPECT_EQ(response.hits[0].id, "sykepleier");
}

TEST_F(Engine, OrWidensToTheUnionOfBothWords) {
    auto a = search("tannlege");
    auto b = search("frisør");
    auto both = search("tannlege OR frisør", 100);
    EXPECT_GE(both.total, std::max(a.total, b.total));
    EXPECT_NE(rank_of(both, "tannlege"), 0u) << describe(both);
    EXPECT_NE(rank_of(both, "frisor"), 0u) << describe(both);
    auto a_ids = all_ids("tannlege");
    auto b_ids = all_ids("frisør");
    std::set<std::string> expected(a_ids.begin(), a_ids.end());
    expected.insert(b_ids.begin(), b_ids.end());
    auto union_ids = all_ids("tannlege OR frisør");
    EXPECT_EQ(std::set<std::string>(union_ids.begin(), union_ids.end()), expected);
}

TEST_F(Engine, OnlyAnExclusionReturnsEverythingElse) {
    // No positive word: browse everything but the excluded documents.
    auto all = search("", 1);
    auto response = search("-kreft", 100);
    EXPECT_LT(response.total, all.total);
    EXPECT_GT(response.total, 0u);
    EXPECT_EQ(rank_of(response, "kreftsjukepleiar"), 0u);
}

// --- validation ---

TEST_F(Engine, QueryLongerThan512BytesIsRejected) {
    EXPECT_THROW(search(std::string(513, 'a')), SearchError);
    EXPECT_NO_THROW(search(std::string(512, 'a')));
}

TEST_F(Engine, InvalidUtf8IsRejected) {
    EXPECT_THROW(search("syke\xff"), SearchError);
    EXPECT_THROW(search("syke\xc3"), SearchError);      // truncated sequence
    EXPECT_THROW(search("\xc0\xafsyke"), SearchError);  // overlong "/"
    EXPECT_THROW(engine_->suggest("syk\xe2\x82", 5), SearchError);
    EXPECT_NO_THROW(search("frisør"));
}

TEST_F(Engine, PerPageOutsideOneToHundredIsRejected) {
    EXPECT_THROW(search("lege", 0), SearchError);
    EXPECT_THROW(search("lege", 101), SearchError);
    EXPECT_NO_THROW(search("lege", 1));
    EXPECT_NO_THROW(search("lege", 100));
}

TEST_F(Engine, PageZeroIsRejected) {
    SearchRequest request;
    request.query = "lege";
    request.page = 0;
    EXPECT_THROW(engine_->search(request), SearchError);
}

// --- suggestions ---

TEST_F(Engine, SuggestCompletesATitleFromItsStart) {
    auto suggestions = engine_->suggest("perf", 5);
    ASSERT_FALSE(suggestions.empty());
    EXPECT_EQ(suggestions[0].text, "Perfusjonist");
    EXPECT_EQ(suggestions[0].kind, "title");
    EXPECT_EQ(suggestions[0].id, "perfusjonist");

    auto syke = engine_->suggest("syke", 10);
    bool found = false;
    for (const auto& s : syke) {
        if (s.kind == "title" && s.text == "Sykepleier" && s.id == "sykepleier") found = true;
    }
    EXPECT_TRUE(found) << "\"syke\" does not suggest the title Sykepleier";
}

TEST_F(Engine, SuggestTitleSuggestionsComeFirstAndTermsComplete) {
    auto suggestions = engine_->suggest("hjer", 10);
    ASSERT_FALSE(suggestions.empty());
    bool seen_term = false;
    for (const auto& s : suggestions) {
        if (s.kind == "term") {
            seen_term = true;
            EXPECT_EQ(s.text.rfind("hjer", 0), 0u) << s.text;
            EXPECT_TRUE(s.id.empty());
        } else {
            EXPECT_EQ(s.kind, "title");
            EXPECT_FALSE(seen_term) << "title " << s.text << " after a term";
            EXPECT_FALSE(s.id.empty());
        }
    }
    bool hjerte = std::any_of(suggestions.begin(), suggestions.end(),
                              [](const auto& s) { return s.text.rfind("hjerte", 0) == 0; });
    EXPECT_TRUE(hjerte) << "\"hjer\" does not complete to a hjerte… word";
}

// A completed word is one the texts write: not a lemma or a bokmål/nynorsk variant that only
// the index derives (regnskapsfyre of regnskapsfører, busse of buss).
TEST_F(Engine, SuggestCompletesOnlyWordsTheTextsWrite) {
    std::set<std::string> written;
    const auto& analyzer = *bundled_index().analyzer;
    for (const auto& record : bundled_index().records) {
        for (const auto* text : {&record.title, &record.summary, &record.body}) {
            for (const auto& token : analyzer.analyze(*text, yrkesok::analyzers::Language::nb)) {
                if (!token.terms.empty()) written.insert(token.terms.front().text);
            }
        }
    }
    std::size_t completed = 0;
    for (const char* prefix : {"regnskapsf", "kjøre bus", "leg", "sjuk", "hjert", "lær", "snekk"}) {
        for (const auto& s : engine_->suggest(prefix, 10)) {
            if (s.kind != "term") continue;
            ++completed;
            const std::string last = s.text.substr(s.text.rfind(' ') + 1);
            EXPECT_TRUE(written.contains(last)) << prefix << " -> " << s.text;
        }
    }
    EXPECT_GE(completed, 20u);
}

TEST_F(Engine, SuggestRespectsTheLimit) {
    for (std::size_t limit : {1u, 3u, 7u}) {
        auto suggestions = engine_->suggest("s", limit);
        EXPECT_EQ(suggestions.size(), limit) << "prefix \"s\" has many completions";
    }
    EXPECT_TRUE(engine_->suggest("syke", 0).empty());
    EXPECT_TRUE(engine_->suggest("", 5).empty());
    EXPECT_TRUE(engine_->suggest("qqqzzz", 5).empty());
}

TEST_F(Engine, SuggestNoDuplicateTitles) {
    auto suggestions = engine_->suggest("lege", 20);
    std::set<std::string> title_ids;
    for (const auto& s : suggestions) {
        if (s.kind == "title") {
            EXPECT_TRUE(title_ids.insert(s.id).second) << s.id;
        }
    }
}

// --- records and facets ---

TEST_F(Engine, OccupationJsonReturnsTheStoredRecord) {
    auto json = engine_->occupation_json("perfusjonist");
    ASSERT_TRUE(json.has_value());
    auto data = nlohmann::json::parse(*json);
    EXPECT_EQ(data.at("title"), "Perfusjonist");
    EXPECT_EQ(data.at("id"), "perfusjonist");
    EXPECT_EQ(data.at("sectors"), nlohmann::json::array({"Helse og sosial"}));
    EXPECT_FALSE(engine_->occupation_json("finnes-ikke").has_value());
    EXPECT_FALSE(engine_->occupation_json("").has_value());
}

TEST_F(Engine, AllFacetsCountsEveryValueOverTheWholeIndex) {
    auto facets = engine_->all_facets();
    EXPECT_EQ(facets.total, bundled_index().records.size());
    EXPECT_EQ(facets.total, 352u);
    ASSERT_EQ(facets.sectors.size(), 13u);
    std::map<std::string, std::size_t> expected_sectors, expected_education;
    for (const auto& r : bundled_index().records) {
        for (const auto& s : r.sectors) ++expected_sectors[s];
        for (const auto& e : r.education_levels) ++expected_education[e];
    }
    std::size_t sum = 0;
    for (const auto& [value, count] : facets.sectors) {
        sum += count;
        EXPECT_EQ(count, expected_sectors[value]) << value;
    }
    EXPECT_GE(sum, 352u);
    EXPECT_EQ(facets.education_levels.size(), expected_education.size());
    for (const auto& [value, count] : facets.education_levels) {
        EXPECT_EQ(count, expected_education[value]) << value;
    }
    // Largest first.
    for (std::size_t i = 1; i < facets.sectors.size(); ++i) {
        EXPECT_GE(facets.sectors[i - 1].second, facets.sectors[i].second);
    }
}

TEST_F(Engine, HitsCarryTheStoredFields) {
    auto response = search("perfusjonist");
    ASSERT_FALSE(response.hits.empty());
    const auto& hit = response.hits[0];
    EXPECT_EQ(hit.id, "perfusjonist");
    EXPECT_EQ(hit.language, "nb");
    EXPECT_EQ(hit.sectors, std::vector<std::string>{"Helse og sosial"});
    EXPECT_EQ(hit.education_levels, std::vector<std::string>{"Master"});
    EXPECT_EQ(hit.styrk08, std::vector<std::string>{"3211125"});
    EXPECT_EQ(hit.summary.rfind("En perfusjonist", 0), 0u);
}

TEST_F(Engine, SnippetsCanBeSwitchedOff) {
    SearchRequest request;
    request.query = "hjerte lungemaskin";
    request.snippets = false;
    auto response = engine_->search(request);
    ASSERT_FALSE(response.hits.empty());
    for (const auto& hit : response.hits) EXPECT_TRUE(hit.snippet.empty()) << hit.id;
}

TEST_F(Engine, NoMatchGivesEmptyResponse) {
    auto response = search("xyzzyqwv");
    EXPECT_EQ(response.total, 0u);
    EXPECT_TRUE(response.hits.empty());
    EXPECT_FALSE(response.corrected_query.has_value());
}

}  // namespace
