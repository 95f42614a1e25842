// The HTTP API end to end: a real index of the bundled corpus on disk, a real HttpServer on an
// ephemeral port of 127.0.0.1, and httplib::Client requests against every route and error.
#include "yrkesok/server/http_server.h"

#include <gtest/gtest.h>
#include <httplib.h>
#include <unistd.h>

#include <atomic>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "support/bundled_index.h"
#include "support/running_server.h"
#include "yrkesok/analyzers/analyzer.h"
#include "yrkesok/indexer/corpus.h"
#include "yrkesok/indexer/index_writer.h"
#include "yrkesok/meili/routes.h"

namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using yrkesok::http::HttpServer;
using yrkesok::http::HttpServerOptions;
using yrkesok::testing::RunningServer;

const fs::path kSource = YRKESOK_SOURCE_DIR;

// Builds an index of `corpus` into `dir`.
void build_index(const fs::path& corpus, const fs::path& dir) {
    auto vocabularies = yrkesok::index::Vocabularies::load(kSource / "corpus");
    auto records = yrkesok::index::read_corpus(corpus, vocabularies);
    ASSERT_TRUE(records.ok()) << records.issues.front().to_string();
    const auto& analyzer = *yrkesok::testing::shared_analyzer();
    yrkesok::index::IndexBuildOptions options;
    if (fs::exists(kSource / "corpus/synonyms.tsv")) {
        options.synonyms_file = kSource / "corpus/synonyms.tsv";
    }
    yrkesok::index::build_index(records.records, dir, analyzer, options);
}

std::string percent_encode(const std::string& text) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : text) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.') {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += kHex[c >> 4];
            out += kHex[c & 15];
        }
    }
    return out;
}

