// `yrkesok coverage`: the bundled coverage file passes on the bundled index and fails, naming
// the query, once an expected record is gone; the report on a fixture index (table, JSON,
// CSV); the file format and its errors.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "support/bundled_index.h"
#include "support/cli_run.h"
#include "support/pattern.h"
#include "yrkesok/editorial/coverage.h"

namespace {

using yrkesok::testing::Pattern;

namespace fs = std::filesystem;
using yrkesok::testing::bundled_index;
using yrkesok::testing::CliFixtureIndex;
using yrkesok::testing::run_cli;

const fs::path kSource = YRKESOK_SOURCE_DIR;
const fs::path kFixtures = kSource / "tests/fixtures/cli";
const fs::path kBundledQueries = kSource / "corpus/coverage-queries.tsv";

const CliFixtureIndex& fixture() {
    static CliFixtureIndex index;
    return index;
}

TEST(CoverageCommand, BundledQueriesPassOnTheBundledCorpus) {
    auto queries = yrkesok::search::read_coverage_queries(kBundledQueries);
    std::size_t expecting = 0;
    for (const auto& q : queries) expecting += !q.expected.empty();
    EXPECT_GE(expecting, 100u);

    auto run =
        run_cli({"coverage", kBundledQueries.string(), "--index", bundled_index().index_dir()});
    EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
    EXPECT_TRUE(Pattern("\ncoverage: [0-9]+ queries, ([0-9]+) of \\1 with expected ids "
                        "passed, 0 failed; ")
                    .found_in(run.out))
        << run.out;
}

TEST(CoverageCommand, RemovedExpectedRecordFailsAndNamesTheQuery) {
    yrkesok::testing::TempDir tmp("cli-coverage-removed");
    // The bundled index without the perfusjonist record: a copy, and the record deleted.
    const std::string index =
        yrkesok::testing::copy_index(bundled_index().dir / "index", tmp.path() / "index").string();
    auto deleted = run_cli({"index", "--index", index, "--delete", "perfusjonist"});
    ASSERT_EQ(deleted.exit_code, 0) << deleted.err;

    auto run = run_cli({"coverage", "--index", index, kBundledQueries.string()});
    EXPECT_EQ(run.exit_code, 1) << run.out;
    EXPECT_TRUE(Pattern("\n +[0-9]+  hjerte lungemaskin +perfusjonist +not in the index\n")
                    .found_in(run.out))
        << run.out;
    EXPECT_NE(run.out.find("failed"), std::string::npos);
    EXPECT_EQ(run.out.find(", 0 failed;"), std::string::npos);

    auto csv = run_cli({"coverage", "--csv", "--index", index, kBundledQueries.string()});
    EXPECT_EQ(csv.exit_code, 1);
    EXPECT_TRUE(Pattern("\nmissed,[0-9]+,hjerte lungemaskin,perfusjonist,not in the index\n")
                    .found_in(csv.out))
        << csv.out;
}

TEST(CoverageCommand, FixtureTableListsEveryKindOfFinding) {
    const auto file = kFixtures / "coverage.tsv";
    auto run = run_cli({"coverage", file.string(), "--index", fixture().index.string()});
    EXPECT_EQ(run.exit_code, 1);  // two expectations fail
    const std::vector<std::string> lines = {
        "Expected ids not in the top 10\n"
        "  line  query      expected id     found\n"
        "     5  brød       tomrer          not in the first 100 hits\n"
        "     8  brannmann  brannkonstabel  not in the index\n",
        "Queries with zero hits\n"
        "  line  query      note\n"
        "     6  astronaut\n"
        "     8  brannmann\n",
        "Query words unknown to the index\n"
        "  line  query      unknown words\n"
        "     6  astronaut  astronaut\n"
        "     8  brannmann  brannmann\n",
        "Documents no query brings into the top 10 (2)\n"
        "  systemutvikler tomrer\n",
        "Records with missing fields\n"
        "  systemutvikler  missing styrk08\n",
        "coverage: 6 queries, 3 of 5 with expected ids passed, 2 failed; 2 with zero hits; 2 "
        "unknown words; 4 of 6 documents in some top 10; 1 incomplete records\n"};
    std::size_t at = 0;
    for (const auto& block : lines) {
        auto found = run.out.find(block, at);
        ASSERT_NE(found, std::string::npos) << "missing, in order:\n"
                                            << block << "\nin:\n"
                                            << run.out;
        at = found + block.size();
    }
    EXPECT_EQ(at, run.out.size());  // the summary is the last line
}

TEST(CoverageCommand, FixtureJsonAndCsv) {
    const auto file = kFixtures / "coverage.tsv";
    auto run = run_cli(
        {"coverage", "--json", "--top", "3", file.string(), "--index", fixture().index.string()});
    EXPECT_EQ(run.exit_code, 1);
    auto j = nlohmann::json::parse(run.out);
    EXPECT_EQ(j["top"], 3);
    EXPECT_EQ(j["passed"], false);
    EXPECT_EQ(j["summary"]["queries"], 6);
    EXPECT_EQ(j["summary"]["with_expectations"], 5);
    EXPECT_EQ(j["summary"]["failed"], 2);
    EXPECT_EQ(j["summary"]["zero_hits"], 2);
    EXPECT_EQ(j["summary"]["documents"], 6);
    ASSERT_EQ(j["queries"].size(), 6u);
    const auto& first = j["queries"][0];
    EXPECT_EQ(first["line"], 2);
    EXPECT_EQ(first["query"], "hjerte lungemaskin");
    EXPECT_EQ(first["expected"], nlohmann::json::array({"perfusjonist"}));
    EXPECT_EQ(first["passed"], true);
    EXPECT_EQ(first["top_ids"][0], "perfusjonist");
    EXPECT_LE(first["top_ids"].size(), 3u);
    const auto& bread = j["queries"][2];
    EXPECT_EQ(bread["query"], "brød");
    ASSERT_EQ(bread["missed"].size(), 1u);
    EXPECT_EQ(bread["missed"][0]["id"], "tomrer");
    EXPECT_EQ(bread["missed"][0]["in_index"], true);
    EXPECT_TRUE(bread["missed"][0]["rank"].is_null());
    EXPECT_EQ(j["queries"][5]["missed"][0]["in_index"], false);
    EXPECT_EQ(j["queries"][3]["unknown_words"], nlohmann::json::array({"astronaut"}));
    EXPECT_EQ(j["incomplete_records"],
              nlohmann::json::parse(R"([{"id":"systemutvikler","missing":["styrk08"]}])"));

    auto csv = run_cli({"coverage", "--csv", file.string(), "--index", fixture().index.string()});
    EXPECT_EQ(csv.exit_code, 1);
    EXPECT_EQ(csv.out,
              "kind,line,query,id,detail\n"
              "missed,5,brød,tomrer,not in the first 100 hits\n"
              "zero_hits,6,astronaut,,\n"
              "unknown_word,6,astronaut,,astronaut\n"
              "missed,8,brannmann,brannkonstabel,not in the index\n"
              "zero_hits,8,brannmann,,\n"
              "unknown_word,8,brannmann,,brannmann\n"
              "unreached,,,systemutvikler,\n"
              "unreached,,,tomrer,\n"
              "incomplete,,,systemutvikler,missing styrk08\n");
    EXPECT_NE(csv.err.find("coverage: 6 queries"), std::string::npos);
}

TEST(CoverageCommand, PassingFileExitsZero) {
    yrkesok::testing::TempDir tmp("cli-coverage-pass");
    std::ofstream(tmp.path() / "q.tsv") << "hjerte lungemaskin\tperfusjonist\r\nbrød\tbaker\n";
    auto run =
        run_cli({"coverage", (tmp.path() / "q.tsv").string(), "--index", fixture().index.string()});
    EXPECT_EQ(run.exit_code, 0) << run.out;
    EXPECT_NE(run.out.find("2 of 2 with expected ids passed, 0 failed"), std::string::npos);
}

TEST(CoverageCommand, MalformedLinesNameFileAndLine) {
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"bad_two_tabs.tsv", ":2: more than one TAB"},
        {"bad_empty_id.tsv", ":1: empty id in the list \"baker,,tomrer\""},
        {"bad_id.tsv", ":3: \"Baker\" is not an occupation id"},
        {"bad_no_ids.tsv", ":1: a TAB but no expected ids after it"},
        {"bad_empty_query.tsv", ":1: empty query before the TAB"}};
    for (const auto& [name, message] : cases) {
        const auto file = (kFixtures / name).string();
        auto run = run_cli({"coverage", file, "--index", fixture().index.string()});
        EXPECT_EQ(run.exit_code, 1) << name;
        EXPECT_NE(run.err.find("yrkesok coverage: error: " + file + message), std::string::npos)
            << run.err;
        EXPECT_TRUE(run.out.empty()) << run.out;
    }
}

