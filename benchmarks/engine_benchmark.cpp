// Query latency of the engine in-process on the bundled corpus, per kind of query. The index is
// built once into a temporary directory; every benchmark reuses one warm engine, as a server
// worker does. Snippets are measured separately because they dominate the cost of a page.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "yrkesok/indexer/corpus.h"
#include "yrkesok/indexer/index_writer.h"
#include "yrkesok/searcher/search_engine.h"

namespace {

namespace fs = std::filesystem;
using namespace yrkesok;

struct Fixture {
    fs::path dir;
    std::shared_ptr<const analyzers::Analyzer> analyzer;
    std::unique_ptr<search::SearchEngine> engine;

    Fixture() {
        const fs::path source = YRKESOK_SOURCE_DIR;
        dir = fs::temp_directory_path() / ("yrkesok-engine-bench-" + std::to_string(::getpid()));
        analyzer = std::make_shared<const analyzers::Analyzer>();
        auto vocab = index::Vocabularies::load(source / "corpus");
        auto corpus = index::read_corpus(source / "corpus/occupations.jsonl", vocab);
        index::IndexBuildOptions options;
        options.synonyms_file = source / "corpus/synonyms.tsv";
        index::build_index(corpus.records, dir, *analyzer, options);
        engine = std::make_unique<search::SearchEngine>(dir.string(), analyzer);
    }
    ~Fixture() { fs::remove_all(dir); }
};

Fixture& fixture() {
    static Fixture f;
    return f;
}

void run_query(benchmark::State& state, const char* query, std::vector<std::string> sectors,
               bool snippets) {
    auto& engine = *fixture().engine;
    search::SearchRequest request;
    request.query = query;
    request.sectors = std::move(sectors);
    request.snippets = snippets;
    engine.search(request);  // warm the analyzer cache
    std::size_t total = 0;
    for (auto _ : state) {
        auto response = engine.search(request);
        total += response.total;
        benchmark::DoNotOptimize(response);
    }
    state.counters["hits"] = static_cast<double>(total) / static_cast<double>(state.iterations());
}

void BM_OneWord(benchmark::State& s) {
    run_query(s, "sykepleier", {}, s.range(0));
}
void BM_TwoWords(benchmark::State& s) {
    run_query(s, "kjøre buss", {}, s.range(0));
}
void BM_Compound(benchmark::State& s) {
    run_query(s, "hjerte lungemaskin", {}, s.range(0));
}
void BM_Phrase(benchmark::State& s) {
    run_query(s, "\"hjerte- og lungemaskin\"", {}, s.range(0));
}
void BM_Filtered(benchmark::State& s) {
    run_query(s, "sykepleier", {"Helse og sosial", "Utdanning"}, s.range(0));
}
void BM_Typo(benchmark::State& s) {
    run_query(s, "sykepleir", {}, s.range(0));
}
void BM_Browse(benchmark::State& s) {
    run_query(s, "", {"IT"}, s.range(0));
}

// A visitor typing: every stage of a few queries, letter by letter, as the search box sends
// them (snippets on). Argument: 0 whole words only, 1 the unfinished last word as a prefix
// (the HTTP default); the ratio of the two is the cost of search as you type.
void BM_TypingLetterByLetter(benchmark::State& state) {
    auto& engine = *fixture().engine;
    std::vector<std::string> stages;
    for (const std::string typed :
         {"hjerte lungemaskin", "sykepleier", "barnehagelærer", "kjøre buss", "elektriker",
          "fysioterapeut", "jobbe med barn", "tømrer"}) {
        for (std::size_t n = 1; n <= typed.size(); ++n) {
            // Whole UTF-8 characters only.
            if (n < typed.size() && (static_cast<unsigned char>(typed[n]) & 0xC0) == 0x80) {
                continue;
            }
            stages.push_back(typed.substr(0, n));
        }
    }
    search::SearchRequest request;
    request.prefix = state.range(0) != 0;
    for (const auto& q : stages) {  // warm the analyzer and query caches
        request.query = q;
        engine.search(request);
    }
    std::size_t i = 0;
    for (auto _ : state) {
        request.query = stages[i++ % stages.size()];
        benchmark::DoNotOptimize(engine.search(request));
    }
    state.counters["stages"] = static_cast<double>(stages.size());
}

void BM_Suggest(benchmark::State& state) {
    auto& engine = *fixture().engine;
    for (auto _ : state) benchmark::DoNotOptimize(engine.suggest("syke", 8));
}

}  // namespace

// Argument: 0 without snippets, 1 with snippets for the 10 hits of the page.
BENCHMARK(BM_OneWord)->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_TwoWords)->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Compound)->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Phrase)->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Filtered)->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Typo)->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Browse)->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_TypingLetterByLetter)->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_Suggest)->Unit(benchmark::kMicrosecond);
