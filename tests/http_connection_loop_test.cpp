// The connection loop against a real HttpServer on 127.0.0.1 with a single worker thread: a
// connection holds no worker while its request is still arriving or while its client is not
// reading the answer, pipelined requests are answered in order, a body that cannot be read
// whole is refused at once, "100 Continue" is sent, and a request head longer than allowed is
// refused. Each server gets a long I/O timeout, so that a worker that did wait
// on a slow connection would stay stuck far longer than the bounds these checks allow.
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "support/bundled_index.h"
#include "support/process.h"
#include "support/running_server.h"
#include "yrkesok/meili/routes.h"

namespace {

using yrkesok::testing::body_of;
using yrkesok::testing::http_get;
using yrkesok::testing::RawConnection;
using yrkesok::testing::status_of;

constexpr int kStuckSeconds = 60;
// How long a request on another connection may take here: generous for a loaded machine and
// the sanitizers, and far below kStuckSeconds.
constexpr int kAnswerWithinMs = 20000;

// Whole responses (head and Content-Length body) read from `fd` until `count` arrived or
// `timeout_ms` passed without data.
std::vector<std::string> read_responses(int fd, std::size_t count, int timeout_ms) {
    std::vector<std::string> responses;
    std::string data;
    char buffer[16384];
    while (responses.size() < count) {
        const auto head_end = data.find("\r\n\r\n");
        if (head_end != std::string::npos) {
            const auto at = data.find("Content-Length: ");
            if (at != std::string::npos && at < head_end) {
                const std::size_t length = std::stoul(data.substr(at + 16));
                if (data.size() >= head_end + 4 + length) {
                    responses.push_back(data.substr(0, head_end + 4 + length));
                    data.erase(0, head_end + 4 + length);
                    continue;
                }
            }
        }
        pollfd ready{fd, POLLIN, 0};
        if (::poll(&ready, 1, timeout_ms) <= 0) break;
        const auto got = ::recv(fd, buffer, sizeof buffer, 0);
        if (got <= 0) break;
        data.append(buffer, static_cast<std::size_t>(got));
    }
    return responses;
}

// What `fd` sends up to and including the first `end`, or all it sent in `timeout_ms`.
std::string read_until(int fd, const std::string& end, int timeout_ms) {
    std::string data;
    char byte = 0;
    while (data.find(end) == std::string::npos) {
        pollfd ready{fd, POLLIN, 0};
        if (::poll(&ready, 1, timeout_ms) <= 0 || ::recv(fd, &byte, 1, 0) != 1) break;
        data += byte;
    }
    return data;
}

class ConnectionLoopTest : public testing::Test {
  protected:
    static void SetUpTestSuite() { index_ = new yrkesok::testing::BundledIndex("conn-loop"); }
    static void TearDownTestSuite() { delete index_; }

    static yrkesok::http::HttpServerOptions one_worker() {
        yrkesok::http::HttpServerOptions options;
        options.index_dir = (index_->dir / "index").string();
        options.port = 0;
        options.threads = 1;
        options.web_dir = (index_->dir / "no-web").string();
        options.warm_up_documents = 0;
        options.io_timeout_seconds = kStuckSeconds;
        options.request_deadline_seconds = kStuckSeconds;
        options.keep_alive_seconds = kStuckSeconds;
        options.route_sets.push_back(yrkesok::meili::route_set());  // routes that take a body
        return options;
    }