fs::path make_temp_dir(const std::string& name) {
    auto dir = fs::temp_directory_path() / ("yrkesok-" + name + "-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    return dir;
}

class HttpServerTest : public testing::Test {
  protected:
    static void SetUpTestSuite() {
        index_ = new yrkesok::testing::BundledIndex("http-test");
        HttpServerOptions options;
        options.route_sets.push_back(yrkesok::meili::route_set());
        options.index_dir = (index_->dir / "index").string();
        options.port = 0;
        options.threads = 8;
        options.web_dir = (index_->dir / "no-web").string();  // missing: the placeholder page
        try {
            server_ = new RunningServer(options);
        } catch (const std::exception& e) {
            ADD_FAILURE() << "cannot start the server: " << e.what();
        }
    }
    static void TearDownTestSuite() {
        delete server_;
        server_ = nullptr;
        delete index_;
        index_ = nullptr;
    }
    void SetUp() override { ASSERT_NE(server_, nullptr) << "the fixture index was not built"; }

    static httplib::Result get(const std::string& target) {
        return server_->client().Get(target.c_str());
    }
    // GETs `target`, expects `status` and a JSON body, and returns it.
    static json get_json(const std::string& target, int status = 200) {
        auto result = get(target);
        if (!result) {
            ADD_FAILURE() << target << ": " << httplib::to_string(result.error());
            return {};
        }
        EXPECT_EQ(result->status, status) << target << "\n" << result->body;
        EXPECT_EQ(result->get_header_value("Content-Type"), "application/json") << target;
        auto body = json::parse(result->body, nullptr, false);
        EXPECT_FALSE(body.is_discarded()) << target << ": not JSON: " << result->body;
        return body;
    }
    // Expects an error body with `status` and `code`; returns the message.
    static std::string expect_error(const std::string& target, int status,
                                    const std::string& code) {
        auto body = get_json(target, status);
        EXPECT_TRUE(body.contains("error")) << target << ": " << body.dump();
        if (!body.contains("error")) return {};
        EXPECT_EQ(body["error"].value("code", ""), code) << target << ": " << body.dump();
        EXPECT_FALSE(body["error"].value("message", "").empty()) << target;
        return body["error"].value("message", "");
    }
    static const json& openapi() {
        static json document = get_json("/api/openapi.json");
        return document;
    }
    // Every field the OpenAPI schema `name` requires is in `object`.
    static void expect_schema_fields(const json& object, const std::string& name) {
        const auto& schema = openapi()["components"]["schemas"][name];
        ASSERT_TRUE(schema.contains("required")) << name;
        for (const auto& field : schema["required"]) {
            EXPECT_TRUE(object.contains(field.get<std::string>()))
                << name << " lacks \"" << field.get<std::string>() << "\": " << object.dump();
        }
    }

    static inline yrkesok::testing::BundledIndex* index_ = nullptr;
    static inline RunningServer* server_ = nullptr;
};

TEST_F(HttpServerTest, SearchRanksPerfusjonistFirstForHjerteLungemaskin) {
    auto body = get_json("/api/search?q=hjerte%20lungemaskin");
    ASSERT_FALSE(body["hits"].empty());
    EXPECT_EQ(body["hits"][0]["id"], "perfusjonist");
    EXPECT_EQ(body["hits"][0]["title"], "Perfusjonist");
    EXPECT_NE(body["hits"][0]["snippet"].get<std::string>().find("<mark>"), std::string::npos)
        << body["hits"][0]["snippet"];
    EXPECT_EQ(body["query"], "hjerte lungemaskin");
    EXPECT_GE(body["total"].get<int>(), 1);
}

TEST_F(HttpServerTest, SearchResponseCarriesEveryFieldTheOpenApiDocumentRequires) {
    auto body = get_json("/api/search?q=sykepleier");
    expect_schema_fields(body, "SearchResponse");
    ASSERT_FALSE(body["hits"].empty());
    for (const auto& hit : body["hits"]) expect_schema_fields(hit, "Hit");
    expect_schema_fields(body["facets"], "Facets");
    EXPECT_TRUE(body["corrected_query"].is_null() || body["corrected_query"].is_string());
    EXPECT_TRUE(body["suggestion"].is_null() || body["suggestion"].is_string());
    EXPECT_EQ(body["page"], 1);
    EXPECT_EQ(body["per_page"], 10);
    EXPECT_LE(body["hits"].size(), 10u);
}

TEST_F(HttpServerTest, SearchKeysComeInTheDocumentedOrder) {
    auto result = get("/api/search?q=kokk&per_page=1");
    ASSERT_TRUE(result);
    const std::string& text = result->body;
    std::size_t last = 0;
    for (const char* key : {"\"query\"", "\"total\"", "\"page\"", "\"per_page\"", "\"took_ms\"",
                            "\"corrected_query\"", "\"suggestion\"", "\"hits\"", "\"facets\""}) {
        auto at = text.find(key);
        ASSERT_NE(at, std::string::npos) << key;
        EXPECT_GT(at, last) << key << " out of order in " << text;
        last = at;
    }
}

TEST_F(HttpServerTest, SearchFacetCountsKeepTheEnginesOrderByCount) {
    auto result = get("/api/search?q=ingeni%C3%B8r");
    ASSERT_TRUE(result);
    // Parse keeping order, then check counts never increase.
    auto body = nlohmann::ordered_json::parse(result->body);
    for (const char* facet : {"sectors", "education_levels"}) {
        long previous = -1;
        for (const auto& [value, count] : body["facets"][facet].items()) {
            if (previous >= 0) {
                EXPECT_LE(count.get<long>(), previous) << facet << " " << value;
            }
            previous = count.get<long>();
        }
    }
}

TEST_F(HttpServerTest, SearchFiltersBySectorAndPages) {
    auto body = get_json("/api/search?q=arbeid&sector=Helse%20og%20sosial&per_page=5&page=2");
    EXPECT_EQ(body["page"], 2);
    EXPECT_EQ(body["per_page"], 5);
    EXPECT_LE(body["hits"].size(), 5u);
    for (const auto& hit : body["hits"]) {
        auto sectors = hit["sectors"].get<std::vector<std::string>>();
        EXPECT_NE(std::find(sectors.begin(), sectors.end(), "Helse og sosial"), sectors.end())
            << hit.dump();
    }
}

TEST_F(HttpServerTest, SearchAcceptsRepeatedFacetParameters) {
    auto one = get_json("/api/search?q=arbeid&sector=IT");
    auto two = get_json("/api/search?q=arbeid&sector=IT&sector=Utdanning&education=Master");
    EXPECT_TRUE(one.contains("total"));
    EXPECT_TRUE(two.contains("total"));
}

TEST_F(HttpServerTest, SearchRefusesBadPageWith400) {
    expect_error("/api/search?q=kokk&page=0", 400, "invalid_parameter");
    expect_error("/api/search?q=kokk&page=abc", 400, "invalid_parameter");
    expect_error("/api/search?q=kokk&page=-1", 400, "invalid_parameter");
    expect_error("/api/search?q=kokk&page=", 400, "invalid_parameter");
    expect_error("/api/search?q=kokk&page=99999999999999999999999", 400, "invalid_parameter");
}

TEST_F(HttpServerTest, SearchRefusesPerPageOutside1To100With400) {
    expect_error("/api/search?q=kokk&per_page=1000", 400, "invalid_parameter");
    expect_error("/api/search?q=kokk&per_page=0", 400, "invalid_parameter");
    expect_error("/api/search?q=kokk&per_page=101", 400, "invalid_parameter");
    get_json("/api/search?q=kokk&per_page=100");
}

TEST_F(HttpServerTest, SearchRefusesQueryOver512BytesWith400) {
    get_json("/api/search?q=" + std::string(512, 'a'));
    expect_error("/api/search?q=" + std::string(513, 'a'), 400, "query_too_long");
}

TEST_F(HttpServerTest, SearchRefusesInvalidUtf8With400) {
    expect_error("/api/search?q=%FF", 400, "invalid_utf8");
    expect_error("/api/search?q=%C3%28", 400, "invalid_utf8");           // bad continuation
    expect_error("/api/search?q=%C0%AF", 400, "invalid_utf8");           // overlong '/'
    expect_error("/api/search?q=%ED%A0%80", 400, "invalid_utf8");        // a surrogate
    expect_error("/api/search?q=kokk&sector=%FF", 400, "invalid_utf8");  // any parameter
    expect_error("/api/search?%FF=1", 400, "invalid_utf8");
}

TEST_F(HttpServerTest, SearchRefusesUnknownFacetValueWith400) {
    auto message = expect_error("/api/search?q=kokk&sector=Nope", 400, "unknown_facet_value");
    EXPECT_NE(message.find("Nope"), std::string::npos) << message;
    expect_error("/api/search?q=kokk&education=Doktorgrad%20i%20magi", 400, "unknown_facet_value");
    // A valid sector given as an education level is still unknown there.
    expect_error("/api/search?q=kokk&education=IT", 400, "unknown_facet_value");
}

TEST_F(HttpServerTest, SearchRefusesUnknownParameterNamingIt) {
    auto message = expect_error("/api/search?q=kokk&sectr=IT", 400, "unknown_parameter");
    EXPECT_NE(message.find("sectr"), std::string::npos) << message;
}

TEST_F(HttpServerTest, SearchRefusesRepeatedSingleParameter) {
    expect_error("/api/search?q=kokk&q=baker", 400, "repeated_parameter");
    expect_error("/api/search?q=kokk&page=1&page=2", 400, "repeated_parameter");
}

TEST_F(HttpServerTest, SearchOddButValidQueriesAreNever500) {
    for (const char* target :
         {"/api/search?q=", "/api/search", "/api/search?q=%22", "/api/search?q=%22%22%22",
          "/api/search?q=(((", "/api/search?q=AND%20OR%20NOT", "/api/search?q=-", "/api/search?q=*",
          "/api/search?q=%00", "/api/search?q=%E2%80%8B", "/api/search?q=%F0%9F%98%80",
          "/api/search?q=a%20b%20c%20d%20e%20f%20g%20h%20i%20j%20k%20l%20m%20n%20o%20p",
          "/api/search?q=sykepleier&page=10000&per_page=100"}) {
        auto result = get(target);
        ASSERT_TRUE(result) << target;
        EXPECT_TRUE(result->status == 200 || result->status == 400)
            << target << " -> " << result->status << " " << result->body;
        EXPECT_FALSE(json::parse(result->body, nullptr, false).is_discarded()) << target;
    }
}

TEST_F(HttpServerTest, SuggestReturnsCompletions) {
    auto body = get_json("/api/suggest?q=hjer&limit=8");
    expect_schema_fields(body, "SuggestResponse");
    ASSERT_FALSE(body["suggestions"].empty());
    EXPECT_LE(body["suggestions"].size(), 8u);
    for (const auto& suggestion : body["suggestions"]) {
        expect_schema_fields(suggestion, "Suggestion");
        EXPECT_EQ(suggestion["text"].get<std::string>().rfind("hjer", 0), 0u) << suggestion;
        if (suggestion["kind"] == "title") {
            EXPECT_TRUE(suggestion.contains("id"));
        }
    }
}

TEST_F(HttpServerTest, SuggestLimitsAndErrors) {
    EXPECT_LE(get_json("/api/suggest?q=s&limit=3")["suggestions"].size(), 3u);
    EXPECT_TRUE(get_json("/api/suggest?q=")["suggestions"].empty());
    expect_error("/api/suggest?q=s&limit=0", 400, "invalid_parameter");
    expect_error("/api/suggest?q=s&limit=21", 400, "invalid_parameter");
    expect_error("/api/suggest?q=%FF", 400, "invalid_utf8");
    expect_error("/api/suggest?q=s&lang=nb", 400, "unknown_parameter");
}

TEST_F(HttpServerTest, OccupationReturnsTheStoredRecord) {
    auto body = get_json("/api/occupations/perfusjonist");
    expect_schema_fields(body, "Occupation");
    EXPECT_EQ(body["id"], "perfusjonist");
    EXPECT_EQ(body["title"], "Perfusjonist");
}

TEST_F(HttpServerTest, OccupationUnknownIdIs404) {
    auto message = expect_error("/api/occupations/finnes-ikke", 404, "not_found");
    EXPECT_NE(message.find("finnes-ikke"), std::string::npos);
    expect_error("/api/occupations/" + std::string(300, 'x'), 404, "not_found");
    expect_error("/api/occupations/%FF", 400, "invalid_utf8");
    expect_error("/api/occupations/perfusjonist?x=1", 400, "unknown_parameter");
}

TEST_F(HttpServerTest, FacetsCountTheWholeIndex) {
    auto body = get_json("/api/facets");
    expect_schema_fields(body, "FacetsResponse");
    EXPECT_EQ(body["documents"], 352);
    ASSERT_TRUE(body["facets"]["sectors"].contains("Helse og sosial"));
    EXPECT_GT(body["facets"]["sectors"]["Helse og sosial"].get<int>(), 0);
    EXPECT_FALSE(body["facets"]["education_levels"].empty());
    // Every value listed is accepted as a filter.
    for (const auto& [value, count] : body["facets"]["sectors"].items()) {
        auto result = get("/api/search?q=arbeid&sector=" + percent_encode(value));
        ASSERT_TRUE(result);
        EXPECT_EQ(result->status, 200) << value << ": " << result->body;
    }
}

TEST_F(HttpServerTest, AnalyzeShowsTokensAndTerms) {
    auto body = get_json("/api/analyze?text=hjerte-%20og%20lungemaskin");
    expect_schema_fields(body, "AnalyzeResponse");
    ASSERT_EQ(body["tokens"].size(), 3u);
    for (const auto& token : body["tokens"]) expect_schema_fields(token, "Token");
    EXPECT_EQ(body["tokens"][2]["text"], "lungemaskin");
    get_json("/api/analyze?text=sjukepleiar&lang=nn");
}

TEST_F(HttpServerTest, AnalyzeErrors) {
    expect_error("/api/analyze", 400, "missing_parameter");
    expect_error("/api/analyze?text=" + std::string(4097, 'a'), 400, "text_too_long");
    get_json("/api/analyze?text=" + std::string(4096, 'a'));
    expect_error("/api/analyze?text=x&lang=sv", 400, "invalid_parameter");
}

TEST_F(HttpServerTest, HealthReportsGenerationAndDocuments) {
    auto body = get_json("/health");
    expect_schema_fields(body, "Health");
    EXPECT_EQ(body["status"], "ok");
    EXPECT_EQ(body["documents"], 352);
    EXPECT_EQ(body["generation"].get<std::string>().rfind("gen-", 0), 0u);
    auto head = server_->client().Head("/health");
    ASSERT_TRUE(head);
    EXPECT_EQ(head->status, 200);
    EXPECT_TRUE(head->body.empty());
}

TEST_F(HttpServerTest, MetricsCountRequestsByRouteAndStatus) {
    get_json("/api/search?q=kokk");
    expect_error("/api/search?page=0", 400, "invalid_parameter");
    auto result = get("/metrics");
    ASSERT_TRUE(result);
    EXPECT_EQ(result->status, 200);
    EXPECT_EQ(result->get_header_value("Content-Type").rfind("text/plain", 0), 0u);
    const std::string& text = result->body;
    for (const char* expected :
         {"# TYPE yrkesok_http_requests_total counter",
          "yrkesok_http_requests_total{route=\"/api/search\",status=\"200\"} ",
          "yrkesok_http_requests_total{route=\"/api/search\",status=\"400\"} ",
          "# TYPE yrkesok_http_request_duration_seconds histogram",
          "yrkesok_http_request_duration_seconds_bucket{route=\"/api/search\",le=\"+Inf\"} ",
          "yrkesok_http_request_duration_seconds_count{route=\"/api/search\"} ",
          "yrkesok_index_info{generation=\"gen-", "yrkesok_index_documents 352\n",
          "# TYPE yrkesok_search_engines gauge", "yrkesok_searches_waiting 0\n"}) {
        EXPECT_NE(text.find(expected), std::string::npos) << expected << "\n" << text;
    }
}

TEST_F(HttpServerTest, OpenApiDocumentDescribesEveryRoute) {
    const auto& document = openapi();
    EXPECT_EQ(document["openapi"].get<std::string>().rfind("3.", 0), 0u);
    for (const char* path : {"/api/search", "/api/suggest", "/api/occupations/{id}", "/api/facets",
                             "/api/analyze", "/api/openapi.json", "/health", "/metrics"}) {
        EXPECT_TRUE(document["paths"].contains(path)) << path;
    }
    // Every $ref points at a component that exists.
    std::vector<const json*> stack = {&document};
    while (!stack.empty()) {
        const json* node = stack.back();
        stack.pop_back();
        if (node->is_object() && node->contains("$ref")) {
            auto pointer = (*node)["$ref"].get<std::string>().substr(1);
            EXPECT_TRUE(document.contains(json::json_pointer(pointer))) << pointer;
        }
        if (node->is_structured()) {
            for (const auto& child : *node) stack.push_back(&child);
        }
    }
}

TEST_F(HttpServerTest, UnknownRouteIs404Json) {
    expect_error("/api/nothing", 404, "not_found");
    expect_error("/nothing/at/all", 404, "not_found");
}

TEST_F(HttpServerTest, WrongMethodOnKnownRouteIs405) {
    auto client = server_->client();
    auto post = client.Post("/api/search", "q=kokk", "application/x-www-form-urlencoded");
    ASSERT_TRUE(post);
    EXPECT_EQ(post->status, 405);
    EXPECT_EQ(post->get_header_value("Allow"), "GET, HEAD");
    EXPECT_EQ(json::parse(post->body)["error"]["code"], "method_not_allowed");
    auto del = client.Delete("/api/occupations/perfusjonist");
    ASSERT_TRUE(del);
    EXPECT_EQ(del->status, 405);
    auto put = client.Put("/health", "", "text/plain");
    ASSERT_TRUE(put);
    EXPECT_EQ(put->status, 405);
    // The connection stays usable after a refused body.
    auto after = client.Get("/health");
    ASSERT_TRUE(after);
    EXPECT_EQ(after->status, 200);
}

TEST_F(HttpServerTest, SearchMatchesTheUnfinishedLastWordAsAPrefix) {
    // "perfusj" is on its way to "perfusjonist": found while typing, never corrected.
    auto typing = get_json("/api/search?q=perfusj");
    ASSERT_FALSE(typing["hits"].empty());
    EXPECT_EQ(typing["hits"][0]["id"], "perfusjonist");
    EXPECT_TRUE(typing["corrected_query"].is_null());
    EXPECT_TRUE(typing["suggestion"].is_null());
    // Whole words only: no word "perfusj" exists, so nothing matches it as typed.
    auto whole = get_json("/api/search?q=perfusj&prefix=false");
    EXPECT_TRUE(whole["corrected_query"].is_string() || whole["hits"].empty());
    expect_error("/api/search?q=perfusj&prefix=maybe", 400, "invalid_parameter");
}

TEST_F(HttpServerTest, EveryPublicRouteAllowsAnyOriginByDefault) {
    httplib::Headers origin = {{"Origin", "https://www.example.no"}};
    for (const char* target : {"/api/search?q=lege", "/api/suggest?q=sy", "/api/facets",
                               "/api/occupations/perfusjonist", "/health", "/indexes/yrker"}) {
        auto response = server_->client().Get(target, origin);
        ASSERT_TRUE(response) << target;
        EXPECT_EQ(response->get_header_value("Access-Control-Allow-Origin"), "*") << target;
    }
    // An error is readable by the other origin too.
    auto refused = server_->client().Get("/api/search?page=0", origin);
    ASSERT_TRUE(refused);
    EXPECT_EQ(refused->status, 400);
    EXPECT_EQ(refused->get_header_value("Access-Control-Allow-Origin"), "*");
}

TEST_F(HttpServerTest, PreflightIsAnswered204OnEveryPublicRoute) {
    for (const char* path : {"/api/search", "/api/suggest", "/api/occupations/perfusjonist",
                             "/health", "/indexes/yrker/search", "/multi-search"}) {
        httplib::Request request;
        request.method = "OPTIONS";
        request.path = path;
        request.headers = {{"Origin", "https://www.example.no"},
                           {"Access-Control-Request-Method", "GET"},
                           {"Access-Control-Request-Headers", "content-type"}};
        auto client = server_->client();
        auto response = client.send(request);
        ASSERT_TRUE(response) << path;
        EXPECT_EQ(response->status, 204) << path;
        EXPECT_EQ(response->get_header_value("Access-Control-Allow-Origin"), "*") << path;
        EXPECT_NE(response->get_header_value("Access-Control-Allow-Methods").find("GET"),
                  std::string::npos)
            << path;
        EXPECT_NE(response->get_header_value("Access-Control-Allow-Headers").find("Content-Type"),
                  std::string::npos)
            << path;
    }
}

TEST_F(HttpServerTest, HugeUriIs414AndHugeBodyIs413) {
    auto uri = get("/api/search?q=" + std::string(20000, 'a'));
    ASSERT_TRUE(uri);
    EXPECT_EQ(uri->status, 414);
    EXPECT_EQ(json::parse(uri->body)["error"]["code"], "uri_too_long");
    auto body = server_->client().Post("/api/search", std::string(1 << 20, 'x'), "text/plain");
    ASSERT_TRUE(body);
    EXPECT_EQ(body->status, 413);
    EXPECT_EQ(json::parse(body->body)["error"]["code"], "payload_too_large");
}

TEST_F(HttpServerTest, RootServesPlaceholderWhenWebDirIsMissing) {
    auto result = get("/");
    ASSERT_TRUE(result);
    EXPECT_EQ(result->status, 200);
    EXPECT_NE(result->body.find("ikke installert"), std::string::npos);
}

// Each worker has its own engine, but anything shared between engines (the Analyzer, a static
// Xapian::Query such as Query::MatchAll, whose reference count is not atomic) races here.
TEST_F(HttpServerTest, ConcurrentClientsGetConsistentAnswers) {
    constexpr int kThreads = 16;
    constexpr int kRequests = 100;
    std::atomic<int> failures{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&] {
            auto client = server_->client();
            for (int i = 0; i < kRequests; ++i) {
                auto result = client.Get("/api/search?q=hjerte%20lungemaskin&per_page=3");
                if (!result || result->status != 200 ||
                    json::parse(result->body)["hits"][0]["id"] != "perfusjonist") {
                    ++failures;
                }
            }
        });
    }
    for (auto& thread : threads) thread.join();
    EXPECT_EQ(failures, 0);
}

