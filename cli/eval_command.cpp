// `yrkesok eval`: relevance metrics for a judged query file, against an index, a corpus indexed
// on the spot with chosen analysis stages, or a run file written by another system.
#include <stdlib.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>

#include "allocator.h"
#include "command.h"
#include "corpus_options.h"
#include "yrkesok/analyzers/analyzer.h"
#include "yrkesok/editorial/evaluation.h"
#include "yrkesok/format/open.h"
#include "yrkesok/format/profile.h"
#include "yrkesok/indexer/index_writer.h"
#include "yrkesok/searcher/search_engine.h"

namespace yrkesok::cli {
namespace {

namespace fs = std::filesystem;
using eval::EvaluationReport;
using eval::Metrics;

// A directory under the system temp dir, removed with everything in it on destruction.
class TemporaryDirectory {
  public:
    TemporaryDirectory() {
        std::string tmpl = (fs::temp_directory_path() / "yrkesok-eval-XXXXXX").string();
        if (!mkdtemp(tmpl.data())) throw std::runtime_error("cannot create a temporary directory");
        path_ = tmpl;
    }
    ~TemporaryDirectory() {
        std::error_code ec;
        fs::remove_all(path_, ec);
    }
    TemporaryDirectory(const TemporaryDirectory&) = delete;
    TemporaryDirectory& operator=(const TemporaryDirectory&) = delete;
    const fs::path& path() const { return path_; }

  private:
    fs::path path_;
};

double weight_option(const ParsedArgs& args, const std::string& name, double fallback) {
    auto value = args.value(name);
    if (!value) return fallback;
    try {
        std::size_t used = 0;
        double w = std::stod(*value, &used);
        if (used == value->size() && w >= 0 && w <= 1000) return w;
    } catch (const std::exception&) {
    }
    throw UsageError("--" + name + " must be a number from 0 to 1000, not \"" + *value + "\"");
}

bool has_stage_switch(const ParsedArgs& args) {
    for (const char* name :
         {"no-lemmas", "no-snowball", "no-compounds", "no-ellipsis", "no-variants"}) {
        if (args.flag(name)) return true;
    }
    return false;
}

// The ranking profile evaluated: --profile's for a corpus indexed here (occupations when not
// given), the one an existing index records.
const format::Profile& profile_from(const ParsedArgs& args) {
    if (auto index = args.value("index")) {
        return format::profile_of(format::open_current_generation(*index).db, *index);
    }
    return profile_option(args.value_or("profile", std::string(format::kOccupationsProfile.name)));
}

// The profile's analysis with the stages the switches turn off.
analyzers::AnalyzerOptions analysis_from(const ParsedArgs& args, const format::Profile& profile) {
    analyzers::AnalyzerOptions options = analyzers::analyzer_options_for(profile);
    options.lemmas = options.lemmas && !args.flag("no-lemmas");
    options.snowball_fallback = !args.flag("no-snowball");
    options.compounds = !args.flag("no-compounds");
    options.hyphen_ellipsis = !args.flag("no-ellipsis");
    options.variants = options.variants && !args.flag("no-variants");
    return options;
}

// The profile's field weights and k1, each replaced by its option when given. --body-weight is
// the older name of --text-weight, from when the summary and the body had term spaces of their own.
search::RankingOptions ranking_from(const ParsedArgs& args, const format::Profile& profile) {
    search::RankingOptions options;
    options.use_synonyms = !args.flag("no-synonyms");
    options.typo_fallback = !args.flag("no-typo");
    options.field_weights_from_index = false;  // set here, from the same profile
    options.title_weight = weight_option(args, "title-weight", profile.title_weight);
    options.text_weight =
        weight_option(args, "text-weight", weight_option(args, "body-weight", profile.text_weight));
    options.bm25_k1 = weight_option(args, "k1", profile.bm25_k1);
    options.title_part_weight = weight_option(args, "title-part-weight", options.title_part_weight);
    return options;
}

// --summary-weight: how many body words a summary word counts as, a whole number from 1 to 100;
// 0 when not given (the profile's).
unsigned summary_repeat_from(const ParsedArgs& args) {
    return static_cast<unsigned>(args.integer_or("summary-weight", 0, 1, 100));
}

// The corpus, read and validated once, indexed once per analysis configuration.
class CorpusIndexer {
  public:
    CorpusIndexer(const fs::path& corpus, const ParsedArgs& args, const format::Profile& profile) {
        options_.profile = profile.name;
        options_.summary_repeat = summary_repeat_from(args);
        auto result = read_corpus_with_options(corpus, args);
        if (!result.ok()) {
            for (const auto& issue : result.issues) std::cerr << issue.to_string() << "\n";
            throw std::runtime_error(std::to_string(result.issues.size()) +
                                     " problem(s) in the corpus " + corpus.string());
        }
        records_ = std::move(result.records);
        synonyms_from_options(corpus, args, options_);
    }

