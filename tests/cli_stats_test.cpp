// `yrkesok stats` on the fixture index: the counts agree with the fixture corpus, the table's
// shape and key lines, the JSON, a second generation, and the errors.
#include <gtest/gtest.h>
#include <xapian.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "support/cli_run.h"
#include "support/pattern.h"
#include "yrkesok/format/layout.h"
#include "yrkesok/format/schema.h"

namespace {

using yrkesok::testing::Pattern;

namespace fs = std::filesystem;
using yrkesok::testing::CliFixtureIndex;
using yrkesok::testing::run_cli;

// Documents per value of a list field (or of a string field) in the fixture corpus.
std::map<std::string, std::size_t> corpus_counts(const fs::path& corpus, const std::string& key) {
    std::map<std::string, std::size_t> counts;
    std::ifstream in(corpus);
    std::string line;
    while (std::getline(in, line)) {
        auto record = nlohmann::json::parse(line);
        if (record[key].is_array()) {
            for (const auto& v : record[key]) ++counts[v.get<std::string>()];
        } else {
            ++counts[record[key].get<std::string>()];
        }
    }
    return counts;
}

std::map<std::string, std::size_t> json_counts(const nlohmann::ordered_json& object) {
    std::map<std::string, std::size_t> out;
    for (const auto& [key, value] : object.items()) out[key] = value.get<std::size_t>();
    return out;
}

TEST(StatsCommand, JsonCountsAgreeWithTheCorpus) {
    CliFixtureIndex fixture;
    auto run = run_cli({"stats", "--json", "--index", fixture.index.string()});
    ASSERT_EQ(run.exit_code, 0) << run.err;
    auto j = nlohmann::ordered_json::parse(run.out);
    EXPECT_EQ(j["generation"], "gen-000001");
    EXPECT_EQ(j["generations"], nlohmann::ordered_json::array({"gen-000001"}));
    EXPECT_EQ(j["documents"], 6);
    EXPECT_EQ(json_counts(j["sectors"]), corpus_counts(fixture.corpus, "sectors"));
    EXPECT_EQ(json_counts(j["education_levels"]),
              corpus_counts(fixture.corpus, "education_levels"));
    EXPECT_EQ(json_counts(j["languages"]), corpus_counts(fixture.corpus, "language"));
    // Most documents first: "Helse og sosial" has three of the six.
    EXPECT_EQ(j["sectors"].begin().key(), "Helse og sosial");
    EXPECT_GT(j["terms"].get<std::size_t>(), j["words"].get<std::size_t>());
    EXPECT_GT(j["words"].get<std::size_t>(), 50u);
    EXPECT_GT(j["bytes"].get<std::size_t>(), 0u);
    EXPECT_GE(j["directory_bytes"].get<std::size_t>(), j["bytes"].get<std::size_t>());
    EXPECT_EQ(j["metadata"]["document_count"], "6");
    EXPECT_EQ(j["metadata"]["generation"], "gen-000001");
    for (const char* key :
         {"analyzer_version", "schema_version", "corpus_checksum", "build_time"}) {
        EXPECT_TRUE(j["metadata"].contains(key)) << key;
    }
}

TEST(StatsCommand, TableShapeAndKeyLines) {
    CliFixtureIndex fixture;
    auto run = run_cli({"stats", "--index", fixture.index.string()});
    ASSERT_EQ(run.exit_code, 0) << run.err;
    const std::string& out = run.out;
    EXPECT_TRUE(Pattern("^index +" + fixture.index.string() + "\n").found_in(out)) << out;
    EXPECT_NE(out.find("\ngeneration          gen-000001 (kept: gen-000001)\n"), std::string::npos)
        << out;
    EXPECT_NE(out.find("\ndocuments           6\n"), std::string::npos);
    EXPECT_TRUE(Pattern("\ndistinct terms +[0-9]+\n").found_in(out));
    EXPECT_TRUE(Pattern("\nsize on disk +[0-9.]+ KiB \\(").found_in(out));
    EXPECT_NE(out.find("\n\nSectors (documents)\n  Helse og sosial         3\n"), std::string::npos)
        << out;
    EXPECT_NE(out.find("\n\nEducation levels (documents)\n"), std::string::npos);
    EXPECT_NE(out.find("\n  Videregående skole  1\n"), std::string::npos) << out;
    EXPECT_NE(out.find("\n\nLanguages (documents)\n  nb  5\n  nn  1\n"), std::string::npos);
    EXPECT_TRUE(Pattern("\n\nBuild\n  analyzer_version +" +
                        std::string(yrkesok::format::kAnalyzerVersion) + "\n")
                    .found_in(out));
}

TEST(StatsCommand, NamesTheNewGenerationAfterARebuild) {
    CliFixtureIndex fixture;
    auto rebuilt = run_cli({"index", "--corpus", fixture.corpus.string(), "--vocab",
                            (fs::path(YRKESOK_SOURCE_DIR) / "corpus").string(), "--index",
                            fixture.index.string()});
    ASSERT_EQ(rebuilt.exit_code, 0) << rebuilt.err;
    auto run = run_cli({"stats", "--index", fixture.index.string(), "--json"});
    ASSERT_EQ(run.exit_code, 0) << run.err;
    auto j = nlohmann::json::parse(run.out);
    EXPECT_EQ(j["generation"], "gen-000002");
    EXPECT_EQ(j["generations"], nlohmann::json::array({"gen-000001", "gen-000002"}));
    EXPECT_GT(j["directory_bytes"].get<std::size_t>(), j["bytes"].get<std::size_t>());
}

TEST(StatsCommand, ErrorsAndHelp) {
    yrkesok::testing::TempDir empty("cli-stats-empty");
    auto not_an_index = run_cli({"stats", "--index", empty.path().string()});
    EXPECT_EQ(not_an_index.exit_code, 1);
    EXPECT_NE(
        not_an_index.err.find("yrkesok stats: error: " + empty.path().string() + ": no index here"),
        std::string::npos)
        << not_an_index.err;
    auto missing = run_cli({"stats", "--index", (empty.path() / "gone").string()});
    EXPECT_EQ(missing.exit_code, 1);
    EXPECT_NE(missing.err.find("no index directory here"), std::string::npos);
    auto extra = run_cli({"stats", "surplus"});
    EXPECT_EQ(extra.exit_code, 2);
    auto help = run_cli({"stats", "--help"});
    EXPECT_EQ(help.exit_code, 0);
    EXPECT_NE(help.out.find("Usage: yrkesok stats"), std::string::npos);
}

}  // namespace

