// The Meilisearch-compatible routes end to end: a real index of the bundled corpus, a real
// HttpServer on an ephemeral port of 127.0.0.1, and httplib::Client requests.
#include <gtest/gtest.h>
#include <httplib.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <thread>

#include "support/bundled_index.h"
#include "yrkesok/meili/routes.h"
#include "yrkesok/server/http_server.h"

namespace {

using nlohmann::json;
using yrkesok::http::HttpServer;
using yrkesok::http::HttpServerOptions;

class MeiliRoutesTest : public testing::Test {
  protected:
    static void SetUpTestSuite() {
        index_ = new yrkesok::testing::BundledIndex("meili-routes");
        HttpServerOptions options;
        options.route_sets.push_back(yrkesok::meili::route_set());
        options.index_dir = (index_->dir / "index").string();
        options.port = 0;
        options.threads = 4;
        options.web_dir = (index_->dir / "no-web").string();
        server_ = new HttpServer(options);
        server_->bind();
        thread_ = new std::thread([] { server_->run(); });
    }
    static void TearDownTestSuite() {
        server_->stop();
        thread_->join();
        delete thread_;
        delete server_;
        delete index_;
    }

    static httplib::Client client() {
        httplib::Client c("127.0.0.1", server_->port());
        c.set_read_timeout(20);
        return c;
    }
    static json post(const std::string& path, const json& body, int status = 200) {
        auto result = client().Post(path, body.dump(), "application/json");
        if (!result) {
            ADD_FAILURE() << path << ": no response";
            return {};
        }
        EXPECT_EQ(result->status, status) << path << " " << body.dump() << "\n" << result->body;
        EXPECT_EQ(result->get_header_value("Content-Type"), "application/json");
        return json::parse(result->body, nullptr, false);
    }
    static json get(const std::string& path, int status = 200) {
        auto result = client().Get(path);
        if (!result) {
            ADD_FAILURE() << path << ": no response";
            return {};
        }
        EXPECT_EQ(result->status, status) << path << "\n" << result->body;
        return json::parse(result->body, nullptr, false);
    }
    static json search(const json& body, int status = 200) {
        return post("/indexes/yrker/search", body, status);
    }
    static void expect_error(const json& body, const std::string& code) {
        EXPECT_EQ(body.value("code", ""), code) << body.dump();
        EXPECT_EQ(body.value("type", ""), "invalid_request") << body.dump();
        EXPECT_FALSE(body.value("message", "").empty()) << body.dump();
        EXPECT_EQ(body.value("link", ""), "https://docs.meilisearch.com/errors#" + code);
    }
    static std::vector<std::string> ids(const json& body) {
        std::vector<std::string> out;
        for (const auto& hit : body["hits"]) out.push_back(hit["id"]);
        return out;
    }
    static std::vector<std::string> native_ids(const std::string& query_string) {
        auto body = get("/api/search?" + query_string);
        std::vector<std::string> out;
        for (const auto& hit : body["hits"]) out.push_back(hit["id"]);
        return out;
    }

