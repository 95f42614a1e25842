#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "allocator.h"
#include "command.h"
#include "index_option.h"
#include "table.h"
#include "yrkesok/editorial/explain.h"

namespace yrkesok::cli {
namespace {

std::string describe_terms(const std::vector<analyzers::Term>& terms) {
    std::vector<std::string> parts;
    for (const auto& t : terms)
        parts.push_back(t.text + " (" + std::string(to_string(t.kind)) + ")");
    return join(parts, ", ");
}

nlohmann::ordered_json to_json(const search::Explanation& e) {
    nlohmann::ordered_json j;
    j["query"] = e.query;
    j["id"] = e.id;
    j["title"] = e.title;
    j["matches"] = e.matches;
    j["rank"] = e.rank;
    j["total"] = e.total;
    j["score"] = e.score;
    j["words_weight"] = e.words_weight;
    j["all_words_bonus"] = e.all_words_bonus;
    j["exact_title_bonus"] = e.exact_title_bonus;
    auto words = nlohmann::ordered_json::array();
    for (const auto& w : e.words) {
        nlohmann::ordered_json item;
        item["word"] = w.word;
        item["role"] = w.role;
        auto terms = nlohmann::ordered_json::array();
        for (const auto& t : w.terms) {
            terms.push_back({{"term", t.text}, {"kind", std::string(to_string(t.kind))}});
        }
        item["terms"] = std::move(terms);
        item["matched"] = w.matched;
        item["known"] = w.known;
        item["weight"] = w.weight;
        item["unmatched_terms"] = w.unmatched_terms;
        words.push_back(std::move(item));
    }
    j["words"] = std::move(words);
    auto contributions = nlohmann::ordered_json::array();
    for (const auto& c : e.contributions) {
        nlohmann::ordered_json item;
        item["word"] = c.word;
        item["term"] = c.term;
        item["kind"] = c.kind;
        if (!c.via.empty()) item["via"] = c.via;
        item["field"] = c.field;
        item["index_term"] = c.index_term;
        item["wdf"] = c.wdf;
        item["bm25"] = c.bm25;
        item["factor"] = c.factor;
        item["weight"] = c.weight;
        item["bonus"] = c.bonus;
        contributions.push_back(std::move(item));
    }
    j["contributions"] = std::move(contributions);
    return j;
}

void print_explanation(const search::Explanation& e, double all_words_factor) {
    std::cout << e.title << " [" << e.id << "] for \"" << e.query << "\": ";
    if (e.matches) {
        std::cout << "rank " << e.rank << " of " << e.total << ", score " << fixed(e.score, 4)
                  << "\n";
    } else {
        std::cout << "does not match (" << e.total << " documents do)\n";
    }

    std::cout << "\nQuery words\n";
    std::vector<std::vector<std::string>> rows{
        {"word", "role", "in document", "total", "analysis"}};
    for (const auto& w : e.words) {
        std::string state = w.role == "excluded" ? (w.matched ? "yes: excluded" : "no")
                            : w.matched          ? "yes"
                            : w.known            ? "no"
                                                 : "no (unknown to the index)";
        rows.push_back({w.word, w.role, state, fixed(w.weight, 4), describe_terms(w.terms)});
    }
    std::cout << format_table(rows, {false, false, false, true, false});

    if (!e.contributions.empty()) {
        std::cout << "\nMatching terms (weight = bm25 × factor, the field weight times the term "
                     "kind's weight;\nbonus = weight × "
                  << fixed(all_words_factor, 2) << " again when every word matches)\n";
        rows = {{"word", "term", "analysis", "field", "wdf", "bm25", "factor", "weight", "bonus"}};
        for (const auto& c : e.contributions) {
            std::string kind = c.via.empty() ? c.kind : c.kind + " of " + c.via;
            rows.push_back({c.word, c.term, kind, c.field, std::to_string(c.wdf), fixed(c.bm25, 4),
                            fixed(c.factor, 3), fixed(c.weight, 4), fixed(c.bonus, 4)});
        }
        std::cout << format_table(rows, {false, false, false, false, true, true, true, true, true});
        std::cout << "\n  words " << fixed(e.words_weight, 4) << " + every-word bonus "
                  << fixed(e.all_words_bonus, 4) << " + exact-title bonus "
                  << fixed(e.exact_title_bonus, 4) << " = "
                  << fixed(e.words_weight + e.all_words_bonus + e.exact_title_bonus, 4)
                  << " (score " << fixed(e.score, 4) << ")\n";
    }

    bool any_unmatched = false;
    for (const auto& w : e.words) {
        if (w.role == "excluded" || w.unmatched_terms.empty()) continue;
        if (!any_unmatched) std::cout << "\nTerms not in this document\n";
        any_unmatched = true;
        std::cout << "  " << w.word << ": " << join(w.unmatched_terms, ", ") << "\n";
    }
}

}  // namespace

Command explain_command() {
    CommandSpec spec{
        "explain",
        "show where a document ranks for a query, and why",
        "yrkesok explain [options] QUERY ID",
        "Shows the rank and score of occupation ID for QUERY (as `yrkesok search` ranks it,\n"
        "without filters), each query word with its analysis (surface, lemma, compound part,\n"
        "expansion, bokmål/nynorsk variant, stem, synonym), every matching term with the field\n"
        "it matched in (title, summary, body) and its exact weight contribution, and the words\n"
        "and terms that did not match. A term's weight is its BM25 weight in that field times\n"
        "the field and term-kind weights; when every word matches, the words' weights count\n"
        "again, times the every-word factor; a query equal to the title adds a fixed bonus.\n"
        "The contributions add up to the score.",
        {index_option_spec(), {"json", "", "print the explanation as JSON"}},
        2,
        2};
    return {spec, [](const ParsedArgs& args) {
                use_huge_pages_for_a_short_run();
                const std::string dir = index_dir(args);
                search::EngineOptions options;
                search::Explainer explainer(dir, search::analyzer_for_index(dir), options);
                auto explanation = explainer.explain(args.positional()[0], args.positional()[1]);
                if (args.flag("json")) {
                    std::cout << to_json(explanation).dump(2) << "\n";
                } else {
                    print_explanation(explanation, options.ranking.all_words_factor);
                }
                return 0;
            }};
}

}  // namespace yrkesok::cli
