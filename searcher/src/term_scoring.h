// A term of a ranking pass scored from a table of the generation's document lengths: the same
// BM25 scores and bounds as RankingWeight, for a single database, in its files or in memory.
//
// Xapian 1.4's on-disk backend keeps the document lengths as one posting list, read forward entry
// by entry within each chunk: every document a ranking pass weighs costs a walk from the last one
// weighed, in proportion to the records between them (a quarter of a query's time at 100,000
// records, benchmarks/RESULTS.md). A posting source is told which document it is on, so it can
// take the length from an array instead. Its bound on what the term can add is RankingWeight's to
// the last bit, so the matcher sets aside the same terms at the same moments as before: a tighter
// bound (the greatest weight a posting actually gets) was tried and runs into a fault of Xapian
// 1.4's AND_MAYBE (benchmarks/RESULTS.md, "Document lengths from a table").
//
// Over a generation searched in memory a leaf walks the copy's array of the term's postings
// (GenerationCopy::postings), where Xapian would look the term up in its in-memory database's
// ordered map for its statistics and again for its postings, at every query, for every leaf
// (benchmarks/RESULTS.md, "Postings walked in place in memory").
#pragma once

#include <xapian.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "memory_copy.h"
#include "yrkesok/searcher/ranking_weight.h"

namespace yrkesok::search {

// One generation's document lengths and BM25's parameters. Immutable once made: shared by the
// engines on that generation.
class TermScoring {
  public:
    // Reads every document's length from `db`, a single database; `k1` is the ranking's. With
    // `copied` (the postings of the copy in memory `db` was made from), the leaves walk those.
    TermScoring(const Xapian::Database& db, double k1,
                std::shared_ptr<const GenerationCopy::Postings> copied = nullptr);

    // The leaf that scores `term` of this generation, held by `termfreq` documents with
    // collection frequency `cf`, as Xapian's BM25 scores Xapian::Query(term) scaled by `factor`
    // with RankingWeight's parameters and bounds.
    static Xapian::Query leaf(const std::shared_ptr<const TermScoring>& scoring,
                              const std::string& term, Xapian::doccount termfreq,
                              Xapian::termcount cf, double factor);

    // A term of a union_leaf: what leaf() is given for one term.
    struct UnionTerm {
        std::string term;
        Xapian::doccount termfreq;
        Xapian::termcount cf;
        double factor;
    };
    // One leaf scoring every term of `terms`, each as leaf() does, with the weights, bound and
    // frequency estimates of the chain OR(t0, OR(t1, OR(t2, …))) of their leaves, each link
    // scaled apart as the query builder's pruning chain is, and the chain's pruning done within
    // the leaf, term by term (term_scoring.cpp, UnionSource). No weight scale may be set over
    // it: Xapian tells a posting source the weight it needs before applying scales.
    static Xapian::Query union_leaf(const std::shared_ptr<const TermScoring>& scoring,
                                    const std::vector<UnionTerm>& terms);

    // BM25's term weight for a term of `termfreq` documents in a query scaled by `factor`: the
    // inverse document frequency times k1 + 1, as Xapian::BM25Weight::init works it out.
    double term_weight(Xapian::doccount termfreq, double factor) const;
    // How much of the term weight a wdf of `wdf` in a document of `length` earns: the rest of
    // Xapian::BM25Weight::get_sumpart, in its order of operations.
    double saturation(Xapian::termcount wdf, Xapian::termcount length) const;
    // 0 past the table's last document: a database changed under its generation's name scores
    // wrongly rather than reading past the table.
    Xapian::termcount length(Xapian::docid docid) const {
        return docid < lengths_.size() ? lengths_[docid] : 0;
    }
    // RankingWeight's bound for a term of this weight whose postings' wdf is at most
    // `wdf_bound`, with collection frequency `cf`, held by `termfreq` documents.
    double bound(double term_weight, Xapian::termcount wdf_bound, Xapian::termcount cf,
                 Xapian::doccount termfreq) const;

    Xapian::doccount documents() const { return documents_; }

    // Whether the leaves walk the postings of a copy in memory.
    bool keeps_postings() const { return copied_ != nullptr; }

  private:
    std::vector<Xapian::termcount> lengths_;  // by document id
    std::shared_ptr<const GenerationCopy::Postings> copied_;
    Xapian::doccount documents_ = 0;
    Bm25Bound bm25_;  // k1, b and the length statistics (its length factor is 1 / the average)
};

// The term a leaf made by TermScoring::leaf scores; nothing for any other query.
std::optional<std::string> scored_term(const Xapian::Query& query);
// The terms a leaf made by TermScoring::leaf or union_leaf scores, in order; nothing for any
// other query.
std::optional<std::vector<std::string>> scored_terms(const Xapian::Query& query);

}  // namespace yrkesok::search