    static inline yrkesok::testing::BundledIndex* index_ = nullptr;
    static inline HttpServer* server_ = nullptr;
    static inline std::thread* thread_ = nullptr;
};

TEST_F(MeiliRoutesTest, SearchRanksPerfusjonistFirstWithFacetDistribution) {
    auto body = search({{"q", "hjerte lungemaskin"}, {"facets", {"sectors"}}});
    ASSERT_FALSE(body["hits"].empty()) << body.dump();
    EXPECT_EQ(body["hits"][0]["id"], "perfusjonist");
    EXPECT_EQ(body["hits"][0]["title"], "Perfusjonist");
    EXPECT_TRUE(body["hits"][0].contains("body"));
    EXPECT_EQ(body["query"], "hjerte lungemaskin");
    EXPECT_TRUE(body["processingTimeMs"].is_number_integer());
    EXPECT_EQ(body["limit"], 20);
    EXPECT_EQ(body["offset"], 0);
    std::size_t total = body["estimatedTotalHits"];
    EXPECT_GE(total, 1u);
    EXPECT_GE(body["facetDistribution"]["sectors"]["Helse og sosial"].get<std::size_t>(), 1u);
}

TEST_F(MeiliRoutesTest, RankingEqualsTheNativeApi) {
    for (const std::string q :
         {"sykepleier", "hjerte lungemaskin", "sjukepleiar", "kokk", "ingeniør"}) {
        auto body = search({{"q", q}, {"limit", 10}});
        std::string encoded;
        for (unsigned char c : q) {
            char buffer[4];
            std::snprintf(buffer, sizeof buffer, "%%%02X", c);
            encoded += std::isalnum(c) ? std::string(1, static_cast<char>(c)) : buffer;
        }
        EXPECT_EQ(ids(body), native_ids("q=" + encoded + "&per_page=10")) << q;
    }
}

TEST_F(MeiliRoutesTest, GetSearchTakesTheSameParametersAsAQueryString) {
    auto body =
        get("/indexes/yrker/search?q=kokk&limit=3&facets=sectors,language"
            "&attributesToRetrieve=id,title");
    ASSERT_EQ(body["hits"].size(), 3u);
    EXPECT_EQ(body["hits"][0].size(), 2u) << body["hits"][0].dump();
    EXPECT_TRUE(body["facetDistribution"].contains("language"));
    auto posted = search({{"q", "kokk"}, {"limit", 3}});
    EXPECT_EQ(ids(body), ids(posted));
}

TEST_F(MeiliRoutesTest, FilterStringAndArrayFormsAgree) {
    auto text = search({{"q", "sykepleier"},
                        {"filter",
                         "language = nb AND (sectors = \"Helse og sosial\" OR "
                         "sectors = Utdanning)"},
                        {"limit", 100}});
    auto array = search(
        {{"q", "sykepleier"},
         {"filter", {"language = nb", {"sectors = \"Helse og sosial\"", "sectors = Utdanning"}}},
         {"limit", 100}});
    ASSERT_FALSE(text["hits"].empty());
    EXPECT_EQ(ids(text), ids(array));
    for (const auto& hit : text["hits"]) {
        EXPECT_EQ(hit["language"], "nb");
        std::set<std::string> sectors(hit["sectors"].begin(), hit["sectors"].end());
        EXPECT_TRUE(sectors.contains("Helse og sosial") || sectors.contains("Utdanning"));
    }
}

TEST_F(MeiliRoutesTest, FilterOnASectorCountsLikeTheNativeSectorFilter) {
    auto meili = search(
        {{"q", ""}, {"filter", "sectors = IT"}, {"limit", 0}, {"facets", {"education_levels"}}});
    auto native = get("/api/search?sector=IT&per_page=1");
    EXPECT_EQ(meili["estimatedTotalHits"], native["total"]);
    // Education counts under a sector filter are the same in both: the native API counts
    // each facet with the other facet's filter only.
    EXPECT_EQ(meili["facetDistribution"]["education_levels"], native["facets"]["education_levels"]);
}

TEST_F(MeiliRoutesTest, NotAndNotInAndValuesMatchCaseInsensitively) {
    auto nn = search({{"filter", "language = NN"}, {"limit", 0}});
    auto not_nb = search({{"filter", "NOT language = nb"}, {"limit", 0}});
    auto not_in = search({{"filter", "language NOT IN [nb]"}, {"limit", 0}});
    EXPECT_GT(nn["estimatedTotalHits"].get<int>(), 0);
    EXPECT_EQ(nn["estimatedTotalHits"], not_nb["estimatedTotalHits"]);
    EXPECT_EQ(nn["estimatedTotalHits"], not_in["estimatedTotalHits"]);
    auto unknown = search({{"filter", "sectors = Romfart"}, {"limit", 0}});
    EXPECT_EQ(unknown["estimatedTotalHits"], 0);
}

TEST_F(MeiliRoutesTest, StyrkFilterAndFacetCountAgree) {
    auto body = search({{"filter", "styrk08 = 2221"}, {"facets", {"styrk08"}}, {"limit", 50}});
    ASSERT_GT(body["estimatedTotalHits"].get<int>(), 0);
    EXPECT_EQ(body["facetDistribution"]["styrk08"]["2221"], body["estimatedTotalHits"]);
}

TEST_F(MeiliRoutesTest, BothPaginationModesWalkTheSameHits) {
    auto all = search({{"q", "sykepleier"}, {"limit", 12}});
    auto second = search({{"q", "sykepleier"}, {"offset", 4}, {"limit", 4}});
    auto page = search({{"q", "sykepleier"}, {"page", 2}, {"hitsPerPage", 4}});
    auto expected = ids(all);
    ASSERT_GE(expected.size(), 8u);
    std::vector<std::string> slice(expected.begin() + 4, expected.begin() + 8);
    EXPECT_EQ(ids(second), slice);
    EXPECT_EQ(ids(page), slice);
    EXPECT_EQ(page["page"], 2);
    EXPECT_EQ(page["hitsPerPage"], 4);
    const std::size_t total = page["totalHits"];
    EXPECT_EQ(page["totalPages"], (total + 3) / 4);
    EXPECT_FALSE(page.contains("estimatedTotalHits"));
    EXPECT_FALSE(second.contains("totalHits"));
}

TEST_F(MeiliRoutesTest, HighlightCropAndMatchesPosition) {
    auto body = search({{"q", "lungemaskin"},
                        {"attributesToHighlight", {"title", "summary"}},
                        {"highlightPreTag", "<b>"},
                        {"highlightPostTag", "</b>"},
                        {"attributesToCrop", {"body:8"}},
                        {"cropMarker", "[…]"},
                        {"showMatchesPosition", true},
                        {"limit", 1}});
    ASSERT_EQ(body["hits"].size(), 1u);
    const auto& hit = body["hits"][0];
    const auto& formatted = hit["_formatted"];
    EXPECT_EQ(formatted["title"], hit["title"]);  // no match in the title
    EXPECT_EQ(formatted["sectors"], hit["sectors"]);
    const std::string body_text = formatted["body"];
    EXPECT_NE(body_text.find("[…]"), std::string::npos) << body_text;
    EXPECT_EQ(body_text.find("<b>"), std::string::npos) << "body is cropped, not highlighted";
    const std::string original = hit["body"];
    const auto& positions = hit["_matchesPosition"];
    ASSERT_TRUE(positions.contains("body")) << positions.dump();
    // Matches are whole words of the text: the query word itself, and words that share its
    // analysed terms (compound parts lunge, maskin), as in the native snippets.
    bool whole = false;
    for (const auto& match : positions["body"]) {
        const std::string word = original.substr(match["start"], match["length"]);
        EXPECT_FALSE(word.empty());
        EXPECT_EQ(word.find(' '), std::string::npos) << word;
        whole = whole || word.find("lungemaskin") != std::string::npos;
    }
    EXPECT_TRUE(whole) << positions.dump();
    // The cropped window holds a match.
    bool holds = false;
    for (const auto& match : positions["body"]) {
        holds = holds || body_text.find(original.substr(match["start"], match["length"])) !=
                             std::string::npos;
    }
    EXPECT_TRUE(holds) << body_text;
    if (positions.contains("summary")) {
        EXPECT_NE(formatted["summary"].get<std::string>().find("<b>"), std::string::npos);
    }
}

TEST_F(MeiliRoutesTest, HighlightsTheSameWordsAsTheNativeSnippet) {
    auto native = get("/api/search?q=hjerte%20lungemaskin&per_page=1");
    auto meili = search({{"q", "hjerte lungemaskin"},
                         {"attributesToHighlight", {"body"}},
                         {"highlightPreTag", "<mark>"},
                         {"highlightPostTag", "</mark>"},
                         {"limit", 1}});
    const std::string snippet = native["hits"][0]["snippet"];
    const std::string highlighted = meili["hits"][0]["_formatted"]["body"];
    std::size_t at = 0;
    int marks = 0;
    while ((at = snippet.find("<mark>", at)) != std::string::npos) {
        const auto end = snippet.find("</mark>", at);
        const std::string marked = snippet.substr(at, end + 7 - at);
        EXPECT_NE(highlighted.find(marked), std::string::npos) << marked;
        at = end;
        ++marks;
    }
    EXPECT_GT(marks, 0);
}

TEST_F(MeiliRoutesTest, MultiSearchAnswersEachQueryWithItsIndexUid) {
    auto body = post("/multi-search",
                     {{"queries",
                       {{{"indexUid", "yrker"}, {"q", "kokk"}, {"limit", 2}},
                        {{"indexUid", "yrker"}, {"q", "sykepleier"}, {"hitsPerPage", 3}}}}});
    ASSERT_EQ(body["results"].size(), 2u);
    EXPECT_EQ(body["results"][0]["indexUid"], "yrker");
    EXPECT_EQ(body["results"][0]["hits"].size(), 2u);
    EXPECT_EQ(body["results"][1]["hitsPerPage"], 3);
    auto bad = post("/multi-search",
                    {{"queries", {{{"indexUid", "yrker"}}, {{"indexUid", "filmer"}}}}}, 404);
    expect_error(bad, "index_not_found");
    EXPECT_NE(bad["message"].get<std::string>().find("Inside `.queries[1]`"), std::string::npos);
}

TEST_F(MeiliRoutesTest, IndexVersionAndHealthRoutes) {
    auto indexes = get("/indexes");
    EXPECT_EQ(indexes["total"], 1);
    EXPECT_EQ(indexes["results"][0]["uid"], "yrker");
    auto index = get("/indexes/yrker");
    EXPECT_EQ(index["primaryKey"], "id");
    expect_error(get("/indexes/filmer", 404), "index_not_found");
    EXPECT_TRUE(get("/version").contains("pkgVersion"));
    auto native = get("/health");
    EXPECT_EQ(native["status"], "ok");
    auto meili = client().Get("/health", {{"X-Meilisearch-Client", "Meilisearch JavaScript"}});
    ASSERT_TRUE(meili);
    EXPECT_EQ(json::parse(meili->body)["status"], "available");
}

TEST_F(MeiliRoutesTest, MistakesAnswerWithMeilisearchErrorCodes) {
    expect_error(search({{"q", "kokk"}, {"filter", "sectors = Helse og sosial"}}, 400),
                 "invalid_search_filter");
    expect_error(search({{"filter", "title = Kokk"}}, 400), "invalid_search_filter");
    expect_error(search({{"filter", {{{"language = nb"}}}}}, 400), "invalid_search_filter");
    expect_error(search({{"filter", 3}}, 400), "invalid_search_filter");
    expect_error(search({{"sort", {"title:asc"}}}, 400), "invalid_search_sort");
    expect_error(search({{"facets", {"title"}}}, 400), "invalid_search_facets");
    expect_error(search({{"q", 5}}, 400), "invalid_search_q");
    expect_error(search({{"limit", -1}}, 400), "invalid_search_limit");
    expect_error(search({{"offset", "3"}}, 400), "invalid_search_offset");
    expect_error(search({{"page", 0}}, 400), "invalid_search_page");
    expect_error(search({{"hitsPerPage", true}}, 400), "invalid_search_hits_per_page");
    expect_error(search({{"cropLength", -2}}, 400), "invalid_search_crop_length");
    expect_error(search({{"showMatchesPosition", "yes"}}, 400),
                 "invalid_search_show_matches_position");
    expect_error(search({{"attributesToCrop", {"body:x"}}}, 400),
                 "invalid_search_attributes_to_crop");
    expect_error(search({{"matchingStrategy", "all"}}, 400), "bad_request");
    expect_error(search({{"qq", "kokk"}}, 400), "bad_request");
    expect_error(post("/indexes/filmer/search", {{"q", "x"}}, 404), "index_not_found");
    expect_error(post("/indexes/bad%20uid/search", {{"q", "x"}}, 400), "invalid_index_uid");
    expect_error(get("/indexes/yrker/search?limit=ten", 400), "invalid_search_limit");
    expect_error(get("/indexes/yrker/search?foo=1", 400), "bad_request");

    auto text = client().Post("/indexes/yrker/search", "q=kokk", "text/plain");
    ASSERT_TRUE(text);
    EXPECT_EQ(text->status, 415);
    expect_error(json::parse(text->body), "invalid_content_type");
    auto broken = client().Post("/indexes/yrker/search", "{\"q\":", "application/json");
    ASSERT_TRUE(broken);
    EXPECT_EQ(broken->status, 400);
    expect_error(json::parse(broken->body), "malformed_payload");
}

TEST_F(MeiliRoutesTest, WriteRoutesAreRefused) {
    auto write = client().Post("/indexes/yrker/documents", "[{\"id\":\"x\"}]", "application/json");
    ASSERT_TRUE(write);
    EXPECT_EQ(write->status, 405);
    expect_error(json::parse(write->body), "bad_request");
    auto remove = client().Delete("/indexes/yrker");
    ASSERT_TRUE(remove);
    EXPECT_EQ(remove->status, 405);
    expect_error(get("/indexes/yrker/documents", 404), "bad_request");
    expect_error(get("/tasks", 404), "bad_request");
    // Errors the HTTP library raises before routing keep the Meilisearch shape on its paths.
    auto huge =
        client().Post("/indexes/yrker/search", std::string(100 * 1024, ' '), "application/json");
    ASSERT_TRUE(huge);
    EXPECT_EQ(huge->status, 413);
    expect_error(json::parse(huge->body), "payload_too_large");
    // The native API is untouched.
    EXPECT_EQ(get("/api/search?q=kokk&per_page=1")["hits"].size(), 1u);
}

TEST_F(MeiliRoutesTest, LimitPastTheWindowIsCappedNotRefused) {
    auto body = search({{"offset", 990}, {"limit", 50}});
    EXPECT_EQ(body["limit"], 50);
    EXPECT_EQ(body["hits"].size(), 0u);  // the corpus has fewer than 990 records
    auto far = search({{"offset", 5000}, {"limit", 5}});
    EXPECT_EQ(far["hits"].size(), 0u);
    EXPECT_GT(far["estimatedTotalHits"].get<int>(), 0);
}

TEST_F(MeiliRoutesTest, OpenApiDocumentDescribesTheRoutesAndTheirShapes) {
    auto document = get("/api/openapi.json");
    for (const char* path :
         {"/indexes/{uid}/search", "/multi-search", "/indexes", "/indexes/{uid}", "/version"}) {
        EXPECT_TRUE(document["paths"].contains(path)) << path;
    }
    const auto& schemas = document["components"]["schemas"];
    auto body = search({{"q", "kokk"}, {"page", 1}});
    for (const auto& field : schemas["MeiliSearchResponse"]["required"]) {
        EXPECT_TRUE(body.contains(field.get<std::string>())) << field;
    }
    auto error = search({{"sort", {"x:asc"}}}, 400);
    for (const auto& field : schemas["MeiliError"]["required"]) {
        EXPECT_TRUE(error.contains(field.get<std::string>())) << field;
    }
    // Every search member the request schema documents is accepted.
    for (const auto& [name, property] : schemas["MeiliSearchRequest"]["properties"].items()) {
        auto result = client().Post("/indexes/yrker/search", json{{name, nullptr}}.dump(),
                                    "application/json");
        ASSERT_TRUE(result);
        EXPECT_EQ(result->status, 200) << name << ": " << result->body;
    }
}

}  // namespace
