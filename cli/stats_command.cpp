#include <iostream>
#include <nlohmann/json.hpp>

#include "command.h"
#include "index_option.h"
#include "table.h"
#include "yrkesok/editorial/index_statistics.h"

namespace yrkesok::cli {
namespace {

nlohmann::ordered_json counts_json(const search::FacetCounts& counts) {
    auto object = nlohmann::ordered_json::object();
    for (const auto& [value, count] : counts) object[value] = count;
    return object;
}

nlohmann::ordered_json to_json(const search::IndexStatistics& s) {
    nlohmann::ordered_json j;
    j["index"] = s.index_dir;
    j["generation"] = s.generation;
    j["generations"] = s.generations;
    j["documents"] = s.documents;
    j["terms"] = s.terms;
    j["words"] = s.words;
    j["average_length"] = s.average_length;
    j["bytes"] = s.bytes;
    j["directory_bytes"] = s.directory_bytes;
    j["sectors"] = counts_json(s.sectors);
    j["education_levels"] = counts_json(s.education_levels);
    j["languages"] = counts_json(s.languages);
    auto metadata = nlohmann::ordered_json::object();
    for (const auto& [key, value] : s.metadata) metadata[key] = value;
    j["metadata"] = std::move(metadata);
    return j;
}

std::string kib(std::uintmax_t bytes) {
    return fixed(bytes / 1024.0, 1) + " KiB";
}

void print_counts(const char* heading, const search::FacetCounts& counts) {
    std::cout << "\n" << heading << "\n";
    std::vector<std::vector<std::string>> rows;
    for (const auto& [value, count] : counts) rows.push_back({value, std::to_string(count)});
    std::cout << format_table(rows, {false, true});
}

void print_statistics(const search::IndexStatistics& s) {
    std::vector<std::vector<std::string>> rows{
        {"index", s.index_dir},
        {"generation", s.generation + " (kept: " + join(s.generations, ", ") + ")"},
        {"documents", std::to_string(s.documents)},
        {"distinct terms", std::to_string(s.terms)},
        {"distinct words", std::to_string(s.words)},
        {"terms per document", fixed(s.average_length, 1)},
        {"size on disk",
         kib(s.bytes) + " (directory with every generation: " + kib(s.directory_bytes) + ")"}};
    std::cout << format_table(rows, {}, "");
    print_counts("Sectors (documents)", s.sectors);
    print_counts("Education levels (documents)", s.education_levels);
    print_counts("Languages (documents)", s.languages);
    std::cout << "\nBuild\n";
    rows.clear();
    for (const auto& [key, value] : s.metadata) rows.push_back({key, value});
    std::cout << format_table(rows, {});
}

}  // namespace

Command stats_command() {
    CommandSpec spec{"stats",
                     "show what an index holds",
                     "yrkesok stats [options]",
                     "Prints the index's documents, distinct terms, documents per sector, per\n"
                     "education level and per language, its size on disk, the generation in\n"
                     "service and the metadata its build recorded (analyzer and schema version,\n"
                     "corpus checksum, build time).",
                     {index_option_spec(), {"json", "", "print the statistics as JSON"}},
                     0,
                     0};
    return {spec, [](const ParsedArgs& args) {
                auto statistics = search::index_statistics(index_dir(args));
                if (args.flag("json")) {
                    std::cout << to_json(statistics).dump(2) << "\n";
                } else {
                    print_statistics(statistics);
                }
                return 0;
            }};
}

}  // namespace yrkesok::cli
