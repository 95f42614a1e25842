// Query latency of the engine in-process on the bundled corpus, per kind of query. The index is
// built once into a temporary directory; every benchmark reuses one warm engine, as a server
// worker does. Snippets are measured separately because they dominate the cost of a page.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <memory>

#include "yrkesok/corpus.h"
#include "yrkesok/index_writer.h"
#include "yrkesok/search_engine.h"

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
BENCHMARK(BM_Suggest)->Unit(benchmark::kMicrosecond);
