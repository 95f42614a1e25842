#include "split_ranking.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <memory>
#include <utility>

namespace yrkesok::search {
namespace {

// The documents of a set as a boolean posting source (it adds no weight): a pass filtered by it
// steps through the set's members instead of testing each candidate, and the query it filters
// still skips whatever cannot reach the page. The members are read out of the bitmap once, into
// a sorted array a skip gallops through: CRoaring's own skip (Debian's 0.2.66, and its current
// source alike) first works out the maximum of the target's container, which for a bitset
// container means scanning its words from the top, on every call (7.6 % of "vann- og
// avløpsanlegg"'s time as two words at 100k records, 2026-12-07). The database must be one whose
// document ids are the set's (deciders_see_combined_ids()).
class SetPostingSource : public Xapian::PostingSource {
  public:
    explicit SetPostingSource(const DocumentSet& set) : members_(members_of(set)) {}

    Xapian::doccount get_termfreq_min() const override { return size(); }
    Xapian::doccount get_termfreq_est() const override { return size(); }
    Xapian::doccount get_termfreq_max() const override { return size(); }
    void init(const Xapian::Database&) override { next_ = kNotStarted; }
    void next(double) override { next_ = next_ == kNotStarted ? 0 : next_ + 1; }
    void skip_to(Xapian::docid did, double) override {
        if (next_ == kNotStarted) next_ = 0;
        const std::vector<std::uint32_t>& m = *members_;
        // Never backwards; galloping, as a skip usually lands a few members on.
        if (next_ >= m.size() || m[next_] >= did) return;
        std::size_t low = next_, step = 1;
        while (low + step < m.size() && m[low + step] < did) {
            low += step;
            step *= 2;
        }
        const auto high = m.begin() + static_cast<std::ptrdiff_t>(std::min(low + step, m.size()));
        next_ = static_cast<std::size_t>(
            std::lower_bound(m.begin() + static_cast<std::ptrdiff_t>(low) + 1, high, did) -
            m.begin());
    }
    bool at_end() const override { return next_ != kNotStarted && next_ >= members_->size(); }
    Xapian::docid get_docid() const override { return (*members_)[next_]; }
    SetPostingSource* clone() const override { return new SetPostingSource(members_); }

  private:
    static constexpr std::size_t kNotStarted = static_cast<std::size_t>(-1);
    explicit SetPostingSource(std::shared_ptr<const std::vector<std::uint32_t>> members)
        : members_(std::move(members)) {}
    static std::shared_ptr<const std::vector<std::uint32_t>> members_of(const DocumentSet& set) {
        auto members = std::make_shared<std::vector<std::uint32_t>>(set.cardinality());
        set.toUint32Array(members->data());
        return members;
    }
    Xapian::doccount size() const { return static_cast<Xapian::doccount>(members_->size()); }

