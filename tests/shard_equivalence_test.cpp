// A corpus split over shards answers exactly as the same corpus in one database: hits, scores,
// order, totals, facet counts, pages, snippets, spelling corrections, suggestions, stored
// records; and updates and deletes reach the shard that holds the id.
#include <gtest/gtest.h>
#include <xapian.h>

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "support/bundled_index.h"
#include "support/shard_queries.h"
#include "support/spelling_table.h"
#include "yrkesok/format/layout.h"
#include "yrkesok/format/schema.h"
#include "yrkesok/indexer/index_shards.h"
#include "yrkesok/indexer/index_writer.h"
#include "yrkesok/searcher/search_engine.h"
#include "yrkesok/server/api_json.h"

namespace {

namespace fs = std::filesystem;
using yrkesok::format::IndexLayout;
using yrkesok::index::Occupation;
using yrkesok::search::SearchEngine;
using yrkesok::testing::bundled_index;
using yrkesok::testing::comparable;
using yrkesok::testing::copy_index;
using yrkesok::testing::describe;

// The bundled corpus over `shards` shards, built once per binary (each build costs seconds
// under the sanitizers); tests that change an index work on a copy (copy_index).
fs::path build_sharded(std::size_t shards) {
    static std::map<std::size_t, fs::path> built;
    if (auto it = built.find(shards); it != built.end()) return it->second;
    const auto& b = bundled_index();
    auto options = b.options;
    options.shards = shards;
    const fs::path dir = b.dir / ("shards-" + std::to_string(shards));
    yrkesok::index::build_index(b.records, dir, *b.analyzer, options);
    return built[shards] = dir;
}

fs::path current(const fs::path& dir) {
    IndexLayout layout(dir);
    return layout.generation_path(layout.current_generation().value());
}

// The spelling table of the database at `path` (over all shards of a generation directory).
std::map<std::string, Xapian::doccount> spelling_table(const fs::path& path) {
    return yrkesok::testing::spelling_table(Xapian::Database(path.string()));
}

// The sharded generation's spelling table is one database's, all of it in shard 0.
void expect_same_spelling_table(const fs::path& single_dir, const fs::path& sharded_dir) {
    const fs::path generation = current(sharded_dir);
    const auto one = spelling_table(current(single_dir));
    EXPECT_GT(one.size(), 1000u);
    EXPECT_TRUE(one == spelling_table(generation / yrkesok::index::shard_directory_name(0)));
    EXPECT_TRUE(one == spelling_table(generation));
    for (std::size_t shard = 1; shard < yrkesok::index::shard_count(generation); ++shard) {
        EXPECT_TRUE(
            spelling_table(generation / yrkesok::index::shard_directory_name(shard)).empty())
            << "shard " << shard;
    }
}

// Every answer of `sharded` equals that of `single`.
void expect_same_answers(SearchEngine& single, SearchEngine& sharded) {
    std::size_t compared = 0;
    for (const auto& request : yrkesok::testing::shard_test_requests(bundled_index().records)) {
        EXPECT_EQ(comparable(single.search(request)), comparable(sharded.search(request)))
            << describe(request);
        ++compared;
    }
    EXPECT_GT(compared, 60u);
    for (const char* prefix : {"s", "syk", "hjer", "lær", "ingen", "bil", "kokk", "a", "tann"}) {
        EXPECT_EQ(yrkesok::api::suggestions_to_json(single.suggest(prefix, 10)).dump(),
                  yrkesok::api::suggestions_to_json(sharded.suggest(prefix, 10)).dump())
            << prefix;
    }
    EXPECT_EQ(yrkesok::api::facets_to_json(single.all_facets()).dump(),
              yrkesok::api::facets_to_json(sharded.all_facets()).dump());
    for (const auto& record : bundled_index().records) {
        ASSERT_EQ(single.occupation_json(record.id), sharded.occupation_json(record.id));
    }
    EXPECT_EQ(single.info().documents, sharded.info().documents);
}

TEST(ShardEquivalence, TwoAndThreeShardsAnswerEveryRequestAsOneDatabase) {
    const auto& b = bundled_index();
    SearchEngine single(b.index_dir(), b.analyzer);
    for (std::size_t shards : {2u, 3u}) {
        SCOPED_TRACE(std::to_string(shards) + " shards");
        const fs::path dir = build_sharded(shards);
        EXPECT_EQ(yrkesok::index::shard_count(current(dir)), shards);
        SearchEngine sharded(dir.string(), b.analyzer);
        EXPECT_EQ(sharded.info().metadata.at("shards"), std::to_string(shards));
        expect_same_spelling_table(b.dir / "index", dir);
        expect_same_answers(single, sharded);
    }
}

// Words of the corpus with one letter dropped, as a visitor mistypes them: the sharded index
// corrects each to what one database does. A word's letters are spread over shards, so this
// fails when a shard's spelling table is weighed against another's instead of being one table.
TEST(ShardEquivalence, MistypedWordsAreCorrectedAsInOneDatabase) {
    const auto& b = bundled_index();
    SearchEngine single(b.index_dir(), b.analyzer);
    Xapian::Database words((current(b.dir / "index")).string());
    std::vector<std::string> mistyped;
    std::size_t seen = 0;
    for (auto w = words.spellings_begin(); w != words.spellings_end(); ++w) {
        const std::string word = *w;
        // Every 25th word of 7 to 14 bytes, ASCII in its middle so a byte is a letter.
        if (word.size() < 7 || word.size() > 14 || seen++ % 25 != 0) continue;
        const std::size_t middle = word.size() / 2;
        if (static_cast<unsigned char>(word[middle]) >= 0x80) continue;
        mistyped.push_back(word.substr(0, middle) + word.substr(middle + 1));
    }
    ASSERT_GT(mistyped.size(), 100u);
    for (std::size_t shards : {2u, 3u}) {
        SCOPED_TRACE(std::to_string(shards) + " shards");
        SearchEngine sharded(build_sharded(shards).string(), b.analyzer);
        std::size_t corrected = 0;
        for (const auto& query : mistyped) {
            yrkesok::search::SearchRequest request;
            request.query = query;
            const auto one = single.search(request);
            const auto split = sharded.search(request);
            EXPECT_EQ(one.corrected_query, split.corrected_query) << query;
            EXPECT_EQ(one.suggestion, split.suggestion) << query;
            corrected += one.corrected_query.has_value() || one.suggestion.has_value();
        }
        EXPECT_GT(corrected, mistyped.size() / 2);
    }
}

TEST(ShardEquivalence, AShardListOfLocalPathsAnswersAsTheGeneration) {
    const auto& b = bundled_index();
    const fs::path dir = build_sharded(2);
    SearchEngine whole(dir.string(), b.analyzer);
    yrkesok::search::EngineOptions options;
    options.shards = {(current(dir) / "shard-0").string(), (current(dir) / "shard-1").string()};
    SearchEngine listed("two local shards", b.analyzer, options);
    expect_same_answers(whole, listed);
}

TEST(ShardEquivalence, EveryRecordLivesInTheShardItsIdHashesTo) {
    const auto& b = bundled_index();
    const fs::path gen = current(build_sharded(3));
    std::size_t total = 0;
    for (std::size_t shard = 0; shard < 3; ++shard) {
        Xapian::Database db((gen / yrkesok::index::shard_directory_name(shard)).string());
        total += db.get_doccount();
        EXPECT_GT(db.get_doccount(), 0u);
        for (const auto& record : b.records) {
            const bool here = yrkesok::index::shard_for_id(record.id, 3) == shard;
            EXPECT_EQ(db.term_exists("Q" + record.id), here) << record.id << " shard " << shard;
        }
    }
    EXPECT_EQ(total, b.records.size());
}

TEST(ShardEquivalence, UpdatesAndDeletesKeepShardedAndSingleIndexesEqual) {
    const auto& b = bundled_index();
    // Change one record, drop another, add a copy under a new id.
    std::vector<Occupation> changed = b.records;
    changed[3].summary += " Endret sammendrag med ordet hjertelungemaskin.";
    const std::string dropped = changed[5].id;
    changed.erase(changed.begin() + 5);
    Occupation added = changed[10];
    added.id = added.id + "-kopi";
    changed.push_back(added);

    const fs::path single_dir = copy_index(b.dir / "index", b.dir / "update-single");
    const fs::path sharded_dir = copy_index(build_sharded(2), b.dir / "update-sharded");
    auto options = b.options;
    options.shards = 0;  // keep what the index has
    auto single_stats = yrkesok::index::update_index(changed, single_dir, *b.analyzer, options);
    auto sharded_stats = yrkesok::index::update_index(changed, sharded_dir, *b.analyzer, options);
    EXPECT_EQ(sharded_stats.updated, 1u);
    EXPECT_EQ(sharded_stats.added, 1u);
    EXPECT_EQ(sharded_stats.deleted, 1u);
    EXPECT_EQ(single_stats.documents, sharded_stats.documents);
    EXPECT_EQ(yrkesok::index::shard_count(current(sharded_dir)), 2u);

    const std::string removed = changed[20].id;
    yrkesok::index::delete_from_index({removed}, single_dir, *b.analyzer, options);
    yrkesok::index::delete_from_index({removed}, sharded_dir, *b.analyzer, options);
    EXPECT_EQ(yrkesok::index::shard_count(current(sharded_dir)), 2u);
    expect_same_spelling_table(single_dir, sharded_dir);
    for (const auto& [id, present] : std::vector<std::pair<std::string, bool>>{
             {changed[3].id, true}, {added.id, true}, {dropped, false}, {removed, false}}) {
        const std::size_t home = yrkesok::index::shard_for_id(id, 2);
        for (std::size_t shard = 0; shard < 2; ++shard) {
            Xapian::Database db(
                (current(sharded_dir) / yrkesok::index::shard_directory_name(shard)).string());
            EXPECT_EQ(db.term_exists("Q" + id), present && shard == home) << id;
        }
    }
    SearchEngine single(single_dir.string(), b.analyzer);
    SearchEngine sharded(sharded_dir.string(), b.analyzer);
    yrkesok::search::SearchRequest request;
    request.query = "hjertelungemaskin";
    EXPECT_EQ(comparable(single.search(request)), comparable(sharded.search(request)));
    expect_same_answers(single, sharded);
}

TEST(ShardEquivalence, UpdateWithAnotherShardCountRebuilds) {
    const auto& b = bundled_index();
    const fs::path dir = copy_index(build_sharded(2), b.dir / "reshard");
    auto options = b.options;
    options.shards = 4;
    auto stats = yrkesok::index::update_index(b.records, dir, *b.analyzer, options);
    EXPECT_EQ(stats.added, b.records.size());
    EXPECT_EQ(yrkesok::index::shard_count(current(dir)), 4u);
}

}  // namespace
