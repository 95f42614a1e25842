#include "match_set.h"

#include <algorithm>
#include <string_view>
#include <vector>

#include "term_scoring.h"
#include "yrkesok/searcher/search_engine.h"

namespace yrkesok::search {
namespace {

DocumentSet read_postings(const Xapian::Database& db, const std::string& term) {
    DocumentSet set;
    std::vector<std::uint32_t> batch;
    batch.reserve(4096);
    for (auto it = db.postlist_begin(term); it != db.postlist_end(term); ++it) {
        batch.push_back(*it);
        if (batch.size() == batch.capacity()) {
            set.addMany(batch.size(), batch.data());
            batch.clear();
        }
    }
    set.addMany(batch.size(), batch.data());
    set.runOptimize();
    set.shrinkToFit();
    return set;
}

using SetPtr = std::shared_ptr<const DocumentSet>;

constexpr std::string_view kFixedWeightSource =
    "Query(PostingSource(Xapian::FixedWeightPostingSource(";

// Each node evaluates to a set: a leaf to its cached postings (not copied), an operator to a
// new set. Null when the node cannot be evaluated (see match_set).
class Evaluator {
  public:
    Evaluator(const Xapian::Database& db, const PostingSets& postings)
        : db_(db), postings_(postings) {}

    SetPtr evaluate(const Xapian::Query& query) {
        switch (query.get_type()) {
            case Xapian::Query::LEAF_TERM:
                return postings_.term(db_, *query.get_terms_begin());
            case Xapian::Query::LEAF_MATCH_ALL:
                return postings_.term(db_, std::string());
            case Xapian::Query::LEAF_POSTING_SOURCE:
                if (auto terms = scored_terms(query)) return union_of(*terms);
                // A FixedWeightPostingSource (a fixed bonus, AND-ed with what earns it) matches
                // every document; Xapian shows a query's source only in its description.
                if (query.get_description().starts_with(kFixedWeightSource)) {
                    return postings_.term(db_, std::string());
                }
                return nullptr;
            case Xapian::Query::LEAF_MATCH_NOTHING:
                return std::make_shared<const DocumentSet>();
            case Xapian::Query::OP_SCALE_WEIGHT:
            case Xapian::Query::OP_AND_MAYBE:  // the optional side adds weight, not matches
                return evaluate(query.get_subquery(0));
            case Xapian::Query::OP_OR:
            case Xapian::Query::OP_SYNONYM:
            case Xapian::Query::OP_MAX:
                return any_of(query);
            case Xapian::Query::OP_AND:
            case Xapian::Query::OP_FILTER:
                return fold(query, [](DocumentSet& a, const DocumentSet& b) { a &= b; });
            case Xapian::Query::OP_XOR:
                return fold(query, [](DocumentSet& a, const DocumentSet& b) { a ^= b; });
            case Xapian::Query::OP_AND_NOT:
                // a AND NOT (b OR c ...): subtracting each in turn is the same.
                return fold(query, [](DocumentSet& a, const DocumentSet& b) { a -= b; });
            default:
                return nullptr;
        }
    }

  private:
    std::vector<SetPtr> operands(const Xapian::Query& query) {
        std::vector<SetPtr> out;
        out.reserve(query.get_num_subqueries());
        for (std::size_t i = 0; i < query.get_num_subqueries(); ++i) {
            auto set = evaluate(query.get_subquery(i));
            if (!set) return {};
            out.push_back(std::move(set));
        }
        return out;
    }

    // The union of all operands in one pass (CRoaring's many-way OR).
    SetPtr any_of(const Xapian::Query& query) { return union_of(operands(query)); }
    SetPtr union_of(const std::vector<std::string>& terms) {
        std::vector<SetPtr> sets;
        sets.reserve(terms.size());
        for (const auto& term : terms) sets.push_back(postings_.term(db_, term));
        return union_of(sets);
    }
    SetPtr union_of(const std::vector<SetPtr>& sets) {
        if (sets.empty()) return nullptr;
        if (sets.size() == 1) return sets.front();
        std::vector<const DocumentSet*> raw;
        raw.reserve(sets.size());
        for (const auto& set : sets) raw.push_back(set.get());
        return std::make_shared<const DocumentSet>(DocumentSet::fastunion(raw.size(), raw.data()));
    }

    template <typename Combine>
    SetPtr fold(const Xapian::Query& query, Combine combine) {
        const auto sets = operands(query);
        if (sets.empty()) return nullptr;
        auto out = std::make_shared<DocumentSet>(*sets.front());
        for (std::size_t i = 1; i < sets.size(); ++i) combine(*out, *sets[i]);
        return out;
    }

    const Xapian::Database& db_;
    const PostingSets& postings_;
};

}  // namespace

std::size_t posting_cache_budget(std::size_t documents) {
    constexpr std::size_t kPerDocument = 128;
    constexpr std::size_t kMaximum = std::size_t{256} << 20;
    return std::clamp(documents * kPerDocument, kMinPostingCacheBytes, kMaximum);
}

std::shared_ptr<const DocumentSet> PostingSets::term(const Xapian::Database& db,
                                                     const std::string& term) const {
    {
        std::lock_guard lock(mutex_);
        if (auto it = index_.find(term); it != index_.end()) {
            order_.splice(order_.begin(), order_, it->second);
            return it->second->second;
        }
    }
    // Read outside the lock: two threads may both read a term the first time; one copy stays.
    auto set = std::make_shared<const DocumentSet>(read_postings(db, term));
    const std::size_t size = set->getSizeInBytes();
    std::lock_guard lock(mutex_);
    if (index_.contains(term) || size > max_bytes_) return set;
    order_.emplace_front(term, set);
    index_.emplace(term, order_.begin());
    bytes_ += size;
    while (bytes_ > max_bytes_) {
        bytes_ -= order_.back().second->getSizeInBytes();
        index_.erase(order_.back().first);
        order_.pop_back();
    }
    return set;
}

std::size_t PostingSets::bytes() const {
    std::lock_guard lock(mutex_);
    return bytes_;
}

std::shared_ptr<const DocumentSet> match_set(const Xapian::Query& query, const Xapian::Database& db,
                                             const PostingSets& postings) {
    return Evaluator(db, postings).evaluate(query);
}

}  // namespace yrkesok::search
