// `--config FILE` for `index` and `serve`: options from KEY = VALUE lines, shared keys before
// any section, per-command keys under [index] / [serve], the command line winning, and every
// mistake named by FILE:LINE with exit 2.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "support/cli_run.h"
#include "support/temp_dir.h"

namespace {

namespace fs = std::filesystem;
using yrkesok::testing::run_cli;
using yrkesok::testing::TempDir;

const fs::path kSource = YRKESOK_SOURCE_DIR;

struct ConfigFile {
    TempDir dir{"config"};
    fs::path file = dir.path() / "yrkesok.conf";
    explicit ConfigFile(const std::string& text) { std::ofstream(file) << text; }
};

TEST(ConfigFile, IndexTakesItsOptionsFromTheFile) {
    ConfigFile config(
        "# shared by serve and index\n"
        "index = PLACEHOLDER\n"
        "web = /usr/share/yrkesok/web   # serve only: index ignores it\n"
        "\n"
        "[index]\n"
        "corpus = " +
        (kSource / "tests/fixtures/cli/occupations.jsonl").string() +
        "\n"
        "jobs = 1\n"
        "[serve]\n"
        "port = 0\n");
    // The index directory in the file, with the placeholder replaced.
    const fs::path index = config.dir.path() / "idx";
    {
        std::ifstream in(config.file);
        std::string text((std::istreambuf_iterator<char>(in)), {});
        text.replace(text.find("PLACEHOLDER"), 11, index.string());
        std::ofstream(config.file) << text;
    }
    const auto run = run_cli({"index", "--config", config.file.string()});
    ASSERT_EQ(run.exit_code, 0) << run.err;
    EXPECT_TRUE(fs::exists(index / "current"));
    EXPECT_NE(run.out.find("6 documents"), std::string::npos) << run.out;
}

TEST(ConfigFile, TheCommandLineWins) {
    ConfigFile config("index = /nonexistent/from-the-file\n[index]\ncorpus = " +
                      (kSource / "tests/fixtures/cli/occupations.jsonl").string() + "\n");
    const fs::path index = config.dir.path() / "given";
    const auto run =
        run_cli({"index", "--config", config.file.string(), "--index", index.string()});
    ASSERT_EQ(run.exit_code, 0) << run.err;
    EXPECT_TRUE(fs::exists(index / "current"));
    EXPECT_FALSE(fs::exists("/nonexistent/from-the-file"));
}

// Each mistake: exit 2 and a message that starts with FILE:LINE (or names the file).
TEST(ConfigFile, MistakesAreNamedByFileAndLine) {
    const struct {
        std::string text;
        std::string line;
        std::string message;
    } cases[] = {
        {"index = /tmp/x\nportt = 9\n", ":2: ", "unknown key \"portt\""},
        {"[index]\nport = 8080\n", ":2: ", "unknown key \"port\" in [index]"},
        {"[search]\n", ":1: ", "unknown section [search]"},
        {"index /tmp/x\n", ":1: ", "expected KEY = VALUE"},
        {"index = /tmp/x\n[serve]\nport = abc\n", ":3: ", "option --port must be a whole number"},
        {"[serve]\nlog-queries = maybe\n", ":2: ", "is a flag: its value is true or false"},
        {"[serve]\nport = 1\nport = 2\n", ":3: ", "\"port\" given more than once"},
        {"index = /tmp/x\n[serve]\nquery-cache = lots\n",
         ":3: ", "option --query-cache must be a whole number"},
        {"index = /tmp/x\n[serve]\ndocument-cache = 0\n",
         ":3: ", "option --document-cache must be a whole number"},
        {"index = /tmp/x\n[serve]\nposting-cache = 0\n",
         ":3: ", "option --posting-cache must be a whole number"},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.text);
        ConfigFile config(c.text);
        const auto run = run_cli({"serve", "--config", config.file.string()});
        EXPECT_EQ(run.exit_code, 2);
        EXPECT_NE(run.err.find(config.file.string() + c.line), std::string::npos) << run.err;
        EXPECT_NE(run.err.find(c.message), std::string::npos) << run.err;
    }
    const auto missing = run_cli({"serve", "--config", "/nonexistent/yrkesok.conf"});
    EXPECT_EQ(missing.exit_code, 2);
    EXPECT_NE(missing.err.find("/nonexistent/yrkesok.conf: cannot read the file"),
              std::string::npos)
        << missing.err;
}

// The file the Debian package installs as /etc/yrkesok/yrkesok.conf: every key in it is an
// option `index` and `serve` take, so a renamed option cannot leave the package broken.
TEST(ConfigFile, TheShippedConfigFileIsAcceptedByIndexAndServe) {
    const fs::path shipped = kSource / "deploy/yrkesok.conf";
    TempDir dir("shipped-config");
    const fs::path index = dir.path() / "idx";
    const auto built = run_cli({"index", "--config", shipped.string(), "--corpus",
                                (kSource / "tests/fixtures/cli/occupations.jsonl").string(),
                                "--index", index.string()});
    ASSERT_EQ(built.exit_code, 0) << built.err;
    EXPECT_NE(built.out.find("6 documents"), std::string::npos) << built.out;
    // serve reads the whole file, then fails to open a missing index: status 1, not a usage
    // error (2) about the file.
    const auto served =
        run_cli({"serve", "--config", shipped.string(), "--index", (dir.path() / "none").string()});
    EXPECT_EQ(served.exit_code, 1) << served.err;
    EXPECT_EQ(served.err.find(shipped.string() + ":"), std::string::npos) << served.err;
}

}  // namespace
