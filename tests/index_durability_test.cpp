// Durable generation switches: `yrkesok index` runs under strace (Debian's strace, installed by
// scripts/install-deps) and the order of its syncs and renames is checked. A generation's
// directories are fsynced after Xapian's last file sync and before the generation is renamed
// into place; the index directory is fsynced after that rename and again after `current` is
// switched. Full builds, sharded builds, --update and --delete all publish this way.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "support/cli_run.h"
#include "support/pattern.h"
#include "support/temp_dir.h"

namespace {

using yrkesok::testing::Pattern;

namespace fs = std::filesystem;
using yrkesok::testing::cli_binary;
using yrkesok::testing::read_text;
using yrkesok::testing::shell_quoted;
using yrkesok::testing::TempDir;

const fs::path kSource = YRKESOK_SOURCE_DIR;
const fs::path kCorpus = kSource / "tests/fixtures/cli/occupations.jsonl";

// One traced system call: fsync/fdatasync with the path of its descriptor (strace -y), or a
// rename with its two paths.
struct Call {
    std::string name;  // "fsync", "fdatasync" or "rename"
    std::string path;  // the synced path, or the rename's source
    std::string to;    // the rename's target
};

std::vector<Call> parse_trace(const std::string& text) {
    // 1234 fsync(4</tmp/x/idx>) = 0
    static const Pattern sync(R"(^\d+\s+(fsync|fdatasync)\(\d+<([^>]*)>\)\s+=\s+0)");
    // 1234 rename("/a", "/b") = 0, and renameat/renameat2 with directory descriptors, whose
    // paths are absolute here because the CLI is given absolute paths.
    static const Pattern rename(
        R"re(^\d+\s+rename(?:at2?)?\((?:[^,]*,\s*)?"([^"]*)",\s*(?:[^,]*,\s*)?"([^"]*)")re");
    std::vector<Call> calls;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
        if (auto m = sync.first_match(line)) {
            calls.push_back({(*m)[1], (*m)[2], {}});
        } else if (auto r = rename.first_match(line); r && line.find("= 0") != std::string::npos) {
            calls.push_back({"rename", (*r)[1], (*r)[2]});
        }
    }
    return calls;
}

// Runs `yrkesok ARGS` under strace and returns its calls; fails the test if either fails.
std::vector<Call> traced_run(const std::vector<std::string>& args, const fs::path& scratch) {
    const fs::path trace = scratch / "trace.txt";
    // LeakSanitizer cannot run under ptrace: a sanitizer build traced here skips only the leak
    // check (the same binary runs leak-checked in every other test).
    std::string command =
        "ASAN_OPTIONS=\"${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0\" "
        "strace -f -y -qq -e trace=fsync,fdatasync,rename,renameat,renameat2 -o " +
        shell_quoted(trace.string()) + ' ' + shell_quoted(cli_binary().string());
    for (const auto& arg : args) command += ' ' + shell_quoted(arg);
    command += " >" + shell_quoted((scratch / "out").string()) + " 2>" +
               shell_quoted((scratch / "err").string()) + " </dev/null";
    const int status = std::system(command.c_str());
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0)
        << command << "\n"
        << read_text(scratch / "err") << "(is strace installed? scripts/install-deps installs it)";
    return parse_trace(read_text(trace));
}

std::optional<std::size_t> find(const std::vector<Call>& calls, std::size_t from,
                                const std::string& name, const std::string& path,
                                const std::string& to = {}) {
    for (std::size_t i = from; i < calls.size(); ++i) {
        if (calls[i].name == name && calls[i].path == path && (to.empty() || calls[i].to == to)) {
            return i;
        }
    }
    return std::nullopt;
}

