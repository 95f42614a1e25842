// The access log of `serve --access-log`: one JSON line per request with the documented fields,
// the query string only when asked for, the generation that answered, and a clear error for a
// log file that cannot be opened. A real index and a real server on 127.0.0.1.
#include <gtest/gtest.h>
#include <httplib.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <vector>

#include "support/bundled_index.h"
#include "support/pattern.h"
#include "support/running_server.h"

namespace {

using yrkesok::testing::BundledIndex;
using yrkesok::testing::Pattern;
using yrkesok::testing::RunningServer;

// The log's lines, keys in their written order.
std::vector<nlohmann::ordered_json> read_lines(const std::filesystem::path& file) {
    std::ifstream in(file);
    std::vector<nlohmann::ordered_json> lines;
    for (std::string line; std::getline(in, line);) {
        lines.push_back(nlohmann::ordered_json::parse(line));
    }
    return lines;
}

class AccessLogTest : public testing::Test {
  protected:
    static void SetUpTestSuite() { index_ = new BundledIndex("access-log"); }
    static void TearDownTestSuite() { delete index_; }

    static yrkesok::http::HttpServerOptions options(const std::string& log, bool queries) {
        yrkesok::http::HttpServerOptions options;
        options.index_dir = (index_->dir / "index").string();
        options.port = 0;
        options.threads = 2;
        options.web_dir = (index_->dir / "no-web").string();
        options.warm_up_documents = 0;
        options.access_log = log;
        options.log_queries = queries;
        return options;
    }

    static inline BundledIndex* index_ = nullptr;
};

TEST_F(AccessLogTest, OneJsonLinePerRequestWithoutTheQueryString) {
    const auto log = index_->dir / "access.log";
    std::string etag;
    {
        RunningServer server(options(log.string(), false));
        auto client = server.client();
        // One connection, so one worker answers the requests and logs them in their order
        // (a line is written after its answer is sent; on separate connections two workers
        // could write theirs in either order).
        client.set_keep_alive(true);
        auto search = client.Get("/api/search?q=hjerte+lungemaskin", {{"Accept-Encoding", "gzip"}});
        ASSERT_TRUE(search && search->status == 200);
        etag = search->get_header_value("ETag");
        ASSERT_TRUE(client.Get("/api/search?q=hjerte+lungemaskin", {{"If-None-Match", etag}}));
        ASSERT_TRUE(client.Get("/api/search?q=lege&page=0"));
        ASSERT_TRUE(client.Get("/api/openapi.json"));
        ASSERT_TRUE(client.Head("/api/facets"));
    }
    const auto lines = read_lines(log);
    ASSERT_EQ(lines.size(), 5u);
    const Pattern utc(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z)");
    for (const auto& line : lines) {
        std::vector<std::string> keys;
        for (const auto& [key, value] : line.items()) keys.push_back(key);
        EXPECT_EQ(keys, (std::vector<std::string>{"time", "method", "path", "status", "bytes", "us",
                                                  "generation"}))
            << line;
        EXPECT_TRUE(utc.matches_all(line["time"].get<std::string>())) << line;
        EXPECT_GE(line["us"].get<long long>(), 0) << line;
        EXPECT_EQ(line["path"].get<std::string>().find('?'), std::string::npos) << line;
    }
    EXPECT_EQ(lines[0]["method"], "GET");
    EXPECT_EQ(lines[0]["path"], "/api/search");
    EXPECT_EQ(lines[0]["status"], 200);
    EXPECT_GT(lines[0]["bytes"].get<long long>(), 0);
    EXPECT_TRUE(lines[0]["generation"].get<std::string>().starts_with("gen-")) << lines[0];
    EXPECT_EQ(lines[1]["status"], 304);
    EXPECT_EQ(lines[1]["bytes"], 0);
    EXPECT_EQ(lines[1]["generation"], lines[0]["generation"]);
    EXPECT_EQ(lines[2]["status"], 400);
    EXPECT_EQ(lines[3]["path"], "/api/openapi.json");
    EXPECT_TRUE(lines[3]["generation"].is_null()) << lines[3];
    EXPECT_EQ(lines[4]["method"], "HEAD");
    EXPECT_EQ(lines[4]["bytes"], 0);
}

TEST_F(AccessLogTest, LogQueriesAddsTheQueryString) {
    const auto log = index_->dir / "queries.log";
    {
        RunningServer server(options(log.string(), true));
        auto client = server.client();
        client.set_keep_alive(true);  // in order, as above
        ASSERT_TRUE(client.Get("/api/search?q=lege&per_page=5"));
        ASSERT_TRUE(client.Get("/health"));
    }
    const auto lines = read_lines(log);
    ASSERT_EQ(lines.size(), 2u);
    EXPECT_EQ(lines[0]["query"], "q=lege&per_page=5");
    EXPECT_EQ(lines[1]["query"], "");
}

TEST_F(AccessLogTest, AnUnopenableLogFileIsAnErrorNamingTheFileAndTheOption) {
    const auto log = index_->dir / "no-such-folder" / "access.log";
    try {
        RunningServer server(options(log.string(), false));
        FAIL() << "the server started without its access log";
    } catch (const std::runtime_error& e) {
        const std::string message = e.what();
        EXPECT_NE(message.find(log.string()), std::string::npos) << message;
        EXPECT_NE(message.find("--access-log"), std::string::npos) << message;
    }
}

}  // namespace
