// Query-string checking and metrics formatting of the HTTP layer, without a server.
#include <gtest/gtest.h>

#include <map>
#include <string>

#include "metrics.h"
#include "native_routes.h"
#include "yrkesok/server/params.h"

namespace {

using yrkesok::http::Metrics;
using yrkesok::http::native_route_label;
using yrkesok::http::QueryParams;
using yrkesok::http::RequestError;
using Params = std::multimap<std::string, std::string>;

// The error a QueryParams step throws, as "status code".
template <typename Step>
std::string error_of(Step step) {
    try {
        step();
    } catch (const RequestError& e) {
        return std::to_string(e.status()) + " " + e.code();
    }
    return "no error";
}

TEST(QueryParams, RefusesUnknownParameterNamingIt) {
    Params params{{"q", "x"}, {"colour", "red"}};
    try {
        QueryParams checked(params, {"q"});
        FAIL() << "accepted an unknown parameter";
    } catch (const RequestError& e) {
        EXPECT_EQ(e.status(), 400);
        EXPECT_EQ(e.code(), "unknown_parameter");
        EXPECT_NE(std::string(e.what()).find("colour"), std::string::npos);
    }
}

TEST(QueryParams, RefusesInvalidUtf8InNamesAndValues) {
    Params bad_value{{"q", "\xFF"}};
    Params bad_name{{"\xFF", "x"}};
    EXPECT_EQ(error_of([&] { QueryParams(bad_value, {"q"}); }), "400 invalid_utf8");
    EXPECT_EQ(error_of([&] { QueryParams(bad_name, {"q"}); }), "400 invalid_utf8");
}

TEST(QueryParams, IntegerChecksRangeAndSyntax) {
    const auto integer = [](const std::string& value) {
        Params params{{"page", value}};
        return QueryParams(params, {"page"}).integer("page", 1, 1, 100);
    };
    EXPECT_EQ(integer("1"), 1u);
    EXPECT_EQ(integer("100"), 100u);
    for (const char* bad : {"0", "101", "-1", "", "1.5", "1e2", "abc", " 1", "1 ", "+1",
                            "99999999999999999999999999"}) {
        EXPECT_EQ(error_of([&] { integer(bad); }), "400 invalid_parameter") << bad;
    }
    Params none;
    EXPECT_EQ(QueryParams(none, {"page"}).integer("page", 7, 1, 100), 7u);
}

TEST(QueryParams, SingleRefusesRepeatsAndAllKeepsThem) {
    Params params{{"q", "a"}, {"q", "b"}, {"sector", "IT"}, {"sector", "Utdanning"}};
    QueryParams checked(params, {"q", "sector"});
    EXPECT_EQ(error_of([&] { checked.single("q"); }), "400 repeated_parameter");
    EXPECT_EQ(checked.all("sector"), (std::vector<std::string>{"IT", "Utdanning"}));
    EXPECT_TRUE(checked.all("missing").empty());
}

TEST(QueryParams, TextRefusesOverlongValuesWithTheGivenCode) {
    Params params{{"q", std::string(513, 'a')}};
    QueryParams checked(params, {"q"});
    EXPECT_EQ(error_of([&] { checked.text("q", 512, "query_too_long"); }), "400 query_too_long");
    EXPECT_EQ(checked.text("q", 513, "query_too_long").size(), 513u);
}

TEST(RouteLabel, KeepsLabelsBounded) {
    EXPECT_EQ(native_route_label("/api/search"), "/api/search");
    EXPECT_EQ(native_route_label("/api/occupations/perfusjonist"), "/api/occupations/{id}");
    EXPECT_EQ(native_route_label("/api/whatever"), "other");
    EXPECT_EQ(native_route_label("/index.html"), "static");
    EXPECT_EQ(native_route_label(""), "other");
}

TEST(Metrics, HistogramBucketsAreCumulative) {
    Metrics metrics;
    metrics.record("/api/search", 200, 0.0001);
    metrics.record("/api/search", 200, 0.003);
    metrics.record("/api/search", 400, 10.0);
    auto text = metrics.prometheus_text("gen-000002", 42);
    EXPECT_NE(text.find("yrkesok_http_requests_total{route=\"/api/search\",status=\"200\"} 2\n"),
              std::string::npos)
        << text;
    EXPECT_NE(text.find("yrkesok_http_requests_total{route=\"/api/search\",status=\"400\"} 1\n"),
              std::string::npos);
    EXPECT_NE(
        text.find(
            "yrkesok_http_request_duration_seconds_bucket{route=\"/api/search\",le=\"0.0005\"}"
            " 1\n"),
        std::string::npos)
        << text;
    EXPECT_NE(
        text.find("yrkesok_http_request_duration_seconds_bucket{route=\"/api/search\",le=\"0.005\"}"
                  " 2\n"),
        std::string::npos);
    EXPECT_NE(
        text.find("yrkesok_http_request_duration_seconds_bucket{route=\"/api/search\",le=\"2.5\"}"
                  " 2\n"),
        std::string::npos);
    EXPECT_NE(
        text.find("yrkesok_http_request_duration_seconds_bucket{route=\"/api/search\",le=\"+Inf\"}"
                  " 3\n"),
        std::string::npos);
    EXPECT_NE(text.find("yrkesok_index_info{generation=\"gen-000002\"} 1\n"), std::string::npos);
    EXPECT_NE(text.find("yrkesok_index_documents 42\n"), std::string::npos);
}

}  // namespace
