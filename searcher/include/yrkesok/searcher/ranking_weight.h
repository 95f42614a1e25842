// The weighting of every ranking pass: Xapian's BM25, scoring exactly as it does, with a tighter
// bound on what one term can add to a document's score.
//
// Xapian prunes a ranking pass by each term's greatest possible contribution, which it works out
// from a bound on the term's within-document frequency (wdf). Its on-disk backend takes that
// bound from the term's collection frequency (cf, the sum of its wdf over every document), less
// the first posting's wdf. A term in a title has a wdf of one in every document that holds it,
// so a title word in 550 documents is bounded as if one document held it 550 times, and its
// greatest contribution is taken to be three times what any document gets. Every posting of a
// term this index ranks has a wdf of at least one (the indexer adds each word with a wdf of one
// or more), so the largest wdf is at most cf - tf + 1, where tf is the number of documents that
// hold the term: one for a title word. The score of every document is unchanged; only the
// matcher's bounds are, so it can leave out documents that cannot reach the page sooner.
#pragma once

#include <xapian.h>

namespace yrkesok::search {

// BM25's length normalisation (b) and shortest normalised length in every ranking pass:
// Xapian's defaults. k1 is the index profile's (RankingOptions::bm25_k1).
inline constexpr double kBm25B = 0.5;
inline constexpr double kBm25MinNormlen = 0.5;
// The query length a ranking pass gives Xapian: BM25 with k2 = 0 (RankingWeight) never uses it,
// and given none (0) Xapian walks the whole query to work it out at every pass.
inline constexpr Xapian::termcount kUnusedQueryLength = 1;

// The bound on one term's contribution that every ranking pass gives the matcher (RankingWeight,
// and the terms scored from a table of lengths, term_scoring.h): Xapian's BM25 bound, tightened
// as explained above. The same numbers, in the same order of operations, for both.
struct Bm25Bound {
    double k1;
    double b;
    double min_normlen;
    double length_factor;        // 1 / the average document length (0: every one is empty)
    Xapian::termcount shortest;  // the shortest document's length (Xapian's lower bound)
    Xapian::termcount longest;   // the longest's (Xapian's upper bound)

    // How much of BM25's saturation a wdf of `wdf` reaches in a document of `length`: the
    // length normalisation of Xapian::BM25Weight::get_sumpart, in its order of operations.
    double saturation(double wdf, double length) const;
    // The same at the shortest length a document with that wdf can have:
    // Xapian::BM25Weight::get_maxpart's, for this wdf.
    double saturation(double wdf) const;
    // `xapian_bound` (Xapian's bound for a term whose wdf is at most `wdf_bound`, with
    // collection frequency `cf`, held by `tf` documents) made tighter where it can be.
    double tighter(double xapian_bound, Xapian::termcount wdf_bound, Xapian::termcount cf,
                   Xapian::doccount tf) const;
};

class RankingWeight : public Xapian::BM25Weight {
  public:
    // BM25 with Xapian's k2 (0) and k3 (1): the parameters of Xapian::BM25Weight.
    RankingWeight(double k1, double b, double min_normlen);

    RankingWeight* clone() const override;
    double get_maxpart() const override;

    // Xapian's BM25 with the same parameters: the same scores, Xapian's own bounds.
    Xapian::BM25Weight with_xapian_bounds() const;

    // name() and serialise() stay Xapian::BM25Weight's: a remote shard's server, which does not
    // know this class, ranks with the same scores and Xapian's own bounds.

  private:
    double k1_;
    double b_;
    double min_normlen_;
};

}  // namespace yrkesok::search
