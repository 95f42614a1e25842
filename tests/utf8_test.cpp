// yrkesok::utf8, the one UTF-8 helper: what counts as well-formed, where the first bad byte is,
// and how ill-formed bytes decode.
#include "yrkesok/analyzers/utf8.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>

namespace {

using yrkesok::utf8::find_invalid;
using yrkesok::utf8::is_valid;

TEST(Utf8, AcceptsNorwegianAndFourByteText) {
    EXPECT_TRUE(is_valid(""));
    EXPECT_TRUE(is_valid("sykepleier"));
    EXPECT_TRUE(is_valid("Røyrleggjar i Bodø, Æøå"));
    EXPECT_TRUE(is_valid("\xF0\x9F\x98\x80"));  // U+1F600
    EXPECT_TRUE(is_valid("\xF4\x8F\xBF\xBF"));  // U+10FFFF
}

TEST(Utf8, RefusesMalformedSequences) {
    EXPECT_FALSE(is_valid("\xFF"));
    EXPECT_FALSE(is_valid("\xC3"));              // truncated
    EXPECT_FALSE(is_valid("\xC3\x28"));          // bad continuation
    EXPECT_FALSE(is_valid("\xC0\xAF"));          // overlong
    EXPECT_FALSE(is_valid("\xE0\x80\xAF"));      // overlong
    EXPECT_FALSE(is_valid("\xED\xA0\x80"));      // surrogate
    EXPECT_FALSE(is_valid("\xF4\x90\x80\x80"));  // past U+10FFFF
    EXPECT_FALSE(is_valid("\x80"));              // lone continuation
    EXPECT_FALSE(is_valid("ok\xF8\x88\x80\x80\x80"));
}

TEST(Utf8, FindsTheFirstBadByte) {
    EXPECT_FALSE(find_invalid("sjukepleiar æøå").has_value());
    EXPECT_EQ(find_invalid("ab\xC0\xAF"), 2u);                    // overlong '/'
    EXPECT_EQ(find_invalid("a\xED\xA0\x80"), 1u);                 // UTF-16 surrogate
    EXPECT_EQ(find_invalid("abc\xE2\x82"), 3u);                   // truncated
    EXPECT_EQ(find_invalid("\xF5\x80\x80\x80"), 0u);              // beyond U+10FFFF
    EXPECT_EQ(find_invalid(std::string_view("ø\0\xFF", 4)), 3u);  // a NUL is well-formed
}

TEST(Utf8, DecodesOneCodePointOrOneReplacementPerBadByte) {
    char32_t code_point = 0;
    EXPECT_EQ(yrkesok::utf8::decode("ø", 0, code_point), 2u);
    EXPECT_EQ(code_point, U'ø');
    EXPECT_EQ(yrkesok::utf8::decode("\xF0\x9F\x98\x80", 0, code_point), 4u);
    EXPECT_EQ(code_point, U'\U0001F600');
    EXPECT_EQ(yrkesok::utf8::decode("\xE2\x82x", 0, code_point), 1u);  // truncated
    EXPECT_EQ(code_point, U'\uFFFD');
    EXPECT_EQ(yrkesok::utf8::decode("a\x80", 1, code_point), 1u);
    EXPECT_EQ(code_point, U'\uFFFD');
}

TEST(Utf8, LengthCountsCodePoints) {
    EXPECT_EQ(yrkesok::utf8::length(""), 0u);
    EXPECT_EQ(yrkesok::utf8::length("Bodø"), 4u);
    EXPECT_EQ(yrkesok::utf8::length("\xF0\x9F\x98\x80!"), 2u);
}

TEST(Utf8, FoldCaseComparesWithoutCase) {
    EXPECT_EQ(yrkesok::utf8::fold_case("HELSE OG SOSIAL"), "helse og sosial");
    EXPECT_EQ(yrkesok::utf8::fold_case("Bygg- og ANLEGG, ÆØÅ"), "bygg- og anlegg, æøå");
    EXPECT_EQ(yrkesok::utf8::fold_case("Straße"), "strasse");  // full folding, beyond Latin-1
}

}  // namespace
