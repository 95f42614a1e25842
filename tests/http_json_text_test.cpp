// json_text() must write exactly the bytes nlohmann's dump(-1, ' ', false, replace) writes, for
// every value, and api::search_response_text() exactly the bytes of the search response's JSON
// tree: the server sends one in place of the other.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <vector>

#include "json_text.h"
#include "yrkesok/server/api_json.h"

namespace {

using nlohmann::ordered_json;

template <typename Json>
std::string library_text(const Json& value) {
    return value.dump(-1, ' ', false, Json::error_handler_t::replace);
}

// Bytes that stress the escaping and the UTF-8 checks: ASCII, every control character, quote
// and backslash, DEL, whole Norwegian letters and an emoji, and broken sequences (a lone
// continuation byte, a cut-off lead byte, an encoded surrogate, an overlong slash).
std::string random_text(std::mt19937& random) {
    static const std::vector<std::string> pieces = {"a",
                                                    "Z",
                                                    " ",
                                                    "0",
                                                    "\"",
                                                    "\\",
                                                    "/",
                                                    "\x7f",
                                                    "\n",
                                                    "\r",
                                                    "\t",
                                                    "\b",
                                                    "\f",
                                                    std::string(1, '\0'),
                                                    "\x01",
                                                    "\x1f",
                                                    "æ",
                                                    "ø",
                                                    "å",
                                                    "Å",
                                                    "—",
                                                    "😀",
                                                    "\x80",
                                                    "\xc3",
                                                    "\xed\xa0\x80",
                                                    "\xc0\xaf",
                                                    "\xf4\x90\x80\x80",
                                                    "<mark>",
                                                    "…"};
    std::uniform_int_distribution<std::size_t> length(0, 12);
    std::uniform_int_distribution<std::size_t> piece(0, pieces.size() - 1);
    std::string out;
    for (std::size_t n = length(random); n > 0; --n) out += pieces[piece(random)];
    return out;
}

ordered_json random_value(std::mt19937& random, int depth) {
    std::uniform_int_distribution<int> kind(0, depth > 3 ? 5 : 7);
    switch (kind(random)) {
        case 0:
            return nullptr;
        case 1:
            return std::uniform_int_distribution<int>(0, 1)(random) == 1;
        case 2:
            return std::uniform_int_distribution<long>(-1000000, 1000000)(random);
        case 3:
            return std::uniform_real_distribution<double>(-1e6, 1e6)(random);
        case 4:
            return std::uniform_int_distribution<unsigned long>(0, 1UL << 40)(random);
        case 5:
            return random_text(random);
        case 6: {
            auto array = ordered_json::array();
            for (int n = std::uniform_int_distribution<int>(0, 4)(random); n > 0; --n) {
                array.push_back(random_value(random, depth + 1));
            }
            return array;
        }
        default: {
            auto object = ordered_json::object();
            for (int n = std::uniform_int_distribution<int>(0, 4)(random); n > 0; --n) {
                object[random_text(random)] = random_value(random, depth + 1);
            }
            return object;
        }
    }
}

TEST(JsonText, WritesWhatTheLibraryWritesForRandomValues) {
    std::mt19937 random(20261204);
    for (int i = 0; i < 5000; ++i) {
        const ordered_json value = random_value(random, 0);
        ASSERT_EQ(yrkesok::http::json_text(value), library_text(value)) << "value " << i;
    }
}

TEST(JsonText, EscapesControlCharactersQuotesAndBackslashes) {
    const ordered_json value = {{"q", std::string("a\"b\\c\n\x01\x1f\x7f", 9)}};
    EXPECT_EQ(yrkesok::http::json_text(value), "{\"q\":\"a\\\"b\\\\c\\n\\u0001\\u001f\x7f\"}");
    EXPECT_EQ(yrkesok::http::json_text(value), library_text(value));
}

TEST(JsonText, ReplacesBrokenUtf8AsTheLibraryDoes) {
    const ordered_json value = {{"bad\xff", "x\xc3"}, {"ok", "sjukepleiar"}};
    EXPECT_EQ(yrkesok::http::json_text(value), library_text(value));
    EXPECT_NE(yrkesok::http::json_text(value).find("\xef\xbf\xbd"), std::string::npos);
}

TEST(JsonText, WritesNumbersAsTheLibraryDoes) {
    const ordered_json value = ordered_json::array(
        {0.1, 12.0, 1e-7, -0.0, 1e300, std::numeric_limits<double>::quiet_NaN(),
         std::numeric_limits<double>::infinity(), 42, -7, 18446744073709551615UL});
    EXPECT_EQ(yrkesok::http::json_text(value), library_text(value));
}

TEST(JsonText, WritesPlainJsonToo) {
    const nlohmann::json value = {{"b", {1, 2, "tre"}}, {"a", {{"ø", nullptr}}}};
    EXPECT_EQ(yrkesok::http::json_text(value), library_text(value));
}

double random_number(std::mt19937& random) {
    static const std::vector<double> special = {0.0,
                                                -0.0,
                                                1e-300,
                                                1e300,
                                                std::numeric_limits<double>::quiet_NaN(),
                                                std::numeric_limits<double>::infinity(),
                                                -std::numeric_limits<double>::infinity()};
    if (std::uniform_int_distribution<int>(0, 9)(random) == 0) {
        return special[std::uniform_int_distribution<std::size_t>(0, special.size() - 1)(random)];
    }
    return std::uniform_real_distribution<double>(0, 40)(random);
}

std::vector<std::string> random_texts(std::mt19937& random) {
    std::vector<std::string> out(std::uniform_int_distribution<std::size_t>(0, 3)(random));
    for (auto& text : out) text = random_text(random);
    return out;
}

// Facet values are distinct (the engine counts per value), which a JSON object needs too.
yrkesok::search::FacetCounts random_counts(std::mt19937& random) {
    yrkesok::search::FacetCounts out;
    for (std::size_t n = std::uniform_int_distribution<std::size_t>(0, 5)(random); n > 0; --n) {
        out.emplace_back(random_text(random) + "#" + std::to_string(n),
                         std::uniform_int_distribution<std::size_t>(0, 100000)(random));
    }
    return out;
}

yrkesok::search::SearchResponse random_response(std::mt19937& random) {
    yrkesok::search::SearchResponse response;
    response.query = random_text(random);
    response.total = std::uniform_int_distribution<std::size_t>(0, 1000000)(random);
    response.page = std::uniform_int_distribution<std::size_t>(1, 50)(random);
    response.per_page = std::uniform_int_distribution<std::size_t>(1, 100)(random);
    response.took_ms = random_number(random);
    if (std::uniform_int_distribution<int>(0, 1)(random)) {
        response.corrected_query = random_text(random);
    }
    if (std::uniform_int_distribution<int>(0, 1)(random)) response.suggestion = random_text(random);
    for (std::size_t n = std::uniform_int_distribution<std::size_t>(0, 12)(random); n > 0; --n) {
        yrkesok::search::Hit hit;
        hit.id = random_text(random);
        hit.title = random_text(random);
        hit.score = random_number(random);
        hit.snippet = random_text(random);
        hit.summary = random_text(random);  // not part of the answer
        hit.language = random_text(random);
        hit.sectors = random_texts(random);
        hit.education_levels = random_texts(random);
        hit.styrk08 = random_texts(random);
        response.hits.push_back(std::move(hit));
    }
    response.sectors = random_counts(random);
    response.education_levels = random_counts(random);
    return response;
}

TEST(JsonText, TheSearchResponseTextIsItsJsonTreesText) {
    std::mt19937 random(20261205);
    for (int i = 0; i < 3000; ++i) {
        const auto response = random_response(random);
        ASSERT_EQ(yrkesok::api::search_response_text(response),
                  library_text(yrkesok::api::search_response_to_json(response)))
            << "response " << i;
    }
    const yrkesok::search::SearchResponse empty;
    EXPECT_EQ(yrkesok::api::search_response_text(empty),
              "{\"query\":\"\",\"total\":0,\"page\":1,\"per_page\":10,\"took_ms\":0.0,"
              "\"corrected_query\":null,\"suggestion\":null,\"hits\":[],"
              "\"facets\":{\"sectors\":{},\"education_levels\":{}}}");
}

}  // namespace
