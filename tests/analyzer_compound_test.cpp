// Compound splitting: compounds are split into dictionary words (with linking -s-/-e-, the
// last part lemmatised), the whole word is kept, and lexicalised words are left alone.
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "compound_splitter.h"
#include "text_buffer.h"
#include "word_list.h"
#include "yrkesok/analyzers/analyzer.h"
#include "yrkesok/analyzers/utf8.h"

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

std::vector<std::string> parts_of(const std::string& word, Language lang) {
    const auto toks = analyzer().analyze(word, lang);
    std::vector<std::string> out;
    EXPECT_EQ(toks.size(), 1u) << word;
    if (toks.size() != 1) return {};
    EXPECT_EQ(toks[0].terms.front().text, word);  // the whole word is kept, first
    for (const auto& t : toks[0].terms) {
        if (t.kind == TermKind::part) out.push_back(t.text);
    }
    return out;
}

struct SplitCase {
    const char* name;
    const char* word;
    Language lang;
    std::vector<std::string> parts;  // must all be among the part terms
};

// Readable test names in ctest instead of a byte dump.
[[maybe_unused]] void PrintTo(const SplitCase& c, std::ostream* os) {
    *os << c.name;
}

class CompoundSplitter : public testing::TestWithParam<SplitCase> {};

TEST_P(CompoundSplitter, SplitsIntoDictionaryParts) {
    const auto& c = GetParam();
    const auto parts = parts_of(c.word, c.lang);
    for (const auto& p : c.parts) {
        EXPECT_NE(std::find(parts.begin(), parts.end(), p), parts.end())
            << c.word << " lacks part " << p << "; has " << testing::PrintToString(parts);
    }
}

INSTANTIATE_TEST_SUITE_P(
    Table, CompoundSplitter,
    testing::Values(
        SplitCase{"Lungemaskin", "lungemaskin", Language::nb, {"lunge", "maskin"}},
        SplitCase{
            "Hjertelungemaskin", "hjertelungemaskin", Language::nb, {"hjerte", "lunge", "maskin"}},
        SplitCase{"OperasjonssykepleierDropsLinkingS",
                  "operasjonssykepleier",
                  Language::nb,
                  {"operasjon", "sykepleier"}},
        SplitCase{"OperasjonssykepleiereLemmatisesLastPart",
                  "operasjonssykepleiere",
                  Language::nb,
                  {"operasjon", "sykepleier"}},
        SplitCase{"Lastebilsjaafoer", "lastebilsjåfør", Language::nb, {"lastebil", "sjåfør"}},
        SplitCase{"Barnehagelaerer", "barnehagelærer", Language::nb, {"barnehage", "lærer"}},
        SplitCase{"Hjertekirurgisk", "hjertekirurgisk", Language::nb, {"hjerte", "kirurgisk"}},
        SplitCase{"Anleggsmaskinfoerer",
                  "anleggsmaskinfører",
                  Language::nb,
                  {"anlegg", "maskin", "fører"}},
        SplitCase{"Anleggsfag", "anleggsfag", Language::nb, {"anlegg", "fag"}},
        SplitCase{
            "Automatiseringsfag", "automatiseringsfag", Language::nb, {"automatisering", "fag"}},
        SplitCase{"Intensivavdeling", "intensivavdeling", Language::nb, {"intensiv", "avdeling"}},
        SplitCase{"Roerlegger", "rørlegger", Language::nb, {"rør", "legger"}},
        SplitCase{"Helsefagarbeider", "helsefagarbeider", Language::nb, {"helse", "fagarbeider"}},
        SplitCase{"Bilmekanikere", "bilmekanikere", Language::nb, {"bil", "mekaniker"}},
        SplitCase{"NnRoeyrleggjar", "røyrleggjar", Language::nn, {"røyr", "leggjar"}},
        SplitCase{"NnSjukehustilsett", "sjukehusprest", Language::nn, {"sjukehus", "prest"}},
        SplitCase{"NnLungemaskin", "lungemaskin", Language::nn, {"lunge", "maskin"}}),
    [](const auto& info) { return std::string(info.param.name); });

