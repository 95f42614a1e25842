// HTTP caching and compression of the API: weak ETags from the index content and the request
// target, 304 for a matching If-None-Match, Cache-Control, gzip (never brotli) for answers of
// 1 KiB or more with Vary: Accept-Encoding, and 431 for oversized request headers. A real
// index of the bundled corpus and a real server on 127.0.0.1.
#include <gtest/gtest.h>
#include <httplib.h>
#include <zlib.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "support/bundled_index.h"
#include "support/running_server.h"
#include "yrkesok/indexer/index_writer.h"

namespace {

using yrkesok::testing::BundledIndex;
using yrkesok::testing::RunningServer;

// Inflates a gzip body; fails the test when it is not one.
std::string gunzip(const std::string& body) {
    z_stream stream{};
    EXPECT_EQ(inflateInit2(&stream, 16 + MAX_WBITS), Z_OK);
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(body.data()));
    stream.avail_in = static_cast<uInt>(body.size());
    std::string out;
    char buffer[16384];
    int status = Z_OK;
    while (status == Z_OK) {
        stream.next_out = reinterpret_cast<Bytef*>(buffer);
        stream.avail_out = sizeof buffer;
        status = inflate(&stream, Z_NO_FLUSH);
        out.append(buffer, sizeof buffer - stream.avail_out);
    }
    inflateEnd(&stream);
    EXPECT_EQ(status, Z_STREAM_END) << "not a complete gzip stream";
    return out;
}

// The answer without its timing, which differs between two runs of the same search.
nlohmann::json without_timing(const std::string& body) {
    auto json = nlohmann::json::parse(body);
    json.erase("took_ms");
    return json;
}

bool varies_by_encoding(const httplib::Response& res) {
    for (std::size_t i = 0; i < res.get_header_value_count("Vary"); ++i) {
        if (res.get_header_value("Vary", i).find("Accept-Encoding") != std::string::npos) {
            return true;
        }
    }
    return false;
}

class HttpCachingTest : public testing::Test {
  protected:
    static void SetUpTestSuite() {
        index_ = new BundledIndex("http-caching");
        yrkesok::http::HttpServerOptions options;
        options.index_dir = (index_->dir / "index").string();
        options.port = 0;
        options.threads = 4;
        options.web_dir = (index_->dir / "no-web").string();
        options.warm_up_documents = 0;
        options.cache_max_age_seconds = 45;
        server_ = new RunningServer(options);
    }
    static void TearDownTestSuite() {
        delete server_;
        delete index_;
    }

    // A client that shows bodies as sent (no automatic decompression).
    static httplib::Client raw_client() {
        auto client = server_->client();
        client.set_decompress(false);
        return client;
    }

    static inline BundledIndex* index_ = nullptr;
    static inline RunningServer* server_ = nullptr;
};

TEST_F(HttpCachingTest, ReadOnlyAnswersCarryAWeakETagAndCacheControl) {
    auto client = raw_client();
    for (const char* target : {"/api/search?q=lege", "/api/suggest?q=syke", "/api/facets",
                               "/api/occupations/perfusjonist"}) {
        auto res = client.Get(target);
        ASSERT_TRUE(res) << target;
        EXPECT_EQ(res->status, 200) << target;
        EXPECT_TRUE(res->get_header_value("ETag").starts_with("W/\"")) << target;
        EXPECT_EQ(res->get_header_value("Cache-Control"), "public, max-age=45") << target;
        EXPECT_TRUE(varies_by_encoding(*res)) << target;
    }
    auto health = client.Get("/health");
    ASSERT_TRUE(health);
    EXPECT_EQ(health->get_header_value("Cache-Control"), "no-store");
    EXPECT_FALSE(health->has_header("ETag"));
}

