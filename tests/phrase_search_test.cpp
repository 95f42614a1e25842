// Quoted phrases: what counts as one, on a few records of our own, and the engine's answers for
// phrases taken from the bundled corpus against the rule worked out here from each record's
// analysis (ids, totals, both facets' counts, no phrase across two fields). A guard for any change
// to how phrases are matched: the judged query sets hold no quoted query.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "support/bundled_index.h"
#include "support/sanitized.h"
#include "support/temp_dir.h"
#include "yrkesok/indexer/index_writer.h"
#include "yrkesok/searcher/search_engine.h"

namespace {

// A phrase's words, each given by its whole-word forms (surface, lemmas, variants, expansions).
using PhraseWords = std::vector<std::vector<std::string>>;

using yrkesok::analyzers::Language;
using yrkesok::analyzers::Token;
using yrkesok::index::Occupation;
using yrkesok::search::SearchEngine;
using yrkesok::search::SearchRequest;
using yrkesok::testing::bundled_index;

const yrkesok::analyzers::Analyzer& analyzer() {
    return *bundled_index().analyzer;
}

// A quoted query's words as the query builder sees them: each word's whole-word forms.
PhraseWords phrase_of(const std::string& text) {
    PhraseWords words;
    for (const Token& token : analyzer().analyze(text, Language::both)) {
        if (token.terms.empty()) continue;
        std::vector<std::string> forms;
        for (const auto& term : token.terms) {
            if (yrkesok::analyzers::is_whole_word(term.kind)) forms.push_back(term.text);
        }
        words.push_back(std::move(forms));
    }
    return words;
}

// A few records of our own, one sentence each in the body, indexed once.
struct SmallIndex {
    yrkesok::testing::TempDir scratch{"phrase-search-small"};
    std::filesystem::path dir = scratch.path() / "index";

