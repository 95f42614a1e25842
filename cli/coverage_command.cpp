#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "allocator.h"
#include "command.h"
#include "index_option.h"
#include "table.h"
#include "yrkesok/editorial/coverage.h"

namespace yrkesok::cli {
namespace {

using search::CoverageReport;

std::string miss_detail(const search::MissedExpectation& m) {
    if (!m.in_index) return "not in the index";
    if (m.rank == 0) return "not in the first 100 hits";
    return "rank " + std::to_string(m.rank);
}

std::string summary_line(const CoverageReport& r) {
    const std::size_t expecting = r.queries_with_expectations();
    const std::size_t failed = r.failed_queries();
    return "coverage: " + std::to_string(r.queries.size()) + " queries, " +
           std::to_string(expecting - failed) + " of " + std::to_string(expecting) +
           " with expected ids passed, " + std::to_string(failed) + " failed; " +
           std::to_string(r.zero_hit_queries()) + " with zero hits; " +
           std::to_string(r.unknown_word_count()) + " unknown words; " +
           std::to_string(r.documents - r.unreached_documents.size()) + " of " +
           std::to_string(r.documents) + " documents in some top " + std::to_string(r.top) + "; " +
           std::to_string(r.incomplete_records.size()) + " incomplete records";
}

nlohmann::ordered_json to_json(const CoverageReport& r, bool list_unreached,
                               const std::string& file, const std::string& index) {
    nlohmann::ordered_json j;
    j["file"] = file;
    j["index"] = index;
    j["top"] = r.top;
    j["passed"] = r.passed();
    nlohmann::ordered_json summary;
    summary["queries"] = r.queries.size();
    summary["with_expectations"] = r.queries_with_expectations();
    summary["failed"] = r.failed_queries();
    summary["zero_hits"] = r.zero_hit_queries();
    summary["unknown_words"] = r.unknown_word_count();
    summary["documents"] = r.documents;
    summary["unreached_documents"] = r.unreached_documents.size();
    summary["incomplete_records"] = r.incomplete_records.size();
    j["summary"] = std::move(summary);
    auto queries = nlohmann::ordered_json::array();
    for (const auto& q : r.queries) {
        nlohmann::ordered_json item;
        item["line"] = q.query.line;
        item["query"] = q.query.query;
        item["expected"] = q.query.expected;
        item["passed"] = q.passed();
        item["total"] = q.total;
        item["corrected_query"] =
            q.corrected_query ? nlohmann::ordered_json(*q.corrected_query) : nullptr;
        item["top_ids"] = q.top_ids;
        auto missed = nlohmann::ordered_json::array();
        for (const auto& m : q.missed) {
            nlohmann::ordered_json miss;
            miss["id"] = m.id;
            miss["in_index"] = m.in_index;
            miss["rank"] = m.rank ? nlohmann::ordered_json(m.rank) : nullptr;
            missed.push_back(std::move(miss));
        }
        item["missed"] = std::move(missed);
        item["unknown_words"] = q.unknown_words;
        queries.push_back(std::move(item));
    }
    j["queries"] = std::move(queries);
    if (list_unreached) j["unreached_documents"] = r.unreached_documents;
    auto incomplete = nlohmann::ordered_json::array();
    for (const auto& record : r.incomplete_records) {
        incomplete.push_back({{"id", record.id}, {"missing", record.missing}});
    }
    j["incomplete_records"] = std::move(incomplete);
    return j;
}

std::string csv_field(const std::string& text) {
    if (text.find_first_of(",\"\n\r") == std::string::npos) return text;
    std::string out = "\"";
    for (char c : text) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

void print_csv(const CoverageReport& r, bool list_unreached) {
    auto row = [](const std::string& kind, const std::string& line, const std::string& query,
                  const std::string& id, const std::string& detail) {
        std::cout << kind << ',' << line << ',' << csv_field(query) << ',' << csv_field(id) << ','
                  << csv_field(detail) << "\n";
    };
    std::cout << "kind,line,query,id,detail\n";
    for (const auto& q : r.queries) {
        const std::string line = std::to_string(q.query.line);
        for (const auto& m : q.missed) row("missed", line, q.query.query, m.id, miss_detail(m));
        if (q.total == 0) {
            row("zero_hits", line, q.query.query, "",
                q.corrected_query ? "corrected to \"" + *q.corrected_query + "\"" : "");
        }
        for (const auto& w : q.unknown_words) row("unknown_word", line, q.query.query, "", w);
    }
    if (list_unreached) {
        for (const auto& id : r.unreached_documents) row("unreached", "", "", id, "");
    }
    for (const auto& record : r.incomplete_records) {
        row("incomplete", "", "", record.id, "missing " + join(record.missing, " "));
    }
}

void print_report(const CoverageReport& r, bool list_unreached) {
    std::vector<std::vector<std::string>> rows;
    if (r.failed_queries() > 0) {
        std::cout << "Expected ids not in the top " << r.top << "\n";
        rows = {{"line", "query", "expected id", "found"}};
        for (const auto& q : r.queries) {
            for (const auto& m : q.missed) {
                rows.push_back({std::to_string(q.query.line), q.query.query, m.id, miss_detail(m)});
            }
        }
        std::cout << format_table(rows, {true}) << "\n";
    }
    if (r.zero_hit_queries() > 0) {
        std::cout << "Queries with zero hits\n";
        rows = {{"line", "query", "note"}};
        for (const auto& q : r.queries) {
            if (q.total != 0) continue;
            rows.push_back({std::to_string(q.query.line), q.query.query,
                            q.corrected_query ? "searched as \"" + *q.corrected_query + "\"" : ""});
        }
        std::cout << format_table(rows, {true}) << "\n";
    }
    if (r.unknown_word_count() > 0) {
        std::cout << "Query words unknown to the index\n";
        rows = {{"line", "query", "unknown words"}};
        for (const auto& q : r.queries) {
            if (q.unknown_words.empty()) continue;
            rows.push_back(
                {std::to_string(q.query.line), q.query.query, join(q.unknown_words, ", ")});
        }
        std::cout << format_table(rows, {true}) << "\n";
    }
    if (list_unreached && !r.unreached_documents.empty()) {
        std::cout << "Documents no query brings into the top " << r.top << " ("
                  << r.unreached_documents.size() << ")\n";
        std::string line = " ";
        for (const auto& id : r.unreached_documents) {
            if (line.size() + id.size() > 96) {
                std::cout << line << "\n";
                line = " ";
            }
            line += " " + id;
        }
        std::cout << line << "\n\n";
    }
    if (!r.incomplete_records.empty()) {
        std::cout << "Records with missing fields\n";
        rows.clear();
        for (const auto& record : r.incomplete_records) {
            rows.push_back({record.id, "missing " + join(record.missing, ", ")});
        }
        std::cout << format_table(rows, {}) << "\n";
    }
    std::cout << summary_line(r) << "\n";
}

}  // namespace

Command coverage_command() {
    CommandSpec spec{
        "coverage",
        "check which queries find which occupations, and what no query finds",
        "yrkesok coverage [options] FILE",
        "Runs every query in FILE through the search engine. FILE has one query a line,\n"
        "optionally followed by a TAB and the ids expected among the top K hits, separated by\n"
        "commas (\"hjerte lungemaskin<TAB>perfusjonist\"); blank lines and lines starting with\n"
        "# are skipped. Reports expected ids not in the top K (or not in the index), queries\n"
        "with zero hits, query words unknown to the index, documents that no query brings into\n"
        "the top K and records without sectors, education levels or STYRK codes, then a\n"
        "summary line. Exit status 1 when any expected id is missed, else 0; a malformed line\n"
        "is an error naming FILE:LINE.",
        {index_option_spec(),
         {"top", "K", "hits that count as found, 1-100 (default 10)"},
         {"json", "", "print the report as JSON"},
         {"no-unreached", "",
          "leave out the list of documents no query reaches (the summary still counts them)"},
         {"csv", "",
          "print one CSV row per finding (kind,line,query,id,detail); the summary "
          "goes to stderr"}},
        1,
        1};
    return {spec, [](const ParsedArgs& args) {
                use_huge_pages_for_a_short_run();
                if (args.flag("json") && args.flag("csv")) {
                    throw UsageError("--json and --csv cannot be combined");
                }
                search::CoverageOptions options;
                options.top = static_cast<std::size_t>(args.integer_or("top", 10, 1, 100));
                const std::string file = args.positional().front();
                auto queries = search::read_coverage_queries(file);
                const std::string dir = index_dir(args);
                auto report =
                    search::run_coverage(dir, search::analyzer_for_index(dir), queries, options);
                const bool list_unreached = !args.flag("no-unreached");
                if (args.flag("json")) {
                    std::cout << to_json(report, list_unreached, file, dir).dump(2) << "\n";
                } else if (args.flag("csv")) {
                    print_csv(report, list_unreached);
                    std::cerr << summary_line(report) << "\n";
                } else {
                    print_report(report, list_unreached);
                }
                return report.passed() ? 0 : 1;
            }};
}

}  // namespace yrkesok::cli
