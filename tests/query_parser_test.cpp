// The query parser: words, "quoted phrases", -exclusions and OR, with token offsets into the
// original query.
#include "yrkesok/searcher/query_parser.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "yrkesok/analyzers/analyzer.h"

namespace {

using yrkesok::analyzers::Analyzer;
using yrkesok::search::parse_query;
using yrkesok::search::ParsedQuery;
using yrkesok::search::UnitKind;

class QueryParser : public testing::Test {
  protected:
    static void SetUpTestSuite() { analyzer_ = new Analyzer(); }
    static void TearDownTestSuite() {
        delete analyzer_;
        analyzer_ = nullptr;
    }

    static ParsedQuery parse(const std::string& q) { return parse_query(q, *analyzer_); }

    static Analyzer* analyzer_;
};

Analyzer* QueryParser::analyzer_ = nullptr;

struct Seen {
    std::string text;
    UnitKind kind;
    std::size_t unit;
    bool or_with_previous;
};

// The classified tokens as (source text, kind, unit, OR), for readable comparisons.
std::vector<Seen> seen(const ParsedQuery& parsed) {
    std::vector<Seen> out;
    for (const auto& qt : parsed.classified) {
        // Offsets point into the original query.
        EXPECT_LE(qt.token->end, parsed.text.size());
        EXPECT_EQ(parsed.text.substr(qt.token->start, qt.token->end - qt.token->start),
                  qt.token->text);
        out.push_back({qt.token->text, qt.kind, qt.unit, qt.or_with_previous});
    }
    return out;
}

const char* name(UnitKind kind) {
    switch (kind) {
        case UnitKind::plain:
            return "plain";
        case UnitKind::phrase:
            return "phrase";
        case UnitKind::excluded:
            return "excluded";
    }
    return "?";
}

std::string show(const std::vector<Seen>& tokens) {
    std::string out;
    for (const auto& t : tokens) {
        out += "[" + t.text + " " + name(t.kind) + " u" + std::to_string(t.unit) +
               (t.or_with_previous ? " OR" : "") + "] ";
    }
    return out;
}

void expect_tokens(const std::string& query, const std::vector<Seen>& expected,
                   const std::vector<Seen>& actual) {
    ASSERT_EQ(actual.size(), expected.size()) << query << ": " << show(actual);
    for (std::size_t i = 0; i < expected.size(); ++i) {
        EXPECT_EQ(actual[i].text, expected[i].text) << query << " #" << i << ": " << show(actual);
        EXPECT_EQ(actual[i].kind, expected[i].kind) << query << " #" << i << ": " << show(actual);
        EXPECT_EQ(actual[i].unit, expected[i].unit) << query << " #" << i << ": " << show(actual);
        EXPECT_EQ(actual[i].or_with_previous, expected[i].or_with_previous)
            << query << " #" << i << ": " << show(actual);
    }
}

TEST_F(QueryParser, PlainWordsAreSeparateUnits) {
    const std::string q = "hjerte lungemaskin";
    expect_tokens(
        q, {{"hjerte", UnitKind::plain, 0, false}, {"lungemaskin", UnitKind::plain, 1, false}},
        seen(parse(q)));
}

TEST_F(QueryParser, QuotedPhraseIsOneUnit) {
    const std::string q = "\"hjerte og lungemaskin\" perfusjonist";
    expect_tokens(q,
                  {{"hjerte", UnitKind::phrase, 0, false},
                   {"og", UnitKind::phrase, 0, false},
                   {"lungemaskin", UnitKind::phrase, 0, false},
                   {"perfusjonist", UnitKind::plain, 1, false}},
                  seen(parse(q)));
}

TEST_F(QueryParser, PhraseKeepsHyphenEllipsisWord) {
    const std::string q = "\"hjerte- og lungemaskin\"";
    auto tokens = seen(parse(q));
    ASSERT_FALSE(tokens.empty());
    for (const auto& t : tokens) {
        EXPECT_EQ(t.kind, UnitKind::phrase) << show(tokens);
        EXPECT_EQ(t.unit, 0u) << show(tokens);
    }
    EXPECT_EQ(tokens.front().text.rfind("hjerte", 0), 0u) << show(tokens);
    EXPECT_EQ(tokens.back().text, "lungemaskin") << show(tokens);
}

TEST_F(QueryParser, LeadingMinusExcludesTheWord) {
    const std::string q = "sykepleier -kreft";
    expect_tokens(
        q, {{"sykepleier", UnitKind::plain, 0, false}, {"kreft", UnitKind::excluded, 1, false}},
        seen(parse(q)));
}

TEST_F(QueryParser, MinusBeforeAQuoteExcludesThePhrase) {
    const std::string q = "sykepleier -\"psykisk helse\"";
    expect_tokens(q,
                  {{"sykepleier", UnitKind::plain, 0, false},
                   {"psykisk", UnitKind::excluded, 1, false},
                   {"helse", UnitKind::excluded, 1, false}},
                  seen(parse(q)));
}

TEST_F(QueryParser, MinusInsideAWordOrStandingAloneDoesNotExclude) {
    {
        const std::string q = "e-post";
        auto tokens = seen(parse(q));
        ASSERT_FALSE(tokens.empty());
        for (const auto& t : tokens) EXPECT_EQ(t.kind, UnitKind::plain) << show(tokens);
    }
    {
        // A lone minus is no operator (it becomes an empty unit of its own).
        const std::string q = "sykepleier - kreft";
        auto tokens = seen(parse(q));
        ASSERT_EQ(tokens.size(), 2u) << show(tokens);
        EXPECT_EQ(tokens[0].text, "sykepleier");
        EXPECT_EQ(tokens[1].text, "kreft");
        EXPECT_EQ(tokens[1].kind, UnitKind::plain) << show(tokens);
        EXPECT_NE(tokens[0].unit, tokens[1].unit) << show(tokens);
    }
}

TEST_F(QueryParser, UppercaseOrJoinsItsNeighbours) {
    const std::string q = "tannlege OR frisør";
    expect_tokens(q,
                  {{"tannlege", UnitKind::plain, 0, false}, {"frisør", UnitKind::plain, 1, true}},
                  seen(parse(q)));
}

TEST_F(QueryParser, LowercaseOrIsAWord) {
    const std::string q = "tannlege or frisør";
    auto tokens = seen(parse(q));
    ASSERT_EQ(tokens.size(), 3u) << show(tokens);
    EXPECT_EQ(tokens[1].text, "or");
    EXPECT_FALSE(tokens[2].or_with_previous);
}

TEST_F(QueryParser, OrAtTheStartIsAWord) {
    const std::string q = "OR frisør";
    auto tokens = seen(parse(q));
    ASSERT_EQ(tokens.size(), 2u) << show(tokens);
    EXPECT_EQ(tokens[0].text, "OR");
    EXPECT_FALSE(tokens[1].or_with_previous);
}

TEST_F(QueryParser, OrBeforeAPhraseMarksThePhrase) {
    const std::string q = "perfusjonist OR \"hjerte lunge\"";
    expect_tokens(q,
                  {{"perfusjonist", UnitKind::plain, 0, false},
                   {"hjerte", UnitKind::phrase, 1, true},
                   {"lunge", UnitKind::phrase, 1, true}},
                  seen(parse(q)));
}

TEST_F(QueryParser, UnbalancedQuoteRunsToTheEnd) {
    const std::string q = "sykepleier \"hjerte lunge";
    expect_tokens(q,
                  {{"sykepleier", UnitKind::plain, 0, false},
                   {"hjerte", UnitKind::phrase, 1, false},
                   {"lunge", UnitKind::phrase, 1, false}},
                  seen(parse(q)));
}

TEST_F(QueryParser, LoneQuoteYieldsNothing) {
    EXPECT_TRUE(parse("\"").empty());
    EXPECT_TRUE(parse("\"\"").empty());
    EXPECT_TRUE(parse("\" \" -").empty());
}

TEST_F(QueryParser, OnlyExclusionHasNoPositiveWord) {
    const std::string q = "-kreft";
    auto parsed = parse(q);
    EXPECT_FALSE(parsed.empty());
    expect_tokens(q, {{"kreft", UnitKind::excluded, 0, false}}, seen(parsed));
}

TEST_F(QueryParser, EmptyAndBlankQueriesAreEmpty) {
    for (const std::string q : {"", " ", "\t\n ", "OR", "  OR  "}) {
        auto parsed = parse(q);
        EXPECT_EQ(parsed.text, q);
        if (q.find("OR") == std::string::npos) {
            EXPECT_TRUE(parsed.empty()) << "\"" << q << "\"";
        }
    }
    EXPECT_TRUE(parse("").tokens.empty());
}

TEST_F(QueryParser, OffsetsPointIntoTheOriginalQuery) {
    const std::string q = "  -kreft  \"sjukepleiar på\" OR   bilmekanikere";
    auto tokens = seen(parse(q));  // seen() checks every offset
    ASSERT_EQ(tokens.size(), 4u) << show(tokens);
    EXPECT_EQ(tokens[3].text, "bilmekanikere");
    EXPECT_EQ(tokens[3].kind, UnitKind::plain);
    EXPECT_TRUE(tokens[3].or_with_previous);
}

TEST_F(QueryParser, TokensCarryAnalysedTerms) {
    auto parsed = parse("sykepleiere");
    ASSERT_EQ(parsed.classified.size(), 1u);
    bool lemma = false;
    for (const auto& t : parsed.classified[0].token->terms) {
        if (t.text == "sykepleier") lemma = true;
    }
    EXPECT_TRUE(lemma) << "sykepleiere has no term sykepleier";
}

}  // namespace
