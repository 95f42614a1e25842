#include <unistd.h>

#include <algorithm>
#include <iomanip>
#include <iostream>
#include <memory>
#include <regex>
#include <sstream>

#include "allocator.h"
#include "command.h"
#include "index_option.h"
#include "shard_list.h"
#include "yrkesok/searcher/search_engine.h"
#include "yrkesok/server/api_json.h"

namespace yrkesok::cli {
namespace {

std::string join(const std::vector<std::string>& values) {
    std::string out;
    for (const auto& v : values) out += (out.empty() ? "" : ", ") + v;
    return out;
}

// Snippets are HTML; a terminal shows marks in bold, a pipe gets plain text.
std::string snippet_for_terminal(const std::string& html, bool terminal) {
    std::string text = std::regex_replace(html, std::regex("<mark>"), terminal ? "\x1b[1m" : "");
    text = std::regex_replace(text, std::regex("</mark>"), terminal ? "\x1b[0m" : "");
    const std::pair<const char*, const char*> entities[] = {
        {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&#39;", "'"}, {"&amp;", "&"}};
    for (const auto& [from, to] : entities) text = std::regex_replace(text, std::regex(from), to);
    // One line per snippet: paragraph breaks become spaces.
    for (char& c : text) {
        if (c == '\n' || c == '\r') c = ' ';
    }
    return text;
}

void print_facets(const char* name, const search::FacetCounts& counts) {
    std::cout << name << ":";
    for (const auto& [value, count] : counts) std::cout << "  " << value << " (" << count << ")";
    std::cout << "\n";
}

// An unknown --sector or --education value is a usage error (exit 2) naming the values the
// index has, as GET /api/search answers 400 unknown_facet_value: not "0 hits".
void check_facet_values(search::SearchEngine& engine, const search::SearchRequest& request) {
    if (request.sectors.empty() && request.education_levels.empty()) return;
    const auto all = engine.all_facets();
    const auto check = [](const std::vector<std::string>& values, const search::FacetCounts& known,
                          const std::string& option) {
        for (const auto& value : values) {
            const bool found = std::any_of(known.begin(), known.end(),
                                           [&](const auto& entry) { return entry.first == value; });
            if (found) continue;
            std::vector<std::string> names;
            for (const auto& entry : known) names.push_back(entry.first);
            std::sort(names.begin(), names.end());
            std::string list;
            for (const auto& name : names) list += (list.empty() ? "\"" : ", \"") + name + "\"";
            throw UsageError("unknown value \"" + value + "\" for --" + option +
                             "; the index has " + list);
        }
    };
    check(request.sectors, all.sectors, "sector");
    check(request.education_levels, all.education_levels, "education");
}

void print_table(const search::SearchResponse& r) {
    const bool terminal = isatty(STDOUT_FILENO);
    // The CLI speaks English throughout (help, errors and output); the web page is Norwegian.
    if (r.corrected_query) std::cout << "Showing hits for \"" << *r.corrected_query << "\"\n";
    std::cout << r.total << (r.total == 1 ? " hit" : " hits") << " for \"" << r.query << "\" (page "
              << r.page << ", " << std::fixed << std::setprecision(2) << r.took_ms << " ms)\n\n";
    std::size_t rank = (r.page - 1) * r.per_page;
    for (const auto& hit : r.hits) {
        std::cout << std::setw(3) << ++rank << ". " << std::setw(7) << std::setprecision(3)
                  << hit.score << "  " << (terminal ? "\x1b[1m" : "") << hit.title
                  << (terminal ? "\x1b[0m" : "") << "  [" << hit.id << "]\n"
                  << "      " << join(hit.sectors) << " | " << join(hit.education_levels)
                  << "\n      " << snippet_for_terminal(hit.snippet, terminal) << "\n\n";
    }
    print_facets("Sectors", r.sectors);
    print_facets("Education levels", r.education_levels);
    if (r.suggestion) std::cout << "Did you mean: " << *r.suggestion << "?\n";
}

void print_plan(const search::SearchResponse& r, std::ostream& out) {
    out << "Plan: " << r.total << " matches, "
        << (r.plan.counted_from_sets
                ? "total and facets counted from posting bitmaps"
                : "total and facets counted by the ranking pass (it must see every match)")
        << "; the ranking pass weighed " << r.plan.ranked_documents << " documents; the query has "
        << r.plan.term_leaves << " term leaves";
    if (r.plan.scored_leaves > 0) {
        out << " (" << r.plan.scored_leaves << " scored from the table of document lengths)";
    }
    out << '\n';
}

}  // namespace

Command search_command() {
    CommandSpec spec{"search",
                     "search the index as the website does",
                     "yrkesok search [--index DIR | --shards LOC,...] [options] QUERY",
                     "Runs QUERY through the search engine and prints the ranked hits with score,\n"
                     "sectors, education levels and snippet (matches in bold on a terminal), then\n"
                     "the facet counts and any spelling suggestion. Query syntax: words,\n"
                     "\"phrases\", -exclusion, OR. An empty QUERY with filters lists occupations\n"
                     "alphabetically. --json prints exactly the body of GET /api/search.",
                     {index_option_spec(),
                      {"shards", "LOC,...", "shards instead of --index: paths or tcp://HOST:PORT"},
                      {"lexicon", "PATH", "with remote shards: local spelling/synonym database"},
                      {"sector", "S", "only occupations in sector S", true},
                      {"education", "E", "only occupations reached by education level E", true},
                      {"limit", "N", "hits per page, 1-100 (default 10)"},
                      {"page", "N", "page number, from 1 (default 1)"},
                      {"json", "", "print the JSON of GET /api/search"},
                      {"plan", "", "also print how the answer was found (diagnostics)"}},
                     0,
                     1};
    return {spec, [](const ParsedArgs& args) {
                use_huge_pages_for_a_short_run();
                auto shards = args.value("shards");
                if (args.value("index") && shards) {
                    throw UsageError("give --index or --shards, not both");
                }
                search::EngineOptions engine_options;
                if (shards) engine_options.shards = split_shard_list(*shards);
                engine_options.lexicon = args.value_or("lexicon", "");
                warn_if_lexicon_cannot_correct(engine_options.lexicon, std::cerr);
                search::SearchRequest request;
                request.query = args.positional().empty() ? "" : args.positional().front();
                request.sectors = args.values("sector");
                request.education_levels = args.values("education");
                request.per_page = args.integer_or("limit", 10, 1, 100);
                request.page = args.integer_or("page", 1, 1, 1000000);
                const std::string dir = shards ? *shards : index_dir(args);
                search::SearchEngine engine(dir, search::analyzer_for_index(dir), engine_options);
                check_facet_values(engine, request);
                auto response = engine.search(request);
                if (args.flag("json")) {
                    // Serialised as the HTTP layer sends it, so the bytes are the same.
                    std::cout << api::search_response_to_json(response).dump(
                                     -1, ' ', false, nlohmann::json::error_handler_t::replace)
                              << "\n";
                } else {
                    print_table(response);
                }
                if (args.flag("plan"))
                    print_plan(response, args.flag("json") ? std::cerr : std::cout);
                return 0;
            }};
}

}  // namespace yrkesok::cli
