// Snippets: the best passage of a text with matched words marked, by analysed terms (so
// inflected forms and compounds matched through a part are marked), everything HTML-escaped.
#include "snippets.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <unordered_set>
#include <vector>

#include "yrkesok/analyzers/analyzer.h"

namespace {

using yrkesok::analyzers::Analyzer;
using yrkesok::analyzers::Language;
using yrkesok::search::html_escape;
using yrkesok::search::leading_passage;
using yrkesok::search::make_snippet;
using yrkesok::search::SnippetOptions;

class Snippets : public testing::Test {
  protected:
    static void SetUpTestSuite() { analyzer_ = new Analyzer(); }
    static void TearDownTestSuite() {
        delete analyzer_;
        analyzer_ = nullptr;
    }

    static std::string snippet(const std::string& text,
                               const std::unordered_set<std::string>& terms,
                               SnippetOptions options = {}) {
        return make_snippet(text, analyzer_->analyze(text, Language::nb), terms, options);
    }

    static Analyzer* analyzer_;
};

Analyzer* Snippets::analyzer_ = nullptr;

std::size_t count(const std::string& haystack, const std::string& needle) {
    std::size_t n = 0;
    for (auto pos = haystack.find(needle); pos != std::string::npos;
         pos = haystack.find(needle, pos + needle.size())) {
        ++n;
    }
    return n;
}

TEST_F(Snippets, MarksTheExactWord) {
    auto s = snippet("Perfusjonisten styrer maskinen under operasjonen.", {"operasjon"});
    EXPECT_NE(s.find("<mark>operasjonen</mark>"), std::string::npos) << s;
    EXPECT_EQ(count(s, "<mark>"), 1u) << s;
}

TEST_F(Snippets, MarksInflectedFormsKeepingTheirCase) {
    auto s = snippet("Sykepleiere jobber i team. En sykepleier har turnus.", {"sykepleier"});
    EXPECT_NE(s.find("<mark>Sykepleiere</mark>"), std::string::npos) << s;
    EXPECT_NE(s.find("<mark>sykepleier</mark>"), std::string::npos) << s;
    EXPECT_EQ(count(s, "<mark>"), 2u) << s;
}

TEST_F(Snippets, MarksACompoundMatchedThroughAPart) {
    auto s = snippet("Han styrer en hjerte- og lungemaskin hver dag.", {"lungemaskin", "maskin"});
    EXPECT_NE(s.find("<mark>lungemaskin</mark>"), std::string::npos) << s;
    auto parts = snippet("Pasienten ligger i lungemaskinen.", {"maskin"});
    EXPECT_NE(parts.find("<mark>lungemaskinen</mark>"), std::string::npos) << parts;
}

TEST_F(Snippets, EscapesHtmlOutsideAndInsideMarks) {
    auto s = snippet("Lønn < 500 & mer for <b>sykepleier</b> \"på\" natt", {"sykepleier"});
    EXPECT_NE(s.find("&lt;"), std::string::npos) << s;
    EXPECT_NE(s.find("&amp;"), std::string::npos) << s;
    EXPECT_NE(s.find("&quot;"), std::string::npos) << s;
    EXPECT_EQ(s.find("<b>"), std::string::npos) << s;
    EXPECT_EQ(s.find(" < "), std::string::npos) << s;
    EXPECT_EQ(s.find(" & "), std::string::npos) << s;
    EXPECT_NE(s.find("<mark>sykepleier</mark>"), std::string::npos) << s;
    // Only our own tags remain unescaped.
    std::string stripped = s;
    for (const std::string tag : {"<mark>", "</mark>"}) {
        for (auto pos = stripped.find(tag); pos != std::string::npos; pos = stripped.find(tag)) {
            stripped.erase(pos, tag.size());
        }
    }
    EXPECT_EQ(stripped.find('<'), std::string::npos) << s;
    EXPECT_EQ(stripped.find('>'), std::string::npos) << s;
}

TEST_F(Snippets, EmptyWhenNothingMatches) {
    EXPECT_EQ(snippet("Tannlegen undersøker tennene.", {"sykepleier"}), "");
    EXPECT_EQ(snippet("", {"sykepleier"}), "");
    EXPECT_EQ(snippet("Tannlegen undersøker tennene.", {}), "");
}

TEST_F(Snippets, StopWordsAreNeverMarked) {
    auto s = snippet("Hun jobber og trives med sykepleie og omsorg.", {"og", "omsorg"});
    EXPECT_EQ(s.find("<mark>og</mark>"), std::string::npos) << s;
    EXPECT_NE(s.find("<mark>omsorg</mark>"), std::string::npos) << s;
    EXPECT_EQ(snippet("og i på", {"og"}), "");
}

TEST_F(Snippets, PicksTheWindowWithTheMostDistinctMatchesAndEllipsises) {
    std::string text;
    for (int i = 0; i < 40; ++i) text += "fyll ";
    text += "hjerte og lungemaskin her. ";
    for (int i = 0; i < 40; ++i) text += "fyll ";
    text += "hjerte alene.";
    auto s = snippet(text, {"hjerte", "lungemaskin"}, SnippetOptions{10});
    EXPECT_NE(s.find("<mark>hjerte</mark> og <mark>lungemaskin</mark>"), std::string::npos) << s;
    EXPECT_EQ(s.rfind("… ", 0), 0u) << "cut at the start: " << s;
    EXPECT_NE(s.find(" …"), std::string::npos) << "cut at the end: " << s;
    EXPECT_EQ(s.find("alene"), std::string::npos) << s;
}

// Many different forms of one query word must not outweigh a passage with every query word:
// "hjerte lungemaskin" must show "hjerte- og lungemaskin", not "hjertet, hjertene, …".
TEST_F(Snippets, PrefersEveryQueryWordOverManyFormsOfOne) {
    std::string text = "Hjertet, hjertene, hjerteklaffer og hjerteoperasjoner er ord. ";
    for (int i = 0; i < 20; ++i) text += "fyll ";
    text += "En hjerte- og lungemaskin pumper blodet.";
    // The query terms of "hjerte lungemaskin": the words and the parts of the compound.
    auto s = snippet(text, {"hjerte", "lungemaskin", "lunge", "maskin"}, SnippetOptions{10});
    EXPECT_NE(s.find("<mark>hjerte</mark>- og <mark>lungemaskin</mark>"), std::string::npos) << s;
}

// A match in the last words of a long text is shown, not the unmarked opening.
TEST_F(Snippets, MatchAtTheEndOfALongTextIsShown) {
    std::string text;
    for (int i = 0; i < 40; ++i) text += "fyll ";
    text += "Til slutt en sykepleier.";
    auto s = snippet(text, {"sykepleier"});
    EXPECT_NE(s.find("<mark>sykepleier</mark>."), std::string::npos) << s;
    EXPECT_EQ(s.rfind("… ", 0), 0u) << s;
}

// Every word the chosen window was scored for is shown: context words before the first
// match do not push later matches out.
TEST_F(Snippets, ContextBeforeTheFirstMatchDoesNotHideLaterMatches) {
    std::string text;
    for (int i = 0; i < 10; ++i) text += "fyll ";
    text += "hjerte ";
    for (int i = 0; i < 8; ++i) text += "fyll ";
    text += "lungemaskin ";
    for (int i = 0; i < 10; ++i) text += "fyll ";
    auto s = snippet(text, {"hjerte", "lungemaskin"}, SnippetOptions{10});
    EXPECT_NE(s.find("<mark>hjerte</mark>"), std::string::npos) << s;
    EXPECT_NE(s.find("<mark>lungemaskin</mark>"), std::string::npos) << s;
}

TEST_F(Snippets, ShortTextIsNotEllipsised) {
    auto s = snippet("Jordmor hjelper ved fødsel.", {"fødsel"});
    EXPECT_EQ(s, "Jordmor hjelper ved <mark>fødsel</mark>.");
}

TEST_F(Snippets, LeadingPassageEscapesAndCuts) {
    const std::string text = "A & B <c> d e f g";
    auto tokens = analyzer_->analyze(text, Language::nb);
    auto all = leading_passage(text, tokens, 100);
    EXPECT_EQ(all.find("<c>"), std::string::npos) << all;
    EXPECT_NE(all.find("&amp;"), std::string::npos) << all;
    EXPECT_EQ(all.find("…"), std::string::npos) << all;
    auto cut = leading_passage(text, tokens, 2);
    EXPECT_NE(cut.find(" …"), std::string::npos) << cut;
    EXPECT_EQ(leading_passage("", {}, 5), "");
}

TEST_F(Snippets, EveryWordHoldingAQueryTermIsMarkedAndNoOther) {
    // Random texts of words with inflections, compounds and stop words, each shown whole (the
    // window is longer than the text), and random query terms drawn from the texts' own terms
    // and some that occur nowhere. The expected marks are worked out word by word here, by
    // comparing strings, apart from the per-text hash tables the snippet looks terms up in.
    const std::vector<std::string> words = {
        "sykepleier", "sykepleiere", "sykepleieren", "hjerte",      "hjertet",   "lungemaskin",
        "maskinen",   "maskiner",    "og",           "i",           "på",        "jobber",
        "arbeider",   "pasienten",   "pasientene",   "operasjonen", "turnus",    "helse",
        "helsefag",   "fagbrev",     "bilmekaniker", "bilen",       "verksted",  "lærer",
        "lærar",      "elevane",     "kokken",       "kjøkken",     "tannlegen", "tennene"};
    std::mt19937 random(20261205);
    for (int round = 0; round < 150; ++round) {
        std::string text;
        const std::size_t length = 1 + random() % 120;
        for (std::size_t i = 0; i < length; ++i) {
            text += (i ? " " : "") + words[random() % words.size()];
        }
        const auto tokens = analyzer_->analyze(text, Language::nb);
        std::vector<std::string> pool = {"finnes-ikke", "xyzzy"};
        for (const auto& token : tokens) {
            for (const auto& term : token.terms) pool.push_back(term.text);
        }
        std::unordered_set<std::string> terms;
        for (std::size_t n = 1 + random() % 12; n > 0; --n) {
            terms.insert(pool[random() % pool.size()]);
        }
        std::string expected;
        std::size_t cursor = 0;
        bool any = false;
        for (const auto& token : tokens) {
            bool marked = false;
            for (const auto& term : token.terms) {
                marked = marked || (!token.stopword && terms.contains(term.text));
            }
            expected += text.substr(cursor, token.start - cursor);
            const std::string word = text.substr(token.start, token.end - token.start);
            expected += marked ? "<mark>" + word + "</mark>" : word;
            cursor = token.end;
            any = any || marked;
        }
        SnippetOptions whole;
        whole.window_tokens = 1000;
        EXPECT_EQ(snippet(text, terms, whole), any ? expected : "") << "round " << round;
    }
}

TEST_F(Snippets, HtmlEscapeEscapesTheFiveCharacters) {
    EXPECT_EQ(html_escape("<a href=\"x\">'&'</a>"),
              "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
    EXPECT_EQ(html_escape("blåbær"), "blåbær");
}

}  // namespace
