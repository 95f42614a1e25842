// Slow clients against a real HttpServer on 127.0.0.1 (issue: one address must not starve
// the others). Connections come from chosen loopback source addresses: the attacker's
// 127.0.0.2, a visitor's 127.0.0.3.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "support/bundled_index.h"
#include "support/running_server.h"
#include "support/sanitized.h"

namespace {

using namespace std::chrono_literals;

// The request deadline the servers here get: short, so the test is quick, but long enough for
// a search on a cold engine, which takes far longer under the sanitizers.
constexpr int kDeadlineSeconds = yrkesok::testing::kSanitized ? 8 : 2;
constexpr auto kDeadline = std::chrono::seconds(kDeadlineSeconds);

// A TCP connection from `source` to the server, closed when the object goes.
class Connection {
  public:
    Connection(const char* source, int port) : fd_(::socket(AF_INET, SOCK_STREAM, 0)) {
        sockaddr_in local{};
        local.sin_family = AF_INET;
        inet_pton(AF_INET, source, &local.sin_addr);
        sockaddr_in server{};
        server.sin_family = AF_INET;
        server.sin_port = htons(static_cast<std::uint16_t>(port));
        inet_pton(AF_INET, "127.0.0.1", &server.sin_addr);
        if (::bind(fd_, reinterpret_cast<sockaddr*>(&local), sizeof local) != 0 ||
            ::connect(fd_, reinterpret_cast<sockaddr*>(&server), sizeof server) != 0) {
            ::close(fd_);
            fd_ = -1;
        }
    }
    ~Connection() {
        if (fd_ >= 0) ::close(fd_);
    }
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    bool ok() const { return fd_ >= 0; }
    bool send(const std::string& text) {
        return ::send(fd_, text.data(), text.size(), MSG_NOSIGNAL) ==
               static_cast<ssize_t>(text.size());
    }
    // Everything the server sends until it closes the connection or `limit` passes.
    std::string read_all(std::chrono::milliseconds limit) {
        std::string out;
        const auto until = std::chrono::steady_clock::now() + limit;
        while (std::chrono::steady_clock::now() < until) {
            pollfd ready{fd_, POLLIN, 0};
            if (::poll(&ready, 1, 50) <= 0) continue;
            char buffer[65536];
            const auto n = ::recv(fd_, buffer, sizeof buffer, 0);
            if (n <= 0) {
                closed_ = true;
                break;
            }
            out.append(buffer, static_cast<std::size_t>(n));
        }
        return out;
    }
    // True once the server has closed (or reset) the connection; waits at most `limit`.
    bool closed_by_server(std::chrono::milliseconds limit) {
        read_all(limit);
        return closed_;
    }

  private:
    int fd_;
    bool closed_ = false;
};

class SlowClientsTest : public testing::Test {
  protected:
    static void SetUpTestSuite() { index_ = new yrkesok::testing::BundledIndex("slow-clients"); }
    static void TearDownTestSuite() { delete index_; }

    static yrkesok::http::HttpServerOptions options() {
        yrkesok::http::HttpServerOptions options;
        options.index_dir = (index_->dir / "index").string();
        options.port = 0;
        options.threads = 8;
        options.web_dir = (index_->dir / "no-web").string();
        options.warm_up_documents = 0;
        options.max_connections_per_address = 2;
        options.request_deadline_seconds = kDeadlineSeconds;
        return options;
    }

