// Builds the Xapian query for a parsed query from our own tokens: each word becomes an OR over
// its analysed terms in the title, summary and body fields, weighted by field and by how the
// term was derived (RankingOptions); words are OR-ed with a bonus for matching all of them,
// phrases are required, exclusions removed, and an exact title match gets a fixed bonus.
#pragma once

#include <xapian.h>

#include <array>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

#include "yrkesok/searcher/query_parser.h"
#include "yrkesok/searcher/ranking_weight.h"
#include "yrkesok/searcher/search_engine.h"

namespace yrkesok::search {

// A fresh query matching every document. Xapian::Query::MatchAll is one shared static object
// whose reference count is not atomic, so copying it from several threads corrupts it.
inline Xapian::Query match_all() {
    return Xapian::Query(std::string());
}

// `BuiltQuery::query` scored in two parts, for a query whose words earn the every-word bonus.
// That bonus is an AND of the words next to their OR, so every term is read twice, and over a
// large index the AND of broad words made the slowest queries. A document holding every word
// scores `every_word` (the AND of the words, weighted 1 + the bonus factor, plus the title
// bonuses), any other match `some_word` (the OR of the words plus the title bonuses): the same
// score as in `query`, term for term. All three carry the query's exclusions.
struct SplitQuery {
    Xapian::Query every_word;
    Xapian::Query some_word;
    // The OR of the words weighted 1 + the bonus factor, plus the title bonuses: for a document
    // holding every word, the same score as `every_word`. The every-word documents are ranked by
    // it, restricted to their set (SplitRanking): Xapian skips within a flat OR the documents
    // that cannot reach the page, which it cannot do inside each word of an AND of broad words.
    Xapian::Query every_word_ranked;
};

struct BuiltQuery {
    Xapian::Query query;
    bool browse = false;  // no words: list everything (filtered) alphabetically
    std::unordered_set<std::string> highlight_terms;  // terms whose tokens a snippet marks
    std::optional<SplitQuery> split;  // set for several words without phrases (see SplitQuery)
    std::size_t term_leaves = 0;      // of `query`, counted once (QueryPlan::term_leaves)
    std::size_t scored_leaves = 0;    // of those, scored from a TermScoring's length table
    bool postings_kept = false;       // the table keeps their postings (QueryPlan::postings_kept)
};

// The weighting of every ranking pass and of `yrkesok explain`: BM25 with the ranking's k1 and
// Xapian's other defaults, with tighter bounds for the matcher (ranking_weight.h).
RankingWeight ranking_weight(const RankingOptions& ranking);

class TermScoring;  // term_scoring.h

class QueryBuilder {
  public:
    // `db` gives the synonyms. With `index` set, a term that `index` does not hold is left out
    // of the query: it can match nothing and adds nothing to any score, but the matcher would
    // still look it up on every run (a word whose terms are all absent keeps one, so it still
    // matches nothing rather than vanishing from the query).
    // With `scoring` (of `index`'s generation, a single database, in its files or in memory), each
    // weighted term the index holds is scored from its table of document lengths
    // (term_scoring.h), with the same scores as Xapian's BM25 to the last bit; the terms of the
    // OR of any word (three or more) are one leaf that adds them up in the pruning chain's order
    // (TermScoring::union_leaf), which may differ in the last bits from Xapian's flat OR.
    QueryBuilder(const Xapian::Database& db, const analyzers::Analyzer& analyzer,
                 const RankingOptions& ranking, const Xapian::Database* index = nullptr,
                 std::shared_ptr<const TermScoring> scoring = nullptr)
        : db_(db),
          analyzer_(analyzer),
          ranking_(ranking),
          index_(index),
          scoring_(std::move(scoring)) {}

    // With `prefix`, the unfinished last word (unfinished_word) also matches the terms that
    // begin with it.
    BuiltQuery build(const ParsedQuery& parsed, bool prefix = false) const;
    // OR of the boolean terms prefix+value; MatchAll for no values.
    Xapian::Query facet_filter(std::string_view prefix,
                               const std::vector<std::string>& values) const;

  private:
    struct WeightedTerm {
        std::string term;
        double weight = 0;
        Xapian::doccount frequency = 0;  // documents of the index that hold it (0: not known)
        Xapian::termcount collection_frequency = 0;  // looked up only for a TermScoring
    };
    // A word of the query, or words that are alternatives to each other: their weighted terms,
    // and any other query (the completions of a word being typed).
    struct WordGroup {
        std::vector<WeightedTerm> terms;
        std::vector<Xapian::Query> others;
    };
    // The two term spaces (the title; the summary and body) with their ranking weights.
    std::array<std::pair<std::string_view, double>, 2> weighted_fields() const;
    std::vector<WeightedTerm> word_terms(const analyzers::Token& token, BuiltQuery& built) const;
    // `term` of class `cls` in every field (the summary and body only unless `in_title`), each
    // weighted field weight × `kind_weight`.
    void add_weighted_term(std::vector<WeightedTerm>& out, const std::string& term,
                           std::string_view cls, double kind_weight, bool in_title) const;
    // `term` of class `cls` in `field` alone, weighted `weight`; nothing when the index lacks it.
    void add_field_term(std::vector<WeightedTerm>& out, std::string_view field,
                        std::string_view cls, const std::string& term, double weight) const;
    // Each weight times `factor` (each query scaled by it).
    static std::vector<WeightedTerm> times(std::vector<WeightedTerm> terms, double factor);
    static std::vector<Xapian::Query> times(std::vector<Xapian::Query> queries, double factor);
    // `t` scaled by `weight`: from its TermScoring when there is one.
    Xapian::Query weighted_leaf(const WeightedTerm& t, double weight) const;
    // The OR of `others` and of `terms`, each scaled by its weight, as Xapian builds it.
    Xapian::Query flat_or(const std::vector<WeightedTerm>& terms,
                          std::vector<Xapian::Query> others) const;
    // The OR of `terms`, each scaled by its weight, shaped for the matcher's pruning: with a
    // TermScoring, one leaf that prunes within itself (TermScoring::union_leaf).
    Xapian::Query pruning_chain(std::vector<WeightedTerm> terms) const;
    Xapian::Query exact_title_query(const ParsedQuery& parsed) const;
    Xapian::Query prefix_query(const analyzers::Token& token, BuiltQuery& built) const;
    Xapian::Query title_prefix_query(const ParsedQuery& parsed) const;
    unsigned expansion_limit(std::string_view typed) const;

    const Xapian::Database& db_;
    const analyzers::Analyzer& analyzer_;
    const RankingOptions& ranking_;
    const Xapian::Database* index_;
    std::shared_ptr<const TermScoring> scoring_;
};

}  // namespace yrkesok::search
