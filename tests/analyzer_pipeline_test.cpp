// The whole chain: acceptance checks, stop words, term invariants, index/query parity and
// concurrent use.
#include <gtest/gtest.h>

#include <algorithm>
#include <ostream>
#include <set>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "yrkesok/analyzers/analyzer.h"

namespace {

using yrkesok::analyzers::Analyzer;
using yrkesok::analyzers::AnalyzerOptions;
using yrkesok::analyzers::Language;
using yrkesok::analyzers::TermKind;
using yrkesok::analyzers::Token;

// gtest names must be ASCII identifiers: index plus the ASCII letters of the word.
std::string ascii_name(std::size_t index, std::string_view word) {
    std::string out = std::to_string(index) + "_";
    for (const char c : word) {
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) out.push_back(c);
    }
    return out;
}

const Analyzer& analyzer() {
    static const Analyzer a;
    return a;
}

std::set<std::string> all_terms(const std::vector<Token>& toks) {
    std::set<std::string> out;
    for (const auto& tok : toks) {
        for (const auto& t : tok.terms) out.insert(t.text);
    }
    return out;
}

const char* const kText =
    "Perfusjonisten betjener hjerte- og lungemaskinen under operasjoner. Sykepleierne og "
    "operasjonssykepleiere samarbeider med kirurgen. Sjukepleiarane på sjukehuset, "
    "røyrleggjarar og lastebilsjåfører. E-post: post@helse.no, STYRK 3211125.";

TEST(Analyzer, AcceptsHjerteOgLungemaskin) {
    const auto terms = all_terms(analyzer().analyze("hjerte- og lungemaskin", Language::nb));
    for (const char* t : {"hjerte", "lunge", "maskin", "lungemaskin", "hjertemaskin"}) {
        EXPECT_TRUE(terms.count(t)) << t;
    }
}

TEST(Analyzer, AcceptsSykepleierneLemma) {
    const auto toks = analyzer().analyze("sykepleierne", Language::nb);
    ASSERT_EQ(toks.size(), 1u);
    EXPECT_NE(std::find(toks[0].terms.begin(), toks[0].terms.end(),
                        yrkesok::analyzers::Term{"sykepleier", TermKind::lemma}),
              toks[0].terms.end());
}

// æ, ø, å typed as ae, oe, aa: the word the letters spell out, as a lemma, with its own terms.
TEST(Analyzer, SpelledOutLettersReachTheListedWord) {
    for (const auto& [typed, meant] : std::vector<std::pair<std::string, std::string>>{
             {"laerer", "lærer"}, {"frisoer", "frisør"}, {"sjaafoer", "sjåfør"}}) {
        const auto toks = analyzer().analyze(typed, Language::both);
        ASSERT_EQ(toks.size(), 1u) << typed;
        EXPECT_EQ(toks[0].terms.front().text, typed);
        const auto& terms = toks[0].terms;
        EXPECT_NE(
            std::find(terms.begin(), terms.end(), yrkesok::analyzers::Term{meant, TermKind::lemma}),
            terms.end())
            << typed;
    }
}

TEST(Analyzer, ListedWordsWithAePairsAreLeftAsTheyAre) {
    // Words the lists hold keep their letters: no æ or ø is read into them.
    for (const char* word : {"poet", "aerob", "israel"}) {
        for (const auto& t : all_terms(analyzer().analyze(word, Language::both))) {
            EXPECT_EQ(t.find("ø"), std::string::npos) << word << " -> " << t;
            EXPECT_EQ(t.find("æ"), std::string::npos) << word << " -> " << t;
        }
    }
}

TEST(Analyzer, AcceptsSjukepleiaraneLemmaAndVariant) {
    const auto toks = analyzer().analyze("sjukepleiarane", Language::nn);
    ASSERT_EQ(toks.size(), 1u);
    const auto& terms = toks[0].terms;
    EXPECT_NE(std::find(terms.begin(), terms.end(),
                        yrkesok::analyzers::Term{"sjukepleiar", TermKind::lemma}),
              terms.end());
    EXPECT_NE(std::find(terms.begin(), terms.end(),
                        yrkesok::analyzers::Term{"sykepleier", TermKind::variant}),
              terms.end());
}

