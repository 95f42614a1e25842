// Full builds write segments on several threads and merge them (indexer/src/segment_build.h).
// These tests build the bundled corpus with one thread and one segment, and with several
// threads and many small segments, and check that a reader cannot tell the two apart: the same
// terms with the same statistics, the same documents term by term (wdf and positions), the same
// spelling and synonym tables. They also check progress reporting and failures on a worker.
#include <gtest/gtest.h>
#include <xapian.h>

#include <cstdlib>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "support/spelling_table.h"
#include "support/temp_dir.h"
#include "yrkesok/analyzers/analyzer.h"
#include "yrkesok/format/layout.h"
#include "yrkesok/format/schema.h"
#include "yrkesok/indexer/corpus.h"
#include "yrkesok/indexer/index_shards.h"
#include "yrkesok/indexer/index_writer.h"

namespace {

namespace fs = std::filesystem;
namespace s = yrkesok::format;
using yrkesok::analyzers::Analyzer;
using yrkesok::format::IndexLayout;
using yrkesok::index::build_index;
using yrkesok::index::IndexBuildOptions;
using yrkesok::index::IndexError;
using yrkesok::index::Occupation;
using yrkesok::index::Vocabularies;
using yrkesok::testing::spelling_table;

const fs::path kSource = YRKESOK_SOURCE_DIR;

class IndexSegments : public testing::Test {
  public:
    static void SetUpTestSuite() {
        if (!analyzer_) analyzer_ = new Analyzer();
        if (records_.empty()) {
            auto result = yrkesok::index::read_corpus(kSource / "corpus/occupations.jsonl",
                                                      Vocabularies::load(kSource / "corpus"));
            if (!result.ok()) throw std::runtime_error(result.issues.front().to_string());
            records_ = result.records;
        }
    }

  protected:
    static IndexBuildOptions options(std::size_t jobs, std::size_t segment_documents) {
        IndexBuildOptions o;
        o.synonyms_file = kSource / "corpus/synonyms.tsv";
        o.jobs = jobs;
        o.segment_documents = segment_documents;
        o.commit_every = 20;
        return o;
    }
    fs::path build(const std::string& name, const IndexBuildOptions& o) {
        const fs::path dir = root_ / name;
        build_index(records_, dir, *analyzer_, o);
        return dir / "current";
    }
    // Names in `dir` other than `current` and generation directories: leftovers.
    static std::vector<std::string> leftovers(const fs::path& dir) {
        std::vector<std::string> names;
        for (const auto& entry : fs::directory_iterator(dir)) {
            const auto name = entry.path().filename().string();
            if (name != "current" && !(name.starts_with("gen-") && name.size() == 10)) {
                names.push_back(name);
            }
        }
        return names;
    }

    // The first `n` records: the tests of progress and failures need a generation to stand and
    // a build with several segments on several threads, not the whole corpus (every build
    // costs seconds under the sanitizers).
    static std::vector<Occupation> first(std::size_t n) {
        return {records_.begin(), records_.begin() + static_cast<std::ptrdiff_t>(n)};
    }

