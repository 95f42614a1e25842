// Compound splitting: compounds are split into dictionary words (with linking -s-/-e-, the
// last part lemmatised), the whole word is kept, and a word the dictionary knows is split only
// where its modifiers carry the dictionary's compound flags.
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
        SplitCase{"NnLungemaskin", "lungemaskin", Language::nn, {"lunge", "maskin"}},
        // Listed whole by the dictionary, with a flagged modifier: still split.
        SplitCase{"Havbruk", "havbruk", Language::nb, {"hav", "bruk"}},
        SplitCase{"NnHavbruk", "havbruk", Language::nn, {"hav", "bruk"}},
        SplitCase{"NnBilmekanikar", "bilmekanikar", Language::nn, {"bil", "mekanikar"}},
        SplitCase{"NnTannlaekjar", "tannlækjar", Language::nn, {"tann", "lækjar"}},
        // Listed, with a derived noun and its linking -s as the modifier.
        SplitCase{"Parkeringsplass", "parkeringsplass", Language::nb, {"parkering", "plass"}},
        SplitCase{
            "Avlastningsboliger", "avlastningsboliger", Language::nb, {"avlastning", "bolig"}},
        SplitCase{"NnStyringssystem", "styringssystem", Language::nn, {"styring", "system"}}),
    [](const auto& info) { return std::string(info.param.name); });

class NonCompound : public testing::TestWithParam<const char*> {};

// Each word is long enough to be split, so the splitter itself has to find that no
// segmentation into dictionary words is good enough.
TEST_P(NonCompound, IsNotSplit) {
    using yrkesok::analyzers::detail::CompoundSplitter;
    const std::string word = GetParam();
    ASSERT_GE(yrkesok::utf8::length(word), CompoundSplitter::kMinWord)
        << word << " is too short to reach the splitter";
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

struct KnownWordCase {
    const char* word;
    Language lang;
};

[[maybe_unused]] void PrintTo(const KnownWordCase& c, std::ostream* os) {
    *os << c.word;
}

// Words the dictionary knows whole whose segmentations into list words all begin with a word
// that carries no compound flag: look-alikes and chance segmentations (stu|dent, pro|sess,
// skje|lett), in each standard. None of them was ever on a list of exceptions.
class KnownWordWithoutCompoundModifier : public testing::TestWithParam<KnownWordCase> {};

TEST_P(KnownWordWithoutCompoundModifier, IsNotSplit) {
    const auto& c = GetParam();
    ASSERT_GE(yrkesok::utf8::length(c.word),
              yrkesok::analyzers::detail::CompoundSplitter::kMinWord);
    const auto parts = parts_of(c.word, c.lang);
    EXPECT_TRUE(parts.empty()) << c.word << ": " << testing::PrintToString(parts);
}

INSTANTIATE_TEST_SUITE_P(Table, KnownWordWithoutCompoundModifier,
                         testing::Values(KnownWordCase{"prosess", Language::nb},
                                         KnownWordCase{"alkohol", Language::nb},
                                         KnownWordCase{"september", Language::nb},
                                         KnownWordCase{"skjelett", Language::nb},
                                         KnownWordCase{"vedlikeholdes", Language::nb},
                                         KnownWordCase{"sykepleien", Language::nb},
                                         KnownWordCase{"skjelett", Language::nn},
                                         KnownWordCase{"seminar", Language::nn},
                                         KnownWordCase{"dialekten", Language::nn}),
                         [](const auto& info) {
                             return ascii_name(info.index, info.param.word) +
                                    (info.param.lang == Language::nn ? "_nn" : "_nb");
                         });

// A known word is cut where its modifier may begin a compound, even when another cut has
// longer parts: sykehuslege is sykehus|lege, not syke|huslege (syk carries no compound flag).
TEST(CompoundSplitter, KnownWordIsCutAfterACompoundModifier) {
    const auto parts = parts_of("sykehuslege", Language::nb);
    for (const char* p : {"sykehus", "lege"}) {
        EXPECT_NE(std::find(parts.begin(), parts.end(), p), parts.end())
            << "sykehuslege lacks " << p << "; has " << testing::PrintToString(parts);
    }
    EXPECT_EQ(std::find(parts.begin(), parts.end(), "huslege"), parts.end());
}

// The two standards agree: nynorsk keeps sjukepleiar and its forms whole because bokmål keeps
// sykepleier whole (the nynorsk dictionary flags sjuk- as a modifier, the bokmål one syk- not),
// while a compound both split stays split (røyrleggjar / rørlegger, in the table above).
TEST(CompoundSplitter, NynorskKeepsWholeWhatBokmaalKeepsWhole) {
    for (const char* w : {"sjukepleiarane", "sjukepleiaren"}) {
        const auto parts = parts_of(w, Language::nn);
        EXPECT_TRUE(parts.empty()) << w << ": " << testing::PrintToString(parts);
    }
    // The nested split of a part obeys the same check.
    const auto parts = parts_of("kreftsjukepleiar", Language::nn);
    EXPECT_NE(std::find(parts.begin(), parts.end(), "sjukepleiar"), parts.end());
    EXPECT_EQ(std::find(parts.begin(), parts.end(), "pleiar"), parts.end())
        << testing::PrintToString(parts);
}

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
    const WordList modifiers;
    const yrkesok::analyzers::detail::CompoundSplitter splitter(list, modifiers);
    const auto split = splitter.split("lastebilsjåfør");
    ASSERT_FALSE(split.parts.empty());
    EXPECT_EQ(split.parts[0], "lastebil");
    EXPECT_EQ(std::string(split.head("lastebilsjåfør")), "sjåfør");
}

