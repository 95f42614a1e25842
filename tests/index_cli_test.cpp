// `yrkesok index` as a user runs it: the built binary, a corpus file, an index directory.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <xapian.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "support/temp_dir.h"
#include "yrkesok/format/layout.h"

namespace {

namespace fs = std::filesystem;

const fs::path kSource = YRKESOK_SOURCE_DIR;
const fs::path kBinary = fs::path(YRKESOK_BINARY_DIR) / "bin/yrkesok";
const fs::path kFixtures = kSource / "tests/fixtures/index";

struct CommandResult {
    int exit_code = -1;
    std::string out;
    std::string err;
};

std::string slurp(const fs::path& file) {
    std::ifstream in(file);
    std::stringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}

// Single-quoted for the shell. (Built with a stream: GCC 12's -Wrestrict misfires on a chain of
// std::string operator+ at -O3.)
std::string quoted(const fs::path& p) {
    std::ostringstream out;
    out << '\'' << p.string() << '\'';
    return out.str();
}

std::string shell(std::initializer_list<std::string> words) {
    std::ostringstream out;
    for (const auto& w : words) out << w << ' ';
    return out.str();
}

class IndexCommand : public testing::Test {
  protected:
    void SetUp() override { ASSERT_TRUE(fs::exists(kBinary)) << kBinary << " is not built"; }
    CommandResult run_index(const fs::path& corpus, const std::string& extra = "") {
        std::string command =
            shell({quoted(kBinary), "index", "--corpus", quoted(corpus), "--vocab",
                   quoted(kSource / "corpus"), "--index", quoted(tmp_ / "index"), extra, ">",
                   quoted(tmp_ / "out.txt"), "2>", quoted(tmp_ / "err.txt")});
        int status = std::system(command.c_str());
        CommandResult run;
        run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
        run.out = slurp(tmp_ / "out.txt");
        run.err = slurp(tmp_ / "err.txt");
        return run;
    }
    Xapian::Database open() const {
        return Xapian::Database((tmp_ / "index" / "current").string());
    }
    yrkesok::testing::TempDir tmp_dir_{"cli-test"};
    const fs::path tmp_ = tmp_dir_.path();
};

TEST_F(IndexCommand, BuildsAndPrintsJsonSummary) {
    auto run = run_index(kFixtures / "occupations.jsonl", "--json");
    ASSERT_EQ(run.exit_code, 0) << run.err;
    auto summary = nlohmann::json::parse(run.out);
    EXPECT_EQ(summary["documents"], 6);
    EXPECT_EQ(summary["added"], 6);
    EXPECT_EQ(summary["generation"], "gen-000001");
    auto db = open();
    EXPECT_EQ(db.get_doccount(), 6u);
    // synonyms.tsv beside the corpus is picked up by default.
    EXPECT_NE(db.synonyms_begin("snekker"), db.synonyms_end("snekker"));
}

TEST_F(IndexCommand, UpdatePrintsExactCounts) {
    ASSERT_EQ(run_index(kFixtures / "occupations.jsonl").exit_code, 0);
    auto run = run_index(kFixtures / "occupations_v2.jsonl", "--update --json");
    ASSERT_EQ(run.exit_code, 0) << run.err;
    auto summary = nlohmann::json::parse(run.out);
    EXPECT_EQ(summary["added"], 1);
    EXPECT_EQ(summary["updated"], 1);
    EXPECT_EQ(summary["deleted"], 1);
    EXPECT_EQ(summary["unchanged"], 4);
    EXPECT_EQ(summary["documents"], 6);
}

// --term-lists keeps Xapian's termlist table, which a default build leaves out; an index built
// with it keeps it through an update, and one built without stays without.
TEST_F(IndexCommand, TermListsAreKeptOnlyWhenAskedAndThroughUpdates) {
    const fs::path termlist = tmp_ / "index" / "current" / "termlist.glass";
    ASSERT_EQ(run_index(kFixtures / "occupations.jsonl").exit_code, 0);
    EXPECT_FALSE(fs::exists(termlist));
    auto rebuilt = run_index(kFixtures / "occupations_v2.jsonl", "--update --json");
    ASSERT_EQ(rebuilt.exit_code, 0) << rebuilt.err;
    EXPECT_EQ(nlohmann::json::parse(rebuilt.out)["full_build"], true);
    EXPECT_EQ(nlohmann::json::parse(rebuilt.out)["unchanged"], 4);
    EXPECT_FALSE(fs::exists(termlist));
    ASSERT_EQ(run_index(kFixtures / "occupations.jsonl", "--term-lists").exit_code, 0);
    EXPECT_TRUE(fs::exists(termlist));
    auto run = run_index(kFixtures / "occupations_v2.jsonl", "--update --json");
    ASSERT_EQ(run.exit_code, 0) << run.err;
    auto summary = nlohmann::json::parse(run.out);
    EXPECT_EQ(summary["unchanged"], 4);
    EXPECT_EQ(summary["full_build"], false) << "changed in place";
    EXPECT_TRUE(fs::exists(termlist));
}

TEST_F(IndexCommand, BadLineFailsWithFileLineAndKeepsPreviousIndex) {
    ASSERT_EQ(run_index(kFixtures / "occupations.jsonl").exit_code, 0);
    const auto before = yrkesok::format::IndexLayout(tmp_ / "index").current_generation();
    ASSERT_EQ(open().get_doccount(), 6u);

    const auto bad = kFixtures / "bad_line.jsonl";
    auto run = run_index(bad);
    EXPECT_NE(run.exit_code, 0);
    EXPECT_NE(run.err.find(bad.string() + ":3: sectors:"), std::string::npos) << run.err;
    EXPECT_NE(run.err.find("nothing was indexed"), std::string::npos) << run.err;
    EXPECT_EQ(yrkesok::format::IndexLayout(tmp_ / "index").current_generation(), before);
    EXPECT_EQ(open().get_doccount(), 6u);
}

TEST_F(IndexCommand, ProfileIsRecordedKeptByUpdateAndAnUnknownOneRefused) {
    auto run = run_index(kFixtures / "occupations.jsonl", "--profile passages");
    ASSERT_EQ(run.exit_code, 0) << run.err;
    EXPECT_EQ(open().get_metadata("yrkesok.profile"), "passages");
    run = run_index(kFixtures / "occupations_v2.jsonl", "--update --json");
    ASSERT_EQ(run.exit_code, 0) << run.err;
    EXPECT_EQ(nlohmann::json::parse(run.out)["unchanged"], 4) << "an update, not a rebuild";
    EXPECT_EQ(open().get_metadata("yrkesok.profile"), "passages");

    const auto before = yrkesok::format::IndexLayout(tmp_ / "index").current_generation();
    run = run_index(kFixtures / "occupations.jsonl", "--profile nyheter");
    EXPECT_EQ(run.exit_code, 2);
    EXPECT_NE(run.err.find("--profile: unknown profile \"nyheter\" (known: occupations, "
                           "passages)"),
              std::string::npos)
        << run.err;
    EXPECT_EQ(yrkesok::format::IndexLayout(tmp_ / "index").current_generation(), before);
}

TEST_F(IndexCommand, DeleteUnknownIdFailsAndKeepsIndex) {
    ASSERT_EQ(run_index(kFixtures / "occupations.jsonl").exit_code, 0);
    std::string command =
        shell({quoted(kBinary), "index", "--index", quoted(tmp_ / "index"), "--delete", "astronaut",
               ">/dev/null", "2>", quoted(tmp_ / "err.txt")});
    int status = std::system(command.c_str());
    ASSERT_TRUE(WIFEXITED(status));
    EXPECT_NE(WEXITSTATUS(status), 0);
    EXPECT_NE(slurp(tmp_ / "err.txt").find("astronaut"), std::string::npos);
    EXPECT_EQ(open().get_doccount(), 6u);
}

}  // namespace