class NonCompound : public testing::TestWithParam<const char*> {};

// Each word is long enough to be split and not on the lexicalised list, so the splitter itself
// has to find that no segmentation into dictionary words is good enough.
TEST_P(NonCompound, IsNotSplit) {
    using yrkesok::analyzers::detail::CompoundSplitter;
    const std::string word = GetParam();
    ASSERT_GE(yrkesok::utf8::length(word), CompoundSplitter::kMinWord)
        << word << " is too short to reach the splitter";
    ASSERT_FALSE(CompoundSplitter::is_lexicalised(word)) << word << " is on the lexicalised list";
    EXPECT_TRUE(parts_of(word, Language::nb).empty())
        << word << ": " << testing::PrintToString(parts_of(word, Language::nb));
}

INSTANTIATE_TEST_SUITE_P(Table, NonCompound,
                         testing::Values("trondheim", "undervisning", "automatisering",
                                         "informasjon", "administrasjon", "journalist", "ingeniør",
                                         "kommunikasjon", "veterinær", "advokat", "pedagogikk",
                                         "matematikk", "elektriker", "mekaniker", "bibliotekar",
                                         "frisører"),
                         [](const auto& info) { return ascii_name(info.index, info.param); });

TEST(CompoundSplitter, NeverEmitsPartsShorterThanThreeLetters) {
    for (const char* w : {"sykepleiere", "arbeidsledig", "barnehagelærer", "hjertelungemaskin",
                          "forsikringsrådgiver", "elektrofagarbeider"}) {
        for (const auto& p : parts_of(w, Language::both)) {
            EXPECT_GE(yrkesok::utf8::length(p), 3u) << w << " -> " << p;
        }
    }
}

TEST(CompoundSplitter, PrefersFewestLongestPartsOnSmallList) {
    using yrkesok::analyzers::detail::WordList;
    const WordList list = WordList::from_words({"laste", "bil", "lastebil", "sjåfør", "last"});
    const yrkesok::analyzers::detail::CompoundSplitter splitter(list);
    const auto split = splitter.split("lastebilsjåfør");
    ASSERT_FALSE(split.parts.empty());
    EXPECT_EQ(split.parts[0], "lastebil");
    EXPECT_EQ(std::string(split.head("lastebilsjåfør")), "sjåfør");
}

TEST(WordList, HunspellEntriesWithFlagsFromOneRead) {
    using yrkesok::analyzers::detail::WordList;
    const std::string path = testing::TempDir() + "/flags_test.dic";
    {
        std::ofstream out(path, std::ios::binary);
        // Latin-1, as nb_NO.dic: r\xF8yr is røyr. The "z" after the blank in the dent line is a
        // morphological field, not a flag.
        out << "6\nbil/ACz\nstu/ACE\nr\xF8yr/BCz\nsjuk/AD_\ndent/EG po:z\nvedlike\n";
    }
    WordList flagged;
    const WordList all = WordList::load_hunspell_entries(path, "z_", flagged);
    for (const char* w : {"bil", "stu", "røyr", "sjuk", "dent", "vedlike"}) {
        EXPECT_TRUE(all.contains(w)) << w;
    }
    EXPECT_EQ(flagged.size(), 3u);
    for (const char* w : {"bil", "røyr", "sjuk"}) EXPECT_TRUE(flagged.contains(w)) << w;
    for (const char* w : {"stu", "dent", "vedlike"}) EXPECT_FALSE(flagged.contains(w)) << w;
    std::remove(path.c_str());
}

TEST(CompoundSplitter, SwitchOffLeavesNoParts) {
    yrkesok::analyzers::AnalyzerOptions o;
    o.compounds = false;
    const Analyzer a(o);
    for (const auto& tok : a.analyze("hjerte-lungemaskin lungemaskin", Language::nb)) {
        for (const auto& t : tok.terms) {
            if (tok.text == "lungemaskin") {
                EXPECT_NE(t.kind, TermKind::part) << t.text;
            }
        }
    }
}

}  // namespace
