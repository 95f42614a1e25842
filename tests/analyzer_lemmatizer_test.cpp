// Lemmatising: hunspell lemmas for bokmål and nynorsk inflections, the Snowball fallback for
// unknown words, and the junk guard.
#include <gtest/gtest.h>

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "lemmatizer.h"
#include "yrkesok/analyzers/analyzer.h"

namespace {

using yrkesok::analyzers::Analyzer;
using yrkesok::analyzers::Language;
using yrkesok::analyzers::TermKind;

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

bool has_term(const std::string& text, Language lang, const std::string& term, TermKind kind) {
    for (const auto& tok : analyzer().analyze(text, lang)) {
        for (const auto& t : tok.terms) {
            if (t.text == term && t.kind == kind) return true;
        }
    }
    return false;
}

struct LemmaCase {
    const char* name;
    const char* word;
    Language lang;
    const char* lemma;
};

// Readable test names in ctest instead of a byte dump.
[[maybe_unused]] void PrintTo(const LemmaCase& c, std::ostream* os) {
    *os << c.name;
}

class Lemmatizer : public testing::TestWithParam<LemmaCase> {};

TEST_P(Lemmatizer, GivesDictionaryLemma) {
    const auto& c = GetParam();
    EXPECT_TRUE(has_term(c.word, c.lang, c.lemma, TermKind::lemma)) << c.word << " -> " << c.lemma;
}

INSTANTIATE_TEST_SUITE_P(
    Table, Lemmatizer,
    testing::Values(
        // bokmål nouns
        LemmaCase{"NbSykepleiereIndefinitePlural", "sykepleiere", Language::nb, "sykepleier"},
        LemmaCase{"NbSykepleierneDefinitePlural", "sykepleierne", Language::nb, "sykepleier"},
        LemmaCase{"NbSykepleierenDefinite", "sykepleieren", Language::nb, "sykepleier"},
        LemmaCase{"NbLaerereTeachers", "lærere", Language::nb, "lærer"},
        LemmaCase{"NbJordmoedreIrregularPlural", "jordmødre", Language::nb, "jordmor"},
        LemmaCase{"NbMaskinenDefinite", "maskinen", Language::nb, "maskin"},
        LemmaCase{"NbBarnaNeuterPlural", "barna", Language::nb, "barn"},
        LemmaCase{"NbLegeneDoctors", "legene", Language::nb, "lege"},
        LemmaCase{"NbSjaafoererDrivers", "sjåførene", Language::nb, "sjåfør"},
        LemmaCase{"NbOperasjonerPlural", "operasjoner", Language::nb, "operasjon"},
        // bokmål verbs
        LemmaCase{"NbJobberPresent", "jobber", Language::nb, "jobbe"},
        LemmaCase{"NbArbeidetPast", "arbeidet", Language::nb, "arbeide"},
        LemmaCase{"NbReparererPresent", "reparerer", Language::nb, "reparere"},
        LemmaCase{"NbKjoerteePast", "kjørte", Language::nb, "kjøre"},
        // bokmål adjectives
        LemmaCase{"NbStorePlural", "viktige", Language::nb, "viktig"},
        LemmaCase{"NbPraktiskePlural", "praktiske", Language::nb, "praktisk"},
        LemmaCase{"NbNoeyaktigNeuter", "nøyaktige", Language::nb, "nøyaktig"},
        // nynorsk nouns
        LemmaCase{"NnSjukepleiararIndefinitePlural", "sjukepleiarar", Language::nn, "sjukepleiar"},
        LemmaCase{"NnSjukepleiaraneDefinitePlural", "sjukepleiarane", Language::nn, "sjukepleiar"},
        LemmaCase{"NnLaeraraneTeachers", "lærarane", Language::nn, "lærar"},
        LemmaCase{"NnSjukehusetDefinite", "sjukehuset", Language::nn, "sjukehus"},
        LemmaCase{"NnMaskinaneDefinitePlural", "maskinane", Language::nn, "maskin"},
        LemmaCase{"NnVekerWeeks", "vekene", Language::nn, "veke"},
        // nynorsk verbs and adjectives
        LemmaCase{"NnKoeyrdePast", "køyrde", Language::nn, "køyre"},
        LemmaCase{"NnJobbarPresent", "jobbar", Language::nn, "jobbe"},
        LemmaCase{"NnViktigePlural", "viktige", Language::nn, "viktig"},
        // both: the union of nb and nn
        LemmaCase{"BothFindsNynorskLemma", "sjukepleiarane", Language::both, "sjukepleiar"},
        LemmaCase{"BothFindsBokmaalLemma", "sykepleierne", Language::both, "sykepleier"}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(Lemmatizer, UnknownWordFallsBackToSnowballStem) {
    EXPECT_TRUE(has_term("perfusjonistene", Language::nb, "perfusjonist", TermKind::stem));
}

TEST(Lemmatizer, KeepsEveryPlausibleReading) {
    // jobber: the noun (jobber) and the verb (jobbe) and its noun (jobb) all stay.
    EXPECT_TRUE(has_term("jobber", Language::nb, "jobbe", TermKind::lemma));
    EXPECT_TRUE(has_term("jobber", Language::nb, "jobb", TermKind::lemma));
}

// A word the dictionary has as an entry of its own is not reduced by a derivational suffix
// rule: a queen (dronning) is not a drone. The verbal noun in plain -ing keeps its verb
// (tegning -> tegne), and inflection still reaches the lemma (sykepleiere -> sykepleier).
TEST(Lemmatizer, OwnEntryIsNotReducedByADerivationalRule) {
    EXPECT_TRUE(has_term("dronning", Language::nb, "dronning", TermKind::surface));
    EXPECT_FALSE(has_term("dronning", Language::nb, "drone", TermKind::lemma));
    EXPECT_FALSE(has_term("dronningen", Language::nb, "drone", TermKind::lemma));
    EXPECT_TRUE(has_term("tegning", Language::nb, "tegne", TermKind::lemma));
    EXPECT_TRUE(has_term("sykepleiere", Language::nb, "sykepleier", TermKind::lemma));
}

TEST(Lemmatizer, DropsStemsThatAreNoListedWord) {
    EXPECT_FALSE(has_term("lastebilsjåførene", Language::nb, "lastebilsjåførene", TermKind::lemma));
    EXPECT_TRUE(has_term("lastebilsjåførene", Language::nb, "lastebilsjåfør", TermKind::lemma));
}

TEST(Lemmatizer, SwitchOffLeavesNoLemmas) {
    yrkesok::analyzers::AnalyzerOptions o;
    o.lemmas = false;
    o.snowball_fallback = false;
    const Analyzer a(o);
    for (const auto& tok : a.analyze("sykepleierne jobber på sjukehuset", Language::both)) {
        for (const auto& t : tok.terms) {
            EXPECT_NE(t.kind, TermKind::lemma) << t.text;
            EXPECT_NE(t.kind, TermKind::stem) << t.text;
        }
    }
}

TEST(Lemmatizer, WithoutLemmasSnowballStemsEverything) {
    yrkesok::analyzers::AnalyzerOptions o;
    o.lemmas = false;
    const Analyzer a(o);
    const auto toks = a.analyze("sykepleiere", Language::nb);
    ASSERT_EQ(toks.size(), 1u);
    EXPECT_EQ(toks[0].terms.at(1).kind, TermKind::stem);
}

struct GuardCase {
    const char* word;
    const char* lemma;
    bool plausible;
};

// Readable test names in ctest instead of a byte dump.
[[maybe_unused]] void PrintTo(const GuardCase& c, std::ostream* os) {
    *os << c.word;
}

class LemmaGuard : public testing::TestWithParam<GuardCase> {};

TEST_P(LemmaGuard, AcceptsInflectionRejectsCompoundJunk) {
    const auto& c = GetParam();
    EXPECT_EQ(yrkesok::analyzers::detail::plausible_lemma(c.word, c.lemma), c.plausible)
        << c.word << " -> " << c.lemma;
}

INSTANTIATE_TEST_SUITE_P(Table, LemmaGuard,
                         testing::Values(GuardCase{"sykepleierne", "sykepleier", true},
                                         GuardCase{"jordmødre", "jordmor", true},
                                         GuardCase{"gikk", "gå", true},
                                         GuardCase{"operasjonssykepleiere", "operasjon", false},
                                         GuardCase{"lungemaskinen", "lunge", false},
                                         GuardCase{"maskin", "lunge", false},
                                         GuardCase{"lærer", "", false}),
                         [](const auto& info) { return ascii_name(info.index, info.param.word); });

}  // namespace
