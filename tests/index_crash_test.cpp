// `yrkesok index` killed with SIGKILL at random moments, ten times, during full builds and
// updates of a corpus twice the bundled one. After every kill the index directory still
// opens with SearchEngine and answers a query from a complete generation (the previous one, or
// the new one if the kill came after the switch); the next run removes what the killed one
// left behind, and a final complete run leaves only complete generations.
//
// The moments are drawn from a seed printed with the results; YRKESOK_CRASH_SEED repeats a run.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <thread>

#include "support/process.h"
#include "yrkesok/analyzers/analyzer.h"
#include "yrkesok/format/layout.h"
#include "yrkesok/searcher/search_engine.h"

namespace {

namespace fs = std::filesystem;
using yrkesok::testing::ChildProcess;

const fs::path kSource = YRKESOK_SOURCE_DIR;
// Not run under the sanitizers (LABELS no_asan): a killed process reports nothing there.
constexpr int kCopies = 2;
constexpr int kKills = 10;

// The bundled corpus kCopies times with distinct ids; `variant` changes every summary so an
// update has to re-index every record.
std::size_t write_corpus(const fs::path& file, int variant) {
    std::ofstream out(file, std::ios::trunc);
    std::size_t records = 0;
    for (int copy = 0; copy < kCopies; ++copy) {
        std::ifstream in(kSource / "corpus/occupations.jsonl");
        std::string line;
        while (std::getline(in, line)) {
            if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
            auto record = nlohmann::ordered_json::parse(line);
            if (copy > 0)
                record["id"] = record["id"].get<std::string>() + "-" + std::to_string(copy);
            if (variant > 0) {
                record["summary"] =
                    record["summary"].get<std::string>() + " Variant " + std::to_string(variant);
            }
            out << record.dump() << "\n";
            ++records;
        }
    }
    return records;
}

struct Leftovers {
    std::size_t partial = 0;
    std::size_t next_links = 0;
};

Leftovers leftovers(const fs::path& index) {
    Leftovers found;
    for (const auto& entry : fs::directory_iterator(index)) {
        const auto name = entry.path().filename().string();
        if (name.ends_with(".partial")) ++found.partial;
        if (name.starts_with("current.next-")) ++found.next_links;
    }
    return found;
}

// Opens the index as the server would and runs a query; returns the generation served.
std::string serve_check(const fs::path& index,
                        const std::shared_ptr<const yrkesok::analyzers::Analyzer>& analyzer,
                        std::size_t documents) {
    yrkesok::search::SearchEngine engine(index.string(), analyzer);
    EXPECT_EQ(engine.info().documents, documents);
    yrkesok::search::SearchRequest request;
    request.query = "sykepleier";
    auto response = engine.search(request);
    EXPECT_GT(response.total, 0u);
    return engine.info().generation;
}

std::vector<std::string> index_args(const fs::path& corpus, const fs::path& index, bool update) {
    std::vector<std::string> args = {"index",
                                     "--corpus",
                                     corpus.string(),
                                     "--index",
                                     index.string(),
                                     "--vocab",
                                     (kSource / "corpus").string(),
                                     "--progress"};  // the kills follow its lines
    if (update) args.push_back("--update");
    return args;
}

TEST(IndexCrash, KilledIndexerLeavesAServableGenerationAndTheNextRunCleansUp) {
    const fs::path dir = fs::temp_directory_path() / ("yrkesok-crash-" + std::to_string(getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    const fs::path index = dir / "index";
    const fs::path corpus[2] = {dir / "a.jsonl", dir / "b.jsonl"};
    const std::size_t documents = write_corpus(corpus[0], 0);
    ASSERT_EQ(write_corpus(corpus[1], 1), documents);

    unsigned seed = std::random_device{}();
    if (const char* pinned = std::getenv("YRKESOK_CRASH_SEED")) seed = std::stoul(pinned);
    std::mt19937 rng(seed);

    // A complete build first.
    const auto started = std::chrono::steady_clock::now();
    {
        ChildProcess indexer(index_args(corpus[0], index, false), {}, true);
        ASSERT_EQ(indexer.wait_exit(300), 0);
    }
    const double build_seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();

    auto analyzer = std::make_shared<const yrkesok::analyzers::Analyzer>();
    ASSERT_FALSE(serve_check(index, analyzer, documents).empty());

    int killed_mid_run = 0;
    int partial_left = 0;
    int cleaned = 0;
    std::string moments;
    for (int round = 0; round < kKills; ++round) {
        const bool update = round % 2 == 1;
        const auto before = leftovers(index);
        // Kill moments follow the indexer's own progress lines (one per tenth of the records,
        // on stderr when it is not a terminal), not the clock, so that a busy or an idle
        // machine kills at the same stages: 0 while it starts (dictionaries, validation),
        // 1-9 as it reports that tenth written, 10 after it reported all (the commit, the
        // metadata and the switch).
        const int stage = std::uniform_int_distribution<int>(0, 10)(rng);
        moments += (moments.empty() ? "" : ", ") + std::to_string(stage * 10) + "%";
        {
            ChildProcess indexer(index_args(corpus[(round + 1) % 2], index, update), {}, false,
                                 true);
            if (stage == 0) {
                std::this_thread::sleep_for(
                    std::chrono::milliseconds(std::uniform_int_distribution<int>(0, 300)(rng)));
            } else {
                const std::string mark = "(" + std::to_string(stage * 10) + "%)";
                for (std::string line = indexer.read_line(120); !line.empty();
                     line = indexer.read_line(120)) {
                    if (line.find(mark) != std::string::npos) break;
                }
                if (stage == 10) {
                    std::this_thread::sleep_for(
                        std::chrono::milliseconds(std::uniform_int_distribution<int>(0, 50)(rng)));
                }
            }
            if (indexer.running()) {
                ++killed_mid_run;
                indexer.signal(SIGKILL);
            }
            indexer.wait_exit(60);
        }
        const auto after = leftovers(index);
        // Whatever the previous killed run left, this run removed before writing its own.
        EXPECT_LE(after.partial, 1u) << "round " << round;
        EXPECT_LE(after.next_links, 1u) << "round " << round;
        if (before.partial + before.next_links > 0) ++cleaned;
        partial_left += after.partial > 0 ? 1 : 0;

        const auto current = yrkesok::format::IndexLayout(index).current_generation();
        ASSERT_TRUE(current) << "round " << round << ": no current generation";
        EXPECT_EQ(serve_check(index, analyzer, documents), *current) << "round " << round;
    }

    // A complete run afterwards leaves no leftovers and only the kept generations.
    {
        ChildProcess indexer(index_args(corpus[0], index, false), {}, true);
        ASSERT_EQ(indexer.wait_exit(300), 0);
    }
    const auto final_leftovers = leftovers(index);
    EXPECT_EQ(final_leftovers.partial, 0u);
    EXPECT_EQ(final_leftovers.next_links, 0u);
    EXPECT_LE(yrkesok::format::IndexLayout(index).generations().size(), 2u);
    serve_check(index, analyzer, documents);

    std::printf(
        "index crash: seed %u, full build %.2f s, %d kills (%d mid-run) at %s; %d left "
        "a partial generation, %d runs found and removed leftovers; every kill left a "
        "servable generation\n",
        seed, build_seconds, kKills, killed_mid_run, moments.c_str(), partial_left, cleaned);
    EXPECT_GE(killed_mid_run, kKills / 2);
    fs::remove_all(dir);
}

}  // namespace
