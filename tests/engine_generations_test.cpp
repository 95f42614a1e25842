// The engine and index generations: reopening when a new generation is switched in, and
// refusing an index built by another analyzer version.
#include <gtest/gtest.h>
#include <stdlib.h>
#include <xapian.h>

#include <algorithm>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "support/bundled_index.h"
#include "yrkesok/analyzers/analyzer.h"
#include "yrkesok/format/layout.h"
#include "yrkesok/format/schema.h"
#include "yrkesok/indexer/corpus.h"
#include "yrkesok/indexer/index_writer.h"
#include "yrkesok/searcher/search_engine.h"

namespace {

namespace fs = std::filesystem;
using yrkesok::analyzers::Analyzer;
using yrkesok::index::Occupation;
using yrkesok::search::IndexOpenError;
using yrkesok::search::SearchEngine;
using yrkesok::search::SearchRequest;
using yrkesok::testing::bundled_index;

const fs::path kSource = YRKESOK_SOURCE_DIR;

class EngineGenerations : public testing::Test {
  protected:
    static void SetUpTestSuite() { bundled_index(); }

    // A private copy of the shared index, in place of any earlier one of that name.
    static fs::path copy_index(const std::string& name) {
        const fs::path target = bundled_index().dir / name;
        fs::remove_all(target);
        return yrkesok::testing::copy_index(bundled_index().dir / "index", target);
    }

