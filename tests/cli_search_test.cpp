// `yrkesok search`: --json is byte for byte the body of GET /api/search (serialised by the
// same function, compact), the table's shape when piped (no terminal escapes), --limit,
// filters, corrections, the default index and the errors.
#include <gtest/gtest.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "support/cli_run.h"
#include "support/pattern.h"
#include "yrkesok/analyzers/analyzer.h"
#include "yrkesok/searcher/search_engine.h"
#include "yrkesok/server/api_json.h"

namespace {

using yrkesok::testing::Pattern;

using yrkesok::testing::CliFixtureIndex;
using yrkesok::testing::run_cli;

const CliFixtureIndex& fixture() {
    static CliFixtureIndex index;
    return index;
}

// took_ms differs between two runs; everything else must be identical.
std::string without_took_ms(const std::string& body) {
    return Pattern("\"took_ms\":[0-9.e+-]+").replace(body, "\"took_ms\":0");
}

TEST(SearchCommand, JsonIsTheHttpBody) {
    auto run = run_cli({"search", "--json", "sykepleie", "--index", fixture().index.string(),
                        "--limit", "2", "--sector", "Helse og sosial"});
    ASSERT_EQ(run.exit_code, 0) << run.err;

    yrkesok::search::SearchEngine engine(fixture().index.string(),
                                         std::make_shared<yrkesok::analyzers::Analyzer>());
    yrkesok::search::SearchRequest request;
    request.query = "sykepleie";
    request.per_page = 2;
    request.sectors = {"Helse og sosial"};
    auto expected = yrkesok::api::search_response_to_json(engine.search(request))
                        .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    EXPECT_EQ(without_took_ms(run.out), without_took_ms(expected) + "\n");
    auto j = nlohmann::json::parse(run.out);
    EXPECT_EQ(j["per_page"], 2);
    EXPECT_EQ(j["hits"].size(), 2u);
}

TEST(SearchCommand, PipedTableIsPlainWithRanksFacetsAndLimit) {
    auto run = run_cli(
        {"search", "hjerte lungemaskin", "--index", fixture().index.string(), "--limit", "1"});
    ASSERT_EQ(run.exit_code, 0) << run.err;
    const std::string& out = run.out;
    EXPECT_EQ(out.find('\x1b'), std::string::npos) << "no terminal escapes in a pipe";
    EXPECT_TRUE(Pattern("^[0-9]+ hits? for \"hjerte lungemaskin\"").found_in(out));
    EXPECT_TRUE(Pattern("\n  1\\. +[0-9.]+  Perfusjonist  \\[perfusjonist\\]\n"
                        "      Helse og sosial \\| Master\n      .*hjerte")
                    .found_in(out))
        << out;
    EXPECT_EQ(out.find("\n  2. "), std::string::npos) << "--limit 1";
    EXPECT_EQ(out.find("<mark>"), std::string::npos) << "snippet marks are removed";
    EXPECT_TRUE(Pattern("\nSectors:  Helse og sosial \\([0-9]+\\)").found_in(out));
    EXPECT_NE(out.find("\nEducation levels:"), std::string::npos);
}

TEST(SearchCommand, TableShowsTheCorrectionOrTheSuggestion) {
    // No hits as typed: the engine searched the corrected query.
    auto corrected = run_cli({"search", "jordmro", "--index", fixture().index.string()});
    ASSERT_EQ(corrected.exit_code, 0) << corrected.err;
    EXPECT_TRUE(Pattern("^Showing hits for \"jordmor\"\n").found_in(corrected.out))
        << corrected.out;
    EXPECT_NE(corrected.out.find("[jordmor]"), std::string::npos);
    // A word no list knows that finds a few hits only through its parts: the engine
    // searched the corrected query too.
    auto misspelt = run_cli({"search", "perfusjonsit", "--index", fixture().index.string()});
    ASSERT_EQ(misspelt.exit_code, 0) << misspelt.err;
    EXPECT_TRUE(Pattern("^Showing hits for \"perfusjonist\"\n").found_in(misspelt.out))
        << misspelt.out;
    // A word of the language ("kvinter") with a few hits as typed: they stay, with a
    // suggestion below.
    auto suggested = run_cli({"search", "kvinter", "--index", fixture().index.string()});
    ASSERT_EQ(suggested.exit_code, 0) << suggested.err;
    EXPECT_NE(suggested.out.find("\nDid you mean: kvinner?\n"), std::string::npos) << suggested.out;
}

TEST(SearchCommand, DefaultIndexAndErrors) {
    auto by_env =
        run_cli({"search", "baker", "--json"},
                "YRKESOK_INDEX=" + yrkesok::testing::shell_quoted(fixture().index.string()));
    ASSERT_EQ(by_env.exit_code, 0) << by_env.err;
    EXPECT_EQ(nlohmann::json::parse(by_env.out)["hits"][0]["id"], "baker");

    yrkesok::testing::TempDir empty("cli-search-empty");
    auto missing = run_cli({"search", "baker", "--index", (empty.path() / "x").string()});
    EXPECT_EQ(missing.exit_code, 1);
    EXPECT_NE(missing.err.find("no index directory here"), std::string::npos);
    auto limit = run_cli({"search", "baker", "--limit", "0"});
    EXPECT_EQ(limit.exit_code, 2);
    EXPECT_NE(limit.err.find("--limit must be a whole number from 1 to 100"), std::string::npos);
}

// The same mistake gets the same answer as over HTTP (400 unknown_facet_value): an unknown
// facet value is a usage error naming the values the index has, not "0 hits".
TEST(SearchCommand, UnknownFacetValueIsAUsageErrorListingTheValues) {
    auto sector =
        run_cli({"search", "baker", "--sector", "Romfart", "--index", fixture().index.string()});
    EXPECT_EQ(sector.exit_code, 2) << sector.out;
    EXPECT_NE(sector.err.find("unknown value \"Romfart\" for --sector"), std::string::npos)
        << sector.err;
    EXPECT_NE(sector.err.find("\"Helse og sosial\""), std::string::npos) << sector.err;
    EXPECT_TRUE(sector.out.empty()) << sector.out;

    auto education =
        run_cli({"search", "baker", "--education", "master", "--index", fixture().index.string()});
    EXPECT_EQ(education.exit_code, 2);
    EXPECT_NE(education.err.find("--education"), std::string::npos) << education.err;
    EXPECT_NE(education.err.find("\"Master\""), std::string::npos) << education.err;

    auto known = run_cli(
        {"search", "baker", "--sector", "Reiseliv og mat", "--index", fixture().index.string()});
    EXPECT_EQ(known.exit_code, 0) << known.err;
}

// A sharded generation keeps its whole spelling table in shard-0. Shards named one by one with
// --lexicon on another shard would get no corrections: the command says so, and still answers.
TEST(SearchCommand, ALexiconWithoutASpellingTableIsWarnedAbout) {
    yrkesok::testing::TempDir dir("cli-search-lexicon");
    const auto index = dir.path() / "index";
    auto built = run_cli({"index", "--corpus", fixture().corpus.string(), "--vocab",
                          (std::filesystem::path(YRKESOK_SOURCE_DIR) / "corpus").string(),
                          "--index", index.string(), "--shards", "2"});
    ASSERT_EQ(built.exit_code, 0) << built.err;
    const std::string shard0 = (index / "current" / "shard-0").string();
    const std::string shard1 = (index / "current" / "shard-1").string();
    const std::string shards = shard0 + "," + shard1;

    auto other = run_cli({"search", "baker", "--shards", shards, "--lexicon", shard1, "--json"});
    ASSERT_EQ(other.exit_code, 0) << other.err;
    EXPECT_NE(other.err.find("warning: --lexicon " + shard1 + " has no spelling table"),
              std::string::npos)
        << other.err;
    EXPECT_NE(other.err.find("shard-0"), std::string::npos) << other.err;
    EXPECT_EQ(nlohmann::json::parse(other.out)["hits"][0]["id"], "baker");

    auto first = run_cli({"search", "baker", "--shards", shards, "--lexicon", shard0, "--json"});
    ASSERT_EQ(first.exit_code, 0) << first.err;
    EXPECT_EQ(first.err.find("warning"), std::string::npos) << first.err;
}

}  // namespace
