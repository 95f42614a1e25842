#include <algorithm>
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>

#include "command.h"
#include "corpus_options.h"

namespace yrkesok::cli {

Command validate_command() {
    CommandSpec spec{
        "validate",
        "check a corpus file against the schema and vocabularies",
        "yrkesok validate [options] FILE",
        "Reads a JSON Lines corpus and reports every problem as FILE:LINE: field: message:\n"
        "invalid JSON or UTF-8, missing, empty, over-long or mistyped fields, unknown fields,\n"
        "facet values outside the vocabularies, duplicate ids, bad language or date. A record\n"
        "with no sectors or education levels is a warning (FILE:LINE: field: warning: ...):\n"
        "it is indexed and matches no filter on that facet; --strict makes it an error.\n"
        "Exit status: 0 clean or only warnings, 1 problems found or the file unreadable,\n"
        "2 usage error.",
        corpus_option_specs(),
        1,
        1};
    spec.options.push_back({"json", "", "print the report as JSON"});
    return {
        spec, [](const ParsedArgs& args) {
            const std::filesystem::path file = args.positional().front();
            auto result = read_corpus_with_options(file, args);
            if (args.flag("json")) {
                nlohmann::json report = {{"file", file.string()},
                                         {"lines", result.lines_read},
                                         {"records", result.records.size()},
                                         {"problems", nlohmann::json::array()},
                                         {"warnings", nlohmann::json::array()}};
                for (const auto& issue : result.issues) {
                    report["problems"].push_back(
                        {{"line", issue.line}, {"field", issue.field}, {"message", issue.message}});
                }
                for (const auto& issue : result.warnings) {
                    report["warnings"].push_back(
                        {{"line", issue.line}, {"field", issue.field}, {"message", issue.message}});
                }
                std::cout << report.dump(2) << "\n";
            } else {
                // In file order, so an editor reads each line's problems together.
                std::vector<index::ValidationIssue> all = result.issues;
                all.insert(all.end(), result.warnings.begin(), result.warnings.end());
                std::stable_sort(all.begin(), all.end(),
                                 [](const auto& a, const auto& b) { return a.line < b.line; });
                for (const auto& issue : all) std::cout << issue.to_string() << "\n";
                std::cout << file.string() << ": " << result.records.size() << " valid records, "
                          << result.issues.size() << " problem"
                          << (result.issues.size() == 1 ? "" : "s");
                if (!result.warnings.empty()) {
                    std::cout << ", " << result.warnings.size() << " warning"
                              << (result.warnings.size() == 1 ? "" : "s");
                }
                std::cout << "\n";
            }
            return result.ok() ? 0 : 1;
        }};
}

}  // namespace yrkesok::cli