// Checks the publishing order of `generation` in index directory `dir`.
void expect_durable_switch(const std::vector<Call>& calls, const fs::path& dir,
                           const std::string& generation, std::size_t shards) {
    SCOPED_TRACE(generation);
    const std::string partial = (dir / (generation + ".partial")).string();
    const std::string published = (dir / generation).string();
    const auto into_place = find(calls, 0, "rename", partial, published);
    ASSERT_TRUE(into_place) << "no rename of " << partial << " to " << published;

    // Xapian's file syncs (fdatasync) in the generation, and the directory syncs after the
    // last of them.
    std::size_t last_file_sync = 0;
    bool file_synced = false;
    for (std::size_t i = 0; i < *into_place; ++i) {
        if (calls[i].name == "fdatasync") {
            if (calls[i].path.starts_with(partial + "/")) {
                last_file_sync = i;
                file_synced = true;
            }
        }
    }
    ASSERT_TRUE(file_synced) << "Xapian synced no file in " << partial;
    const auto dir_sync = find(calls, last_file_sync, "fsync", partial);
    ASSERT_TRUE(dir_sync && *dir_sync < *into_place)
        << partial << " is not fsynced between Xapian's commit and its rename";
    if (shards > 1) {
        for (std::size_t s = 0; s < shards; ++s) {
            const std::string shard = partial + "/shard-" + std::to_string(s);
            const auto shard_sync = find(calls, last_file_sync, "fsync", shard);
            EXPECT_TRUE(shard_sync && *shard_sync < *into_place)
                << shard << " is not fsynced before the generation's rename";
        }
    }

    const std::string current = (dir / "current").string();
    const std::string next = (dir / ("current.next-" + generation)).string();
    const auto index_sync = find(calls, *into_place, "fsync", dir.string());
    const auto switched = find(calls, *into_place, "rename", next, current);
    ASSERT_TRUE(switched) << "no rename of " << next << " over " << current;
    EXPECT_TRUE(index_sync && *index_sync < *switched)
        << dir << " is not fsynced between the generation's rename and the switch";
    EXPECT_TRUE(find(calls, *switched, "fsync", dir.string()))
        << dir << " is not fsynced after `current` is switched";
}

TEST(DurableSwitch, FullBuildSyncsDirectoriesAroundTheSwitch) {
    TempDir tmp("durable-full");
    const fs::path index = tmp.path() / "idx";
    const auto calls = traced_run(
        {"index", "--corpus", kCorpus.string(), "--index", index.string(), "--jobs", "2"},
        tmp.path());
    expect_durable_switch(calls, index, "gen-000001", 1);
}

TEST(DurableSwitch, ShardedBuildSyncsEveryShardDirectory) {
    TempDir tmp("durable-shards");
    const fs::path index = tmp.path() / "idx";
    const auto calls = traced_run(
        {"index", "--corpus", kCorpus.string(), "--index", index.string(), "--shards", "3"},
        tmp.path());
    expect_durable_switch(calls, index, "gen-000001", 3);
}

TEST(DurableSwitch, UpdateAndDeleteSyncTheirGenerations) {
    TempDir tmp("durable-update");
    const fs::path index = tmp.path() / "idx";
    traced_run({"index", "--corpus", kCorpus.string(), "--index", index.string()}, tmp.path());

    // One changed record, so the update writes a new generation.
    const fs::path changed = tmp.path() / "occupations.jsonl";
    std::string text = read_text(kCorpus);
    text = Pattern(R"("updated": *"[0-9-]+")").replace(text, R"("updated": "2031-01-01")", true);
    ASSERT_NE(text, read_text(kCorpus));
    std::ofstream(changed) << text;
    const auto update = traced_run(
        {"index", "--update", "--corpus", changed.string(), "--index", index.string()}, tmp.path());
    expect_durable_switch(update, index, "gen-000002", 1);

    const auto id = Pattern(R"re("id": *"([^"]+)")re").first_match(text);
    ASSERT_TRUE(id);
    const std::string first_id = (*id)[1];
    const auto erase =
        traced_run({"index", "--delete", "--index", index.string(), first_id}, tmp.path());
    expect_durable_switch(erase, index, "gen-000003", 1);
}

}  // namespace