TEST(CoverageCommand, MissingFileMissingIndexAndUsageErrors) {
    auto missing = run_cli(
        {"coverage", (kFixtures / "no-such.tsv").string(), "--index", fixture().index.string()});
    EXPECT_EQ(missing.exit_code, 1);
    EXPECT_NE(missing.err.find("no-such.tsv: cannot open the coverage file"), std::string::npos)
        << missing.err;

    auto no_index = run_cli({"coverage", (kFixtures / "coverage.tsv").string(), "--index",
                             (kFixtures / "no-index").string()});
    EXPECT_EQ(no_index.exit_code, 1);
    EXPECT_NE(no_index.err.find("no index directory here"), std::string::npos) << no_index.err;

    auto both = run_cli({"coverage", "--json", "--csv", (kFixtures / "coverage.tsv").string()});
    EXPECT_EQ(both.exit_code, 2);
    EXPECT_NE(both.err.find("--json and --csv cannot be combined"), std::string::npos);

    auto top = run_cli({"coverage", "--top", "0", (kFixtures / "coverage.tsv").string()});
    EXPECT_EQ(top.exit_code, 2);
    EXPECT_NE(top.err.find("option --top must be a whole number from 1 to 100"), std::string::npos);

    auto none = run_cli({"coverage"});
    EXPECT_EQ(none.exit_code, 2);

    auto help = run_cli({"coverage", "--help"});
    EXPECT_EQ(help.exit_code, 0);
    for (const char* option : {"--index DIR", "--top K", "--json", "--csv"}) {
        EXPECT_NE(help.out.find(option), std::string::npos) << option;
    }
}