    SmallIndex() {
        const std::vector<std::pair<std::string, std::string>> bodies = {
            {"maskiner", "Hun arbeider med store maskiner hver dag."},
            {"prover", "Sykepleieren tar EKG og blodprøver."},
            {"vegen", "Vegen til yrket er lang."},
            {"veien", "Veien til yrket er lang."},
            {"lungemaskin", "Hun styrer en hjerte- og lungemaskin."},
            {"spredt", "Hun har et hjerte og en lungemaskin."},
            {"reparasjon", "Han reparerer maskinen."},
        };
        std::vector<Occupation> records;
        for (const auto& [id, body] : bodies) {
            Occupation r;
            r.id = id;
            r.title = "Testyrke";
            r.summary = "Yrke til prøve.";
            r.body = body;
            r.styrk08 = {"2221101"};
            r.sectors = {"Helse og sosial"};
            r.education_levels = {"Bachelor"};
            r.language = id == "vegen" ? "nn" : "nb";
            r.updated = "2026-01-01";
            r.line = records.size() + 1;
            records.push_back(std::move(r));
        }
        yrkesok::index::build_index(records, dir, analyzer(), {});
    }
};

std::set<std::string> small_found(const std::string& phrase) {
    static SmallIndex index;
    static SearchEngine engine(index.dir.string(), bundled_index().analyzer);
    SearchRequest request;
    request.query = "\"" + phrase + "\"";
    request.per_page = 20;
    std::set<std::string> ids;
    for (const auto& hit : engine.search(request).hits) ids.insert(hit.id);
    return ids;
}

using Ids = std::set<std::string>;

TEST(Phrase, WantsTheWordsNextToEachOtherAndInOrder) {
    EXPECT_EQ(small_found("store maskiner"), Ids{"maskiner"});
    EXPECT_EQ(small_found("arbeider med store maskiner"), Ids{"maskiner"});
    EXPECT_EQ(small_found("arbeider maskiner"), Ids{});  // both there, not next to each other
    EXPECT_EQ(small_found("maskiner store"), Ids{});     // next to each other, not in order
    EXPECT_EQ(small_found("store biler"), Ids{});
}

TEST(Phrase, MatchesOtherInflectionsThroughTheLemma) {
    EXPECT_EQ(small_found("ta ekg og blodprøve"), Ids{"prover"});
    EXPECT_EQ(small_found("reparere maskiner"), Ids{"reparasjon"});
}

TEST(Phrase, MatchesAcrossTheWrittenStandards) {
    EXPECT_EQ(small_found("veien til yrket"), (Ids{"veien", "vegen"}));
    EXPECT_EQ(small_found("vegen til yrket"), (Ids{"veien", "vegen"}));
}

TEST(Phrase, CountsStopWordsAsWords) {
    EXPECT_EQ(small_found("hjerte- og lungemaskin"), Ids{"lungemaskin"});
    EXPECT_EQ(small_found("hjerte og lungemaskin"), Ids{"lungemaskin"});
    EXPECT_EQ(small_found("hjerte og en lungemaskin"), Ids{"spredt"});
}

TEST(Phrase, DoesNotSpanTwoFields) {
    // The title's word and the summary's first: next to each other in the record only.
    EXPECT_EQ(small_found("testyrke yrke"), Ids{});
    EXPECT_EQ(small_found("yrke til prøve"),
              (Ids{"maskiner", "prover", "vegen", "veien", "lungemaskin", "spredt", "reparasjon"}));
}

// Whether `tokens` hold `words` one after another, worked out here from the analysis: a text
// word stands for a phrase word when one of its lemmas (its surface form when it has none) or its
// forms in the other written standard is among the phrase word's forms.
bool tokens_hold(const std::vector<Token>& tokens, const PhraseWords& words) {
    using yrkesok::analyzers::TermKind;
    const auto stands_for = [](const Token& token, const std::vector<std::string>& forms) {
        bool has_lemma = false;
        for (const auto& t : token.terms) has_lemma |= t.kind == TermKind::lemma;
        for (const auto& t : token.terms) {
            const bool positioned = t.kind == (has_lemma ? TermKind::lemma : TermKind::surface) ||
                                    t.kind == TermKind::variant;
            if (positioned && std::find(forms.begin(), forms.end(), t.text) != forms.end())
                return true;
        }
        return false;
    };
    std::vector<std::vector<const Token*>> at;  // the tokens at each position
    for (const Token& t : tokens) {
        if (at.size() <= t.position) at.resize(t.position + 1);
        at[t.position].push_back(&t);
    }
    for (std::size_t start = 0; !words.empty() && start + words.size() <= at.size(); ++start) {
        bool all = true;
        for (std::size_t k = 0; k < words.size() && all; ++k) {
            all = std::any_of(at[start + k].begin(), at[start + k].end(),
                              [&](const Token* t) { return stands_for(*t, words[k]); });
        }
        if (all) return true;
    }
    return false;
}

// Each bundled record's id and its three fields analysed, made once.
const std::vector<std::pair<std::string, std::vector<std::vector<Token>>>>& analysed_records() {
    static const auto records = [] {
        std::vector<std::pair<std::string, std::vector<std::vector<Token>>>> out;
        for (const auto& r : bundled_index().records) {
            const Language language = r.language == "nn" ? Language::nn : Language::nb;
            out.emplace_back(
                r.id, std::vector<std::vector<Token>>{analyzer().analyze(r.title, language),
                                                      analyzer().analyze(r.summary, language),
                                                      analyzer().analyze(r.body, language)});
        }
        return out;
    }();
    return records;
}

// Every record whose title, summary or body holds `phrase`, by the rule alone.
std::set<std::string> holders(const std::string& phrase) {
    const PhraseWords words = phrase_of(phrase);
    std::set<std::string> out;
    for (const auto& [id, fields] : analysed_records()) {
        for (const auto& tokens : fields) {
            if (tokens_hold(tokens, words)) {
                out.insert(id);
                break;
            }
        }
    }
    return out;
}

// How many phrases the sweep below checks: fewer under the sanitizers, where each brute-force
// count costs several times as much (support/sanitized.h); the same first ones, from the same
// seed, pairs of words that are no phrase among them.
constexpr std::size_t kSampledPhrases = yrkesok::testing::kSanitized ? 24 : 60;

// Consecutive words of the bundled records' fields, 2 to 4 of them, and pairs of words four
// apart in the same text (both in the record, mostly not next to each other anywhere).
std::vector<std::string> sampled_phrases() {
    std::mt19937 random(20261205);
    const auto& records = bundled_index().records;
    std::vector<std::string> out;
    while (out.size() < kSampledPhrases) {
        const auto& r = records[random() % records.size()];
        const std::size_t field = random() % 3;
        const std::string& text = field == 0 ? r.title : field == 1 ? r.summary : r.body;
        std::vector<std::string> words;
        for (const Token& token : analyzer().analyze(text, Language::nb)) {
            words.push_back(text.substr(token.start, token.end - token.start));
        }
        const std::size_t n = 2 + random() % 3;
        if (words.size() < n + 4) continue;
        const std::size_t start = random() % (words.size() - n - 4);
        std::string phrase;
        for (std::size_t k = 0; k < n; ++k) phrase += (k ? " " : "") + words[start + k];
        out.push_back(phrase);
        if (out.size() % 4 == 0) out.push_back(words[start] + " " + words[start + 4]);
    }
    return out;
}

using Counts = std::map<std::string, std::size_t>;

// A search's ids, total and nonzero counts of both facets.
struct Found {
    std::set<std::string> ids;
    std::size_t total = 0;
    Counts sectors;
    Counts education;
};

Counts nonzero(const yrkesok::search::FacetCounts& counts) {
    Counts out;
    for (const auto& [value, count] : counts) {
        if (count > 0) out[value] = count;
    }
    return out;
}

// What the rule gives for `ids`: the same fields, counted over the bundled records.
Found expected_for(const std::set<std::string>& ids) {
    Found out;
    out.ids = ids;
    out.total = ids.size();
    for (const auto& r : bundled_index().records) {
        if (!ids.contains(r.id)) continue;
        for (const auto& v : r.sectors) ++out.sectors[v];
        for (const auto& v : r.education_levels) ++out.education[v];
    }
    return out;
}

class PhraseSearch : public testing::Test {
  protected:
    static void SetUpTestSuite() { bundled_index(); }
    SearchEngine engine_{bundled_index().index_dir(), bundled_index().analyzer};

