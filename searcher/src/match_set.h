// The set of documents a query matches, evaluated as compressed bitmaps (CRoaring) of each
// term's postings instead of by the matcher. The ranking pass then asks Xapian only for the top
// k (it may skip documents that cannot reach them), and the exact total and facet counts come
// from set operations on bitmaps that are read once per generation and kept.
#pragma once

#include <xapian.h>

#include <cstddef>
#include <list>
#include <memory>
#include <mutex>
#include <roaring/roaring.hh>
#include <string>
#include <unordered_map>

namespace yrkesok::search {

using DocumentSet = Roaring;

// The posting cache's budget over shards, where each engine keeps its own, and the least a
// generation's shared cache gets (posting_cache_budget in search_engine.h).
inline constexpr std::size_t kMinPostingCacheBytes = std::size_t{64} << 20;

// The postings of terms as bitmaps, for one generation of one local database, least recently
// used forgotten first past `max_bytes`. Shared by the engines on that generation; thread-safe.
class PostingSets {
  public:
    explicit PostingSets(std::size_t max_bytes) : max_bytes_(max_bytes) {}

    // The documents indexed by `term` ("" for every document) in `db`.
    std::shared_ptr<const DocumentSet> term(const Xapian::Database& db,
                                            const std::string& term) const;
    std::size_t bytes() const;

  private:
    using Entry = std::pair<std::string, std::shared_ptr<const DocumentSet>>;
    std::size_t max_bytes_;
    mutable std::mutex mutex_;
    mutable std::list<Entry> order_;  // most recent first; GUARDED_BY(mutex_)
    mutable std::unordered_map<std::string, std::list<Entry>::iterator> index_;  // GUARDED_BY
    mutable std::size_t bytes_ = 0;                                              // GUARDED_BY
};

// A request's matches as sets: the words' matches and each filter's (null: no such filter).
struct MatchSets {
    std::shared_ptr<const DocumentSet> words;
    std::shared_ptr<const DocumentSet> sectors;
    std::shared_ptr<const DocumentSet> education;
    std::shared_ptr<const DocumentSet> general;

    // The words' matches within every filter given (the words' own set when none applies).
    std::shared_ptr<const DocumentSet> within(bool with_sectors, bool with_education) const {
        const DocumentSet* filters[] = {with_sectors ? sectors.get() : nullptr,
                                        with_education ? education.get() : nullptr, general.get()};
        std::shared_ptr<DocumentSet> out;
        for (const DocumentSet* filter : filters) {
            if (!filter) continue;
            if (out) {
                *out &= *filter;
            } else {
                out = std::make_shared<DocumentSet>(*words & *filter);
            }
        }
        if (!out) return words;
        return out;
    }
};

// The documents `query` matches in `db` (read-only; it may be a cached set), or null when the query
// has a part that bitmaps of postings cannot decide exactly: phrases and NEAR (positions), value
// ranges, wildcards (their expansion limit depends on the matcher), ELITE_SET and posting sources.
std::shared_ptr<const DocumentSet> match_set(const Xapian::Query& query, const Xapian::Database& db,
                                             const PostingSets& postings);

}  // namespace yrkesok::search
