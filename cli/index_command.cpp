#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>

#include "command.h"
#include "corpus_options.h"
#include "yrkesok/analyzers/analyzer.h"
#include "yrkesok/format/profile.h"
#include "yrkesok/indexer/index_writer.h"

namespace yrkesok::cli {
namespace {

namespace fs = std::filesystem;

// On a terminal: a redrawn bar with rate and ETA. Otherwise: a line per 10 %.
class ProgressReporter {
  public:
    // A bar on a terminal; elsewhere (a log, a pipe) nothing, unless `lines` asks for one line
    // per tenth of the records, which scripts that watch a build can follow.
    explicit ProgressReporter(bool lines)
        : terminal_(isatty(STDERR_FILENO)), lines_(lines), start_(clock::now()) {}

    void operator()(std::size_t done, std::size_t total) {
        if (total == 0 || (!terminal_ && !lines_)) return;
        double seconds = std::chrono::duration<double>(clock::now() - start_).count();
        double rate = seconds > 0 ? done / seconds : 0;
        if (terminal_) {
            if (done != total && clock::now() - last_draw_ < std::chrono::milliseconds(100)) return;
            last_draw_ = clock::now();
            int width = 30;
            int filled = static_cast<int>(width * done / total);
            double eta = rate > 0 ? (total - done) / rate : 0;
            std::fprintf(stderr, "\r[%s%s] %zu/%zu  %.0f records/s  ETA %.0fs ",
                         std::string(filled, '#').c_str(), std::string(width - filled, '.').c_str(),
                         done, total, rate, eta);
            if (done == total) std::fputc('\n', stderr);
        } else {
            std::size_t decile = done * 10 / total;
            if (decile > last_decile_) {
                last_decile_ = decile;
                std::fprintf(stderr, "indexed %zu/%zu records (%zu%%), %.0f records/s\n", done,
                             total, decile * 10, rate);
            }
        }
    }

