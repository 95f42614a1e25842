// The HTTP workers' engine pool: at most `max_engines` engines, lent one per request; a request
// that finds all lent out waits, and waiting requests get engines first come, first served.
#include "yrkesok/server/engine_pool.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <future>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "support/bundled_index.h"

namespace {

using yrkesok::http::EngineLease;
using yrkesok::http::EnginePool;
using namespace std::chrono_literals;
using yrkesok::testing::bundled_index;

std::unique_ptr<EnginePool> pool_of(std::size_t max_engines) {
    return std::make_unique<EnginePool>(bundled_index().index_dir(), bundled_index().analyzer,
                                        yrkesok::search::EngineOptions{}, 0, max_engines);
}

// Whether `holds` becomes true within a minute (the pool's threads do their work meanwhile).
template <typename Predicate>
bool eventually(Predicate holds) {
    const auto until = std::chrono::steady_clock::now() + 60s;
    while (!holds()) {
        if (std::chrono::steady_clock::now() >= until) return false;
        std::this_thread::sleep_for(1ms);
    }
    return true;
}

// A pool whose engines copy the generation into memory in the background, as the server's do.
std::unique_ptr<EnginePool> pool_copying_in_background(std::size_t max_engines) {
    yrkesok::search::EngineOptions options;
    options.in_memory_max_bytes = SIZE_MAX;
    options.copy_in_background = true;
    return std::make_unique<EnginePool>(bundled_index().index_dir(), bundled_index().analyzer,
                                        options, 0, max_engines);
}

void wait_until_waiting(const EnginePool& pool, std::size_t n) {
    eventually([&] { return pool.waiting() >= n; });
    ASSERT_EQ(pool.waiting(), n);
}

TEST(EnginePool, OpensEnginesOnDemandUpToTheCap) {
    auto pool = pool_of(2);
    EXPECT_EQ(pool->engines(), 1u);  // one opened at start, so a bad index fails there
    {
        EngineLease a = pool->borrow();
        EngineLease b = pool->borrow();
        EXPECT_EQ(pool->engines(), 2u);
        EXPECT_EQ(pool->waiting(), 0u);
    }
    // Given back, they are lent again: no third engine.
    EngineLease a = pool->borrow();
    EngineLease b = pool->borrow();
    EXPECT_EQ(pool->engines(), 2u);
}

TEST(EnginePool, EnginesOnAGenerationInMemoryAreOpenedAheadOfTheRequests) {
    yrkesok::search::EngineOptions options;
    options.in_memory_max_bytes = SIZE_MAX;
    // Two ahead, as the server does on two cores; a cap of three.
    EnginePool pool(bundled_index().index_dir(), bundled_index().analyzer, options, 0, 3, 2);
    eventually([&] { return pool.engines() >= 2; });
    EXPECT_EQ(pool.engines(), 2u) << "opened without a request asking";
    std::this_thread::sleep_for(200ms);
    EXPECT_EQ(pool.engines(), 2u) << "no more ahead than asked";
    // They are lent like any other; a third request at once opens the third engine, and the
    // cap holds.
    EngineLease a = pool.borrow();
    EngineLease b = pool.borrow();
    EngineLease c = pool.borrow();
    EXPECT_TRUE(c->in_memory());
    EXPECT_EQ(pool.engines(), 3u);
}

TEST(EnginePool, NoneIsOpenedAheadUnlessAsked) {
    yrkesok::search::EngineOptions options;
    options.in_memory_max_bytes = SIZE_MAX;
    for (const std::size_t cap : {0, 3}) {
        EnginePool pool(bundled_index().index_dir(), bundled_index().analyzer, options, 0, cap);
        std::this_thread::sleep_for(200ms);
        EXPECT_EQ(pool.engines(), 1u) << "cap " << cap;
    }
}

TEST(EnginePool, EnginesCopyingInTheBackgroundMoveToMemoryThroughTheirBorrowers) {
    auto pool = pool_copying_in_background(2);
    {
        EngineLease lease = pool->borrow();
        EXPECT_TRUE(lease->in_memory()) << "to be searched in memory";
    }
    // Borrowing is all the pool does with an engine here: it takes up a finished copy.
    EXPECT_TRUE(eventually([&] { return !pool->borrow()->copying_to_memory(); }));
    EngineLease lease = pool->borrow();
    EXPECT_TRUE(lease->in_memory());
    EXPECT_FALSE(lease->copying_to_memory());
}

TEST(EnginePool, OnTheFilesEnginesAreOpenedOnlyOnDemand) {
    auto pool = pool_of(3);
    std::this_thread::sleep_for(200ms);
    EXPECT_EQ(pool->engines(), 1u);
}

TEST(EnginePool, ARequestWaitsWhileEveryEngineIsLentOut) {
    auto pool = pool_of(1);
    std::optional<EngineLease> held(pool->borrow());
    auto waiter = std::async(std::launch::async, [&] {
        EngineLease lease = pool->borrow();
        return lease->info().documents;
    });
    wait_until_waiting(*pool, 1);
    EXPECT_EQ(waiter.wait_for(50ms), std::future_status::timeout);
    held.reset();  // given back: the waiter gets it
    EXPECT_EQ(waiter.get(), bundled_index().records.size());
    EXPECT_EQ(pool->engines(), 1u);
    EXPECT_EQ(pool->waiting(), 0u);
}

TEST(EnginePool, WaitingRequestsAreServedInTheOrderTheyCame) {
    auto pool = pool_of(1);
    std::optional<EngineLease> held(pool->borrow());
    std::promise<void> first_may_return;
    auto first = std::async(std::launch::async, [&] {
        EngineLease lease = pool->borrow();
        first_may_return.get_future().wait();
        return std::chrono::steady_clock::now();
    });
    wait_until_waiting(*pool, 1);
    auto second = std::async(std::launch::async, [&] {
        EngineLease lease = pool->borrow();
        return std::chrono::steady_clock::now();
    });
    wait_until_waiting(*pool, 2);
    held.reset();
    // The engine went to the first waiter, which holds it: the second still waits.
    wait_until_waiting(*pool, 1);
    EXPECT_EQ(second.wait_for(50ms), std::future_status::timeout);
    first_may_return.set_value();
    const auto first_done = first.get();
    const auto second_got = second.get();
    EXPECT_LE(first_done, second_got);
}

// /health and /metrics read a few numbers: they must answer while every engine is searching
// and requests wait in line.
TEST(EnginePool, StatusReadsDoNotWaitBehindSearches) {
    auto pool = pool_of(1);
    std::optional<EngineLease> held(pool->borrow());
    auto waiter = std::async(std::launch::async, [&] { return pool->borrow()->info().documents; });
    wait_until_waiting(*pool, 1);
    auto status = std::async(std::launch::async,
                             [&] { return pool->borrow_without_waiting()->info().documents; });
    ASSERT_EQ(status.wait_for(30s), std::future_status::ready) << "the status read waited";
    EXPECT_EQ(status.get(), bundled_index().records.size());
    EXPECT_EQ(pool->waiting(), 1u) << "the search still waits its turn";
    EXPECT_EQ(pool->engines(), 1u) << "the engine opened past the cap was closed";
    held.reset();
    EXPECT_EQ(waiter.get(), bundled_index().records.size());
}

// An engine opened past the cap is closed when given back: copying the generation into memory for
// it would cost a server under load a copy per status read.
TEST(EnginePool, AStatusReadPastTheCapSearchesTheFilesAndMakesNoCopy) {
    auto pool = pool_copying_in_background(1);
    std::optional<EngineLease> held(pool->borrow());
    EXPECT_TRUE((*held)->in_memory()) << "an engine within the cap is searched in memory";
    {
        EngineLease status = pool->borrow_without_waiting();
        EXPECT_EQ(pool->engines(), 2u);
        EXPECT_FALSE(status->in_memory());
        EXPECT_FALSE(status->copying_to_memory());
        EXPECT_EQ(status->info().documents, bundled_index().records.size());
    }
    EXPECT_EQ(pool->engines(), 1u);
    held.reset();
    // With an engine idle, a status read borrows it, copy and all.
    EXPECT_TRUE(pool->borrow_without_waiting()->in_memory());
    EXPECT_EQ(pool->engines(), 1u);
}

TEST(EnginePool, NoCapOpensAnEngineForEveryRequestAtOnce) {
    auto pool = pool_of(0);
    EngineLease a = pool->borrow();
    EngineLease b = pool->borrow();
    EngineLease c = pool->borrow();
    EXPECT_EQ(pool->engines(), 3u);
}

}  // namespace