    static Analyzer* analyzer_;
    static std::vector<Occupation> records_;
    yrkesok::testing::TempDir tmp_{"segments"};
    const fs::path root_ = tmp_.path();
};

Analyzer* IndexSegments::analyzer_ = nullptr;
std::vector<Occupation> IndexSegments::records_;

Xapian::Document by_id(const Xapian::Database& db, const std::string& id) {
    const std::string term = std::string(s::kIdTerm) + id;
    auto it = db.postlist_begin(term);
    if (it == db.postlist_end(term)) throw std::runtime_error("no document " + id);
    return db.get_document(*it);
}

// Every record's terms, by id: term -> (wdf, positions). Read term by term from the posting
// lists, since a generation keeps no term lists.
using Terms = std::map<std::string, std::pair<Xapian::termcount, std::vector<Xapian::termpos>>>;
std::map<std::string, Terms> terms_by_record(const Xapian::Database& db) {
    std::map<Xapian::docid, Terms> by_docid;
    for (auto t = db.allterms_begin(); t != db.allterms_end(); ++t) {
        for (auto p = db.postlist_begin(*t); p != db.postlist_end(*t); ++p) {
            by_docid[*p][*t] = {p.get_wdf(), {p.positionlist_begin(), p.positionlist_end()}};
        }
    }
    std::map<std::string, Terms> out;
    for (auto& [docid, terms] : by_docid) {
        const std::string data = db.get_document(docid).get_data();
        out[nlohmann::json::parse(data)["id"].get<std::string>()] = std::move(terms);
    }
    return out;
}

std::map<std::string, std::vector<std::string>> synonyms_of(const Xapian::Database& db) {
    std::map<std::string, std::vector<std::string>> out;
    for (auto k = db.synonym_keys_begin(); k != db.synonym_keys_end(); ++k) {
        out[*k] = {db.synonyms_begin(*k), db.synonyms_end(*k)};
    }
    return out;
}

TEST_F(IndexSegments, ManyThreadsAndSegmentsGiveTheSameIndexAsOne) {
    const Xapian::Database one(build("one", options(1, 1'000'000)).string());
    // 352 records in segments of 9 on 3 threads: about 13 segments per thread.
    const Xapian::Database many(build("many", options(3, 9)).string());

    ASSERT_EQ(many.get_doccount(), one.get_doccount());
    ASSERT_EQ(one.get_doccount(), records_.size());
    EXPECT_EQ(many.get_total_length(), one.get_total_length());

    // Every term with the same statistics, in the same order.
    auto a = one.allterms_begin();
    auto b = many.allterms_begin();
    std::size_t terms = 0;
    for (; a != one.allterms_end() && b != many.allterms_end(); ++a, ++b, ++terms) {
        ASSERT_EQ(*b, *a);
        ASSERT_EQ(b.get_termfreq(), a.get_termfreq()) << *a;
        ASSERT_EQ(many.get_collection_freq(*b), one.get_collection_freq(*a)) << *a;
    }
    EXPECT_EQ(a, one.allterms_end());
    EXPECT_EQ(b, many.allterms_end());
    EXPECT_GT(terms, 10'000u);

    // Every document the same: data, values, terms with wdf and positions.
    const auto one_terms = terms_by_record(one);
    const auto many_terms = terms_by_record(many);
    for (const auto& record : records_) {
        const auto x = by_id(one, record.id);
        const auto y = by_id(many, record.id);
        ASSERT_EQ(y.get_data(), x.get_data()) << record.id;
        for (unsigned slot = 0; slot <= s::kStyrkSlot; ++slot) {
            ASSERT_EQ(y.get_value(slot), x.get_value(slot)) << record.id << " slot " << slot;
        }
        ASSERT_EQ(many_terms.at(record.id), one_terms.at(record.id)) << record.id;
    }

    // The merge adds each word's counts up over the segments.
    const auto spelling = spelling_table(one);
    EXPECT_GT(spelling.size(), 5'000u);
    EXPECT_EQ(spelling_table(many), spelling);
    EXPECT_EQ(synonyms_of(many), synonyms_of(one));
    EXPECT_FALSE(synonyms_of(one).empty());
    EXPECT_EQ(many.get_metadata(std::string(s::kMetaDocumentCount)),
              std::to_string(records_.size()));
}

TEST_F(IndexSegments, ShardedBuildPutsEveryRecordInItsShardOnce) {
    auto o = options(2, 10);
    o.shards = 3;
    const fs::path current = build("sharded", o);
    std::size_t total = 0;
    for (std::size_t shard = 0; shard < 3; ++shard) {
        const Xapian::Database db((current / ("shard-" + std::to_string(shard))).string());
        total += db.get_doccount();
        // The whole spelling table is in one shard (index_shards.h); synonyms are in each.
        EXPECT_EQ(spelling_table(db).empty(), shard != yrkesok::index::kSpellingShard) << shard;
        EXPECT_FALSE(synonyms_of(db).empty()) << shard;
        for (const auto& record : records_) {
            const bool here = yrkesok::index::shard_for_id(record.id, 3) == shard;
            EXPECT_EQ(db.get_termfreq(std::string(s::kIdTerm) + record.id), here ? 1u : 0u)
                << record.id << " in shard " << shard;
        }
    }
    EXPECT_EQ(total, records_.size());
    const Xapian::Database whole(current.string());
    const Xapian::Database one(build("unsharded", options(2, 10)).string());
    EXPECT_EQ(spelling_table(whole), spelling_table(one));
}

TEST_F(IndexSegments, ReportsEveryDocumentOnceInOrderOnTheCallingThread) {
    auto o = options(3, 17);
    const auto records = first(120);  // 8 segments on 3 threads
    std::vector<std::size_t> seen;
    const auto caller = std::this_thread::get_id();
    bool other_thread = false;
    o.progress = [&](std::size_t done, std::size_t total) {
        seen.push_back(done);
        EXPECT_EQ(total, records.size());
        if (std::this_thread::get_id() != caller) other_thread = true;
    };
    build_index(records, root_ / "progress", *analyzer_, o);
    ASSERT_EQ(seen.size(), records.size());
    for (std::size_t i = 0; i < seen.size(); ++i) ASSERT_EQ(seen[i], i + 1);
    EXPECT_FALSE(other_thread);
}

TEST_F(IndexSegments, FailureOnAWorkerStopsTheBuildAndLeavesTheCurrentGeneration) {
    const fs::path dir = root_ / "failing";
    const auto standing = first(30);
    build_index(standing, dir, *analyzer_, options(2, 50));
    const auto before = IndexLayout(dir).current_generation();

    // Xapian refuses a term over 245 bytes: the id term of this record fails on its worker.
    auto records = first(160);
    records[120].id = std::string(300, 'x');
    EXPECT_THROW(build_index(records, dir, *analyzer_, options(2, 20)), IndexError);
    EXPECT_EQ(IndexLayout(dir).current_generation(), before);
    EXPECT_EQ(Xapian::Database((dir / "current").string()).get_doccount(), standing.size());
    EXPECT_EQ(leftovers(dir), std::vector<std::string>{});
}

TEST_F(IndexSegments, FailureInProgressStopsEveryThreadAndCleansUp) {
    const fs::path dir = root_ / "stopped";
    build_index(first(30), dir, *analyzer_, options(2, 50));
    const auto before = IndexLayout(dir).current_generation();
    auto o = options(4, 7);
    o.progress = [](std::size_t done, std::size_t) {
        if (done == 100) throw std::runtime_error("injected failure after 100 documents");
    };
    EXPECT_THROW(build_index(first(200), dir, *analyzer_, o), std::runtime_error);
    EXPECT_EQ(IndexLayout(dir).current_generation(), before);
    EXPECT_EQ(leftovers(dir), std::vector<std::string>{});
}

TEST_F(IndexSegments, EmptyCorpusGivesAnEmptyIndex) {
    const std::vector<Occupation> none;
    auto stats = build_index(none, root_ / "empty", *analyzer_, options(4, 10));
    EXPECT_EQ(stats.documents, 0u);
    EXPECT_EQ(Xapian::Database((root_ / "empty/current").string()).get_doccount(), 0u);
}

}  // namespace
