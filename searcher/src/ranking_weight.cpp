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

double RankingWeight::saturation(double wdf) const {
    // The length normalisation of Xapian::BM25Weight::get_maxpart, for this wdf.
    double len_factor = get_average_length();
    if (len_factor != 0) len_factor = 1 / len_factor;
    const double shortest = std::max(wdf, static_cast<double>(get_doclength_lower_bound()));
    const double normlen = std::max(shortest * len_factor, min_normlen_);
    return wdf / (k1_ * (normlen * b_ + (1 - b_)) + wdf);
}

double RankingWeight::get_maxpart() const {
    const double xapian_bound = Xapian::BM25Weight::get_maxpart();
    const Xapian::termcount wdf_bound = get_wdf_upper_bound();
    const Xapian::termcount cf = get_collection_freq();
    const Xapian::doccount tf = get_termfreq();
    // Keep Xapian's bound where the argument above does not hold: a term of no weight, postings
    // of wdf 0 (cf below tf), or a synonym of several terms, whose wdf bound Xapian sets to the
    // longest document's length and whose tf is only an estimate.
    if (xapian_bound <= 0 || tf == 0 || cf < tf || wdf_bound >= get_doclength_upper_bound()) {
        return xapian_bound;
    }
    const Xapian::termcount tighter = std::min<Xapian::termcount>(wdf_bound, cf - tf + 1);
    if (tighter >= wdf_bound || k1_ == 0) return xapian_bound;
    // Xapian's bound scaled by the saturation the tighter wdf reaches instead, with a margin
    // for the rounding of the division: a bound a hair low could drop a document from the page.
    constexpr double kRoundingMargin = 1 + 1e-9;
    return xapian_bound * (saturation(tighter) / saturation(wdf_bound)) * kRoundingMargin;
}

}  // namespace yrkesok::search