    static yrkesok::testing::BundledIndex* index_;
};

yrkesok::testing::BundledIndex* ConnectionLoopTest::index_ = nullptr;

TEST_F(ConnectionLoopTest, PipelinedRequestsAreAnsweredInOrderOnOneConnection) {
    yrkesok::testing::RunningServer running(one_worker());
    RawConnection connection(running.server().port());
    ASSERT_TRUE(connection.connected());
    // Three requests in one write: the bytes after the first must wait for their turn.
    ASSERT_TRUE(connection.send_all(
        "GET /api/search?q=lege HTTP/1.1\r\nHost: x\r\n\r\n"
        "GET /health HTTP/1.1\r\nHost: x\r\n\r\n"
        "GET /api/search?q=sykepleier HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
    const auto responses = read_responses(connection.fd(), 3, kAnswerWithinMs);
    ASSERT_EQ(responses.size(), 3u);
    for (const auto& response : responses) EXPECT_EQ(status_of(response), 200) << response;
    EXPECT_EQ(nlohmann::json::parse(body_of(responses[0]))["query"], "lege");
    EXPECT_EQ(nlohmann::json::parse(body_of(responses[1]))["status"], "ok");
    EXPECT_EQ(nlohmann::json::parse(body_of(responses[2]))["query"], "sykepleier");
    EXPECT_TRUE(connection.closed_by_peer(kAnswerWithinMs)) << "Connection: close was not kept";
}

TEST_F(ConnectionLoopTest, PipelinedRequestsBeforeAHalfCloseAreAllAnswered) {
    yrkesok::testing::RunningServer running(one_worker());
    RawConnection connection(running.server().port());
    ASSERT_TRUE(
        connection.send_all("GET /health HTTP/1.1\r\nHost: x\r\n\r\n"
                            "GET /api/search?q=lege HTTP/1.1\r\nHost: x\r\n\r\n"
                            "GET /health HTTP/1.1\r\nHost: x\r\n\r\n"));
    connection.finish_sending();
    const auto responses = read_responses(connection.fd(), 3, kAnswerWithinMs);
    ASSERT_EQ(responses.size(), 3u);
    for (const auto& response : responses) EXPECT_EQ(status_of(response), 200) << response;
    EXPECT_EQ(nlohmann::json::parse(body_of(responses[1]))["query"], "lege");
}

TEST_F(ConnectionLoopTest, AHalfSentRequestHoldsNoWorker) {
    yrkesok::testing::RunningServer running(one_worker());
    const int port = running.server().port();
    RawConnection stalled(port);
    ASSERT_TRUE(stalled.send_all("GET /api/search?q=lege HTTP/1.1\r\nHost: x"));
    // The only worker is free: another client is answered while the head above is unfinished.
    const auto response = http_get(port, "/api/search?q=lege", kAnswerWithinMs);
    EXPECT_EQ(status_of(response), 200) << response;
    // The stalled request is still answered once it is complete.
    ASSERT_TRUE(stalled.send_all("\r\nConnection: close\r\n\r\n"));
    EXPECT_EQ(status_of(stalled.read_response(kAnswerWithinMs)), 200);
}

TEST_F(ConnectionLoopTest, AClientThatDoesNotReadItsAnswersHoldsNoWorker) {
    yrkesok::testing::RunningServer running(one_worker());
    const int port = running.server().port();
    // A client with a small receive window asks for about 4 MB of answers (more than the
    // kernel buffers on both ends hold) and reads none. 100 is the server's requests per
    // connection: the last answer closes it.
    RawConnection hog(port, /*receive_buffer_bytes=*/4096);
    ASSERT_TRUE(hog.connected());
    std::string requests;
    for (int k = 0; k < 100; ++k) {
        requests += "GET /api/search?q=arbeid&per_page=100&page=" + std::to_string(1 + k % 3) +
                    " HTTP/1.1\r\nHost: x\r\n\r\n";
    }
    ASSERT_TRUE(hog.send_all(requests));
    // The only worker is not stuck writing to it: another client is answered.
    const auto response = http_get(port, "/health", kAnswerWithinMs);
    EXPECT_EQ(status_of(response), 200) << response;
    // And the hog, once it reads, gets every answer in order.
    const auto answers = read_responses(hog.fd(), 100, kAnswerWithinMs);
    ASSERT_EQ(answers.size(), 100u);
    for (std::size_t k = 0; k < answers.size(); ++k) {
        ASSERT_EQ(status_of(answers[k]), 200) << k;
        EXPECT_EQ(nlohmann::json::parse(body_of(answers[k]))["page"], 1 + k % 3) << k;
    }
}

// A body past the limit is refused at once, in the route's error shape, without reading it:
// the client that declared a megabyte and sent a few bytes of it holds no worker.
TEST_F(ConnectionLoopTest, ABodyPastTheLimitIsRefusedWithoutWaitingForIt) {
    yrkesok::testing::RunningServer running(one_worker());
    const int port = running.server().port();
    RawConnection connection(port);
    ASSERT_TRUE(connection.send_all(
        "POST /api/search HTTP/1.1\r\nHost: x\r\nContent-Length: 1000000\r\n\r\nabc"));
    const auto response = connection.read_response(kAnswerWithinMs);
    ASSERT_EQ(status_of(response), 413) << response;
    EXPECT_EQ(nlohmann::json::parse(body_of(response))["error"]["code"], "payload_too_large");
    EXPECT_TRUE(connection.closed_by_peer(kAnswerWithinMs));
    EXPECT_EQ(status_of(http_get(port, "/health", kAnswerWithinMs)), 200);
}

// The same while the client goes on sending its whole body: its answer is not lost to a
// reset, as it was when the server closed with the body still arriving (a client that sees its
// write fail gives up on the answer, as cpp-httplib's does).
TEST_F(ConnectionLoopTest, AClientStillSendingAnOversizeBodyGetsItsAnswer) {
    yrkesok::testing::RunningServer running(one_worker());
    for (int attempt = 0; attempt < 5; ++attempt) {
        auto result = running.client().Post("/api/search", std::string(4 << 20, 'x'), "text/plain");
        ASSERT_TRUE(result) << "attempt " << attempt << ": " << httplib::to_string(result.error());
        EXPECT_EQ(result->status, 413);
        EXPECT_EQ(nlohmann::json::parse(result->body)["error"]["code"], "payload_too_large");
    }
}

// A POST without Content-Length has no body: it is answered, not read until the client closes.
TEST_F(ConnectionLoopTest, APostWithoutALengthIsAnsweredAsHavingNoBody) {
    yrkesok::testing::RunningServer running(one_worker());
    RawConnection connection(running.server().port());
    ASSERT_TRUE(connection.send_all("POST / HTTP/1.1\r\nHost: x\r\n\r\n"));
    const auto response = connection.read_response(kAnswerWithinMs);
    EXPECT_GE(status_of(response), 400) << response;
    EXPECT_LT(status_of(response), 500) << response;
}

// A client that waits for "100 Continue" before its body gets it, then its answer.
TEST_F(ConnectionLoopTest, AClientExpectingContinueIsToldToSendItsBody) {
    yrkesok::testing::RunningServer running(one_worker());
    RawConnection connection(running.server().port());
    const std::string body = R"({"q":"lege","limit":3})";
    ASSERT_TRUE(connection.send_all(
        "POST /indexes/yrker/search HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        "Expect: 100-continue\r\nContent-Length: " +
        std::to_string(body.size()) + "\r\n\r\n"));
    const auto interim = read_until(connection.fd(), "\r\n\r\n", kAnswerWithinMs);
    ASSERT_EQ(interim.rfind("HTTP/1.1 100 Continue\r\n\r\n", 0), 0u) << interim;
    ASSERT_TRUE(connection.send_all(body));
    const auto response = connection.read_response(kAnswerWithinMs);
    ASSERT_EQ(status_of(response), 200) << response;
    EXPECT_EQ(nlohmann::json::parse(body_of(response))["hits"].size(), 3u);
}

TEST_F(ConnectionLoopTest, AHeadLongerThanAllowedIsRefusedWith431AndClosed) {
    yrkesok::testing::RunningServer running(one_worker());
    RawConnection connection(running.server().port());
    // 100 KiB of header lines with no blank line: past what any allowed request head needs.
    std::string head = "GET /health HTTP/1.1\r\nHost: x\r\n";
    while (head.size() < 100 * 1024) head += "X-Filler: " + std::string(100, 'a') + "\r\n";
    connection.send_all(head);
    const auto response = connection.read_response(kAnswerWithinMs);
    ASSERT_EQ(status_of(response), 431) << response.substr(0, 200);
    EXPECT_EQ(nlohmann::json::parse(body_of(response))["error"]["code"],
              "request_header_fields_too_large");
    EXPECT_TRUE(connection.closed_by_peer(kAnswerWithinMs));
}

}  // namespace