// The rule on a small list: a listed word is cut only after a flagged modifier (bil, or bil
// with its linking -e: bilemekaniker), a word the list lacks is cut freely, and the nested
// split of a listed part obeys the rule too.
TEST(CompoundSplitter, ListedWordNeedsAFlaggedModifierOnSmallList) {
    using yrkesok::analyzers::detail::WordList;
    const WordList list =
        WordList::from_words({"stu", "dent", "student", "bil", "mekaniker", "bilmekaniker",
                              "bilemekaniker", "studentbil", "hus", "studenthus"});
    const WordList modifiers = WordList::from_words({"bil"});
    const yrkesok::analyzers::detail::CompoundSplitter splitter(list, modifiers);
    EXPECT_FALSE(splitter.split("student").split());     // listed; stu is not flagged
    EXPECT_FALSE(splitter.split("studentbil").split());  // listed; student is not flagged
    EXPECT_TRUE(splitter.split("bilmekaniker").split());
    EXPECT_TRUE(splitter.split("bilemekaniker").split());  // bil + linking e
    // Not listed: cut without any flag; studenthus, listed, is not cut again below it.
    const auto split = splitter.split("studenthusbil");
    EXPECT_EQ(split.parts, (std::vector<std::string>{"studenthus", "bil"}));
    EXPECT_EQ(splitter.split("studentmekaniker").parts,
              (std::vector<std::string>{"student", "mekaniker"}));
}

// A compound modifier without a flag of its own begins a compound as its head does: the
// listed anleggsmaskinfører is anleggsmaskin|fører (maskin is flagged), not anlegg|s|maskinfører.
TEST(CompoundSplitter, CompoundModifierInheritsItsHeadsFlagOnSmallList) {
    using yrkesok::analyzers::detail::WordList;
    const WordList list = WordList::from_words(
        {"anlegg", "maskin", "anleggsmaskin", "fører", "maskinfører", "anleggsmaskinfører"});
    const WordList with_maskin = WordList::from_words({"anlegg", "maskin"});
    const yrkesok::analyzers::detail::CompoundSplitter splitter(list, with_maskin);
    EXPECT_EQ(splitter.split("anleggsmaskinfører").parts,
              (std::vector<std::string>{"anleggsmaskin", "anlegg", "maskin", "fører"}));
    // Without a flag on maskin, anleggsmaskin may not begin it.
    const WordList anlegg_only = WordList::from_words({"anlegg"});
    const yrkesok::analyzers::detail::CompoundSplitter strict(list, anlegg_only);
    EXPECT_EQ(strict.split("anleggsmaskinfører").parts,
              (std::vector<std::string>{"anlegg", "maskinfører"}));
}