namespace {

// An index of the bundled corpus's first records under `profile` at `dir` (a new generation
// when one is there).
void build_small(const std::filesystem::path& dir, const std::string& profile,
                 const yrkesok::analyzers::Analyzer& analyzer) {
    const auto& all = bundled_index().records;
    const std::vector<yrkesok::index::Occupation> records(all.begin(), all.begin() + 30);
    yrkesok::index::IndexBuildOptions options;
    options.profile = profile;
    yrkesok::index::build_index(records, dir, analyzer, options);
}

// The generations of the pool's idle engines once `done` holds for them, or after a minute.
template <typename Done>
std::vector<std::string> idle_generations_once(const EnginePool& pool, Done done) {
    eventually([&] { return done(pool.idle_generations()); });
    return pool.idle_generations();
}

// The same once every idle engine is on another generation than `old`.
std::vector<std::string> idle_generations_once_past(const EnginePool& pool, const std::string& old,
                                                    std::size_t idle) {
    return idle_generations_once(pool, [&](const std::vector<std::string>& generations) {
        return generations.size() == idle &&
               std::ranges::none_of(generations, [&](const auto& g) { return g == old; });
    });
}

TEST(EnginePool, IdleEnginesMoveToANewGenerationWithoutARequestWaitingForIt) {
    yrkesok::testing::TempDir tmp("engine-pool-refresh");
    const auto dir = tmp.path() / "index";
    build_small(dir, "occupations", *bundled_index().analyzer);
    yrkesok::search::EngineOptions options;
    options.in_memory_max_bytes = SIZE_MAX;
    EnginePool pool(dir.string(), bundled_index().analyzer, options, 0, 3, 3);
    const std::string first = pool.borrow()->generation();
    const std::vector<std::string> all_first(3, first);
    ASSERT_EQ(idle_generations_once(pool, [&](const auto& g) { return g == all_first; }),
              all_first);

    // The first request on a new generation moves its own engine; the other two follow on the
    // pool's thread.
    build_small(dir, "occupations", *bundled_index().analyzer);
    std::string second;
    {
        EngineLease lease = pool.borrow();
        second = lease->generation();
        EXPECT_NE(second, first);
    }
    EXPECT_EQ(idle_generations_once_past(pool, first, 3), std::vector<std::string>(3, second));
    EXPECT_EQ(pool.engines(), 3u);

    // SIGHUP moves them with no request at all.
    build_small(dir, "occupations", *bundled_index().analyzer);
    pool.request_reopen();
    const auto third = idle_generations_once_past(pool, second, 3);
    ASSERT_EQ(third.size(), 3u);
    EXPECT_EQ(third, std::vector<std::string>(3, third.front()));
    EXPECT_NE(third.front(), second);
    EXPECT_EQ(pool.engines(), 3u);
}

TEST(EnginePool, AGenerationOfAnotherProfileGetsThatProfilesAnalyzer) {
    yrkesok::testing::TempDir tmp("engine-pool-profile");
    const auto dir = tmp.path() / "index";
    build_small(dir, "occupations", *bundled_index().analyzer);
    EnginePool pool(dir.string(), bundled_index().analyzer, yrkesok::search::EngineOptions{}, 0, 2);
    std::optional<EngineLease> lent(pool.borrow());
    EXPECT_EQ((*lent)->profile().name, "occupations");
    EXPECT_TRUE(pool.analyzer()->options().lemmas);

    const auto passages = std::make_shared<const yrkesok::analyzers::Analyzer>(
        yrkesok::analyzers::analyzer_options_for(yrkesok::format::kPassagesProfile));
    build_small(dir, "passages", *passages);
    {
        EngineLease lease = pool.borrow();
        EXPECT_EQ(lease->profile().name, "passages");
        EXPECT_FALSE(lease->analyzer()->options().lemmas) << "queries analysed as the index was";
        EXPECT_EQ(lease->analyzer(), pool.analyzer());
        yrkesok::search::SearchRequest request;
        request.query = bundled_index().records.front().title;
        EXPECT_FALSE(lease->search(request).hits.empty());
    }
    EXPECT_FALSE(pool.analyzer()->options().lemmas);
    // The engine lent out before the switch is closed when it comes back, not lent again.
    EXPECT_EQ(pool.engines(), 2u);
    lent.reset();
    EXPECT_EQ(pool.engines(), 1u);
    EngineLease again = pool.borrow();
    EXPECT_EQ(again->analyzer(), pool.analyzer());
}

}  // namespace