TEST(Analyzer, TermsAreDistinctSurfaceFirstAndLowercase) {
    for (Language lang : {Language::nb, Language::nn, Language::both}) {
        for (const auto& tok : analyzer().analyze(kText, lang)) {
            ASSERT_FALSE(tok.terms.empty());
            EXPECT_EQ(tok.terms.front().kind, TermKind::surface);
            std::set<std::string> seen;
            for (const auto& t : tok.terms) {
                EXPECT_TRUE(seen.insert(t.text).second) << "duplicate " << t.text;
                EXPECT_FALSE(t.text.empty());
                EXPECT_EQ(t.text.find_first_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ"), std::string::npos);
            }
        }
    }
}

struct StopCase {
    const char* word;
    Language lang;
    bool stop;
};

// Readable test names in ctest instead of a byte dump.
[[maybe_unused]] void PrintTo(const StopCase& c, std::ostream* os) {
    *os << c.word;
}

class StopWords : public testing::TestWithParam<StopCase> {};

TEST_P(StopWords, MarksFunctionWordsOnly) {
    const auto& c = GetParam();
    const auto toks = analyzer().analyze(c.word, c.lang);
    ASSERT_EQ(toks.size(), 1u);
    EXPECT_EQ(toks[0].stopword, c.stop) << c.word;
}

INSTANTIATE_TEST_SUITE_P(
    Table, StopWords,
    testing::Values(StopCase{"og", Language::nb, true}, StopCase{"ikke", Language::nb, true},
                    StopCase{"Hvordan", Language::nb, true}, StopCase{"ikkje", Language::nn, true},
                    StopCase{"eg", Language::nn, true}, StopCase{"korleis", Language::nn, true},
                    StopCase{"ikkje", Language::nb, false}, StopCase{"ikkje", Language::both, true},
                    StopCase{"lege", Language::both, false},
                    StopCase{"sykepleier", Language::nb, false},
                    StopCase{"arbeid", Language::nn, false}),
    [](const auto& info) { return ascii_name(info.index, info.param.word); });

TEST(StopWords, DropStopwordsRemovesThemAndKeepsPositionGaps) {
    AnalyzerOptions o;
    o.drop_stopwords = true;
    const Analyzer a(o);
    const auto toks = a.analyze("lege og sykepleier", Language::nb);
    ASSERT_EQ(toks.size(), 2u);
    EXPECT_EQ(toks[0].position, 0u);
    EXPECT_EQ(toks[1].position, 2u);
}

// Parity: the same text analysed twice gives identical tokens, and `both` (the query side
// when the language is unknown) gives the same tokens with a superset of the terms of nb and
// of nn: a term the index holds for either language is always produced by the query.
TEST(Parity, SameTextTwiceIsIdentical) {
    const auto a = analyzer().analyze(kText, Language::nb);
    const auto b = analyzer().analyze(kText, Language::nb);
    ASSERT_EQ(a.size(), b.size());
    for (std::size_t i = 0; i < a.size(); ++i) {
        EXPECT_EQ(a[i].terms, b[i].terms);
        EXPECT_EQ(a[i].start, b[i].start);
        EXPECT_EQ(a[i].position, b[i].position);
    }
}

TEST(Parity, BothIsSupersetOfEachLanguageTokenByToken) {
    const auto both = analyzer().analyze(kText, Language::both);
    for (Language lang : {Language::nb, Language::nn}) {
        const auto one = analyzer().analyze(kText, lang);
        ASSERT_EQ(one.size(), both.size());
        for (std::size_t i = 0; i < one.size(); ++i) {
            EXPECT_EQ(one[i].start, both[i].start);
            EXPECT_EQ(one[i].position, both[i].position);
            std::set<std::string> b;
            for (const auto& t : both[i].terms) b.insert(t.text);
            for (const auto& t : one[i].terms) EXPECT_TRUE(b.count(t.text)) << t.text;
        }
    }
}

TEST(Parity, ColdAndWarmCacheAgree) {
    const Analyzer fresh;
    const auto cold = fresh.analyze(kText, Language::both);
    const auto warm = fresh.analyze(kText, Language::both);
    fresh.clear_cache();
    const auto again = fresh.analyze(kText, Language::both);
    ASSERT_EQ(cold.size(), warm.size());
    for (std::size_t i = 0; i < cold.size(); ++i) {
        EXPECT_EQ(cold[i].terms, warm[i].terms);
        EXPECT_EQ(cold[i].terms, again[i].terms);
    }
}

TEST(Analyzer, ConcurrentCallsAgreeWithSerialOnes) {
    const Analyzer a;
    const auto expected = analyzer().analyze(kText, Language::both);
    std::vector<std::thread> threads;
    std::vector<int> ok(4, 0);
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&, t] {
            bool same = true;
            for (int i = 0; i < 20; ++i) {
                const auto got = a.analyze(kText, Language::both);
                same &= got.size() == expected.size();
                for (std::size_t k = 0; same && k < got.size(); ++k) {
                    same &= got[k].terms == expected[k].terms;
                }
            }
            ok[t] = same;
        });
    }
    for (auto& th : threads) th.join();
    for (int v : ok) EXPECT_TRUE(v);
}

TEST(Analyzer, MissingDictionaryThrowsAnalyzerError) {
    AnalyzerOptions o;
    o.hunspell_dir = "/nonexistent";
    EXPECT_THROW(Analyzer{o}, yrkesok::analyzers::AnalyzerError);
    AnalyzerOptions w;
    w.wordlist_dir = "/nonexistent";
    EXPECT_THROW(Analyzer{w}, yrkesok::analyzers::AnalyzerError);
}

TEST(Analyzer, MissingBilingualDictionaryNamesTheFileAndThePackage) {
    AnalyzerOptions o;
    o.bilingual_dictionary_dir = "/nonexistent";
    try {
        Analyzer a{o};
        FAIL() << "an analyzer without its bilingual dictionary must not be made";
    } catch (const yrkesok::analyzers::AnalyzerError& e) {
        const std::string message = e.what();
        EXPECT_NE(message.find("/nonexistent/nno-nob.autobil.bin"), std::string::npos) << message;
        EXPECT_NE(message.find("apertium-nno-nob"), std::string::npos) << message;
    }
}

TEST(Analyzer, ToStringNamesEveryKind) {
    EXPECT_EQ(yrkesok::analyzers::to_string(TermKind::surface), "surface");
    EXPECT_EQ(yrkesok::analyzers::to_string(TermKind::variant), "variant");
}

}  // namespace