// A noun in -ing (or -else, -het, -skap, -sjon) needs no flag to begin a listed compound, but
// only with its linking -s: parkering|s|plass. Without the -s only the flagged words may begin
// one, so the toy word parkeringplass falls back to park|ring|plass.
TEST(CompoundSplitter, DerivedNounBeginsACompoundWithLinkingSOnSmallList) {
    using yrkesok::analyzers::detail::WordList;
    const WordList list = WordList::from_words(
        {"park", "ring", "parkering", "plass", "parkeringsplass", "parkeringplass"});
    const WordList modifiers = WordList::from_words({"park", "ring"});
    const yrkesok::analyzers::detail::CompoundSplitter splitter(list, modifiers);
    EXPECT_EQ(splitter.split("parkeringsplass").parts,
              (std::vector<std::string>{"parkering", "plass"}));
    EXPECT_EQ(splitter.split("parkeringplass").parts,
              (std::vector<std::string>{"park", "ring", "plass"}));
}

TEST(CompoundSplitter, KeepWholeIsAskedOfTheWordAndOfPartsSplitAgain) {
    using yrkesok::analyzers::detail::WordList;
    const WordList list = WordList::from_words({"lunge", "maskin", "lungemaskin", "hjerte"});
    const WordList modifiers = WordList::from_words({"lunge", "hjerte"});
    const yrkesok::analyzers::detail::CompoundSplitter splitter(list, modifiers);
    std::vector<std::string> asked;
    const auto split = splitter.split("hjertelungemaskin", [&](std::string_view w) {
        asked.emplace_back(w);
        return w == "lungemaskin";
    });
    EXPECT_EQ(asked, (std::vector<std::string>{"hjertelungemaskin", "lungemaskin"}));
    EXPECT_EQ(split.parts, (std::vector<std::string>{"hjerte", "lungemaskin"}));
    EXPECT_FALSE(splitter.split("lungemaskin", [](std::string_view) { return true; }).split());
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

// A compound is inflected on its head: the head's lemmas are those that make the whole word's
// lemma, not every word the head could be read as (hold as the verb holde or as hole, legen's
// leg).
TEST(CompoundSplitter, HeadLemmasAreThoseThatCompleteTheWordsLemma) {
    struct Case {
        const char* word;
        Language lang;
        std::vector<std::string> parts;
        std::vector<std::string> not_parts;
    };
    const std::vector<Case> cases = {
        {"husdyrhold", Language::nb, {"husdyr", "hold"}, {"holde", "hole"}},
        {"husdyrholdet", Language::nb, {"husdyr", "hold"}, {"holde", "hole"}},
        {"hjelpepleier", Language::nb, {"hjelpe", "pleier"}, {"pleie", "plei"}},
        {"sykehuslegen", Language::nb, {"sykehus", "lege"}, {"leg"}},
        // A nested part that ends the word: anleggsmaskin + fører.
        {"anleggsmaskinføreren", Language::nb, {"maskin", "fører"}, {"førere"}},
        {"husdyrhaldet", Language::nn, {"husdyr", "hald"}, {"haldet", "halde"}},
        // Nynorsk does not lemmatise the bokmål word: its head keeps every lemma.
        {"husdyrhold", Language::nn, {"hold", "holde", "hole"}, {}},
    };
    for (const auto& c : cases) {
        const auto parts = parts_of(c.word, c.lang);
        for (const auto& p : c.parts) {
            EXPECT_NE(std::find(parts.begin(), parts.end(), p), parts.end())
                << c.word << " lacks " << p << "; has " << testing::PrintToString(parts);
        }
        for (const auto& p : c.not_parts) {
            EXPECT_EQ(std::find(parts.begin(), parts.end(), p), parts.end())
                << c.word << " has " << p << ": " << testing::PrintToString(parts);
        }
    }
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
