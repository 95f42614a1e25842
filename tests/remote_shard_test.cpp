// Two shards served by xapian-tcpsrv on 127.0.0.1 answer as the local index; a shard that is
// killed, or that stops answering, fails the request with IndexOpenError within the timeouts,
// and the engine reconnects once the shard is back. Every server started here is killed (its
// whole process group) when the test ends, passed or failed.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "support/bundled_index.h"
#include "support/shard_queries.h"
#include "yrkesok/format/layout.h"
#include "yrkesok/indexer/index_writer.h"
#include "yrkesok/searcher/search_engine.h"

namespace {

namespace fs = std::filesystem;
using yrkesok::search::IndexOpenError;
using yrkesok::search::SearchEngine;
using yrkesok::testing::comparable;
using yrkesok::testing::describe;

int free_port() {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
        close(fd);
        throw std::runtime_error("bind failed");
    }
    socklen_t len = sizeof addr;
    getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
    close(fd);
    return ntohs(addr.sin_port);
}

bool accepts(int port) {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bool ok = connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
    close(fd);
    return ok;
}

// One xapian-tcpsrv in a process group of its own (it forks a child per connection, so the
// group is what must be stopped or killed).
class TcpServer {
  public:
    TcpServer(const fs::path& database) : database_(database) { start(); }
    ~TcpServer() { kill_all(); }
    TcpServer(const TcpServer&) = delete;
    TcpServer& operator=(const TcpServer&) = delete;

    void start() {
        for (int attempt = 0; attempt < 5 && pid_ <= 0; ++attempt) {
            port_ = port_ ? port_ : free_port();
            pid_t pid = fork();
            if (pid < 0) throw std::runtime_error("fork failed");
            if (pid == 0) {
                setpgid(0, 0);
                const std::string port = std::to_string(port_);
                execlp("xapian-tcpsrv", "xapian-tcpsrv", "--quiet", "--interface", "127.0.0.1",
                       "--port", port.c_str(), database_.c_str(), static_cast<char*>(nullptr));
                _exit(127);
            }
            setpgid(pid, pid);
            pid_ = pid;
            for (int i = 0; i < 200 && !accepts(port_); ++i) {
                int status = 0;
                if (waitpid(pid_, &status, WNOHANG) == pid_) {  // died: port taken? try another
                    pid_ = 0;
                    port_ = 0;
                    break;
                }
                std::this_thread::sleep_for(std::chrono::milliseconds(50));
            }
        }
        if (pid_ <= 0 || !accepts(port_)) throw std::runtime_error("xapian-tcpsrv did not start");
    }
    void kill_all() {
        if (pid_ <= 0) return;
        ::kill(-pid_, SIGKILL);
        waitpid(pid_, nullptr, 0);
        pid_ = 0;
    }
    void pause() { ::kill(-pid_, SIGSTOP); }
    std::string location() const { return "tcp://127.0.0.1:" + std::to_string(port_); }
    int port() const { return port_; }

  private:
    fs::path database_;
    int port_ = 0;
    pid_t pid_ = 0;
};

using yrkesok::testing::bundled_index;

struct RemoteShards : ::testing::Test {
    static fs::path generation() {
        static const fs::path gen = [] {
            const auto& b = bundled_index();
            auto options = b.options;
            options.shards = 2;
            options.term_lists = true;  // xapian-tcpsrv sends values from the term lists
            yrkesok::index::build_index(b.records, b.dir / "sharded", *b.analyzer, options);
            yrkesok::format::IndexLayout layout(b.dir / "sharded");
            return layout.generation_path(layout.current_generation().value());
        }();
        return gen;
    }
    yrkesok::search::EngineOptions remote_options(const TcpServer& a, const TcpServer& b) {
        yrkesok::search::EngineOptions options;
        options.shards = {a.location(), b.location()};
        options.lexicon = generation().string();  // spelling and synonyms, served locally
        options.remote_timeout_ms = 1500;
        options.remote_connect_timeout_ms = 1500;
        return options;
    }
};

