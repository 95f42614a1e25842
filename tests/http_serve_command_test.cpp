// `yrkesok serve` as a process: the start line names the real port, SIGHUP keeps it serving,
// SIGTERM and SIGINT stop it with exit status 0, and mistakes give the documented statuses.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <regex>
#include <string>
#include <vector>

#include "yrkesok/analyzer.h"
#include "yrkesok/corpus.h"
#include "yrkesok/index_writer.h"

extern char** environ;

namespace {

namespace fs = std::filesystem;

const fs::path kSource = YRKESOK_SOURCE_DIR;
const fs::path kBinary = fs::path(YRKESOK_BINARY_DIR) / "bin/yrkesok";

// A child process with its stdout on a pipe; killed if still running at destruction.
class Child {
  public:
    explicit Child(std::vector<std::string> args) {
        int fds[2];
        if (pipe(fds) != 0) throw std::runtime_error("pipe failed");
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO);
        posix_spawn_file_actions_addclose(&actions, fds[0]);
        args.insert(args.begin(), kBinary.string());
        std::vector<char*> argv;
        for (auto& arg : args) argv.push_back(arg.data());
        argv.push_back(nullptr);
        const int error =
            posix_spawn(&pid_, kBinary.c_str(), &actions, nullptr, argv.data(), environ);
        posix_spawn_file_actions_destroy(&actions);
        close(fds[1]);
        out_ = fds[0];
        if (error != 0) throw std::runtime_error("cannot start " + kBinary.string());
    }
    ~Child() {
        if (pid_ > 0) {
            kill(pid_, SIGKILL);
            waitpid(pid_, nullptr, 0);
        }
        close(out_);
    }

    // The first line of stdout, waiting up to `seconds`; "" on timeout or end of output.
    std::string read_line(int seconds) {
        std::string line;
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
        while (std::chrono::steady_clock::now() < deadline) {
            pollfd fd{out_, POLLIN, 0};
            if (poll(&fd, 1, 100) <= 0) continue;
            char c = 0;
            if (read(out_, &c, 1) != 1) break;
            if (c == '\n') return line;
            line += c;
        }
        return line;
    }
    void signal(int number) { kill(pid_, number); }
    // The exit status, or -1 if it did not exit normally within `seconds`.
    int wait_exit(int seconds) {
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
        while (std::chrono::steady_clock::now() < deadline) {
            int status = 0;
            if (waitpid(pid_, &status, WNOHANG) == pid_) {
                pid_ = -1;
                return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
            }
            usleep(10000);
        }
        return -1;
    }

  private:
    pid_t pid_ = -1;
    int out_ = -1;
};

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
    static int start(Child& child, std::string& line) {
        line = child.read_line(30);
        std::smatch match;
        if (!std::regex_search(line, match,
                               std::regex(R"(listening on http://127\.0\.0\.1:(\d+) )"))) {
            return 0;
        }
        return std::stoi(match[1]);
    }
    static std::vector<std::string> serve_args() {
        return {"serve", "--index", (dir_ / "index").string(),  "--port",
                "0",     "--web",   (dir_ / "no-web").string(), "--threads",
                "4"};
    }

    static inline fs::path dir_;
};

TEST_F(ServeCommandTest, PrintsTheRealPortAndStopsCleanlyOnSigterm) {
    Child child(serve_args());
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
    Child child(serve_args());
    std::string line;
    const int port = start(child, line);
    ASSERT_GT(port, 0) << line;
    httplib::Client client("127.0.0.1", port);
    client.set_keep_alive(true);
    ASSERT_TRUE(client.Get("/health"));
    child.signal(SIGINT);
    EXPECT_EQ(child.wait_exit(10), 0);
}

TEST_F(ServeCommandTest, MissingIndexOptionIsAUsageError) {
    Child child({"serve", "--port", "0"});
    EXPECT_EQ(child.wait_exit(10), 2);
}

TEST_F(ServeCommandTest, UnopenableIndexFailsWithStatus1) {
    Child child({"serve", "--index", (dir_ / "nonexistent").string(), "--port", "0"});
    EXPECT_EQ(child.wait_exit(30), 1);
}

}  // namespace
