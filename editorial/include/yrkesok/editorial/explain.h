// Why a document ranks where it does for a query: the query's words and their analysed terms,
// each matching term's field and exact weight contribution, the document's rank and score,
// and the words and terms that did not match.
//
// An Explainer opens the generation that `index_dir`/current points to, as SearchEngine does,
// and builds the query with the same parser, analysis chain, query builder and RankingOptions,
// so the rank and score it reports are those of SearchEngine::search for the same query
// without filters. It is NOT thread-safe (one per thread, like SearchEngine). An index that
// cannot be opened throws IndexOpenError; a bad query throws SearchError.
//
// How the numbers are computed: Xapian scores a document as the sum over the query tree's
// matching leaves of BM25(term, document), each multiplied by the OP_SCALE_WEIGHT factors above
// it (field weight × term-kind weight, and all_words_factor inside the "every word" bonus).
// The explainer walks that tree and weighs every leaf on its own against the document with the
// same weighting scheme and collection statistics, so each contribution is exact and together
// they add up to the score (up to floating-point rounding).
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "yrkesok/analyzers/analyzer.h"
#include "yrkesok/searcher/search_engine.h"

namespace yrkesok::search {

// One matching leaf of the query tree.
struct TermContribution {
    std::string word;        // the query word it was derived from, as typed
    std::string term;        // the analysed term ("lungemaskin")
    std::string kind;        // surface, lemma, stem, part, expansion, variant, synonym,
                             // part-as-word (a query part matching the whole word in the document)
    std::string via;         // for synonyms: the word's term whose synonym this is; else empty
    std::string field;       // title, text (the summary and body), exact-title or other
    std::string index_term;  // the term as stored in the index ("XTlungemaskin")
    unsigned wdf = 0;        // its within-document frequency (a summary's counts the repeat)
    double bm25 = 0;         // BM25 weight of index_term in the document, unscaled
    double factor = 0;       // the OP_SCALE_WEIGHT factors applied (field × kind weight)
    double weight = 0;       // bm25 × factor: the contribution to the plain word match
    double bonus = 0;        // the contribution again through the every-word bonus
                             // (× all_words_factor), 0 when not every word matched
};

struct WordExplanation {
    std::string word;                    // as typed
    std::string role;                    // "word", "phrase", "excluded" or "stopword"
    std::vector<analyzers::Term> terms;  // the analysis, surface first
    bool matched = false;                // some term of the word matched the document
    bool known = false;                  // some whole-word term occurs anywhere in the index
    double weight = 0;                   // sum of its contributions (weight + bonus)
    // Analysed terms found in none of the document's fields (kind in parentheses).
    std::vector<std::string> unmatched_terms;
};

struct Explanation {
    std::string query;
    std::string id;
    std::string title;
    bool matches = false;          // the document matches the query at all
    std::size_t rank = 0;          // 1-based among all matches; 0 when it does not match
    std::size_t total = 0;         // documents matching the query
    double score = 0;              // the document's score, as SearchEngine::search reports it
    double words_weight = 0;       // sum of the contributions' `weight`
    double all_words_bonus = 0;    // sum of the contributions' `bonus`
    double exact_title_bonus = 0;  // the fixed bonus (and its term) when the query is the title
    std::vector<WordExplanation> words;
    std::vector<TermContribution> contributions;  // largest first
};

class Explainer {
  public:
    Explainer(std::string index_dir, std::shared_ptr<const analyzers::Analyzer> analyzer,
              EngineOptions options = {});
    ~Explainer();
    Explainer(Explainer&&) noexcept;
    Explainer& operator=(Explainer&&) noexcept;

    // Throws SearchError for an id not in the index or a query with no words.
    Explanation explain(const std::string& query, const std::string& id);

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace yrkesok::search
