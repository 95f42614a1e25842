// A generation searched in memory (EngineOptions::in_memory_max_bytes) answers every request as
// the same generation searched in its files: hits, scores, totals, facets, snippets, corrections,
// suggestions and records; and it does so without reading the files' postings, positions or
// records. A generation above the limit is searched in its files, and a new generation is copied
// again when the engine moves to it. A copy made in the background (as a server's engines make
// it) leaves the engine answering from the files, a new generation at once, until it is done.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <future>
#include <memory>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "support/bundled_index.h"
#include "support/sanitized.h"
#include "yrkesok/format/layout.h"
#include "yrkesok/indexer/index_writer.h"
#include "yrkesok/searcher/generation_cache.h"
#include "yrkesok/searcher/search_engine.h"

namespace {

namespace fs = std::filesystem;
using yrkesok::search::EngineOptions;
using yrkesok::search::SearchEngine;
using yrkesok::search::SearchRequest;
using yrkesok::search::SearchResponse;
using yrkesok::testing::bundled_index;

fs::path index_dir() {
    return bundled_index().dir / "index";
}

// Engines in memory on the shared index read its plain copy once between them, as a server's
// do (the sanitizers make each read take seconds).
const std::shared_ptr<yrkesok::search::GenerationCache>& shared_cache() {
    static const auto cache = std::make_shared<yrkesok::search::GenerationCache>();
    return cache;
}

EngineOptions in_memory(std::size_t max_bytes = SIZE_MAX) {
    EngineOptions options;
    options.in_memory_max_bytes = max_bytes;
    options.shared = shared_cache();
    return options;
}

// The first `n` words of `text`, split at spaces.
std::string first_words(const std::string& text, std::size_t n) {
    std::string out;
    std::size_t words = 0;
    for (char c : text) {
        if (c == ' ' && ++words == n) break;
        out += c;
    }
    return out;
}

// The first `n` characters of UTF-8 `text`.
std::string first_letters(const std::string& text, std::size_t n) {
    std::size_t end = 0;
    for (std::size_t letters = 0; end < text.size() && letters <= n; ++end) {
        const bool starts_letter = (static_cast<unsigned char>(text[end]) & 0xC0) != 0x80;
        if (starts_letter && letters++ == n) break;
    }
    return text.substr(0, end);
}

// Requests of every kind the engine answers, made from the records so that they match: titles,
// summaries' first words, quoted phrases, a word being typed, filters, a second page, a browse,
// a misspelling and words no record holds.
// Empties the tables of `dir`'s current generation that a search reads (postings, positions,
// records, and term lists when the generation keeps them): engines with those files open see
// them empty from then on.
void empty_searched_tables(const fs::path& dir) {
    const auto generation = yrkesok::format::IndexLayout(dir).current_generation();
    ASSERT_TRUE(generation.has_value());
    for (const char* table :
         {"postlist.glass", "termlist.glass", "position.glass", "docdata.glass"}) {
        const fs::path file = dir / *generation / table;
        if (fs::exists(file)) fs::resize_file(file, 0);
    }
}

// One record in twelve keeps the test quick; one in thirty-six under the sanitizers, where each
// answer costs several times as much (support/sanitized.h). Each record gives every kind of
// request.
constexpr std::size_t kRecordStride = yrkesok::testing::kSanitized ? 36 : 12;

std::vector<SearchRequest> requests() {
    std::vector<SearchRequest> out;
    std::size_t i = 0;
    for (const auto& record : bundled_index().records) {
        if (i++ % kRecordStride != 0) continue;
        SearchRequest title;
        title.query = record.title;
        out.push_back(title);

        SearchRequest summary;
        summary.query = first_words(record.summary, 3);
        summary.page = 2;
        summary.per_page = 5;
        out.push_back(summary);

        SearchRequest phrase;
        phrase.query = "\"" + first_words(record.summary, 2) + "\"";
        out.push_back(phrase);

        SearchRequest typed;
        typed.query = first_letters(record.title, 4);
        typed.prefix = true;
        out.push_back(typed);

        if (!record.sectors.empty()) {
            SearchRequest filtered;
            filtered.query = first_words(record.summary, 1);
            filtered.sectors = {record.sectors.front()};
            filtered.distribution = {"language", "styrk08"};
            filtered.details = true;
            out.push_back(filtered);

            SearchRequest browse;
            browse.sectors = {record.sectors.front()};
            out.push_back(browse);
        }
    }
    // A phrase with other words is ranked by Xapian over the whole query, every-word bonus and all.
    for (const char* query : {"sykepleiar", "hjerte lungemaskin", "kokk -hotell", "xqzvw",
                              "\"kokk\" mat restaurant", "\"lage mat\" kokk restaurant",
                              "lege OR tannlege", "snekker tømrer", "elektrikr", "snekkr"}) {
        SearchRequest request;
        request.query = query;
        out.push_back(request);
    }
    return out;
}

void expect_same_answer(const SearchResponse& files, const SearchResponse& memory,
                        const std::string& what) {
    ASSERT_EQ(files.total, memory.total) << what;
    ASSERT_EQ(files.hits.size(), memory.hits.size()) << what;
    for (std::size_t i = 0; i < files.hits.size(); ++i) {
        EXPECT_EQ(files.hits[i].id, memory.hits[i].id) << what << ", hit " << i;
        EXPECT_EQ(files.hits[i].score, memory.hits[i].score) << what << ", hit " << i;
        EXPECT_EQ(files.hits[i].snippet, memory.hits[i].snippet) << what << ", hit " << i;
        EXPECT_EQ(files.hits[i].body, memory.hits[i].body) << what << ", hit " << i;
    }
    EXPECT_EQ(files.sectors, memory.sectors) << what;
    EXPECT_EQ(files.education_levels, memory.education_levels) << what;
    EXPECT_EQ(files.distribution, memory.distribution) << what;
    EXPECT_EQ(files.corrected_query, memory.corrected_query) << what;
    EXPECT_EQ(files.suggestion, memory.suggestion) << what;
}

TEST(EngineMemoryCopy, AnswersEveryRequestAsTheFilesDo) {
    const auto& shared = bundled_index();
    SearchEngine files(index_dir().string(), shared.analyzer);
    SearchEngine memory(index_dir().string(), shared.analyzer, in_memory());
    ASSERT_FALSE(files.info().in_memory);
    ASSERT_TRUE(memory.info().in_memory);

    const auto all = requests();
    ASSERT_GT(all.size(), 120u * 12 / kRecordStride);
    std::size_t with_hits = 0;
    for (const auto& request : all) {
        const auto a = files.search(request);
        const auto b = memory.search(request);
        expect_same_answer(a, b, "\"" + request.query + "\"");
        with_hits += a.total > 0;
    }
    EXPECT_GT(with_hits, all.size() * 3 / 4) << "the requests should mostly match";
    SearchRequest misspelt;
    misspelt.query = "elektrikr";
    const auto corrected = memory.search(misspelt);
    EXPECT_TRUE(corrected.corrected_query || corrected.suggestion)
        << "a misspelling is corrected from the files' spelling table";

    const auto everything_files = files.all_facets();
    const auto everything_memory = memory.all_facets();
    expect_same_answer(everything_files, everything_memory, "all facets");
    EXPECT_EQ(files.occupation_json("perfusjonist"), memory.occupation_json("perfusjonist"));
    EXPECT_FALSE(memory.occupation_json("no-such-id").has_value());
    for (const char* prefix : {"syk", "hjerte", "l", "tøm"}) {
        const auto a = files.suggest(prefix, 8);
        const auto b = memory.suggest(prefix, 8);
        ASSERT_EQ(a.size(), b.size()) << prefix;
        for (std::size_t i = 0; i < a.size(); ++i) EXPECT_EQ(a[i].text, b[i].text) << prefix;
    }
    EXPECT_EQ(files.info().metadata, memory.info().metadata);
}

TEST(EngineMemoryCopy, SearchesNoLongerReadTheFilesPostingsPositionsOrRecords) {
    const auto& shared = bundled_index();
    const fs::path dir = yrkesok::testing::copy_index(index_dir(), shared.dir / "emptied");
    SearchEngine memory(dir.string(), shared.analyzer, in_memory());
    SearchEngine files(dir.string(), shared.analyzer);
    std::vector<SearchRequest> asked;
    std::vector<SearchResponse> before;
    for (const char* query : {"hjerte lungemaskin", "\"lage mat\"", "kokk", "lærer"}) {
        SearchRequest request;
        request.query = query;
        asked.push_back(request);
        before.push_back(files.search(request));
    }

    // The tables a search reads, emptied under both engines (their open files see it).
    empty_searched_tables(dir);
    for (std::size_t i = 0; i < asked.size(); ++i) {
        expect_same_answer(before[i], memory.search(asked[i]), asked[i].query);
    }
    EXPECT_TRUE(memory.occupation_json("perfusjonist").has_value());
    EXPECT_ANY_THROW(files.search(asked.front())) << "the engine on the files reads them";
}

TEST(EngineMemoryCopy, EnginesOpeningTogetherShareOneCopyAndAnswerAlike) {
    const auto& shared = bundled_index();
    const auto all = requests();
    const std::vector<SearchRequest> some(all.begin(), all.begin() + 30);
    std::vector<SearchResponse> expected;
    {
        SearchEngine files(index_dir().string(), shared.analyzer);
        for (const auto& request : some) expected.push_back(files.search(request));
    }
    auto options = in_memory();
    options.shared = std::make_shared<yrkesok::search::GenerationCache>();
    std::vector<std::thread> threads;
    std::vector<std::string> failures(3);
    for (std::size_t t = 0; t < failures.size(); ++t) {
        threads.emplace_back([&, t] {
            SearchEngine engine(index_dir().string(), shared.analyzer, options);
            if (!engine.info().in_memory) failures[t] = "not in memory";
            for (std::size_t i = 0; i < some.size() && failures[t].empty(); ++i) {
                const auto answer = engine.search(some[(i + t * 7) % some.size()]);
                const auto& want = expected[(i + t * 7) % some.size()];
                if (answer.total != want.total || answer.hits.size() != want.hits.size()) {
                    failures[t] = "\"" + some[(i + t * 7) % some.size()].query + "\" differs";
                }
            }
        });
    }
    for (auto& thread : threads) thread.join();
    for (const auto& failure : failures) EXPECT_EQ(failure, "");
    EXPECT_EQ(options.shared->contents(), 1u) << "the engines share one generation's values";
}

// The flagship query's first hit is Perfusjonist.
void expect_flagship_first(SearchEngine& engine) {
    SearchRequest request;
    request.query = "hjerte lungemaskin";
    const auto response = engine.search(request);
    ASSERT_FALSE(response.hits.empty());
    EXPECT_EQ(response.hits.front().id, "perfusjonist");
}

TEST(EngineMemoryCopy, TheFlagshipQueryStillPutsPerfusjonistFirst) {
    SearchEngine memory(index_dir().string(), bundled_index().analyzer, in_memory());
    expect_flagship_first(memory);
}

TEST(EngineMemoryCopy, AGenerationAboveTheLimitIsSearchedInItsFiles) {
    const auto& shared = bundled_index();
    const auto opened = yrkesok::format::IndexLayout(index_dir()).current_generation();
    ASSERT_TRUE(opened.has_value());
    const auto bytes = yrkesok::format::directory_bytes(index_dir() / *opened);
    ASSERT_GT(bytes, 1u << 20) << "the bundled corpus's generation takes some MiB";

    EXPECT_FALSE(
        SearchEngine(index_dir().string(), shared.analyzer, in_memory(bytes - 1)).info().in_memory);
    EXPECT_TRUE(
        SearchEngine(index_dir().string(), shared.analyzer, in_memory(bytes)).info().in_memory);
}

TEST(EngineMemoryCopy, ANewGenerationIsCopiedWhenTheEngineMovesToIt) {
    const auto& shared = bundled_index();
    const fs::path dir = yrkesok::testing::copy_index(index_dir(), shared.dir / "moves");
    auto options = in_memory();
    options.shared = std::make_shared<yrkesok::search::GenerationCache>();
    SearchEngine engine(dir.string(), shared.analyzer, options);
    SearchRequest request;
    request.query = "perfusjonist";
    ASSERT_GT(engine.search(request).total, 0u);

    // A deletion analyses no record, so the new generation is quick to make.
    const auto stats =
        yrkesok::index::delete_from_index({"perfusjonist"}, dir, *shared.analyzer, shared.options);
    ASSERT_EQ(stats.deleted, 1u);

    ASSERT_TRUE(engine.reopen_if_changed());
    EXPECT_TRUE(engine.info().in_memory);
    EXPECT_EQ(engine.info().documents, shared.records.size() - 1);
    EXPECT_FALSE(engine.occupation_json("perfusjonist").has_value());
    for (const auto& hit : engine.search(request).hits) EXPECT_NE(hit.id, "perfusjonist");

    // A second engine on the same cache answers as the first, and as the files of the new
    // generation, whose document ids now have a gap.
    SearchEngine second(dir.string(), shared.analyzer, options);
    EXPECT_TRUE(second.info().in_memory);
    SearchEngine files(dir.string(), shared.analyzer);
    for (const char* query : {"hjerte", "sykepleier", "\"hjerte lungemaskin\"", "kokk"}) {
        request.query = query;
        expect_same_answer(files.search(request), engine.search(request), query);
        expect_same_answer(files.search(request), second.search(request), query);
    }
}

// Searches (a call that takes up a finished copy) until the engine has moved to its copy in
// memory, or its copy failed, for at most a minute (a copy takes seconds under the sanitizers).
bool wait_for_copy(SearchEngine& engine) {
    const auto give_up = std::chrono::steady_clock::now() + std::chrono::minutes(1);
    SearchRequest request;
    request.query = "kokk";
    while (std::chrono::steady_clock::now() < give_up) {
        engine.search(request);
        if (!engine.copying_to_memory()) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return false;
}

TEST(EngineMemoryCopy, ACopyMadeInTheBackgroundLeavesNoRequestWaitingAndIsTakenUpWhenDone) {
    const auto& shared = bundled_index();
    const fs::path dir = yrkesok::testing::copy_index(index_dir(), shared.dir / "background");
    auto options = in_memory();
    options.shared = std::make_shared<yrkesok::search::GenerationCache>();
    options.copy_in_background = true;
    SearchEngine engine(dir.string(), shared.analyzer, options);
    // Only a call takes the copy up, so the engine is still on its files here.
    ASSERT_TRUE(engine.copying_to_memory());
    EXPECT_TRUE(engine.in_memory()) << "the generation is to be searched in memory";
    EXPECT_TRUE(engine.info().in_memory);

    SearchEngine files(dir.string(), shared.analyzer);
    std::vector<SearchRequest> asked;
    for (const char* query : {"hjerte lungemaskin", "\"lage mat\"", "kokk", "lærer"}) {
        SearchRequest request;
        request.query = query;
        asked.push_back(request);
        expect_same_answer(files.search(request), engine.search(request), query);
    }
    ASSERT_TRUE(wait_for_copy(engine)) << "the copy was not made within a minute";
    EXPECT_TRUE(engine.in_memory());
    // Queries built while the engine searched its files read their postings there; once the
    // copy is taken up they are built again to walk the postings kept in memory.
    EXPECT_TRUE(engine.search(asked.front()).plan.postings_kept);

    // A new generation is answered by the next request, from its files, while its copy is made.
    const auto stats =
        yrkesok::index::delete_from_index({"perfusjonist"}, dir, *shared.analyzer, shared.options);
    ASSERT_EQ(stats.deleted, 1u);
    ASSERT_TRUE(files.reopen_if_changed());
    ASSERT_TRUE(engine.reopen_if_changed());
    EXPECT_TRUE(engine.copying_to_memory());
    EXPECT_FALSE(engine.occupation_json("perfusjonist").has_value());
    std::vector<SearchResponse> before;
    for (const auto& request : asked) {
        before.push_back(files.search(request));
        expect_same_answer(before.back(), engine.search(request), request.query + ", new");
    }
    ASSERT_TRUE(wait_for_copy(engine)) << "the new generation's copy was not made";

    // Then the engine answers from memory: the files' tables emptied under it are not read.
    empty_searched_tables(dir);
    for (std::size_t i = 0; i < asked.size(); ++i) {
        expect_same_answer(before[i], engine.search(asked[i]), asked[i].query + ", in memory");
    }
}

TEST(EngineMemoryCopy, AnEngineClosedDuringItsCopyLeavesTheNextOneAWholeCopy) {
    auto options = in_memory();
    options.shared = std::make_shared<yrkesok::search::GenerationCache>();
    options.copy_in_background = true;
    for (int i = 0; i < 3; ++i) {
        SearchEngine engine(index_dir().string(), bundled_index().analyzer, options);
        ASSERT_TRUE(engine.copying_to_memory());
    }  // each stops its copy as it closes; a stopped copy must leave nothing in the cache
    SearchEngine engine(index_dir().string(), bundled_index().analyzer, options);
    ASSERT_TRUE(wait_for_copy(engine));
    EXPECT_TRUE(engine.in_memory()) << "the copy failed";
    expect_flagship_first(engine);
}

TEST(EngineMemoryCopy, ACopyWaitingForAnotherEnginesReadNeitherHoldsRequestsNorItsClosing) {
    const auto& shared = bundled_index();
    auto options = in_memory();
    options.shared = std::make_shared<yrkesok::search::GenerationCache>();
    options.copy_in_background = true;
    const std::string tag = SearchEngine(index_dir().string(), shared.analyzer).content_tag();
    // Another engine's read of the generation's shared copy, held until the test lets it go;
    // it then ends with no copy, which shows whose copies waited for it.
    std::promise<void> let_go;
    auto held = std::async(std::launch::async, [&, go = let_go.get_future()] {
        return options.shared->get<int>(index_dir().string() + "\n" + tag, "memory copy", [&] {
            go.wait();
            return std::shared_ptr<const int>();
        });
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(50));  // the read starts first

    auto first = std::make_unique<SearchEngine>(index_dir().string(), shared.analyzer, options);
    SearchRequest request;
    request.query = "hjerte lungemaskin";
    ASSERT_FALSE(first->search(request).hits.empty()) << "answered from the files meanwhile";
    EXPECT_EQ(first->search(request).hits.front().id, "perfusjonist");
    auto closing = std::async(std::launch::async, [&] { first.reset(); });
    // A bound for a hang, not a speed check: closing stops a waiting copy within milliseconds.
    const bool closed = closing.wait_for(std::chrono::minutes(1)) == std::future_status::ready;
    EXPECT_TRUE(closed) << "closing the engine waited for another engine's read";

    SearchEngine second(index_dir().string(), shared.analyzer, options);
    let_go.set_value();
    held.get();
    ASSERT_TRUE(wait_for_copy(second));
    EXPECT_FALSE(second.in_memory()) << "the copy waited for the held read and got nothing";
    EXPECT_FALSE(second.search(request).hits.empty());
}

}  // namespace
