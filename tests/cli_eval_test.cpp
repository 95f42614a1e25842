// `yrkesok eval` as a user runs it: the weights of the summary and the body. The two share one
// term space (format/schema.h, kText), so the summary's weight is chosen when the index is
// built and --text-weight (once --body-weight) weighs both at query time.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "support/cli_run.h"
#include "support/temp_dir.h"

namespace {

namespace fs = std::filesystem;
using yrkesok::testing::CliResult;
using yrkesok::testing::run_cli;

const fs::path kSource = YRKESOK_SOURCE_DIR;
const fs::path kCorpus = kSource / "tests/fixtures/cli/occupations.jsonl";

class EvalCommand : public testing::Test {
  protected:
    void SetUp() override {
        std::ofstream out(queries_);
        out << "q1\ttitle\thjerte lungemaskin\t\tperfusjonist:3\n"
            << "q2\tduty\tpasienter på sykehus\t\tsjukepleiar:3\n";
    }
    CliResult eval(std::vector<std::string> extra) {
        std::vector<std::string> args = {"eval",     queries_.string(),
                                         "--corpus", kCorpus.string(),
                                         "--vocab",  (kSource / "corpus").string(),
                                         "--json"};
        args.insert(args.end(), extra.begin(), extra.end());
        return run_cli(args);
    }
    yrkesok::testing::TempDir tmp_{"cli-eval-test"};
    const fs::path queries_ = tmp_.path() / "queries.tsv";
};

TEST_F(EvalCommand, BuildsItsIndexWithTheSummaryWeightAsked) {
    for (const char* repeat : {"1", "6", "20"}) {
        const CliResult run = eval({"--summary-weight", repeat});
        ASSERT_EQ(run.exit_code, 0) << repeat << ": " << run.err;
        const auto j = nlohmann::json::parse(run.out);
        EXPECT_EQ(j["overall"]["queries"], 2) << repeat;
    }
}

TEST_F(EvalCommand, TheSummaryWeightIsAWholeNumber) {
    for (const char* bad : {"1.5", "0", "101", "x", "-1", "5000", "3x"}) {
        const CliResult run = eval({"--summary-weight", bad});
        EXPECT_EQ(run.exit_code, 2) << bad;
        EXPECT_NE(run.err.find("--summary-weight must be a whole number from 1 to 100"),
                  std::string::npos)
            << bad << ": " << run.err;
    }
}

TEST_F(EvalCommand, TheSummaryWeightOfAnExistingIndexCannotBeChanged) {
    const CliResult run = run_cli({"eval", queries_.string(), "--index",
                                   (tmp_.path() / "no-index").string(), "--summary-weight", "3"});
    EXPECT_EQ(run.exit_code, 2);
    EXPECT_NE(run.err.find("--summary-weight is fixed when an index is built"), std::string::npos)
        << run.err;
    EXPECT_NE(run.err.find("--corpus"), std::string::npos) << run.err;
}

TEST_F(EvalCommand, BodyWeightIsTheOlderNameOfTextWeight) {
    const CliResult text =
        eval({"--text-weight", "0.5", "--write-run", (tmp_.path() / "text.run").string()});
    const CliResult body =
        eval({"--body-weight", "0.5", "--write-run", (tmp_.path() / "body.run").string()});
    ASSERT_EQ(text.exit_code, 0) << text.err;
    ASSERT_EQ(body.exit_code, 0) << body.err;
    EXPECT_EQ(yrkesok::testing::read_text(tmp_.path() / "text.run"),
              yrkesok::testing::read_text(tmp_.path() / "body.run"));
    EXPECT_EQ(text.out, body.out);
}

}  // namespace