// A second server over its own small index, for static files and live index swaps.
TEST(HttpServerLifecycle, ServesWebDirAndPicksUpANewGeneration) {
    auto dir = make_temp_dir("http-lifecycle");
    build_index(kSource / "tests/fixtures/corpus/valid.jsonl", dir / "index");
    fs::create_directories(dir / "web");
    std::ofstream(dir / "web/index.html") << "<!doctype html><title>Yrkesøk test</title>\n";

    HttpServerOptions options;
    options.index_dir = (dir / "index").string();
    options.port = 0;
    options.threads = 4;
    options.web_dir = (dir / "web").string();
    {
        RunningServer running(options);
        auto client = running.client();
        auto root = client.Get("/");
        ASSERT_TRUE(root);
        EXPECT_EQ(root->status, 200);
        EXPECT_NE(root->body.find("Yrkesøk test"), std::string::npos);
        EXPECT_EQ(client.Get("/missing.html")->status, 404);

        auto before = json::parse(client.Get("/health")->body);
        EXPECT_EQ(before["documents"], 3);
        build_index(kSource / "tests/fixtures/corpus/valid.jsonl", dir / "index");
        running.server().request_reopen();
        auto after = json::parse(client.Get("/health")->body);
        EXPECT_NE(after["generation"], before["generation"]);
        auto search = client.Get("/api/search?q=perfusjonist");
        ASSERT_TRUE(search);
        EXPECT_EQ(search->status, 200);
    }
    fs::remove_all(dir);
}