    // Builds an index with `analysis` in a fresh subdirectory of `tmp`; returns the directory
    // and the analyzer to query it with (the same options on both sides). `summary_repeat`
    // replaces the options' when not 0.
    std::pair<fs::path, std::shared_ptr<const analyzers::Analyzer>> build(
        const analyzers::AnalyzerOptions& analysis, const fs::path& tmp,
        unsigned summary_repeat = 0) {
        auto analyzer = std::make_shared<const analyzers::Analyzer>(analysis);
        fs::path dir = tmp / ("index-" + std::to_string(++built_));
        index::IndexBuildOptions options = options_;
        if (summary_repeat != 0) options.summary_repeat = summary_repeat;
        index::build_index(records_, dir, *analyzer, options);
        return {dir, analyzer};
    }

  private:
    std::vector<index::Occupation> records_;
    index::IndexBuildOptions options_;
    int built_ = 0;
};

nlohmann::ordered_json metrics_json(const Metrics& m) {
    return {{"queries", m.queries},
            {"ndcg_at_10", m.ndcg},
            {"mrr", m.mrr},
            {"success_at_1", m.success1},
            {"success_at_3", m.success3},
            {"success_at_10", m.success10},
            {"zero_hit_rate", m.zero_hit_rate}};
}

nlohmann::ordered_json report_json(const EvaluationReport& report, bool per_query) {
    nlohmann::ordered_json j;
    j["overall"] = metrics_json(report.overall);
    j["by_kind"] = nlohmann::ordered_json::object();
    for (const auto& [kind, m] : report.by_kind) j["by_kind"][kind] = metrics_json(m);
    if (per_query) {
        j["queries"] = nlohmann::ordered_json::array();
        for (const auto& r : report.queries) {
            j["queries"].push_back({{"id", r.query->id},
                                    {"kind", r.query->kind},
                                    {"query", r.query->query},
                                    {"ndcg_at_10", r.score.ndcg},
                                    {"rr", r.score.rr},
                                    {"zero_hits", r.score.zero_hits},
                                    {"top", r.top}});
        }
    }
    return j;
}

void print_row(const std::string& label, const Metrics& m) {
    std::printf("%-40s %5zu  %7.3f  %6.3f  %6.3f  %6.3f  %6.3f  %8.3f\n", label.c_str(), m.queries,
                m.ndcg, m.mrr, m.success1, m.success3, m.success10, m.zero_hit_rate);
}

void print_header(const char* first) {
    std::printf("%-40s %5s  %7s  %6s  %6s  %6s  %6s  %8s\n", first, "n", "nDCG@10", "MRR", "S@1",
                "S@3", "S@10", "zero-hit");
}

void print_report(const EvaluationReport& report, bool verbose) {
    print_header("kind");
    print_row("all", report.overall);
    for (const auto& [kind, m] : report.by_kind) print_row(kind, m);
    if (!verbose) return;
    std::printf("\n");
    for (const auto& r : report.queries) {
        std::string top;
        for (std::size_t i = 0; i < r.top.size() && i < 3; ++i) top += (i ? " " : "") + r.top[i];
        std::printf("%-14s nDCG %.3f  RR %.3f  %-32s -> %s\n", r.query->id.c_str(), r.score.ndcg,
                    r.score.rr, ("\"" + r.query->query + "\"").c_str(), top.c_str());
    }
}

void write_run(const fs::path& file, const EvaluationReport& report) {
    std::ofstream out(file);
    if (!out) throw std::runtime_error(file.string() + ": cannot write the run file");
    for (const auto& r : report.queries) {
        out << r.query->id << "\t";
        for (std::size_t i = 0; i < r.top.size(); ++i) out << (i ? " " : "") << r.top[i];
        out << "\n";
    }
}

int run_ablation(const std::vector<eval::JudgedQuery>& queries, CorpusIndexer& indexer, bool json) {
    TemporaryDirectory tmp;
    nlohmann::ordered_json out = {{"stages", nlohmann::ordered_json::array()},
                                  {"leave_one_out", nlohmann::ordered_json::array()},
                                  {"ranking", nlohmann::ordered_json::array()}};
    // One index per distinct analysis configuration, shared by every step that uses it.
    std::map<std::string, std::pair<fs::path, std::shared_ptr<const analyzers::Analyzer>>> indexes;
    auto run_steps = [&](const std::vector<eval::AblationStep>& steps, const char* section) {
        if (!json) {
            std::printf("\n");
            print_header(section);
        }
        for (const auto& step : steps) {
            const auto& a = step.analysis;
            const std::string key = std::string(a.lemmas ? "L" : "-") +
                                    (a.snowball_fallback ? "S" : "-") + (a.compounds ? "C" : "-") +
                                    (a.hyphen_ellipsis ? "E" : "-") + (a.variants ? "V" : "-") +
                                    std::to_string(step.summary_repeat);
            auto it = indexes.find(key);
            if (it == indexes.end()) {
                it = indexes.emplace(key, indexer.build(a, tmp.path(), step.summary_repeat)).first;
            }
            const auto& index = it->second;
            search::EngineOptions options;
            options.ranking = step.ranking;
            search::SearchEngine engine(index.first.string(), index.second, options);
            auto report = eval::evaluate_engine(queries, engine);
            if (json) {
                auto j = report_json(report, false);
                j["name"] = step.name;
                out[section].push_back(j);
            } else {
                print_row(step.name, report.overall);
                std::fflush(stdout);
            }
        }
    };
    run_steps(eval::stage_ablation(), "stages");
    run_steps(eval::leave_one_out_ablation(), "leave_one_out");
    run_steps(eval::ranking_ablation(), "ranking");
    if (json) std::cout << out.dump(2) << "\n";
    return 0;
}

}  // namespace

Command eval_command() {
    CommandSpec spec{
        "eval",
        "relevance metrics (nDCG@10, MRR, success@k) for a judged query file",
        "yrkesok eval FILE (--index DIR | --corpus FILE | --run RUN) [options]",
        "Runs every query of FILE (the judged format of benchmarks/relevance/README.md, or the\n"
        "three-column dev format) and prints nDCG@10, MRR, success@1/@3/@10 and the zero-hit\n"
        "rate, overall and per query kind. With --index the engine searches an existing index\n"
        "(queries analysed and fields weighed as the profile it records says). With --corpus the\n"
        "corpus is indexed into a temporary directory with --profile's analysis and the chosen\n"
        "stages, so index and queries are analysed alike; --ablation then runs the whole ladder\n"
        "of stages and ranking variants. With\n"
        "--run the rankings come from a run file (`query-id<TAB>id id ...`), scored by the same\n"
        "code as the engine's.",
        corpus_option_specs(),
        1,
        1};
    spec.options.insert(
        spec.options.end(),
        {{"index", "DIR", "evaluate against this index"},
         {"corpus", "FILE", "index this corpus into a temporary directory and evaluate"},
         {"synonyms", "FILE",
          "with --corpus: synonyms file (default: beside the corpus, else built in)"},
         {"run", "FILE", "score this run file instead of searching"},
         {"write-run", "FILE", "also write the engine's rankings as a run file"},
         {"profile", "NAME",
          "with --corpus: the ranking profile to build and search with, occupations or passages "
          "(default occupations; yrkesok index --profile)"},
         {"no-lemmas", "", "with --corpus: no hunspell lemmas"},
         {"no-snowball", "", "with --corpus: no Snowball stems"},
         {"no-compounds", "", "with --corpus: no compound splitting"},
         {"no-ellipsis", "", "with --corpus: no hyphen ellipsis"},
         {"no-variants", "", "with --corpus: no bokmål/nynorsk variants"},
         {"no-synonyms", "", "do not expand queries with synonyms"},
         {"no-typo", "", "no spelling correction of queries with few hits"},
         {"title-weight", "W", "title field weight (default: the profile's, 4 for occupations)"},
         {"text-weight", "W",
          "weight of the summary and body, one term space (default: the profile's, 1.75 for "
          "occupations)"},
         {"body-weight", "W", "the older name of --text-weight"},
         {"summary-weight", "N",
          "with --corpus: a summary word counts as N body words, a whole number (default: the "
          "profile's, 6 for occupations)"},
         {"k1", "K", "BM25's k1, its saturation (default: the profile's, 3 for occupations)"},
         {"title-part-weight", "W",
          "weight of a whole query word found as a compound part of a title (default 0.45; 0: "
          "off)"},
         {"ablation", "", "with --corpus: the ladder of stages and ranking variants"},
         {"verbose", "", "also print each query's scores and top hits"},
         {"json", "", "print JSON"}});
    return {spec, [](const ParsedArgs& args) {
                use_huge_pages_for_a_short_run();
                const auto sources = (args.value("index") ? 1 : 0) +
                                     (args.value("corpus") ? 1 : 0) + (args.value("run") ? 1 : 0);
                if (sources != 1) throw UsageError("give exactly one of --index, --corpus, --run");
                if (has_stage_switch(args) && !args.value("corpus")) {
                    throw UsageError(
                        "analysis switches need --corpus: the index must be built with the same "
                        "analysis as the queries");
                }
                if (args.value("summary-weight") && !args.value("corpus")) {
                    throw UsageError(
                        "--summary-weight is fixed when an index is built (a summary word counts "
                        "as that many body words): give --corpus to build one with it");
                }
                if (args.flag("ablation") && !args.value("corpus")) {
                    throw UsageError("--ablation needs --corpus");
                }
                if (args.value("profile") && !args.value("corpus")) {
                    throw UsageError(
                        "--profile needs --corpus: an existing index is searched with the profile "
                        "it was built with");
                }
                if (args.flag("ablation") &&
                    args.value_or("profile", std::string(format::kOccupationsProfile.name)) !=
                        format::kOccupationsProfile.name) {
                    throw UsageError(
                        "--ablation measures the occupations profile's stages; drop "
                        "--profile");
                }
                const auto queries = eval::read_judged_queries(args.positional().front());
                EvaluationReport report;
                if (auto run = args.value("run")) {
                    report = eval::evaluate_run(queries, eval::read_run_file(*run));
                } else if (auto corpus = args.value("corpus")) {
                    const format::Profile& profile = profile_from(args);
                    CorpusIndexer indexer(*corpus, args, profile);
                    if (args.flag("ablation"))
                        return run_ablation(queries, indexer, args.flag("json"));
                    TemporaryDirectory tmp;
                    auto [dir, analyzer] = indexer.build(analysis_from(args, profile), tmp.path());
                    search::EngineOptions options;
                    options.ranking = ranking_from(args, profile);
                    search::SearchEngine engine(dir.string(), analyzer, options);
                    report = eval::evaluate_engine(queries, engine);
                } else {
                    search::EngineOptions options;
                    options.ranking = ranking_from(args, profile_from(args));
                    search::SearchEngine engine(*args.value("index"),
                                                search::analyzer_for_index(*args.value("index")),
                                                options);
                    report = eval::evaluate_engine(queries, engine);
                }
                if (auto file = args.value("write-run")) write_run(*file, report);
                if (args.flag("json")) {
                    std::cout << report_json(report, args.flag("verbose")).dump(2) << "\n";
                } else {
                    print_report(report, args.flag("verbose"));
                }
                return 0;
            }};
}

}  // namespace yrkesok::cli
