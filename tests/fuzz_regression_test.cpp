// Replays every fuzz target's seed corpus (fuzz/corpus/NAME/) and every input that once made it
// fail (fuzz/regressions/NAME/) through the same entry function libFuzzer calls, in the normal
// build. A regression file is named for the bug it found.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "fuzz_target.h"

#define YRKESOK_FUZZ_TARGET(NAME) YRKESOK_DECLARE_FUZZ_TARGET(NAME)
#include "fuzz_targets.inc"
#undef YRKESOK_FUZZ_TARGET

namespace {

namespace fs = std::filesystem;
using Entry = int (*)(const std::uint8_t*, std::size_t);

struct Target {
    std::string name;
    Entry entry;
};

const std::vector<Target>& targets() {
    static const std::vector<Target> all = {
#define YRKESOK_FUZZ_TARGET(NAME) {#NAME, &yrkesok::fuzz::NAME::fuzz_one_input},
#include "fuzz_targets.inc"
#undef YRKESOK_FUZZ_TARGET
    };
    return all;
}

std::vector<fs::path> files_in(const fs::path& dir) {
    std::vector<fs::path> files;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(dir, ec)) {
        if (entry.is_regular_file() && entry.path().filename() != "README.md") {
            files.push_back(entry.path());
        }
    }
    std::sort(files.begin(), files.end());
    return files;
}

std::string read_bytes(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::size_t replay(const Target& target, const fs::path& dir) {
    auto files = files_in(dir);
    for (const auto& file : files) {
        SCOPED_TRACE(file.string());
        const auto bytes = read_bytes(file);
        EXPECT_EQ(target.entry(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size()),
                  0);
    }
    return files.size();
}

const fs::path kFuzzDir = fs::path(YRKESOK_SOURCE_DIR) / "fuzz";

TEST(FuzzRegression, EveryTargetHasASeedCorpus) {
    ASSERT_FALSE(targets().empty());
    for (const auto& target : targets()) {
        EXPECT_FALSE(files_in(kFuzzDir / "corpus" / target.name).empty())
            << "fuzz/corpus/" << target.name << " is empty";
    }
}

TEST(FuzzRegression, SeedCorporaPassEveryTarget) {
    for (const auto& target : targets()) {
        SCOPED_TRACE(target.name);
        replay(target, kFuzzDir / "corpus" / target.name);
    }
}

// scripts/fuzz-smoke writes a failing input into fuzz/regressions/NAME/ (libFuzzer's
// -artifact_prefix); once minimised and named for its bug, it is committed and replayed here.
// A target with no recorded input has never failed: the output says so instead of passing in
// silence.
TEST(FuzzRegression, InputsThatOnceFailedStillPass) {
    std::size_t replayed = 0;
    for (const auto& target : targets()) {
        SCOPED_TRACE(target.name);
        const fs::path dir = kFuzzDir / "regressions" / target.name;
        ASSERT_TRUE(fs::is_directory(dir)) << dir << " is missing";
        const std::size_t n = replay(target, dir);
        std::printf("fuzz/regressions/%s: %zu recorded input%s%s\n", target.name.c_str(), n,
                    n == 1 ? "" : "s", n == 0 ? " (this target has not failed yet)" : "");
        replayed += n;
    }
    RecordProperty("recorded_inputs", static_cast<int>(replayed));
}

// An empty input and a lone invalid byte are the first things a fuzzer tries.
TEST(FuzzRegression, EmptyAndSingleByteInputsPass) {
    for (const auto& target : targets()) {
        SCOPED_TRACE(target.name);
        const std::uint8_t bytes[] = {0xFF};
        EXPECT_EQ(target.entry(bytes, 0), 0);
        EXPECT_EQ(target.entry(bytes, 1), 0);
    }
}

}  // namespace