  private:
    using clock = std::chrono::steady_clock;
    bool terminal_;
    bool lines_;
    clock::time_point start_;
    clock::time_point last_draw_{};
    std::size_t last_decile_ = 0;
};

void print_stats(const index::IndexStats& stats, bool json) {
    // The records analysed and written: all of them in a full build.
    const double written =
        static_cast<double>(stats.full_build ? stats.documents : stats.added + stats.updated);
    if (json) {
        nlohmann::ordered_json j = {
            {"generation", stats.generation},
            {"documents", stats.documents},
            {"added", stats.added},
            {"updated", stats.updated},
            {"deleted", stats.deleted},
            {"unchanged", stats.unchanged},
            {"full_build", stats.full_build},
            {"terms", stats.terms},
            {"seconds", stats.seconds},
            {"docs_per_second", stats.seconds > 0 ? written / stats.seconds : 0.0},
            {"bytes", stats.bytes}};
        std::cout << j.dump(2) << "\n";
    } else {
        std::cout << "generation " << stats.generation << ": " << stats.documents << " documents ("
                  << stats.added << " added, " << stats.updated << " updated, " << stats.deleted
                  << " deleted, " << stats.unchanged << " unchanged"
                  << (stats.full_build && (stats.unchanged > 0 || stats.deleted > 0)
                          ? "; built again in full"
                          : "")
                  << "), " << stats.terms << " terms, " << stats.bytes / 1024 << " KiB, "
                  << stats.seconds << " s\n";
    }
}

// The analyzer for the profile a build of `dir` records (index::profile_for_build).
analyzers::AnalyzerOptions analyzer_for_build(const std::string& dir,
                                              const index::IndexBuildOptions& options) {
    if (!options.profile.empty()) profile_option(options.profile);  // an unknown one: exit 2
    return analyzers::analyzer_options_for(
        format::profile_named(index::profile_for_build(dir, options)));
}

}  // namespace

Command index_command() {
    CommandSpec spec{
        "index",
        "build or update the search index from a corpus",
        "yrkesok index --corpus FILE --index DIR [--update] [--term-lists] [--shards N] "
        "[--profile NAME] | "
        "--index "
        "DIR --delete "
        "ID...",
        "Validates the corpus (every problem is printed as FILE:LINE: field: message and nothing\n"
        "is indexed if there is any; records without sectors or education levels are indexed,\n"
        "with a warning, unless --strict), analyses every record and writes a new generation "
        "under\n"
        "DIR, then switches DIR/current to it atomically. The generation in service is left\n"
        "untouched by any failure. --update brings the index to the corpus (changed records\n"
        "replaced, new ones added, vanished ids deleted) and reports what changed; --delete\n"
        "removes records by id. Both build the index again from its records unless it was\n"
        "built with --term-lists, which lets them change records in place. --shards N splits\n"
        "the records over N Xapian databases by a hash of the id (see docs/scaling.md); update\n"
        "and delete keep the index's shard count unless --shards asks for another.\n"
        "--profile picks how texts are analysed and fields weighed (format/profile.h); searches\n"
        "of the index use the profile it records.",
        corpus_option_specs(),
        0,
        1000};
    spec.options.insert(
        spec.options.end(),
        {{"corpus", "FILE", "the corpus (JSON Lines)"},
         {"index", "DIR", "the index directory"},
         {"update", "", "upsert changed records, delete vanished ones"},
         {"delete", "", "delete the ids given as arguments"},
         {"term-lists", "",
          "keep each record's term list: --update and --delete then change records in place "
          "instead of rebuilding, and xapian-tcpsrv can serve the index as a remote shard "
          "(about a fifth larger; an index built so keeps them)"},
         {"synonyms", "FILE",
          "synonyms file (default: synonyms.tsv beside the corpus, else the product's own)"},
         {"shards", "N", "Xapian databases to split the index over, 1-256 (default: as now, 1)"},
         {"profile", "NAME",
          "ranking profile: occupations (titles first, lemmas and bokmål/nynorsk counterparts) "
          "or passages (the body first, words as written); recorded in the index and used by "
          "every search of it (default: as now, occupations for a new index; another one "
          "rebuilds)"},
         {"jobs", "N", "threads for a full build, 1-64 (default: one per core, at most 8)"},
         {"progress", "",
          "report progress on stderr even when it is not a terminal: a line per tenth of the "
          "records (on a terminal a bar is always drawn)"},
         {"json", "", "print a JSON summary"},
         {"config", "FILE",
          "read options from FILE (KEY = VALUE lines, as /etc/yrkesok/yrkesok.conf; the command "
          "line wins)"}});
    return {
        spec, [](const ParsedArgs& args) {
            auto dir = args.value("index");
            if (!dir) throw UsageError("--index DIR is required");
            index::IndexBuildOptions options;
            options.shards = static_cast<std::size_t>(args.integer_or("shards", 0, 1, 256));
            options.jobs = static_cast<std::size_t>(args.integer_or("jobs", 0, 1, 64));
            options.profile = args.value("profile").value_or("");
            options.term_lists = args.flag("term-lists");
            const analyzers::Analyzer analyzer(analyzer_for_build(*dir, options));
            ProgressReporter progress(args.flag("progress"));
            options.progress = [&](std::size_t done, std::size_t total) { progress(done, total); };
            if (args.flag("delete")) {
                if (args.positional().empty()) throw UsageError("--delete needs ids");
                print_stats(index::delete_from_index(args.positional(), *dir, analyzer, options),
                            args.flag("json"));
                return 0;
            }
            if (!args.positional().empty()) {
                throw UsageError("unexpected argument \"" + args.positional().front() + "\"");
            }
            auto corpus = args.value("corpus");
            if (!corpus) throw UsageError("--corpus FILE is required");
            // Two passes over the file: validate everything first (nothing is indexed if
            // anything is wrong), then stream the records into the index without holding
            // the corpus in memory.
            const auto vocabularies = vocabularies_from_options(*corpus, args);
            const auto limits = corpus_limits_from_options(args);
            std::size_t valid = 0;
            auto checked = index::scan_corpus(*corpus, vocabularies, limits,
                                              [&](index::Occupation&&) { ++valid; });
            if (!checked.ok()) {
                for (const auto& issue : checked.issues) std::cerr << issue.to_string() << "\n";
                std::cerr << "yrkesok index: " << checked.issues.size()
                          << " problem(s) in the corpus; nothing was indexed\n";
                return 1;
            }
            if (!checked.warnings.empty()) {
                // One line, not one per record: a real feed may lack facets on every record.
                std::cerr << "yrkesok index: " << checked.warnings.size()
                          << " warning(s) in the corpus (records without sectors or education "
                             "levels match no filter on them; `yrkesok validate` lists them)\n";
            }
            synonyms_from_options(*corpus, args, options);
            options.corpus_checksum = index::file_checksum(*corpus);
            index::RecordSource records{
                valid, [&](const std::function<void(index::Occupation &&)>& each) {
                    auto again = index::scan_corpus(*corpus, vocabularies, limits, each);
                    if (!again.ok()) {
                        throw std::runtime_error(again.issues.front().to_string() +
                                                 " (the corpus changed while indexing)");
                    }
                }};
            auto stats = args.flag("update") ? index::update_index(records, *dir, analyzer, options)
                                             : index::build_index(records, *dir, analyzer, options);
            print_stats(stats, args.flag("json"));
            return 0;
        }};
}

}  // namespace yrkesok::cli
