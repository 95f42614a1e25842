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
    // How much of BM25's saturation a wdf of `wdf` reaches at the shortest document length.
    double saturation(double wdf) const;

    double k1_;
    double b_;
    double min_normlen_;
};

}  // namespace yrkesok::search
