// The Meilisearch filter parser alone: every accepted form becomes the expected expression,
// and every mistake is refused with a description and the character columns it concerns.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "yrkesok/meili/filter_parser.h"

namespace {

using yrkesok::meili::FilterError;
using yrkesok::meili::FilterOptions;
using yrkesok::meili::parse_filter;
using yrkesok::search::filter::Expr;
using yrkesok::search::filter::to_string;

std::string parsed(const std::string& text) {
    auto expr = parse_filter(text);
    return expr ? to_string(*expr) : "<none>";
}

struct Failure {
    std::string description;
    std::size_t start = 0;
    std::size_t end = 0;
    std::string what;
};

Failure failure(const std::string& text, const FilterOptions& options = {}) {
    try {
        auto expr = parse_filter(text, options);
        ADD_FAILURE() << "accepted: " << text << " -> " << (expr ? to_string(*expr) : "<none>");
    } catch (const FilterError& e) {
        return {e.description(), e.start(), e.end(), e.what()};
    }
    return {};
}

TEST(MeiliFilter, EmptyOrBlankIsNoFilter) {
    EXPECT_EQ(parsed(""), "<none>");
    EXPECT_EQ(parsed("  \t\n"), "<none>");
}

TEST(MeiliFilter, EqualityWithUnquotedAndQuotedValues) {
    EXPECT_EQ(parsed("language = nb"), R"(language IN ["nb"])");
    EXPECT_EQ(parsed("language=nb"), R"(language IN ["nb"])");
    EXPECT_EQ(parsed("styrk08 = 2221"), R"(styrk08 IN ["2221"])");
    EXPECT_EQ(parsed(R"(sectors = "Helse og sosial")"), R"(sectors IN ["Helse og sosial"])");
    EXPECT_EQ(parsed("sectors = 'Håndverkere'"), R"(sectors IN ["Håndverkere"])");
    EXPECT_EQ(parsed("sectors = Håndverkere"), R"(sectors IN ["Håndverkere"])");
}

TEST(MeiliFilter, QuotedAttributesAndEscapesAsInstantMeilisearchSendsThem) {
    EXPECT_EQ(parsed(R"("sectors"="Kontor og økonomi")"), R"(sectors IN ["Kontor og økonomi"])");
    EXPECT_EQ(parsed(R"(sectors = "a \"b\" \\ c")"), R"(sectors IN ["a \"b\" \\ c"])");
}

TEST(MeiliFilter, NotEqualIsNegatedEquality) {
    EXPECT_EQ(parsed("language != nn"), R"(NOT language IN ["nn"])");
}

TEST(MeiliFilter, InAndNotInLists) {
    EXPECT_EQ(parsed(R"(sectors IN [IT, "Helse og sosial"])"),
              R"(sectors IN ["IT", "Helse og sosial"])");
    EXPECT_EQ(parsed("sectors IN [IT,]"), R"(sectors IN ["IT"])");
    EXPECT_EQ(parsed("sectors IN []"), "sectors IN []");
    EXPECT_EQ(parsed("language NOT IN [nn]"), R"(NOT language IN ["nn"])");
}

TEST(MeiliFilter, AndBindsTighterThanOrAndNotTighterThanAnd) {
    EXPECT_EQ(parsed("language = nb OR sectors = IT AND styrk08 = 2511"),
              R"((language IN ["nb"] OR (sectors IN ["IT"] AND styrk08 IN ["2511"])))");
    EXPECT_EQ(parsed("NOT language = nb AND sectors = IT"),
              R"((NOT language IN ["nb"] AND sectors IN ["IT"]))");
    EXPECT_EQ(parsed("NOT NOT language = nb"), R"(NOT NOT language IN ["nb"])");
}

TEST(MeiliFilter, ParenthesesGroup) {
    EXPECT_EQ(parsed("(language = nb OR sectors = IT) AND styrk08 = 2511"),
              R"(((language IN ["nb"] OR sectors IN ["IT"]) AND styrk08 IN ["2511"]))");
    EXPECT_EQ(parsed("NOT (language = nb)"), R"(NOT language IN ["nb"])");
    EXPECT_EQ(parsed("((((language = nb))))"), R"(language IN ["nb"])");
}

TEST(MeiliFilter, QuotedKeywordIsAValue) {
    EXPECT_EQ(parsed(R"(sectors = "AND")"), R"(sectors IN ["AND"])");
}

TEST(MeiliFilter, UnquotedValueWithSpacesPointsAtTheRest) {
    auto f = failure("sectors = Helse og sosial");
    EXPECT_NE(f.description.find("unexpected characters"), std::string::npos) << f.description;
    EXPECT_NE(f.description.find("`og sosial`"), std::string::npos) << f.description;
    EXPECT_EQ(f.start, 17u);
    EXPECT_EQ(f.end, 26u);
    EXPECT_NE(f.what.find("\n17:26 sectors = Helse og sosial"), std::string::npos) << f.what;
}

TEST(MeiliFilter, ColumnsCountCharactersNotBytes) {
    auto f = failure("sectors = Håndverkere øl");
    EXPECT_EQ(f.start, 23u);  // "øl" after 22 characters (24 bytes)
    EXPECT_EQ(f.end, 25u);
}

TEST(MeiliFilter, UnknownAttributeIsNamedWithItsColumns) {
    auto f = failure("language = nb AND title = Kokk");
    EXPECT_NE(f.description.find("Attribute `title` is not filterable"), std::string::npos)
        << f.description;
    EXPECT_NE(f.description.find("`sectors`"), std::string::npos);
    EXPECT_EQ(f.start, 19u);
    EXPECT_EQ(f.end, 24u);
}

TEST(MeiliFilter, AnyAttributeWhenTheListIsEmpty) {
    FilterOptions options;
    options.filterable.clear();
    EXPECT_EQ(to_string(*parse_filter("title = Kokk", options)), R"(title IN ["Kokk"])");
}

TEST(MeiliFilter, MissingOperator) {
    auto f = failure("language nb");
    EXPECT_NE(f.description.find("Was expecting an operation"), std::string::npos);
    EXPECT_EQ(f.start, 10u);
    EXPECT_EQ(f.end, 12u);
    auto at_end = failure("language");
    EXPECT_NE(at_end.description.find("but found nothing"), std::string::npos);
    EXPECT_EQ(at_end.start, 1u);
    EXPECT_EQ(at_end.end, 9u);
}

TEST(MeiliFilter, MissingValue) {
    auto f = failure("language =");
    EXPECT_NE(f.description.find("Was expecting a value after `=`"), std::string::npos);
    EXPECT_EQ(f.start, 11u);
    EXPECT_EQ(f.end, 11u);
    auto g = failure("language != )");
    EXPECT_NE(g.description.find("after `!=`"), std::string::npos);
    EXPECT_EQ(g.start, 13u);
    EXPECT_EQ(g.end, 14u);
}

TEST(MeiliFilter, KeywordAsUnquotedValue) {
    auto f = failure("sectors = OR");
    EXPECT_NE(f.description.find("`OR` is a keyword"), std::string::npos);
    EXPECT_EQ(f.start, 11u);
    EXPECT_EQ(f.end, 13u);
}

TEST(MeiliFilter, UnclosedQuote) {
    auto f = failure(R"(sectors = "Helse og)");
    EXPECT_NE(f.description.find("never closed"), std::string::npos);
    EXPECT_EQ(f.start, 11u);
    EXPECT_EQ(f.end, 20u);
}

TEST(MeiliFilter, UnclosedAndUnexpectedParentheses) {
    auto f = failure("(language = nb");
    EXPECT_NE(f.description.find("never closed"), std::string::npos);
    EXPECT_EQ(f.start, 1u);
    EXPECT_EQ(f.end, 2u);
    auto g = failure("(language = nb language = nn)");
    EXPECT_NE(g.description.find("closes the `(` at column 1"), std::string::npos);
    EXPECT_EQ(g.start, 16u);
    auto h = failure("language = nb)");
    EXPECT_NE(h.description.find("unexpected `)`"), std::string::npos);
    EXPECT_EQ(h.start, 14u);
    EXPECT_EQ(h.end, 15u);
    auto empty = failure("()");
    EXPECT_NE(empty.description.find("Was expecting a condition"), std::string::npos);
    EXPECT_EQ(empty.start, 2u);
}

TEST(MeiliFilter, DanglingAndOrNot) {
    auto f = failure("language = nb AND");
    EXPECT_NE(f.description.find("Was expecting a condition"), std::string::npos);
    EXPECT_EQ(f.start, 18u);
    EXPECT_EQ(f.end, 18u);
    auto g = failure("OR language = nb");
    EXPECT_EQ(g.start, 1u);
    EXPECT_EQ(g.end, 3u);
    auto h = failure("NOT");
    EXPECT_EQ(h.start, 4u);
}

TEST(MeiliFilter, BadLists) {
    auto f = failure("sectors IN IT");
    EXPECT_NE(f.description.find("Was expecting a list"), std::string::npos);
    EXPECT_EQ(f.start, 12u);
    auto g = failure("sectors IN [IT");
    EXPECT_NE(g.description.find("never closed"), std::string::npos);
    EXPECT_EQ(g.start, 12u);
    EXPECT_EQ(g.end, 13u);
    auto h = failure("sectors IN [Helse og sosial]");
    EXPECT_NE(h.description.find("Was expecting `,` or `]`"), std::string::npos);
    EXPECT_EQ(h.start, 19u);
    EXPECT_EQ(h.end, 21u);
    auto i = failure("sectors IN [IT,,]");
    EXPECT_NE(i.description.find("Was expecting a value after `,`"), std::string::npos);
    EXPECT_EQ(i.start, 16u);
    auto j = failure("language NOT nb");
    EXPECT_NE(j.description.find("Was expecting `IN` after `NOT`"), std::string::npos);
    EXPECT_EQ(j.start, 14u);
}

TEST(MeiliFilter, TooManyValues) {
    FilterOptions options;
    options.max_values = 2;
    auto f = failure("sectors IN [a, b, c]", options);
    EXPECT_NE(f.description.find("more than 2 values"), std::string::npos);
    EXPECT_EQ(f.start, 19u);
}

TEST(MeiliFilter, UnsupportedOperatorsAreRefusedNotIgnored) {
    for (const auto& [text, start, end] :
         std::vector<std::tuple<std::string, std::size_t, std::size_t>>{
             {"styrk08 > 2000", 9, 10},
             {"styrk08 >= 2000", 9, 11},
             {"styrk08 < 2000", 9, 10},
             {"styrk08 2000 TO 3000", 14, 16},
             {"styrk08 EXISTS", 9, 15},
             {"styrk08 NOT EXISTS", 9, 19},
             {"styrk08 IS EMPTY", 9, 11},
             {"styrk08 CONTAINS 22", 9, 17},
             {"styrk08 STARTS WITH 22", 9, 15}}) {
        auto f = failure(text);
        EXPECT_NE(f.description.find("is not supported"), std::string::npos) << text;
        EXPECT_EQ(f.start, start) << text;
        EXPECT_EQ(f.end, end) << text;
    }
    auto geo = failure("_geoRadius(59.9, 10.7, 1000)");
    EXPECT_NE(geo.description.find("no geographic field"), std::string::npos);
    EXPECT_EQ(geo.start, 1u);
    EXPECT_EQ(geo.end, 11u);
}

TEST(MeiliFilter, NestingBeyondTheLimitIsRefused) {
    FilterOptions options;
    options.max_depth = 8;
    std::string deep(9, '(');
    deep += "language = nb" + std::string(9, ')');
    auto f = failure(deep, options);
    EXPECT_NE(f.description.find("deeper than 8"), std::string::npos);
    EXPECT_EQ(f.start, 9u);
    std::string nots;
    for (int i = 0; i < 9; ++i) nots += "NOT ";
    EXPECT_EQ(failure(nots + "language = nb", options).start, 33u);
    std::string ok(8, '(');
    ok += "language = nb" + std::string(8, ')');
    EXPECT_NO_THROW(parse_filter(ok, options));
}

TEST(MeiliFilter, TooLongOrNotUtf8) {
    FilterOptions options;
    options.max_bytes = 10;
    EXPECT_NE(failure("language = nb", options).description.find("at most 10"), std::string::npos);
    EXPECT_NE(failure("sectors = \xff").description.find("not valid UTF-8"), std::string::npos);
    EXPECT_NE(failure("sectors = \xc3").description.find("not valid UTF-8"), std::string::npos);
}

TEST(MeiliFilter, LowerCaseKeywordsAreNotKeywords) {
    auto f = failure("language = nb and sectors = IT");
    EXPECT_NE(f.description.find("unexpected characters"), std::string::npos);
    EXPECT_EQ(f.start, 15u);
}

// Random sequences of the grammar's pieces: each is either refused with a FilterError whose
// columns lie within the text, or accepted, and then its printed form parses back to the same
// expression. A fixed seed keeps the run reproducible.
TEST(MeiliFilter, RandomInputIsParsedOrRefusedAndPrintsBackTheSame) {
    const std::vector<std::string> conditions = {"sectors = IT",
                                                 "language != nb",
                                                 "styrk08 IN [2221, '2511']",
                                                 "sectors NOT IN [\"Helse og sosial\"]",
                                                 "language = 'æ'",
                                                 "sectors=\"a \\\" b\""};
    const std::vector<std::string> joints = {" AND ", " OR ", " AND NOT ", " OR ("};
    const std::vector<std::string> noise = {"(",     ")",  "[", "]",  ",", "=",    "!=", " IN ",
                                            " NOT ", "\"", "'", "\\", ">", " TO ", "ø",  " "};
    std::mt19937 random(20261125);
    int accepted = 0;
    for (int round = 0; round < 20000; ++round) {
        std::string text;
        int open = 0;
        const int length = 1 + static_cast<int>(random() % 6);
        for (int i = 0; i < length; ++i) {
            if (i > 0) {
                const auto& joint = joints[random() % joints.size()];
                text += joint;
                open += joint.ends_with("(");
            }
            if (random() % 4 == 0) {
                text += "NOT (";
                ++open;
            }
            text += conditions[random() % conditions.size()];
            if (open > 0 && random() % 2 == 0) {
                text += ")";
                --open;
            }
        }
        text += std::string(open, ')');
        // Half of the inputs get one random piece inserted somewhere (maybe inside a character).
        if (random() % 2 == 0) {
            text.insert(random() % (text.size() + 1), noise[random() % noise.size()]);
        }
        try {
            auto expr = parse_filter(text);
            if (!expr) continue;
            ++accepted;
            const std::string printed = to_string(*expr);
            auto again = parse_filter(printed);
            ASSERT_TRUE(again) << text;
            EXPECT_EQ(to_string(*again), printed) << text;
            EXPECT_TRUE(*again == *expr) << text << " -> " << printed;
        } catch (const FilterError& e) {
            std::size_t chars = 0;
            for (unsigned char c : text) chars += (c & 0xC0) != 0x80;
            EXPECT_GE(e.start(), 1u) << text;
            EXPECT_LE(e.start(), e.end()) << text;
            EXPECT_LE(e.end(), chars + 1) << text;
        }
    }
    EXPECT_GT(accepted, 5000);
}

}  // namespace
