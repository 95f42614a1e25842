// Hyphen ellipsis: "hjerte- og lungemaskin" restores hjertemaskin; hyphen-joined words carry
// their components and the joined form.
#include <gtest/gtest.h>

#include <ostream>
#include <set>
#include <string>
#include <vector>

#include "yrkesok/analyzers/analyzer.h"

namespace {

using yrkesok::analyzers::Analyzer;
using yrkesok::analyzers::Language;
using yrkesok::analyzers::TermKind;

const Analyzer& analyzer() {
    static const Analyzer a;
    return a;
}

struct EllipsisCase {
    const char* name;
    const char* text;
    Language lang;
    const char* token;  // surface of the token that must carry `terms`
    std::vector<std::string> terms;
    TermKind kind;  // kind of the first of `terms`
};

// Readable test names in ctest instead of a byte dump.
[[maybe_unused]] void PrintTo(const EllipsisCase& c, std::ostream* os) {
    *os << c.name;
}

class HyphenEllipsis : public testing::TestWithParam<EllipsisCase> {};

TEST_P(HyphenEllipsis, TokenCarriesRestoredTerms) {
    const auto& c = GetParam();
    const auto toks = analyzer().analyze(c.text, c.lang);
    bool seen = false;
    for (const auto& tok : toks) {
        if (tok.terms.front().text != c.token) continue;
        seen = true;
        std::set<std::string> have;
        for (const auto& t : tok.terms) {
            have.insert(t.text);
            if (t.text == c.terms.front()) {
                EXPECT_EQ(t.kind, c.kind) << t.text;
            }
        }
        for (const auto& want : c.terms) {
            EXPECT_TRUE(have.count(want)) << c.text << ": token " << c.token << " lacks " << want;
        }
    }
    EXPECT_TRUE(seen) << "no token " << c.token;
}

INSTANTIATE_TEST_SUITE_P(
    Table, HyphenEllipsis,
    testing::Values(
        EllipsisCase{"HjerteOgLungemaskin",
                     "hjerte- og lungemaskin",
                     Language::nb,
                     "hjerte",
                     {"hjertemaskin", "hjerte", "maskin"},
                     TermKind::expansion},
        EllipsisCase{"LungemaskinStillSplits",
                     "hjerte- og lungemaskin",
                     Language::nb,
                     "lungemaskin",
                     {"lunge", "maskin"},
                     TermKind::part},
        EllipsisCase{"ByggOgAnleggsfag",
                     "bygg- og anleggsfag",
                     Language::nb,
                     "bygg",
                     {"byggfag"},
                     TermKind::expansion},
        EllipsisCase{"AnleggsfagSplits",
                     "bygg- og anleggsfag",
                     Language::nb,
                     "anleggsfag",
                     {"anlegg", "fag"},
                     TermKind::part},
        EllipsisCase{"EllerConjunction",
                     "hjerte- eller lungemaskin",
                     Language::nb,
                     "hjerte",
                     {"hjertemaskin"},
                     TermKind::expansion},
        EllipsisCase{"CommaListFirst",
                     "el-, tele- og automatiseringsfag",
                     Language::nb,
                     "el",
                     {"elfag"},
                     TermKind::expansion},
        EllipsisCase{"CommaListSecond",
                     "el-, tele- og automatiseringsfag",
                     Language::nb,
                     "tele",
                     {"telefag"},
                     TermKind::expansion},
        EllipsisCase{"CapitalisedAndNynorsk",
                     "Hjarte- og lungemaskin",
                     Language::nn,
                     "hjarte",
                     {"hjartemaskin"},
                     TermKind::expansion},
        EllipsisCase{"InflectedHeadGivesLemma",
                     "hjerte- og lungemaskinen",
                     Language::nb,
                     "hjerte",
                     {"hjertemaskin", "hjertemaskinen"},
                     TermKind::expansion},
        EllipsisCase{"LeadingHyphenTakesModifier",
                     "barnehagelærer og -assistent",
                     Language::nb,
                     "assistent",
                     {"barnehageassistent"},
                     TermKind::expansion},
        EllipsisCase{"HyphenJoinedWhole",
                     "hjerte-lungemaskin",
                     Language::nb,
                     "hjerte-lungemaskin",
                     {"hjertelungemaskin", "hjerte", "lunge", "maskin", "lungemaskin"},
                     TermKind::surface},
        EllipsisCase{"HyphenJoinedLemma",
                     "hjerte-lungemaskinen",
                     Language::nb,
                     "hjerte-lungemaskinen",
                     {"hjertelungemaskin"},
                     TermKind::lemma},
        EllipsisCase{
            "EPost", "e-post", Language::nb, "e-post", {"epost", "post"}, TermKind::surface},
        EllipsisCase{
            "EPosten", "e-posten", Language::nb, "e-posten", {"epost", "e-post"}, TermKind::lemma}),
    [](const auto& info) { return std::string(info.param.name); });

struct NoExpansionCase {
    const char* name;
    const char* text;
};

// Readable test names in ctest instead of a byte dump.
[[maybe_unused]] void PrintTo(const NoExpansionCase& c, std::ostream* os) {
    *os << c.name;
}

class NoEllipsis : public testing::TestWithParam<NoExpansionCase> {};

std::size_t expansions_in(const std::vector<yrkesok::analyzers::Token>& toks) {
    std::size_t n = 0;
    for (const auto& tok : toks) {
        for (const auto& t : tok.terms) n += t.kind == TermKind::expansion;
    }
    return n;
}

// Every case starts with the hyphenated "hjerte-" that an ellipsis would complete, so the
// analysis must still yield that word (and the rest) as tokens, only without expansions.
TEST_P(NoEllipsis, ProducesNoExpansion) {
    const auto toks = analyzer().analyze(GetParam().text, Language::nb);
    ASSERT_GE(toks.size(), 3u) << GetParam().text;
    EXPECT_EQ(toks.front().terms.front().text, "hjerte");
    EXPECT_EQ(expansions_in(toks), 0u) << GetParam().text;
}

INSTANTIATE_TEST_SUITE_P(
    Table, NoEllipsis,
    testing::Values(NoExpansionCase{"SentenceBreakStopsRun", "hjerte-. Og lungemaskin"},
                    NoExpansionCase{"NoHyphen", "hjerte og lungemaskin"},
                    NoExpansionCase{"FinalWordNotCompound", "hjerte- og lunge"},
                    NoExpansionCase{"OtherWordBetween", "hjerte- og en lungemaskin"}),
    [](const auto& info) { return std::string(info.param.name); });

// A shortened word records the position of the word that completes it; other words none.
TEST(HyphenEllipsis, ShortenedWordKnowsTheWordCompletingIt) {
    const auto toks = analyzer().analyze("el-, tele- og automatiseringsfag", Language::nb);
    ASSERT_EQ(toks.size(), 4u);
    const std::uint32_t last = toks[3].position;
    EXPECT_EQ(toks[0].completed_by, last) << "el-";
    EXPECT_EQ(toks[1].completed_by, last) << "tele-";
    EXPECT_FALSE(toks[2].completed_by.has_value()) << "og";
    EXPECT_FALSE(toks[3].completed_by.has_value()) << "automatiseringsfag";
    for (const char* text : {"hjerte og lungemaskin", "hjerte-lungemaskin", "hjerte- og lunge"}) {
        for (const auto& tok : analyzer().analyze(text, Language::nb)) {
            EXPECT_FALSE(tok.completed_by.has_value()) << text << ": " << tok.text;
        }
    }
}

TEST(HyphenEllipsis, SwitchOffGivesNoExpansions) {
    yrkesok::analyzers::AnalyzerOptions o;
    o.hyphen_ellipsis = false;
    const Analyzer a(o);
    const char* text = "hjerte- og lungemaskin, bygg- og anleggsfag";
    const auto on = analyzer().analyze(text, Language::nb);
    const auto off = a.analyze(text, Language::nb);
    ASSERT_GE(expansions_in(on), 2u) << "the default analyzer must expand both ellipses";
    EXPECT_EQ(off.size(), on.size()) << "switching ellipses off must keep every word";
    EXPECT_EQ(expansions_in(off), 0u);
}

}  // namespace
