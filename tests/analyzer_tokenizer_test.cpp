// Tokenising and normalising: offsets, shapes (numbers, codes, e-mail, hyphens), Unicode
// normalisation, invalid UTF-8 and degenerate input.
#include <gtest/gtest.h>

#include <ostream>
#include <string>
#include <vector>

#include "yrkesok/analyzers/analyzer.h"

namespace {

using yrkesok::analyzers::Analyzer;
using yrkesok::analyzers::Language;
using yrkesok::analyzers::Token;

const Analyzer& analyzer() {
    static const Analyzer a;
    return a;
}

std::vector<std::string> surfaces(const std::vector<Token>& tokens) {
    std::vector<std::string> out;
    for (const Token& t : tokens) out.push_back(t.terms.front().text);
    return out;
}

void expect_offsets_match(const std::string& text, const std::vector<Token>& tokens) {
    for (const Token& t : tokens) {
        ASSERT_LE(t.start, t.end);
        ASSERT_LE(t.end, text.size());
        EXPECT_EQ(text.substr(t.start, t.end - t.start), t.text);
    }
}

struct SurfaceCase {
    const char* name;
    std::string text;
    std::vector<std::string> expected;  // surface terms in order
};

// Readable test names in ctest instead of a byte dump.
[[maybe_unused]] void PrintTo(const SurfaceCase& c, std::ostream* os) {
    *os << c.name;
}

class TokenizerSurfaces : public testing::TestWithParam<SurfaceCase> {};

TEST_P(TokenizerSurfaces, ProducesExpectedSurfaceTermsWithExactOffsets) {
    const auto& c = GetParam();
    const auto tokens = analyzer().analyze(c.text, Language::nb);
    EXPECT_EQ(surfaces(tokens), c.expected);
    expect_offsets_match(c.text, tokens);
    for (std::size_t i = 0; i < tokens.size(); ++i) EXPECT_EQ(tokens[i].position, i);
}

INSTANTIATE_TEST_SUITE_P(
    Table, TokenizerSurfaces,
    testing::Values(
        SurfaceCase{"Empty", "", {}}, SurfaceCase{"WhitespaceOnly", " \t\n  \r\n", {}},
        SurfaceCase{"PunctuationOnly", "...,;:!?()-–—", {}},
        SurfaceCase{
            "LowercasesAndKeepsAeOeAa", "ÆRFUGL Øvre Ålesund", {"ærfugl", "øvre", "ålesund"}},
        SurfaceCase{"ComposesDecomposedAa", "A\xCC\x8Alesund a\xCC\x8A", {"ålesund", "å"}},
        SurfaceCase{"ComposesDecomposedAaInWord", "la\xCC\x8Arer", {"lårer"}},
        SurfaceCase{"StyrkCodeStaysWhole", "STYRK 3211125.", {"styrk", "3211125"}},
        SurfaceCase{
            "ThousandsAndDecimalsStayWhole", "1.000 kr og 3,5 %", {"1.000", "kr", "og", "3,5"}},
        SurfaceCase{"AbbreviationIsOneToken", "HLM og NAV", {"hlm", "og", "nav"}},
        SurfaceCase{"LetterDigitCodeStaysWhole", "TEK17 krav", {"tek17", "krav"}},
        SurfaceCase{"EmailIsRejoined", "Skriv til post@nav.no.", {"skriv", "til", "post@nav.no"}},
        SurfaceCase{
            "EmailWithDotsAndPlus", "ola.nordmann+jobb@uit.no", {"ola.nordmann+jobb@uit.no"}},
        SurfaceCase{"AtSignAloneIsNotEmail", "a @ b", {"a", "b"}},
        SurfaceCase{"HyphenJoinedWordIsOneToken", "hjerte-lungemaskin", {"hjerte-lungemaskin"}},
        SurfaceCase{"EPostIsOneToken", "e-post", {"e-post"}},
        SurfaceCase{
            "TrailingHyphenDropsHyphen", "hjerte- og lungemaskin", {"hjerte", "og", "lungemaskin"}},
        SurfaceCase{"EnDashSeparates", "Oslo–Bergen", {"oslo", "bergen"}},
        SurfaceCase{"FullWidthFolds", "ＮＡＶ", {"nav"}},
        SurfaceCase{"SoftHyphenRemoved", "syke\xC2\xADpleier", {"sykepleier"}},
        SurfaceCase{
            "QuotesAndParentheses", "«Sykepleier» (nattevakt)", {"sykepleier", "nattevakt"}},
        SurfaceCase{"UrlStaysWhole", "www.nav.no", {"www.nav.no"}},
        SurfaceCase{"SharpSFoldsToSs", "Straße", {"strasse"}}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(Tokenizer, InvalidUtf8IsReplacedAndOffsetsStayOnInputBytes) {
    const std::vector<std::string> inputs = {
        "syk\xFF"
        "epleier",
        "\xC3",
        "abc\xE2\x82",
        "\xF0\x9F\x98",
        "\xED\xA0\x80 lege",
        "\xC0\xAF",
        std::string("lege\0lærer", 11),
        "\x80\x80\x80 ok"};
    for (const std::string& in : inputs) {
        const auto tokens = analyzer().analyze(in, Language::both);
        expect_offsets_match(in, tokens);
    }
    const auto tokens = analyzer().analyze("\xED\xA0\x80 lege", Language::nb);
    ASSERT_FALSE(tokens.empty());
    EXPECT_EQ(tokens.back().terms.front().text, "lege");
    EXPECT_EQ(tokens.back().start, 4u);
}

TEST(Tokenizer, RandomBytesNeverCrashAndOffsetsHold) {
    std::string s;
    unsigned x = 12345;
    for (int i = 0; i < 20000; ++i) {
        x = x * 1103515245u + 12345u;
        s.push_back(static_cast<char>((x >> 16) & 0xFF));
    }
    const auto tokens = analyzer().analyze(s, Language::both);
    expect_offsets_match(s, tokens);
}

TEST(Tokenizer, OneMegabyteInputCompletesWithCorrectOffsets) {
    const std::string para =
        "Sykepleiere i hjerte- og lungemaskin-teamet jobber på operasjonsstua, "
        "e-post post@helse.no, STYRK 3211125. ";
    std::string text;
    while (text.size() < (1u << 20)) text += para;
    const auto tokens = analyzer().analyze(text, Language::both);
    EXPECT_GT(tokens.size(), 100000u);
    expect_offsets_match(text, tokens);
}

TEST(Tokenizer, OneMegabyteWithoutSpacesDoesNotCrash) {
    const std::string text(1u << 20, 'a');
    const auto tokens = analyzer().analyze(text, Language::nb);
    EXPECT_TRUE(tokens.empty());  // longer than max_token_bytes: skipped
}

TEST(Tokenizer, HyphenJoinedTokenSpansWholeWord) {
    const std::string text = "Ring 22-33 hjerte-lungemaskin nå";
    const auto tokens = analyzer().analyze(text, Language::nb);
    expect_offsets_match(text, tokens);
    bool found = false;
    for (const Token& t : tokens) found |= t.text == "hjerte-lungemaskin";
    EXPECT_TRUE(found);
}

TEST(Tokenizer, EmailTokenCarriesLocalPartAndDomainAsParts) {
    const auto tokens = analyzer().analyze("post@nav.no", Language::nb);
    ASSERT_EQ(tokens.size(), 1u);
    std::vector<std::string> terms;
    for (const auto& t : tokens[0].terms) terms.push_back(t.text);
    EXPECT_EQ(terms, (std::vector<std::string>{"post@nav.no", "post", "nav.no"}));
}

}  // namespace
