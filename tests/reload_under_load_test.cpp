// A real `yrkesok serve` answers 64 concurrent keep-alive connections while `yrkesok index`
// rebuilds the served directory 10 times from a changing corpus, alternating --update and full
// builds. No request may fail, and after each rebuild the answers come from the new generation:
// /health names it and a record that changes every round shows the new text.
#include <gtest/gtest.h>
#include <httplib.h>

#include <atomic>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "support/process.h"
#include "support/sanitized.h"

namespace {

namespace fs = std::filesystem;
using yrkesok::testing::ChildProcess;

const fs::path kSource = YRKESOK_SOURCE_DIR;
constexpr int kConnections = 64;
// Each connection waits kPause between requests: 64 connections stay open and busy without
// starving the indexer of CPU on a small machine. The scheduler shares the CPU per thread, so
// a server that cannot keep up leaves the one indexer thread about 1/140 of it.
// Under the sanitizers (build-asan) the server answers ~10 times slower: fewer swaps there and
// a longer pause, the same 64 connections; the normal build does the full 10.
constexpr int kRebuilds = yrkesok::testing::kSanitized ? 3 : 10;
constexpr auto kPause = std::chrono::milliseconds(yrkesok::testing::kSanitized ? 200 : 20);
constexpr std::size_t kRecords = 40;  // of the bundled corpus: quick rebuilds, real content
// A bound for a hung build, not a speed check: a rebuild of kRecords takes seconds.
constexpr int kIndexSeconds = 600;

// The first kRecords lines of the bundled corpus, with the first record's summary marked with
// `round` so each generation's answer differs.
void write_corpus(const fs::path& file, int round) {
    std::ifstream in(kSource / "corpus/occupations.jsonl");
    std::ofstream out(file, std::ios::trunc);
    std::string line;
    for (std::size_t n = 0; n < kRecords && std::getline(in, line); ++n) {
        if (n == 0) {
            auto record = nlohmann::ordered_json::parse(line);
            record["summary"] =
                record["summary"].get<std::string>() + " Utgave " + std::to_string(round) + ".";
            line = record.dump();
        }
        out << line << "\n";
    }
}

std::string first_record_id() {
    std::ifstream in(kSource / "corpus/occupations.jsonl");
    std::string line;
    std::getline(in, line);
    return nlohmann::json::parse(line)["id"];
}

int run_index(const fs::path& corpus, const fs::path& index, bool update) {
    std::vector<std::string> args = {"index",
                                     "--corpus",
                                     corpus.string(),
                                     "--index",
                                     index.string(),
                                     "--synonyms",
                                     (kSource / "corpus/synonyms.tsv").string(),
                                     "--vocab",
                                     (kSource / "corpus").string()};
    if (update) args.push_back("--update");
    ChildProcess indexer(args, {}, true);
    return indexer.wait_exit(kIndexSeconds);
}

TEST(ReloadUnderLoad, SixtyFourConnectionsSeeNoFailureAcrossTenRebuilds) {
    const fs::path dir = fs::temp_directory_path() / ("yrkesok-reload-" + std::to_string(getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    const fs::path corpus = dir / "occupations.jsonl";
    const fs::path index = dir / "index";
    write_corpus(corpus, 0);
    ASSERT_EQ(run_index(corpus, index, false), 0);

    // More workers than load connections, so the checks below always find a free one.
    ChildProcess server({"serve", "--index", index.string(), "--port", "0", "--web",
                         (dir / "no-web").string(), "--threads", std::to_string(kConnections + 8)},
                        {}, true);
    const int port = yrkesok::testing::read_serve_port(server);
    ASSERT_GT(port, 0);

    const std::vector<std::string> queries = {"/api/search?q=sykepleier",
                                              "/api/search?q=lege&per_page=20",
                                              "/api/search?q=helse",
                                              "/api/search?q=&sector=Helse%20og%20sosial",
                                              "/api/suggest?q=ad",
                                              "/api/facets",
                                              "/api/search?q=arbeid+med+mennesker&page=2"};
    std::atomic<std::size_t> sent{0};
    std::atomic<std::size_t> failed{0};
    std::mutex mutex;
    std::vector<std::string> failures;  // GUARDED_BY(mutex)
    // jthreads: however the test ends, even by a failed ASSERT, the clients are asked to stop
    // and joined before the server (declared earlier) is killed.
    std::vector<std::jthread> clients;
    for (int c = 0; c < kConnections; ++c) {
        clients.emplace_back([&, c](std::stop_token stop) {
            httplib::Client client("127.0.0.1", port);
            client.set_keep_alive(true);
            client.set_read_timeout(30, 0);
            for (std::size_t i = static_cast<std::size_t>(c); !stop.stop_requested(); ++i) {
                const auto& target = queries[i % queries.size()];
                auto res = client.Get(target);
                ++sent;
                std::this_thread::sleep_for(kPause);
                if (!res || res->status != 200) {
                    ++failed;
                    std::lock_guard lock(mutex);
                    if (failures.size() < 20) {
                        failures.push_back(
                            target + ": " +
                            (res ? std::to_string(res->status) + " " + res->body.substr(0, 200)
                                 : httplib::to_string(res.error())));
                    }
                }
            }
        });
    }

    httplib::Client checker("127.0.0.1", port);
    checker.set_read_timeout(30, 0);
    const std::string record_path = "/api/occupations/" + first_record_id();
    std::string generation;
    if (auto res = checker.Get("/health"))
        generation = nlohmann::json::parse(res->body)["generation"];
    ASSERT_FALSE(generation.empty());

    int switched = 0;
    for (int round = 1; round <= kRebuilds; ++round) {
        std::this_thread::sleep_for(std::chrono::milliseconds(200));  // load on the old one
        write_corpus(corpus, round);
        ASSERT_EQ(run_index(corpus, index, round % 2 == 1), 0) << "rebuild " << round;
        // The next request after the switch is answered from the new generation.
        auto health = checker.Get("/health");
        ASSERT_TRUE(health && health->status == 200);
        const std::string now = nlohmann::json::parse(health->body)["generation"];
        auto record = checker.Get(record_path);
        ASSERT_TRUE(record && record->status == 200);
        const auto summary = nlohmann::json::parse(record->body)["summary"].get<std::string>();
        EXPECT_NE(now, generation) << "rebuild " << round << " did not go live";
        EXPECT_NE(summary.find("Utgave " + std::to_string(round) + "."), std::string::npos)
            << "rebuild " << round << " served: " << summary;
        switched += now != generation ? 1 : 0;
        generation = now;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    for (auto& client : clients) client.request_stop();
    clients.clear();  // joins

    std::printf(
        "reload under load: %zu requests over %d connections, %zu failed, %d of %d "
        "rebuilds went live\n",
        sent.load(), kConnections, failed.load(), switched, kRebuilds);
    EXPECT_EQ(failed.load(), 0u);
    for (const auto& failure : failures) ADD_FAILURE() << failure;
    EXPECT_GT(sent.load(), static_cast<std::size_t>(kConnections * kRebuilds));
    EXPECT_EQ(switched, kRebuilds);
    EXPECT_TRUE(server.running());

    server.signal(SIGTERM);
    EXPECT_EQ(server.wait_exit(30), 0);
    fs::remove_all(dir);
}

}  // namespace
