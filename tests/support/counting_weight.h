// Weights that count the matcher's work: how many times it works out one term's share of a
// document's score. Each weight object the matcher uses is a copy (clone) of the one given, so
// they share the counter. Not a timing: the same query over the same index counts the same.
#pragma once

#include <xapian.h>

#include <cstddef>

#include "yrkesok/format/profile.h"
#include "yrkesok/searcher/ranking_weight.h"

namespace yrkesok::testing {

// The engine's weighting, search::RankingWeight, with the default ranking's parameters (those
// of ranking_weight() for the occupations profile).
class CountingRankingWeight : public search::RankingWeight {
  public:
    explicit CountingRankingWeight(std::size_t* count)
        : RankingWeight(kK1, kB, kMinNormlen), count_(count) {}
    CountingRankingWeight* clone() const override { return new CountingRankingWeight(count_); }
    double get_sumpart(Xapian::termcount wdf, Xapian::termcount length,
                       Xapian::termcount unique) const override {
        ++*count_;
        return search::RankingWeight::get_sumpart(wdf, length, unique);
    }
    static constexpr double kK1 = format::kOccupationsProfile.bm25_k1;
    static constexpr double kB = search::kBm25B, kMinNormlen = search::kBm25MinNormlen;

  private:
    std::size_t* count_;
};

// Xapian's own BM25 with the same parameters: the same scores, Xapian's bounds.
class CountingXapianWeight : public Xapian::BM25Weight {
  public:
    explicit CountingXapianWeight(std::size_t* count)
        : Xapian::BM25Weight(CountingRankingWeight::kK1, 0, 1, CountingRankingWeight::kB,
                             CountingRankingWeight::kMinNormlen),
          count_(count) {}
    CountingXapianWeight* clone() const override { return new CountingXapianWeight(count_); }
    double get_sumpart(Xapian::termcount wdf, Xapian::termcount length,
                       Xapian::termcount unique) const override {
        ++*count_;
        return Xapian::BM25Weight::get_sumpart(wdf, length, unique);
    }

  private:
    std::size_t* count_;
};

}  // namespace yrkesok::testing