namespace {

// `yrkesok --version` names the two versions that decide which indexes this build reads.
TEST(IndexVersions, VersionNamesTheSchemaAndAnalyzerVersions) {
    const auto run = yrkesok::testing::run_cli({"--version"});
    EXPECT_EQ(run.exit_code, 0);
    EXPECT_EQ(run.out, "yrkesok " + std::string(YRKESOK_TEST_VERSION) + " (index schema " +
                           std::to_string(yrkesok::format::kSchemaVersion) + ", analyzer " +
                           std::string(yrkesok::format::kAnalyzerVersion) + ")\n");
}

// An index whose schema or analyzer version is not this build's is refused by every command
// that reads an index, with exit 1, both versions and the command that rebuilds it.
TEST(IndexVersions, EveryReaderRefusesAnotherSchemaOrAnalyzerVersion) {
    for (const char* key : {"yrkesok.schema_version", "yrkesok.analyzer_version"}) {
        SCOPED_TRACE(key);
        yrkesok::testing::CliFixtureIndex foreign;
        {
            const auto generation =
                yrkesok::format::IndexLayout(foreign.index).current_generation();
            ASSERT_TRUE(generation);
            Xapian::WritableDatabase db((foreign.index / *generation).string(),
                                        Xapian::DB_OPEN | Xapian::DB_NO_TERMLIST);
            db.set_metadata(key, "999");
            db.commit();
        }
        const std::string index = foreign.index.string();
        const std::vector<std::vector<std::string>> commands = {
            {"search", "--index", index, "lege"},
            {"explain", "--index", index, "lege", "perfusjonist"},
            {"coverage", "--index", index,
             (std::filesystem::path(YRKESOK_SOURCE_DIR) / "tests/fixtures/cli/coverage.tsv")
                 .string()},
            {"stats", "--index", index},
            {"serve", "--index", index, "--port", "0"}};
        for (const auto& command : commands) {
            const auto run = yrkesok::testing::run_cli(command);
            EXPECT_EQ(run.exit_code, 1) << command.front() << ": " << run.out << run.err;
            EXPECT_NE(run.err.find("\"999\""), std::string::npos)
                << command.front() << ": " << run.err;
            EXPECT_NE(run.err.find("yrkesok index"), std::string::npos)
                << command.front() << ": " << run.err;
        }
    }
}

}  // namespace