TEST(HttpServerLifecycle, CorsOriginListAllowsOnlyTheListedOrigins) {
    const auto dir = make_temp_dir("http-cors");
    build_index(kSource / "tests/fixtures/cli/occupations.jsonl", dir / "index");
    HttpServerOptions options;
    options.index_dir = (dir / "index").string();
    options.port = 0;
    options.threads = 2;
    options.cors_origins = {"https://www.example.no"};
    {
        RunningServer running(options);
        auto listed =
            running.client().Get("/api/search?q=baker", {{"Origin", "https://www.example.no"}});
        ASSERT_TRUE(listed);
        EXPECT_EQ(listed->get_header_value("Access-Control-Allow-Origin"),
                  "https://www.example.no");
        EXPECT_EQ(listed->get_header_value("Vary"), "Origin");
        auto other = running.client().Get("/api/search?q=baker", {{"Origin", "https://evil.test"}});
        ASSERT_TRUE(other);
        EXPECT_EQ(other->status, 200);  // answered, but the browser keeps it from the page
        EXPECT_FALSE(other->has_header("Access-Control-Allow-Origin"));
    }
    fs::remove_all(dir);
}

TEST(HttpServerLifecycle, StopBeforeRunMakesRunReturn) {
    auto dir = make_temp_dir("http-stop");
    build_index(kSource / "tests/fixtures/corpus/valid.jsonl", dir / "index");
    HttpServerOptions options;
    options.index_dir = (dir / "index").string();
    options.port = 0;
    HttpServer server(options);
    server.bind();
    EXPECT_GT(server.port(), 0);
    server.stop();
    server.run();  // returns at once
    fs::remove_all(dir);
}

TEST(HttpServerLifecycle, SecondServerOnTheSamePortFailsToBind) {
    auto dir = make_temp_dir("http-port");
    build_index(kSource / "tests/fixtures/corpus/valid.jsonl", dir / "index");
    HttpServerOptions options;
    options.index_dir = (dir / "index").string();
    options.port = 0;
    HttpServer first(options);
    first.bind();
    options.port = first.port();
    HttpServer second(options);
    EXPECT_THROW(second.bind(), std::runtime_error);
    fs::remove_all(dir);
}

TEST(HttpServerLifecycle, MissingIndexThrowsIndexOpenError) {
    HttpServerOptions options;
    options.index_dir = "/nonexistent/yrkesok-index";
    EXPECT_THROW(HttpServer server(options), yrkesok::search::IndexOpenError);
}

}  // namespace