    static yrkesok::testing::BundledIndex* index_;
};

yrkesok::testing::BundledIndex* SlowClientsTest::index_ = nullptr;

const std::string kSearch =
    "GET /api/search?q=hjerte%20lungemaskin HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";

// Many slow connections from one address (more than there are workers) take at most their
// address's share; a visitor from another address is answered every time, and each slow
// connection is refused with 429 or closed by the request deadline.
TEST_F(SlowClientsTest, OneAddressCannotTakeEveryWorker) {
    yrkesok::testing::RunningServer server(options());
    const int port = server.server().port();
    std::vector<std::unique_ptr<Connection>> slow;
    for (int i = 0; i < 30; ++i) {
        slow.push_back(std::make_unique<Connection>("127.0.0.2", port));
        ASSERT_TRUE(slow.back()->ok());
        ASSERT_TRUE(slow.back()->send("GET /api/search?q=lege HTTP/1.1\r\nHost: x\r\n"));
    }
    // The refusals come at once, but on a loaded machine not within any fixed few
    // milliseconds: read every connection until all but two have been answered, for at most
    // five seconds; those left unanswered are the admitted ones.
    const auto whole = [](const std::string& answer) {  // headers and the JSON body
        return answer.find("\r\n\r\n{") != std::string::npos && answer.ends_with("}\n");
    };
    int refused = 0;
    std::vector<std::string> answers(slow.size());
    const auto until = std::chrono::steady_clock::now() + 5s;
    while (refused < 28 && std::chrono::steady_clock::now() < until) {
        for (std::size_t i = 0; i < slow.size(); ++i) {
            if (whole(answers[i])) continue;
            answers[i] += slow[i]->read_all(5ms);
            if (answers[i].starts_with("HTTP/1.1 429") && whole(answers[i])) ++refused;
        }
    }
    std::vector<Connection*> admitted;
    for (std::size_t i = 0; i < slow.size(); ++i) {
        const std::string& answer = answers[i];
        if (answer.starts_with("HTTP/1.1 429")) {
            const auto body = nlohmann::json::parse(answer.substr(answer.find("\r\n\r\n") + 4));
            EXPECT_EQ(body["error"]["code"], "too_many_connections");
        } else {
            admitted.push_back(slow[i].get());
        }
    }
    for (int i = 0; i < 10; ++i) {
        // Each visit from an address of its own: the same address in a row could find its
        // previous connection, closed, not yet released by the worker (cap 2), a race of
        // the test's making that showed on a loaded machine.
        const std::string address = "127.0.0." + std::to_string(3 + i);
        Connection visitor(address.c_str(), port);
        ASSERT_TRUE(visitor.ok());
        ASSERT_TRUE(visitor.send(kSearch));
        const std::string answer = visitor.read_all(kDeadline + 2s);
        ASSERT_TRUE(answer.starts_with("HTTP/1.1 200"))
            << "visitor request " << i << ": " << answer.substr(0, 80);
        EXPECT_NE(answer.find("perfusjonist"), std::string::npos);
        for (auto* connection : admitted) connection->send("X-Slow: 1\r\n");  // keep dripping
    }
    EXPECT_GE(refused, 28) << "all but the address's two connections are refused";
    // The two admitted ones never finish their request: the deadline closes them.
    for (auto& connection : slow) EXPECT_TRUE(connection->closed_by_server(kDeadline + 2s));
}

// A client that sends its request within the deadline is served as before, also on a kept
// alive connection after the first answer.
TEST_F(SlowClientsTest, APromptClientIsUntouchedByTheDeadline) {
    yrkesok::testing::RunningServer server(options());
    Connection client("127.0.0.3", server.server().port());
    ASSERT_TRUE(client.ok());
    const std::string keep_alive = "GET /health HTTP/1.1\r\nHost: x\r\n\r\n";
    for (int i = 0; i < 3; ++i) {
        ASSERT_TRUE(client.send(keep_alive));
        std::string answer;
        for (int tries = 0; tries < 40 && answer.find("\"status\"") == std::string::npos; ++tries) {
            answer += client.read_all(50ms);
        }
        EXPECT_TRUE(answer.starts_with("HTTP/1.1 200")) << answer.substr(0, 80);
        std::this_thread::sleep_for(1500ms);  // each request well inside its own deadline
    }
}

// Behind a proxy on the same machine every connection shares the proxy's address: with the
// server on a loopback address and no cap given, none is refused.
TEST_F(SlowClientsTest, NoCapByDefaultOnALoopbackAddress) {
    auto unlimited = options();
    unlimited.max_connections_per_address.reset();
    unlimited.request_deadline_seconds = 0;  // this case is about the cap alone
    yrkesok::testing::RunningServer server(unlimited);
    std::vector<std::unique_ptr<Connection>> open;
    for (int i = 0; i < 6; ++i) {
        open.push_back(std::make_unique<Connection>("127.0.0.2", server.server().port()));
        ASSERT_TRUE(open.back()->send(kSearch));
    }
    for (auto& connection : open) {
        EXPECT_TRUE(connection->read_all(kDeadline + 2s).starts_with("HTTP/1.1 200"));
    }
}

}  // namespace