TEST_F(HttpCachingTest, IfNoneMatchWithTheCurrentTagIsAnswered304WithNoBody) {
    auto client = raw_client();
    for (const char* target : {"/api/search?q=hjerte+lungemaskin", "/api/suggest?q=syke",
                               "/api/facets", "/api/occupations/perfusjonist"}) {
        auto first = client.Get(target);
        ASSERT_TRUE(first && first->status == 200) << target;
        const auto tag = first->get_header_value("ETag");
        auto again = client.Get(target, {{"If-None-Match", tag}});
        ASSERT_TRUE(again) << target;
        EXPECT_EQ(again->status, 304) << target;
        EXPECT_TRUE(again->body.empty()) << target;
        EXPECT_EQ(again->get_header_value("ETag"), tag) << target;
        EXPECT_EQ(again->get_header_value("Cache-Control"), "public, max-age=45") << target;
        // A list that names it, the strong form of it, and "*" match too; another tag does not.
        auto listed = client.Get(target, {{"If-None-Match", "W/\"0000000000000000\", " + tag}});
        ASSERT_TRUE(listed);
        EXPECT_EQ(listed->status, 304) << target;
        auto strong = client.Get(target, {{"If-None-Match", tag.substr(2)}});
        ASSERT_TRUE(strong);
        EXPECT_EQ(strong->status, 304) << target;
        auto any = client.Get(target, {{"If-None-Match", "*"}});
        ASSERT_TRUE(any);
        EXPECT_EQ(any->status, 304) << target;
        auto other = client.Get(target, {{"If-None-Match", "W/\"0000000000000000\""}});
        ASSERT_TRUE(other);
        EXPECT_EQ(other->status, 200) << target;
        EXPECT_FALSE(other->body.empty()) << target;
    }
}

TEST_F(HttpCachingTest, EachRequestTargetHasItsOwnTag) {
    auto client = raw_client();
    auto lege = client.Get("/api/search?q=lege");
    auto sykepleier = client.Get("/api/search?q=sykepleier");
    auto page2 = client.Get("/api/search?q=lege&page=2");
    ASSERT_TRUE(lege && sykepleier && page2);
    EXPECT_NE(lege->get_header_value("ETag"), sykepleier->get_header_value("ETag"));
    EXPECT_NE(lege->get_header_value("ETag"), page2->get_header_value("ETag"));
    auto again = client.Get("/api/search?q=lege");
    ASSERT_TRUE(again);
    EXPECT_EQ(lege->get_header_value("ETag"), again->get_header_value("ETag"));
}

TEST_F(HttpCachingTest, ErrorsAreNotCached) {
    auto client = raw_client();
    auto bad = client.Get("/api/search?q=lege&page=0");
    ASSERT_TRUE(bad);
    EXPECT_EQ(bad->status, 400);
    EXPECT_FALSE(bad->has_header("ETag"));
    EXPECT_FALSE(bad->has_header("Cache-Control"));
    auto missing = client.Get("/api/occupations/no-such-id");
    ASSERT_TRUE(missing);
    EXPECT_EQ(missing->status, 404);
    EXPECT_FALSE(missing->has_header("ETag"));
}

TEST_F(HttpCachingTest, GzipBodyInflatesToThePlainAnswer) {
    auto client = raw_client();
    for (const char* target : {"/api/search?q=sykepleier", "/api/occupations/perfusjonist"}) {
        auto plain = client.Get(target);
        auto gzipped = client.Get(target, {{"Accept-Encoding", "gzip"}});
        ASSERT_TRUE(plain && gzipped) << target;
        ASSERT_GE(plain->body.size(), 1024u) << target << ": too small to be compressed";
        EXPECT_FALSE(plain->has_header("Content-Encoding")) << target;
        EXPECT_EQ(gzipped->get_header_value("Content-Encoding"), "gzip") << target;
        EXPECT_LT(gzipped->body.size(), plain->body.size()) << target;
        EXPECT_EQ(without_timing(gunzip(gzipped->body)), without_timing(plain->body)) << target;
        EXPECT_TRUE(varies_by_encoding(*gzipped)) << target;
        // The tag names the content, not the encoding: the same weak tag for both.
        EXPECT_EQ(gzipped->get_header_value("ETag"), plain->get_header_value("ETag")) << target;
    }
}

