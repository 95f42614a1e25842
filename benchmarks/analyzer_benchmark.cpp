// The whole analysis chain over the bundled corpus (summaries + bodies): throughput with a
// cold word cache (cleared every iteration) and a warm one, dictionary load time, and a short
// query analysed for both languages.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "yrkesok/analyzers/analyzer.h"

namespace {

using yrkesok::analyzers::Analyzer;
using yrkesok::analyzers::Language;

struct Doc {
    std::string text;
    Language language;
};

std::vector<Doc> load_corpus() {
    namespace fs = std::filesystem;
    const fs::path root = fs::path(YRKESOK_SOURCE_DIR) / "corpus";
    std::vector<fs::path> files;
    if (fs::exists(root / "occupations.jsonl")) {
        files.push_back(root / "occupations.jsonl");
    } else if (fs::exists(root / "parts")) {
        for (const auto& e : fs::directory_iterator(root / "parts")) {
            if (e.path().extension() == ".jsonl") files.push_back(e.path());
        }
    }
    std::vector<Doc> docs;
    for (const auto& f : files) {
        std::ifstream in(f);
        std::string line;
        while (std::getline(in, line)) {
            const auto j = nlohmann::json::parse(line, nullptr, false);
            if (!j.is_object()) continue;
            Doc d;
            d.text =
                j.value("title", "") + "\n" + j.value("summary", "") + "\n" + j.value("body", "");
            d.language = j.value("language", "nb") == "nn" ? Language::nn : Language::nb;
            docs.push_back(std::move(d));
        }
    }
    if (docs.empty()) {  // no corpus: a fixed paragraph, so the benchmark still runs
        docs.push_back(
            {"Sykepleiere og operasjonssykepleiere betjener hjerte- og "
             "lungemaskinen. Sjukepleiarane på sjukehuset.",
             Language::nb});
    }
    return docs;
}

const std::vector<Doc>& corpus() {
    static const std::vector<Doc> docs = load_corpus();
    return docs;
}

const Analyzer& shared_analyzer() {
    static const Analyzer a;
    return a;
}

void run_corpus(benchmark::State& state, bool cold) {
    const Analyzer& a = shared_analyzer();
    const auto& docs = corpus();
    std::size_t bytes = 0;
    for (const auto& d : docs) bytes += d.text.size();
    if (!cold) {
        for (const auto& d : docs) benchmark::DoNotOptimize(a.analyze(d.text, d.language));
    }
    std::size_t tokens = 0;
    std::size_t terms = 0;
    for (auto _ : state) {
        if (cold) a.clear_cache();
        for (const auto& d : docs) {
            const auto toks = a.analyze(d.text, d.language);
            tokens += toks.size();
            for (const auto& t : toks) terms += t.terms.size();
            benchmark::DoNotOptimize(toks.data());
        }
    }
    state.SetBytesProcessed(static_cast<int64_t>(bytes * state.iterations()));
    state.counters["tokens/s"] =
        benchmark::Counter(static_cast<double>(tokens), benchmark::Counter::kIsRate);
    state.counters["terms/token"] =
        tokens ? static_cast<double>(terms) / static_cast<double>(tokens) : 0.0;
    state.counters["corpus_bytes"] = static_cast<double>(bytes);
    state.counters["docs"] = static_cast<double>(docs.size());
}

void BM_AnalyzeCorpusCold(benchmark::State& state) {
    run_corpus(state, true);
}
void BM_AnalyzeCorpusWarm(benchmark::State& state) {
    run_corpus(state, false);
}

void BM_LoadDictionaries(benchmark::State& state) {
    for (auto _ : state) {
        const Analyzer a;
        benchmark::DoNotOptimize(&a);
    }
}

void BM_AnalyzeQueryBoth(benchmark::State& state) {
    const Analyzer& a = shared_analyzer();
    const std::string q = "sjukepleiar hjerte- og lungemaskin";
    for (auto _ : state) benchmark::DoNotOptimize(a.analyze(q, Language::both));
    state.SetBytesProcessed(static_cast<int64_t>(q.size() * state.iterations()));
}

}  // namespace

BENCHMARK(BM_LoadDictionaries)->Unit(benchmark::kMillisecond)->Iterations(3);
BENCHMARK(BM_AnalyzeCorpusCold)->Unit(benchmark::kMillisecond)->MinTime(2.0);
BENCHMARK(BM_AnalyzeCorpusWarm)->Unit(benchmark::kMillisecond)->MinTime(2.0);
BENCHMARK(BM_AnalyzeQueryBoth)->Unit(benchmark::kMicrosecond);
