#include <iomanip>
#include <iostream>

#include "allocator.h"
#include "command.h"
#include "yrkesok/analyzers/analyzer.h"
#include "yrkesok/server/api_json.h"

namespace yrkesok::cli {
namespace {

analyzers::Language parse_language(const std::string& text) {
    if (text == "nb") return analyzers::Language::nb;
    if (text == "nn") return analyzers::Language::nn;
    if (text == "auto" || text == "both") return analyzers::Language::both;
    throw UsageError("--lang must be nb, nn or auto, got \"" + text + "\"");
}

void print_table(const std::vector<analyzers::Token>& tokens) {
    for (const auto& token : tokens) {
        std::cout << std::setw(3) << token.position << "  [" << token.start << "," << token.end
                  << ")  " << token.text << (token.stopword ? "  (stop word)" : "") << "\n";
        for (const auto& term : token.terms) {
            std::cout << "       " << std::left << std::setw(10) << analyzers::to_string(term.kind)
                      << std::right << term.text << "\n";
        }
    }
}

}  // namespace

Command analyze_command() {
    CommandSpec spec{"analyze",
                     "show the tokens and terms the analysis chain makes of a text",
                     "yrkesok analyze [--lang nb|nn|auto] [--json] TEXT",
                     "Runs TEXT through the analysis chain used for indexing and querying and\n"
                     "prints every token with its byte offsets, position and derived terms\n"
                     "(surface, lemma, stem, part, expansion, variant).\n"
                     "--lang auto (the default) analyses for bokmål and nynorsk, as a query is.",
                     {{"lang", "LANG", "nb, nn or auto (default auto)"},
                      {"json", "", "print JSON: {\"tokens\":[{text,start,end,position,terms}]}"}},
                     1,
                     1};
    return {spec, [](const ParsedArgs& args) {
                use_huge_pages_for_a_short_run();
                auto language = parse_language(args.value_or("lang", "auto"));
                analyzers::Analyzer analyzer;
                auto tokens = analyzer.analyze(args.positional().front(), language);
                if (args.flag("json")) {
                    std::cout << api::analysis_to_json(tokens).dump(2) << "\n";
                } else {
                    print_table(tokens);
                }
                return 0;
            }};
}

}  // namespace yrkesok::cli
