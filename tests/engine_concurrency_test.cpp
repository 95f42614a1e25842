// Engines on several threads at once, as the server's worker pool runs them: every thread gets
// the same answers as a single thread. Guards against shared mutable state inside the engine
// (a shared Xapian::Query::MatchAll once corrupted its reference count under load).
#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "support/bundled_index.h"
#include "yrkesok/analyzers/analyzer.h"
#include "yrkesok/searcher/search_engine.h"

namespace {

using namespace yrkesok;

std::vector<std::string> ids(const search::SearchResponse& response) {
    std::vector<std::string> out;
    for (const auto& hit : response.hits) out.push_back(hit.id + ":" + hit.snippet);
    return out;
}

std::vector<search::SearchRequest> requests() {
    std::vector<search::SearchRequest> out;
    for (const char* q :
         {"hjerte lungemaskin", "sykepleiere", "", "sykepleir", "\"hjerte- og lungemaskin\"",
          "tannlege OR frisør", "sykepleier -kreft", "jobbe med barn"}) {
        search::SearchRequest r;
        r.query = q;
        out.push_back(r);
        r.sectors = {"Helse og sosial", "Utdanning"};
        r.education_levels = {"Bachelor"};
        out.push_back(r);
    }
    return out;
}

TEST(EngineConcurrency, ThreadsWithOwnEnginesAgreeWithOneThread) {
    const yrkesok::testing::BundledIndex bundled("engine-concurrency");
    const std::string dir = (bundled.dir / "index").string();
    const auto& analyzer = bundled.analyzer;

    const auto all = requests();
    std::vector<std::vector<std::string>> expected;
    {
        search::SearchEngine engine(dir, analyzer);
        for (const auto& r : all) expected.push_back(ids(engine.search(r)));
    }

    constexpr int kThreads = 4;
    constexpr int kRounds = 25;
    std::vector<int> mismatches(kThreads, 0);
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&, t] {
            search::SearchEngine engine(dir, analyzer);
            for (int round = 0; round < kRounds; ++round) {
                for (std::size_t i = 0; i < all.size(); ++i) {
                    if (ids(engine.search(all[i])) != expected[i]) ++mismatches[t];
                }
                engine.all_facets();
                engine.suggest("syke", 8);
            }
        });
    }
    for (auto& thread : threads) thread.join();
    for (int t = 0; t < kThreads; ++t) EXPECT_EQ(mismatches[t], 0) << "thread " << t;
}

}  // namespace
