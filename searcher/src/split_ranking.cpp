#include "split_ranking.h"

#include <algorithm>

namespace yrkesok::search {
namespace {

// Rejects the documents the first pass ranked already.
class Outside : public Xapian::MatchDecider {
  public:
    explicit Outside(const DocumentSet& ranked) : ranked_(ranked) {}
    bool operator()(const Xapian::Document& doc) const override {
        return !ranked_.contains(doc.get_docid());
    }

  private:
    const DocumentSet& ranked_;
};

}  // namespace

std::vector<RankedHit> hits_of(const Xapian::MSet& mset) {
    std::vector<RankedHit> out;
    out.reserve(mset.size());
    for (auto it = mset.begin(); it != mset.end(); ++it) out.push_back({*it, it.get_weight()});
    return out;
}

std::vector<RankedHit> SplitRanking::rank(const Xapian::Query& every_word,
                                          const Xapian::Query& some_word,
                                          const DocumentSet& every_word_matches, std::size_t offset,
                                          std::size_t count) const {
    const auto wanted = static_cast<Xapian::doccount>(offset + count);
    std::vector<RankedHit> first;
    if (!every_word_matches.isEmpty()) {
        first = hits_of(enquire_for(every_word).get_mset(0, wanted));
    }
    // A document without every word reaches the page only with a score at least the lowest the
    // first pass kept when it filled the page: Xapian then skips whatever cannot (a weight
    // cut-off), which over broad words is most of the work the AND used to cost.
    Xapian::Enquire rest = enquire_for(some_word);
    if (first.size() == wanted) rest.set_cutoff(0, first.back().weight);
    const Outside outside(every_word_matches);
    std::vector<RankedHit> second = hits_of(rest.get_mset(0, wanted, nullptr, &outside));

    // Merge: higher score first, equal scores in the order of the whole query's ranking.
    std::vector<RankedHit> merged;
    merged.reserve(first.size() + second.size());
    std::size_t i = 0, j = 0;
    while (merged.size() < wanted && (i < first.size() || j < second.size())) {
        bool take_first = j == second.size();
        if (i < first.size() && j < second.size()) {
            const double a = first[i].weight, b = second[j].weight;
            take_first = a != b ? a > b : order_key(first[i].docid) < order_key(second[j].docid);
        }
        merged.push_back(take_first ? first[i++] : second[j++]);
    }
    if (offset >= merged.size()) return {};
    return {merged.begin() + static_cast<std::ptrdiff_t>(offset), merged.end()};
}

}  // namespace yrkesok::search