    Found found(const std::string& phrase) {
        SearchRequest request;
        request.query = "\"" + phrase + "\"";
        request.per_page = 100;
        const auto response = engine_.search(request);
        Found out;
        for (const auto& hit : response.hits) out.ids.insert(hit.id);
        out.total = response.total;
        out.sectors = nonzero(response.sectors);
        out.education = nonzero(response.education_levels);
        return out;
    }
};

TEST_F(PhraseSearch, FindsExactlyTheRecordsThatHoldThePhrase) {
    std::size_t none = 0;
    for (const std::string& phrase : sampled_phrases()) {
        const Found answer = found(phrase);
        const Found expected = expected_for(holders(phrase));
        ASSERT_LE(expected.total, 100u) << phrase;
        EXPECT_EQ(answer.total, expected.total) << phrase;
        EXPECT_EQ(answer.ids, expected.ids) << phrase;
        EXPECT_EQ(answer.sectors, expected.sectors) << phrase;
        EXPECT_EQ(answer.education, expected.education) << phrase;
        none += expected.ids.empty();
    }
    EXPECT_GE(none, 3u) << "the sample should hold pairs of words that are no phrase";
}

TEST_F(PhraseSearch, NoPhraseSpansTwoFields) {
    // A one-word title and its summary's first word: next to each other in the record, but in
    // two fields.
    const auto& records = bundled_index().records;
    std::size_t checked = 0;
    for (const auto& r : records) {
        if (r.title.find(' ') != std::string::npos) continue;
        const auto tokens = analyzer().analyze(r.summary, Language::nb);
        if (tokens.empty()) continue;
        const std::string first =
            r.summary.substr(tokens[0].start, tokens[0].end - tokens[0].start);
        const std::string phrase = r.title + " " + first;
        EXPECT_EQ(found(phrase).ids, holders(phrase)) << phrase;
        if (++checked == 10) break;
    }
    EXPECT_EQ(checked, 10u);
}

TEST_F(PhraseSearch, TheFlagshipPhraseFindsPerfusjonist) {
    EXPECT_TRUE(found("hjerte- og lungemaskin").ids.contains("perfusjonist"));
}

}  // namespace
