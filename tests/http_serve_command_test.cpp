// `yrkesok serve` as a process: the start line names the real port, SIGHUP keeps it serving,
// SIGTERM and SIGINT stop it with exit status 0 after answering the request in flight, and
// mistakes give the documented statuses.
#include <gtest/gtest.h>
#include <httplib.h>
#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "support/pattern.h"
#include "support/process.h"
#include "yrkesok/analyzers/analyzer.h"
#include "yrkesok/indexer/corpus.h"
#include "yrkesok/indexer/index_writer.h"

namespace {

using yrkesok::testing::Pattern;

namespace fs = std::filesystem;

const fs::path kSource = YRKESOK_SOURCE_DIR;

using yrkesok::testing::ChildProcess;
using yrkesok::testing::RawConnection;

class ServeCommandTest : public testing::Test {
  protected:
    static void SetUpTestSuite() {
        dir_ = fs::temp_directory_path() / ("yrkesok-serve-test-" + std::to_string(getpid()));
        fs::remove_all(dir_);
        auto vocabularies = yrkesok::index::Vocabularies::load(kSource / "corpus");
        auto records = yrkesok::index::read_corpus(kSource / "tests/fixtures/corpus/valid.jsonl",
                                                   vocabularies);
        yrkesok::analyzers::Analyzer analyzer;
        yrkesok::index::build_index(records.records, dir_ / "index", analyzer, {});
    }
    static void TearDownTestSuite() { fs::remove_all(dir_); }

    // Starts `yrkesok serve` on a free port and returns the port from its start line.
    static int start(ChildProcess& child, std::string& line) {
        line = child.read_line(30);
        const auto match = Pattern(R"(listening on http://127\.0\.0\.1:(\d+) )").first_match(line);
        return match ? std::stoi((*match)[1]) : 0;
    }
    static std::vector<std::string> serve_args() {
        return {"serve", "--index", (dir_ / "index").string(),  "--port",
                "0",     "--web",   (dir_ / "no-web").string(), "--threads",
                "4"};
    }

    static inline fs::path dir_;
};

TEST_F(ServeCommandTest, PrintsTheRealPortAndStopsCleanlyOnSigterm) {
    ChildProcess child(serve_args());
    std::string line;
    const int port = start(child, line);
    ASSERT_GT(port, 0) << line;
    EXPECT_NE(line.find("generation gen-"), std::string::npos) << line;
    EXPECT_NE(line.find("3 documents"), std::string::npos) << line;

    httplib::Client client("127.0.0.1", port);
    auto health = client.Get("/health");
    ASSERT_TRUE(health);
    EXPECT_EQ(health->status, 200);

    child.signal(SIGHUP);  // reopen, keep serving
    auto again = client.Get("/health");
    ASSERT_TRUE(again);
    EXPECT_EQ(again->status, 200);

    child.signal(SIGTERM);
    EXPECT_EQ(child.wait_exit(10), 0);
}

TEST_F(ServeCommandTest, StopsCleanlyOnSigintWithAnIdleKeepAliveConnection) {
    ChildProcess child(serve_args());
    std::string line;
    const int port = start(child, line);
    ASSERT_GT(port, 0) << line;
    httplib::Client client("127.0.0.1", port);
    client.set_keep_alive(true);
    ASSERT_TRUE(client.Get("/health"));
    child.signal(SIGINT);
    EXPECT_EQ(child.wait_exit(10), 0);
}

TEST_F(ServeCommandTest, SigtermAnswersTheRequestInFlightRefusesNewOnesAndExitsZero) {
    ChildProcess child(serve_args());
    std::string line;
    const int port = start(child, line);
    ASSERT_GT(port, 0) << line;

    // A slow client: half of the request head before SIGTERM, the rest after it.
    RawConnection slow(port);
    ASSERT_TRUE(slow.connected());
    ASSERT_TRUE(slow.send_all("GET /api/search?q=sykepleier HTTP/1.1\r\nHost: 127.0.0.1\r\n"));
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    child.signal(SIGTERM);
    std::this_thread::sleep_for(std::chrono::milliseconds(300));

    RawConnection late(port);
    EXPECT_FALSE(late.connected()) << "a new connection was accepted after SIGTERM";

    ASSERT_TRUE(slow.send_all("Connection: close\r\n\r\n"));
    const std::string answer = slow.read_response(10000);
    ASSERT_EQ(yrkesok::testing::status_of(answer), 200) << answer.substr(0, 200);
    const auto body = answer.find("\r\n\r\n");
    ASSERT_NE(body, std::string::npos);
    const auto json = nlohmann::json::parse(answer.substr(body + 4));  // the whole answer
    EXPECT_TRUE(json.contains("hits")) << json;
    EXPECT_EQ(child.wait_exit(15), 0);
}

TEST_F(ServeCommandTest, MissingIndexOptionIsAUsageError) {
    ChildProcess child({"serve", "--port", "0"});
    EXPECT_EQ(child.wait_exit(10), 2);
}

TEST_F(ServeCommandTest, UnopenableIndexFailsWithStatus1) {
    ChildProcess child({"serve", "--index", (dir_ / "nonexistent").string(), "--port", "0"});
    EXPECT_EQ(child.wait_exit(30), 1);
}

}  // namespace