TEST_F(RemoteShards, TwoTcpServersAnswerEveryRequestAsTheLocalIndex) {
    const auto& b = bundled_index();
    TcpServer first(generation() / "shard-0");
    TcpServer second(generation() / "shard-1");
    SearchEngine local(b.index_dir(), b.analyzer);
    SearchEngine remote("remote", b.analyzer, remote_options(first, second));
    for (const auto& request : yrkesok::testing::shard_test_requests(b.records)) {
        EXPECT_EQ(comparable(local.search(request)), comparable(remote.search(request)))
            << describe(request);
    }
    for (const char* prefix : {"syk", "hjer", "lær"}) {
        EXPECT_EQ(yrkesok::api::suggestions_to_json(local.suggest(prefix, 8)).dump(),
                  yrkesok::api::suggestions_to_json(remote.suggest(prefix, 8)).dump());
    }
    EXPECT_EQ(yrkesok::api::facets_to_json(local.all_facets()).dump(),
              yrkesok::api::facets_to_json(remote.all_facets()).dump());
    EXPECT_EQ(local.occupation_json(b.records[7].id), remote.occupation_json(b.records[7].id));
    EXPECT_EQ(remote.info().documents, b.records.size());
}

TEST_F(RemoteShards, AKilledShardFailsTheRequestNamingItThenReconnects) {
    const auto& b = bundled_index();
    TcpServer first(generation() / "shard-0");
    TcpServer second(generation() / "shard-1");
    SearchEngine remote("remote", b.analyzer, remote_options(first, second));
    yrkesok::search::SearchRequest request;
    request.query = "sykepleier";
    const auto before = comparable(remote.search(request));

    second.kill_all();
    const auto started = std::chrono::steady_clock::now();
    try {
        remote.search(request);
        ADD_FAILURE() << "a search over a dead shard answered";
    } catch (const IndexOpenError& e) {
        EXPECT_NE(std::string(e.what()).find("remote"), std::string::npos) << e.what();
    }
    // A reconnect is refused too, naming the shard's address.
    try {
        remote.search(request);
        ADD_FAILURE() << "a search over a dead shard answered";
    } catch (const IndexOpenError& e) {
        EXPECT_NE(std::string(e.what()).find(std::to_string(second.port())), std::string::npos)
            << e.what();
    }
    EXPECT_THROW(remote.info(), IndexOpenError);
    std::cerr << "failures took "
              << std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count()
              << " s\n";

    second.start();  // same port
    EXPECT_TRUE(remote.reopen_if_changed());
    EXPECT_EQ(comparable(remote.search(request)), before);
}

// /health reads info(): it must notice a dead shard that is not the first (metadata comes
// from the first shard only).
TEST_F(RemoteShards, InfoFailsWhenTheSecondShardIsDown) {
    const auto& b = bundled_index();
    TcpServer first(generation() / "shard-0");
    TcpServer second(generation() / "shard-1");
    SearchEngine remote("remote", b.analyzer, remote_options(first, second));
    EXPECT_EQ(remote.info().documents, b.records.size());
    second.kill_all();
    EXPECT_THROW(remote.info(), IndexOpenError);
}

TEST_F(RemoteShards, AShardThatStopsAnsweringTimesOutInsteadOfHanging) {
    const auto& b = bundled_index();
    TcpServer first(generation() / "shard-0");
    TcpServer second(generation() / "shard-1");
    SearchEngine remote("remote", b.analyzer, remote_options(first, second));
    yrkesok::search::SearchRequest request;
    request.query = "lege";
    remote.search(request);
    first.pause();  // the server and its connection handler stop, the socket stays open
    request.query = "tannlege";
    EXPECT_THROW(remote.search(request), IndexOpenError);
}

// A shard written without term lists cannot send its documents over xapian-tcpsrv: the search
// fails with an error that names the option to build it with, not an unknown exception.
TEST_F(RemoteShards, AShardWithoutTermListsIsRefusedNamingTheOptionThatFixesIt) {
    const auto& b = bundled_index();
    auto options = b.options;
    options.shards = 2;
    options.term_lists = false;
    yrkesok::index::build_index(b.records, b.dir / "lean", *b.analyzer, options);
    const yrkesok::format::IndexLayout layout(b.dir / "lean");
    const fs::path lean = layout.generation_path(layout.current_generation().value());
    TcpServer first(lean / "shard-0");
    TcpServer second(lean / "shard-1");
    yrkesok::search::EngineOptions engine_options;
    engine_options.shards = {first.location(), second.location()};
    engine_options.lexicon = lean.string();
    SearchEngine remote("remote", b.analyzer, engine_options);
    yrkesok::search::SearchRequest request;
    request.query = "sykepleier";
    try {
        remote.search(request);
        ADD_FAILURE() << "a search over shards without term lists answered";
    } catch (const IndexOpenError& e) {
        EXPECT_NE(std::string(e.what()).find("--term-lists"), std::string::npos) << e.what();
    }
}

}  // namespace