TEST(CoverageCommand, QueryTheEngineRefusesNamesItsLine) {
    yrkesok::testing::TempDir tmp("cli-coverage-long");
    std::ofstream(tmp.path() / "q.tsv") << "baker\n" << std::string(600, 'a') << "\n";
    auto run =
        run_cli({"coverage", (tmp.path() / "q.tsv").string(), "--index", fixture().index.string()});
    EXPECT_EQ(run.exit_code, 1);
    EXPECT_NE(run.err.find("query on line 2: query is 600 bytes"), std::string::npos) << run.err;
}

TEST(CoverageFile, SkipsBlanksAndCommentsTrimsAndDeduplicates) {
    yrkesok::testing::TempDir tmp("cli-coverage-file");
    std::ofstream(tmp.path() / "q.tsv") << "# heading\n\n  sykepleier  \n"
                                           "lege\tlege, fastlege,lege\r\n   \n# end\n";
    auto queries = yrkesok::search::read_coverage_queries(tmp.path() / "q.tsv");
    ASSERT_EQ(queries.size(), 2u);
    EXPECT_EQ(queries[0].line, 3u);
    EXPECT_EQ(queries[0].query, "sykepleier");
    EXPECT_TRUE(queries[0].expected.empty());
    EXPECT_EQ(queries[1].line, 4u);
    EXPECT_EQ(queries[1].expected, (std::vector<std::string>{"lege", "fastlege"}));
}

}  // namespace

namespace {

// --no-unreached leaves the list of unreached documents out of every format; the summary
// still counts them.
TEST(CoverageCommand, NoUnreachedLeavesTheListOut) {
    const auto file = kFixtures / "coverage.tsv";
    auto full = run_cli({"coverage", file.string(), "--index", fixture().index.string()});
    auto brief =
        run_cli({"coverage", file.string(), "--no-unreached", "--index", fixture().index.string()});
    EXPECT_EQ(brief.exit_code, full.exit_code);
    EXPECT_NE(full.out.find("Documents no query brings"), std::string::npos) << full.out;
    EXPECT_EQ(brief.out.find("Documents no query brings"), std::string::npos) << brief.out;
    const auto summary = [](const std::string& out) { return out.substr(out.rfind("coverage:")); };
    EXPECT_EQ(summary(brief.out), summary(full.out));
    auto json = run_cli({"coverage", file.string(), "--no-unreached", "--json", "--index",
                         fixture().index.string()});
    EXPECT_EQ(nlohmann::json::parse(json.out).count("unreached_documents"), 0u);
}

}  // namespace
