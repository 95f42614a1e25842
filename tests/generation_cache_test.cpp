// GenerationCache: a value per index content and name, built once however many engines ask at
// once, nothing kept from a build that failed, and only the two newest contents held.
#include "yrkesok/searcher/generation_cache.h"

#include <gtest/gtest.h>

#include <atomic>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace {

using yrkesok::search::GenerationCache;

TEST(GenerationCache, BuildsAValueOnceForManyThreadsAskingAtOnce) {
    GenerationCache cache;
    std::atomic<int> builds{0};
    std::vector<std::shared_ptr<const std::string>> got(8);
    std::vector<std::thread> threads;
    for (std::size_t i = 0; i < got.size(); ++i) {
        threads.emplace_back([&, i] {
            got[i] = cache.get<std::string>("gen-1", "suggester", [&] {
                ++builds;
                std::this_thread::sleep_for(std::chrono::milliseconds(20));
                return std::make_shared<const std::string>("built");
            });
        });
    }
    for (auto& t : threads) t.join();
    EXPECT_EQ(builds.load(), 1);
    for (const auto& value : got) {
        ASSERT_TRUE(value);
        EXPECT_EQ(value.get(), got.front().get()) << "every engine shares the one value";
    }
}

TEST(GenerationCache, ValuesAreKeptPerContentAndName) {
    GenerationCache cache;
    auto make = [](const char* text) {
        return [text] { return std::make_shared<const std::string>(text); };
    };
    EXPECT_EQ(*cache.get<std::string>("gen-1", "a", make("1a")), "1a");
    EXPECT_EQ(*cache.get<std::string>("gen-1", "b", make("1b")), "1b");
    EXPECT_EQ(*cache.get<std::string>("gen-2", "a", make("2a")), "2a");
    EXPECT_EQ(*cache.get<std::string>("gen-1", "a", make("not built")), "1a");
}

TEST(GenerationCache, ABuildThatThrowsLeavesNothingBehind) {
    GenerationCache cache;
    EXPECT_THROW(cache.get<std::string>("gen-1", "a",
                                        []() -> std::shared_ptr<const std::string> {
                                            throw std::runtime_error("disk gone");
                                        }),
                 std::runtime_error);
    EXPECT_EQ(*cache.get<std::string>("gen-1", "a",
                                      [] { return std::make_shared<const std::string>("ok"); }),
              "ok");
}

TEST(GenerationCache, ANullValueIsAValueToo) {
    GenerationCache cache;
    int builds = 0;
    for (int i = 0; i < 3; ++i) {
        EXPECT_EQ(cache.get<std::string>("gen-1", "table",
                                         [&]() -> std::shared_ptr<const std::string> {
                                             ++builds;
                                             return nullptr;  // e.g. no facet table for a slot
                                         }),
                  nullptr);
    }
    EXPECT_EQ(builds, 1);
}

TEST(GenerationCache, HoldsOnlyTheTwoNewestContents) {
    GenerationCache cache;
    int builds = 0;
    auto build = [&] {
        ++builds;
        return std::make_shared<const std::string>("v");
    };
    cache.get<std::string>("gen-1", "a", build);
    cache.get<std::string>("gen-2", "a", build);
    EXPECT_EQ(cache.contents(), 2u);
    const auto kept = cache.get<std::string>("gen-3", "a", build);
    EXPECT_EQ(cache.contents(), 2u);
    EXPECT_EQ(builds, 3);
    cache.get<std::string>("gen-2", "a", build);
    EXPECT_EQ(builds, 3) << "gen-2 is still held";
    cache.get<std::string>("gen-1", "a", build);
    EXPECT_EQ(builds, 4) << "gen-1 was dropped when gen-3 came";
    EXPECT_EQ(*kept, "v") << "a value outlives the cache entry while someone holds it";
}

}  // namespace
