// Runs the built `yrkesok` binary as a user does, in a shell, and captures its exit code,
// stdout and stderr; plus a fixture index built from tests/fixtures/cli by `yrkesok index`.
#pragma once

#include <stdlib.h>
#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "temp_dir.h"

namespace yrkesok::testing {

struct CliResult {
    int exit_code = -1;
    std::string out;
    std::string err;
};

inline const std::filesystem::path& cli_binary() {
    static const std::filesystem::path binary =
        std::filesystem::path(YRKESOK_BINARY_DIR) / "bin/yrkesok";
    return binary;
}

inline std::string read_text(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}

// Single-quoted for the shell.
inline std::string shell_quoted(const std::string& word) {
    std::ostringstream out;
    out << '\'';
    for (char c : word) {
        if (c == '\'') {
            out << "'\\''";
        } else {
            out << c;
        }
    }
    out << '\'';
    return out.str();
}

// `env` is a prefix such as "YRKESOK_INDEX=/x" (may be empty); args are quoted one by one.
inline CliResult run_cli(const std::vector<std::string>& args, const std::string& env = "") {
    static int counter = 0;
    TempDir tmp("cli-run-" + std::to_string(++counter));
    std::ostringstream command;
    command << "env -u YRKESOK_INDEX " << env << ' ' << shell_quoted(cli_binary().string());
    for (const auto& arg : args) command << ' ' << shell_quoted(arg);
    command << " >" << shell_quoted((tmp.path() / "out").string()) << " 2>"
            << shell_quoted((tmp.path() / "err").string()) << " </dev/null";
    int status = std::system(command.str().c_str());
    CliResult result;
    result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    result.out = read_text(tmp.path() / "out");
    result.err = read_text(tmp.path() / "err");
    return result;
}

// The six-record fixture corpus of tests/fixtures/cli, indexed by the binary.
struct CliFixtureIndex {
    TempDir dir{"cli-fixture"};
    std::filesystem::path index = dir.path() / "index";
    std::filesystem::path corpus =
        std::filesystem::path(YRKESOK_SOURCE_DIR) / "tests/fixtures/cli/occupations.jsonl";

    CliFixtureIndex() {
        auto run = run_cli({"index", "--corpus", corpus.string(), "--vocab",
                            (std::filesystem::path(YRKESOK_SOURCE_DIR) / "corpus").string(),
                            "--index", index.string()});
        if (run.exit_code != 0) throw std::runtime_error("fixture index: " + run.err);
    }
};

}  // namespace yrkesok::testing
