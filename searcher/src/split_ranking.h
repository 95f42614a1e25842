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

// The hits [offset, offset + count) of the ranking that the whole query would give, where
// `every_word` ranks the documents of `every_word_matches` and `some_word` the other matches.
// `enquire_for` sets a query up as every ranking pass is (weighting, order of equal scores,
// filters, spies); `order_key` gives a document's place among equal scores.
struct SplitRanking {
    std::function<Xapian::Enquire(const Xapian::Query&)> enquire_for;
    std::function<std::string(Xapian::docid)> order_key;

    std::vector<RankedHit> rank(const Xapian::Query& every_word, const Xapian::Query& some_word,
                                const DocumentSet& every_word_matches, std::size_t offset,
                                std::size_t count) const;
};

}  // namespace yrkesok::search