TEST_F(HttpCachingTest, BrowsersGetGzipNotBrotliAndRefusedCodingsAreHonoured) {
    auto client = raw_client();
    const char* target = "/api/search?q=sykepleier";
    auto browser = client.Get(target, {{"Accept-Encoding", "gzip, deflate, br"}});
    ASSERT_TRUE(browser);
    EXPECT_EQ(browser->get_header_value("Content-Encoding"), "gzip");
    auto brotli_only = client.Get(target, {{"Accept-Encoding", "br"}});
    ASSERT_TRUE(brotli_only);
    EXPECT_FALSE(brotli_only->has_header("Content-Encoding"));
    auto refused = client.Get(target, {{"Accept-Encoding", "gzip;q=0, identity"}});
    ASSERT_TRUE(refused);
    EXPECT_FALSE(refused->has_header("Content-Encoding"));
    EXPECT_TRUE(nlohmann::json::accept(refused->body));  // plain JSON
}

TEST_F(HttpCachingTest, SmallAnswersGoOutUncompressed) {
    auto client = raw_client();
    auto res = client.Get("/api/suggest?q=zzzzqq", {{"Accept-Encoding", "gzip"}});
    ASSERT_TRUE(res);
    ASSERT_EQ(res->status, 200);
    EXPECT_LT(res->body.size(), 1024u);
    EXPECT_FALSE(res->has_header("Content-Encoding"));
    EXPECT_TRUE(nlohmann::json::accept(res->body));
}

TEST_F(HttpCachingTest, HeadCarriesTheSameTagWithNoBody) {
    auto client = raw_client();
    auto get = client.Get("/api/search?q=lege");
    auto head = client.Head("/api/search?q=lege");
    ASSERT_TRUE(get && head);
    EXPECT_EQ(head->status, 200);
    EXPECT_TRUE(head->body.empty());
    EXPECT_EQ(head->get_header_value("ETag"), get->get_header_value("ETag"));
}

TEST_F(HttpCachingTest, TooManyOrTooLargeRequestHeadersGet431) {
    auto client = raw_client();
    httplib::Headers many;
    for (int i = 0; i < 150; ++i) many.emplace("X-Filler-" + std::to_string(i), "1");
    auto res = client.Get("/api/search?q=lege", many);
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 431);
    auto error = nlohmann::json::parse(res->body)["error"];
    EXPECT_EQ(error["code"], "request_header_fields_too_large");
    EXPECT_NE(error["message"].get<std::string>().find("at most 100"), std::string::npos)
        << error["message"];

    httplib::Headers large;
    for (int i = 0; i < 3; ++i)
        large.emplace("X-Large-" + std::to_string(i), std::string(7000, 'a'));
    auto big = client.Get("/api/search?q=lege", large);
    ASSERT_TRUE(big);
    EXPECT_EQ(big->status, 431);
    EXPECT_NE(nlohmann::json::parse(big->body)["error"]["message"].get<std::string>().find(
                  "bytes; at most 16384"),
              std::string::npos);

    auto ordinary = client.Get("/api/search?q=lege", {{"X-Some", "thing"}});
    ASSERT_TRUE(ordinary);
    EXPECT_EQ(ordinary->status, 200);
}

// Last: it replaces the index's current generation.
TEST_F(HttpCachingTest, ZzANewGenerationChangesEveryTag) {
    auto client = raw_client();
    const std::vector<std::string> targets = {"/api/search?q=lege", "/api/facets",
                                              "/api/occupations/perfusjonist"};
    std::vector<std::string> before;
    for (const auto& target : targets) {
        auto res = client.Get(target);
        ASSERT_TRUE(res && res->status == 200) << target;
        before.push_back(res->get_header_value("ETag"));
    }
    // The same records again: a new generation with the same content still gets new tags,
    // as a tag promises the answer of one generation.
    yrkesok::index::build_index(index_->records, index_->dir / "index", *index_->analyzer,
                                index_->options);
    server_->server().request_reopen();
    for (std::size_t i = 0; i < targets.size(); ++i) {
        auto res = client.Get(targets[i], {{"If-None-Match", before[i]}});
        ASSERT_TRUE(res) << targets[i];
        EXPECT_EQ(res->status, 200) << targets[i];
        EXPECT_NE(res->get_header_value("ETag"), before[i]) << targets[i];
    }
}

}  // namespace
