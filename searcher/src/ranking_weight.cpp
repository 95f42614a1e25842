#include "yrkesok/searcher/ranking_weight.h"

#include <algorithm>

namespace yrkesok::search {

RankingWeight::RankingWeight(double k1, double b, double min_normlen)
    : Xapian::BM25Weight(k1, 0, 1, b, min_normlen), k1_(k1), b_(b), min_normlen_(min_normlen) {
    need_stat(COLLECTION_FREQ);
    need_stat(TERMFREQ);
    need_stat(WDF_MAX);
    need_stat(DOC_LENGTH_MIN);
    need_stat(DOC_LENGTH_MAX);
    need_stat(AVERAGE_LENGTH);
}

RankingWeight* RankingWeight::clone() const {
    return new RankingWeight(k1_, b_, min_normlen_);
}

Xapian::BM25Weight RankingWeight::with_xapian_bounds() const {
    return Xapian::BM25Weight(k1_, 0, 1, b_, min_normlen_);
}

double Bm25Bound::saturation(double wdf, double length) const {
    const double normlen = std::max(length * length_factor, min_normlen);
    return wdf / (k1 * (normlen * b + (1 - b)) + wdf);
}

double Bm25Bound::saturation(double wdf) const {
    return saturation(wdf, std::max(wdf, static_cast<double>(shortest)));
}

double Bm25Bound::tighter(double xapian_bound, Xapian::termcount wdf_bound, Xapian::termcount cf,
                          Xapian::doccount tf) const {
    // Keep Xapian's bound where the argument above does not hold: a term of no weight, postings
    // of wdf 0 (cf below tf), or a synonym of several terms, whose wdf bound Xapian sets to the
    // longest document's length and whose tf is only an estimate.
    if (xapian_bound <= 0 || tf == 0 || cf < tf || wdf_bound >= longest) return xapian_bound;
    const Xapian::termcount tight = std::min<Xapian::termcount>(wdf_bound, cf - tf + 1);
    if (tight >= wdf_bound || k1 == 0) return xapian_bound;
    // Xapian's bound scaled by the saturation the tighter wdf reaches instead, with a margin
    // for the rounding of the division: a bound a hair low could drop a document from the page.
    constexpr double kRoundingMargin = 1 + 1e-9;
    return xapian_bound * (saturation(tight) / saturation(wdf_bound)) * kRoundingMargin;
}

double RankingWeight::get_maxpart() const {
    double length_factor = get_average_length();
    if (length_factor != 0) length_factor = 1 / length_factor;
    const Bm25Bound bound{k1_,
                          b_,
                          min_normlen_,
                          length_factor,
                          get_doclength_lower_bound(),
                          get_doclength_upper_bound()};
    return bound.tighter(Xapian::BM25Weight::get_maxpart(), get_wdf_upper_bound(),
                         get_collection_freq(), get_termfreq());
}

}  // namespace yrkesok::search