    std::shared_ptr<const std::vector<std::uint32_t>> members_;
    std::size_t next_ = kNotStarted;  // index of the current member
};

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

std::vector<RankedHit> from_place(std::vector<RankedHit> hits, std::size_t offset) {
    if (offset >= hits.size()) return {};
    hits.erase(hits.begin(), hits.begin() + static_cast<std::ptrdiff_t>(offset));
    return hits;
}

bool same_score(double a, double b) {
    return std::abs(a - b) <= kScoreRounding * std::max(std::abs(a), std::abs(b));
}

double lowest_same_score(double score) {
    return score - kScoreRounding * std::abs(score);
}

namespace {

// Equal scores (same_score) in the order of their keys. `hits` is ranked by score.
void order_equal_scores(std::vector<RankedHit>& hits, const OrderKey& order_key) {
    for (std::size_t first = 0; first < hits.size();) {
        std::size_t last = first + 1;
        while (last < hits.size() && same_score(hits[last].weight, hits[first].weight)) ++last;
        if (last - first > 1) {
            std::vector<std::pair<std::string, RankedHit>> tied;
            for (std::size_t i = first; i < last; ++i)
                tied.emplace_back(order_key(hits[i].docid), hits[i]);
            std::stable_sort(tied.begin(), tied.end(),
                             [](const auto& a, const auto& b) { return a.first < b.first; });
            for (std::size_t i = first; i < last; ++i) hits[i] = tied[i - first].second;
        }
        first = last;
    }
}

// At most this many matches beyond the page are read to find all that share its last score.
constexpr Xapian::doccount kTiedBeyondPage = 1000;

}  // namespace

std::vector<RankedHit> top_ranked(Xapian::Enquire& enquire, Xapian::doccount wanted,
                                  const Xapian::MatchDecider* decider, Xapian::valueno order_slot,
                                  const OrderKey& order_key) {
    if (wanted == 0) return {};
    // One more than wanted shows whether the last place kept shares its score with a match left
    // out; if not, every match scoring as much as any kept one is kept.
    enquire.set_sort_by_relevance();
    std::vector<RankedHit> hits = hits_of(enquire.get_mset(0, wanted + 1, nullptr, decider));
    if (hits.size() > wanted && same_score(hits[wanted].weight, hits[wanted - 1].weight)) {
        // Every match that shares the last place's score, read by a weight cut-off just below
        // it. Exactly equal scores alone would not do: the same terms added in another order
        // (over shards, say) differ in the last bits, and Xapian would rank by those.
        enquire.set_cutoff(0, lowest_same_score(hits[wanted - 1].weight));
        hits = hits_of(enquire.get_mset(0, wanted + kTiedBeyondPage, nullptr, decider));
        if (hits.size() == wanted + kTiedBeyondPage) {
            // Too many to read: Xapian's order of score, then value.
            enquire.set_sort_by_relevance_then_value(order_slot, false);
            return hits_of(enquire.get_mset(0, wanted, nullptr, decider));
        }
    }
    // Equal scores: in order of their keys, as Xapian's ranking by score then value would place
    // them (equal keys keep Xapian's order).
    order_equal_scores(hits, order_key);
    if (hits.size() > wanted) hits.resize(wanted);
    return hits;
}

std::vector<RankedHit> SplitRanking::rank(const Xapian::Query& every_word_ranked,
                                          const Xapian::Query& some_word,
                                          const DocumentSet& every_word_matches, std::size_t offset,
                                          std::size_t count) const {
    const auto wanted = static_cast<Xapian::doccount>(offset + count);
    std::vector<RankedHit> first;
    if (!every_word_matches.isEmpty()) {
        auto* members = new SetPostingSource(every_word_matches);
        Xapian::Enquire enquire = enquire_for(Xapian::Query(
            Xapian::Query::OP_FILTER, every_word_ranked, Xapian::Query(members->release())));
        first = top_ranked(enquire, wanted, nullptr, order_slot, order_key);
    }
    // A document without every word reaches the page only with a score at least the lowest the
    // first pass kept when it filled the page: Xapian then skips whatever cannot (a weight
    // cut-off), which over broad words is most of the work the AND used to cost.
    Xapian::Enquire rest = enquire_for(some_word);
    if (first.size() == wanted) rest.set_cutoff(0, lowest_same_score(first.back().weight));
    const Outside outside(every_word_matches);
    std::vector<RankedHit> second = top_ranked(rest, wanted, &outside, order_slot, order_key);

    // Merge: higher score first, equal scores in the order of the whole query's ranking.
    std::vector<RankedHit> merged;
    merged.reserve(first.size() + second.size());
    std::size_t i = 0, j = 0;
    while (merged.size() < wanted && (i < first.size() || j < second.size())) {
        bool take_first = j == second.size();
        if (i < first.size() && j < second.size()) {
            const double a = first[i].weight, b = second[j].weight;
            take_first =
                !same_score(a, b) ? a > b : order_key(first[i].docid) < order_key(second[j].docid);
        }
        merged.push_back(take_first ? first[i++] : second[j++]);
    }
    return from_place(std::move(merged), offset);
}

}  // namespace yrkesok::search