    static std::size_t total(SearchEngine& engine, const std::string& query) {
        SearchRequest request;
        request.query = query;
        return engine.search(request).total;
    }
};

TEST_F(EngineGenerations, ReopenIfChangedPicksUpANewGeneration) {
    const fs::path dir = copy_index("reopen");
    const auto& shared = bundled_index();
    SearchEngine engine(dir.string(), shared.analyzer);
    const auto before = engine.info();
    EXPECT_EQ(before.documents, shared.records.size());
    EXPECT_FALSE(engine.reopen_if_changed()) << "nothing changed yet";
    ASSERT_TRUE(engine.occupation_json("perfusjonist").has_value());
    const std::size_t perfusjonist_hits = total(engine, "perfusjonist");
    ASSERT_GT(perfusjonist_hits, 0u);

    std::vector<Occupation> fewer;
    for (const auto& r : shared.records) {
        if (r.id != "perfusjonist") fewer.push_back(r);
    }
    auto stats = yrkesok::index::update_index(fewer, dir, *shared.analyzer, shared.options);
    EXPECT_EQ(stats.deleted, 1u);
    ASSERT_NE(stats.generation, before.generation);

    EXPECT_TRUE(engine.reopen_if_changed());
    const auto after = engine.info();
    EXPECT_EQ(after.generation, stats.generation);
    EXPECT_NE(after.generation, before.generation);
    EXPECT_EQ(after.documents, shared.records.size() - 1);
    EXPECT_FALSE(engine.occupation_json("perfusjonist").has_value());
    SearchRequest request;
    request.query = "perfusjonist";
    request.per_page = 100;
    for (const auto& hit : engine.search(request).hits) EXPECT_NE(hit.id, "perfusjonist");
    EXPECT_EQ(engine.all_facets().total, shared.records.size() - 1);
    // The suggester was rebuilt from the new generation too.
    for (const auto& s : engine.suggest("perf", 10)) EXPECT_NE(s.id, "perfusjonist");

    EXPECT_FALSE(engine.reopen_if_changed()) << "second call with no new generation";
    EXPECT_EQ(engine.info().generation, after.generation);
}

// Engines of one pool share each generation's suggester and facet tables (GenerationCache): a
// new generation gets its own, and an engine still on the old one keeps answering from the old.
TEST_F(EngineGenerations, EnginesSharingACacheEachAnswerFromTheirOwnGeneration) {
    const fs::path dir = copy_index("shared-cache");
    const auto& shared = bundled_index();
    yrkesok::search::EngineOptions options;
    options.shared = std::make_shared<yrkesok::search::GenerationCache>();
    SearchEngine first(dir.string(), shared.analyzer, options);
    SearchEngine second(dir.string(), shared.analyzer, options);
    SearchEngine alone(dir.string(), shared.analyzer);
    const auto suggests_perfusjonist = [](SearchEngine& engine) {
        const auto found = engine.suggest("perf", 10);
        return std::any_of(found.begin(), found.end(),
                           [](const auto& s) { return s.id == "perfusjonist"; });
    };
    EXPECT_TRUE(suggests_perfusjonist(first));
    EXPECT_TRUE(suggests_perfusjonist(second));
    SearchRequest request;
    request.query = "sykepleier";
    EXPECT_EQ(first.search(request).sectors, alone.search(request).sectors);
    EXPECT_EQ(options.shared->contents(), 1u);

    std::vector<Occupation> fewer;
    for (const auto& r : shared.records) {
        if (r.id != "perfusjonist") fewer.push_back(r);
    }
    yrkesok::index::update_index(fewer, dir, *shared.analyzer, shared.options);
    ASSERT_TRUE(first.reopen_if_changed());
    EXPECT_FALSE(suggests_perfusjonist(first));
    EXPECT_TRUE(suggests_perfusjonist(second)) << "not reopened: still the old generation";
    EXPECT_EQ(options.shared->contents(), 2u);
    ASSERT_TRUE(second.reopen_if_changed());
    EXPECT_FALSE(suggests_perfusjonist(second));
    ASSERT_TRUE(alone.reopen_if_changed());
    EXPECT_EQ(first.search(request).sectors, alone.search(request).sectors);
    EXPECT_EQ(first.all_facets().sectors, alone.all_facets().sectors);
}

TEST_F(EngineGenerations, InfoReportsGenerationAndMetadata) {
    const auto& shared = bundled_index();
    SearchEngine engine((shared.dir / "index").string(), shared.analyzer);
    auto info = engine.info();
    EXPECT_EQ(
        info.generation,
        yrkesok::format::IndexLayout(shared.dir / "index").current_generation().value_or("(none)"));
    EXPECT_EQ(info.documents, shared.records.size());
    EXPECT_EQ(info.metadata["analyzer_version"], std::string(yrkesok::format::kAnalyzerVersion));
}

TEST_F(EngineGenerations, IndexFromAnotherAnalyzerVersionIsRefused) {
    const fs::path dir = copy_index("old-analyzer");
    auto generation = yrkesok::format::IndexLayout(dir).current_generation();
    ASSERT_TRUE(generation.has_value());
    {
        Xapian::WritableDatabase db((dir / *generation).string(),
                                    Xapian::DB_OPEN | Xapian::DB_NO_TERMLIST);
        db.set_metadata("yrkesok.analyzer_version", "0");
        db.commit();
    }
    try {
        SearchEngine engine(dir.string(), bundled_index().analyzer);
        FAIL() << "an index built with analyzer version 0 was opened";
    } catch (const IndexOpenError& e) {
        const std::string message = e.what();
        EXPECT_NE(message.find("\"0\""), std::string::npos) << message;
        EXPECT_NE(message.find("\"" + std::string(yrkesok::format::kAnalyzerVersion) + "\""),
                  std::string::npos)
            << message;
    }
}

TEST_F(EngineGenerations, MissingIndexIsRefused) {
    const fs::path dir = bundled_index().dir / "empty";
    fs::create_directories(dir);
    EXPECT_THROW(SearchEngine(dir.string(), bundled_index().analyzer), IndexOpenError);
    EXPECT_THROW(
        SearchEngine((bundled_index().dir / "does-not-exist").string(), bundled_index().analyzer),
        IndexOpenError);
}

TEST_F(EngineGenerations, AnEngineMovedToANewGenerationScoresFromThatGenerationsLengths) {
    // Searched in its files, an engine scores terms from a table of the generation's document
    // lengths (term_scoring.h), shared like the other per-generation values: after the switch
    // its scores must be those of an engine opened on the new generation. The new record's long
    // body moves the average length, which every score depends on.
    const fs::path dir = copy_index("lengths");
    const auto& shared = bundled_index();
    yrkesok::search::EngineOptions options;
    options.shared = std::make_shared<yrkesok::search::GenerationCache>();
    SearchEngine engine(dir.string(), shared.analyzer, options);
    const std::vector<std::string> queries = {"sykepleier", "hjerte lungemaskin", "jobbe med barn",
                                              "maskiner"};
    for (const auto& query : queries) {
        SearchRequest request;
        request.query = query;
        ASSERT_GT(engine.search(request).plan.scored_leaves, 0u) << query;
    }

    std::vector<Occupation> more = shared.records;
    Occupation talker = more.front();
    talker.id = "test-lang";
    talker.title = "Omviser";
    talker.summary = "Viser folk rundt.";
    talker.body.clear();
    for (int i = 0; i < 400; ++i) talker.body += "Omviseren jobber med barn og maskiner. ";
    more.push_back(talker);
    yrkesok::index::update_index(more, dir, *shared.analyzer, shared.options);
    ASSERT_TRUE(engine.reopen_if_changed());

    SearchEngine fresh(dir.string(), shared.analyzer);
    for (const auto& query : queries) {
        SearchRequest request;
        request.query = query;
        request.per_page = 50;
        const auto got = engine.search(request);
        const auto expected = fresh.search(request);
        ASSERT_EQ(got.hits.size(), expected.hits.size()) << query;
        for (std::size_t i = 0; i < got.hits.size(); ++i) {
            EXPECT_EQ(got.hits[i].id, expected.hits[i].id) << query << ", hit " << i + 1;
            EXPECT_EQ(got.hits[i].score, expected.hits[i].score) << query << ", hit " << i + 1;
        }
    }
}

TEST_F(EngineGenerations, CachedQueriesAreForgottenWhenANewGenerationIsSwitchedIn) {
    // A query is built against the index it runs on (terms the index lacks are left out), so
    // a query cached before a new word arrived must not hide that word afterwards.
    const fs::path dir = copy_index("query-cache");
    const auto& shared = bundled_index();
    SearchEngine engine(dir.string(), shared.analyzer);
    ASSERT_EQ(total(engine, "zxqvorpik"), 0u);
    ASSERT_EQ(total(engine, "zxqvorpik"), 0u);  // now from the engine's query cache

    std::vector<Occupation> more = shared.records;
    Occupation picker = more.front();
    picker.id = "test-picker";
    picker.title = "Sanker";
    picker.summary = "Plukker bær i skogen.";
    picker.body = "En zxqvorpik går i skogen hele høsten.";
    more.push_back(picker);
    yrkesok::index::update_index(more, dir, *shared.analyzer, shared.options);

    ASSERT_TRUE(engine.reopen_if_changed());
    SearchRequest request;
    request.query = "zxqvorpik";
    const auto response = engine.search(request);
    ASSERT_GT(response.total, 0u);
    EXPECT_EQ(response.hits.front().id, "test-picker");
}

}  // namespace
