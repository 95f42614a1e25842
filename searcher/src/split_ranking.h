// Ranks a query in the two parts of a SplitQuery: the documents that hold every word first, then
// the others that could still reach the page, merged as Xapian would have ranked the whole query.
#pragma once

#include <xapian.h>

#include <cstddef>
#include <functional>
#include <vector>

#include "match_set.h"

namespace yrkesok::search {

// A ranked document: what a page is made of.
struct RankedHit {
    Xapian::docid docid = 0;
    double weight = 0;
};

// The hits of `mset`, in its order.
std::vector<RankedHit> hits_of(const Xapian::MSet& mset);

// Counts the documents a ranking pass evaluates (for SearchResponse::plan).
class EvaluatedCounter : public Xapian::MatchSpy {
  public:
    void operator()(const Xapian::Document&, double) override { ++count; }
    std::size_t count = 0;
};

// The hits from place `offset` (0 for the first) on.
std::vector<RankedHit> from_place(std::vector<RankedHit> hits, std::size_t offset);

// Scores closer than this, relative to the larger, are equal: the rounding of sums of the same
// weights added in other orders (one database or shards) is far below it, and ranking
// differences far above it.
inline constexpr double kScoreRounding = 1e-9;

// Whether two scores are equal but for kScoreRounding.
bool same_score(double a, double b);

// The lowest score that same_score counts equal to `score`: a weight cut-off that keeps it.
double lowest_same_score(double score);

// A document's place among equal scores (its order-slot value).
using OrderKey = std::function<std::string(Xapian::docid)>;

// The first `wanted` matches of `enquire` (set up to rank by score, equal scores by the value in
// `order_slot`), in that order. Xapian ranks by score alone, which reads no value for each
// candidate, and this orders equal scores (same_score) on the page by `order_key`; when equal
// scores straddle the last place kept, every match of that score is read first (Xapian ranks
// again by score then value when there are a thousand or more beyond the page). A match spy on
// `enquire` sees every read. `decider` may be null.
//
// Only the ranking paths that count from match sets (search_engine.cpp) come here. A query with
// a quoted phrase, remote shards, or a distribution other than the two facets is ranked by
// Xapian's score then value, where scores that differ in their last bits are not equal.
std::vector<RankedHit> top_ranked(Xapian::Enquire& enquire, Xapian::doccount wanted,
                                  const Xapian::MatchDecider* decider, Xapian::valueno order_slot,
                                  const OrderKey& order_key);

// The hits [offset, offset + count) of the ranking that the whole query would give, where
// `every_word_ranked` (SplitQuery) ranks the documents of `every_word_matches`, restricted to
// them, and `some_word` the other matches. `every_word_matches` must be exactly the documents
// that hold every word (a document wrongly in it would score its words' weights times the bonus
// factor), and the searched database one whose document ids are the set's: a single database,
// since Xapian gives a posting source or a decider each shard's own ids.
// `enquire_for` sets a query up as every ranking pass is (weighting, equal scores by the value in
// `order_slot`, filters, spies); `order_key` reads that value.
struct SplitRanking {
    std::function<Xapian::Enquire(const Xapian::Query&)> enquire_for;
    Xapian::valueno order_slot = 0;
    OrderKey order_key;

    std::vector<RankedHit> rank(const Xapian::Query& every_word_ranked,
                                const Xapian::Query& some_word,
                                const DocumentSet& every_word_matches, std::size_t offset,
                                std::size_t count) const;
};

}  // namespace yrkesok::search
