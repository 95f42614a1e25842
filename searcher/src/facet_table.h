// The values of one multi-valued facet slot for every document, as a bit set per document,
// read once per generation: counting a facet over a match then costs one table lookup per
// matching document instead of reading and splitting its stored value. Facet vocabularies are
// closed (13 sectors, 7 education levels), so a slot with more than 32 distinct values gets no
// table and is counted by MultiValueCountSpy. 4 bytes a document.
#pragma once

#include <xapian.h>

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "facet_spy.h"
#include "match_set.h"

namespace yrkesok::search {

class FacetTable {
  public:
    // Reads `slot` of every document of `db`; nullptr when it holds more than 32 values.
    static std::shared_ptr<const FacetTable> load(const Xapian::Database& db, Xapian::valueno slot);

    Xapian::valueno slot() const { return slot_; }
    const std::vector<std::string>& names() const { return names_; }
    // The values of `doc` as bits into names(); false when the table does not know `doc`.
    bool lookup(Xapian::docid doc, std::uint32_t& bits) const {
        if (doc >= bits_.size()) return false;
        bits = bits_[doc];
        return true;
    }

    // The documents holding each value, by index into names(): a facet's counts over a match
    // set are then one intersection count per value.
    const std::vector<DocumentSet>& value_sets() const { return value_sets_; }

  private:
    Xapian::valueno slot_ = 0;
    std::vector<std::string> names_;
    std::vector<std::uint32_t> bits_;  // by docid
    std::vector<DocumentSet> value_sets_;
};

// Up to this many matches for each value of a facet, counts_in reads each match's values from
// the table instead of intersecting the matches with every value's set: on the bundled corpus the
// intersections were an eighth of a query's time, and a typical match holds a few dozen documents
// (benchmarks/RESULTS.md, "Facets of a few matches counted match by match").
inline constexpr std::uint64_t kFewMatchesPerValue = 32;

// Each value's count over `matches` (values counting none left out). A match the table does not
// know counts nothing, as it holds none of its values.
std::map<std::string, std::size_t> counts_in(const DocumentSet& matches, const FacetTable& table);

// Counts a facet through its table, like MultiValueCountSpy does from the stored values (which
// it still reads for a document the table does not know).
class FacetTableSpy : public Xapian::MatchSpy {
  public:
    explicit FacetTableSpy(std::shared_ptr<const FacetTable> table)
        : table_(std::move(table)), counts_(table_->names().size()), fallback_(table_->slot()) {}

    void operator()(const Xapian::Document& doc, double weight) override;
    std::map<std::string, std::size_t> counts() const;

  private:
    std::shared_ptr<const FacetTable> table_;
    std::vector<std::size_t> counts_;  // by value index
    MultiValueCountSpy fallback_;
};

// One facet's counter for one match: through the table when there is one, else from the
// stored values.
class FacetCounter {
  public:
    FacetCounter(std::shared_ptr<const FacetTable> table, Xapian::valueno slot) : values_(slot) {
        if (table) table_spy_.emplace(std::move(table));
    }
    Xapian::MatchSpy* spy() {
        return table_spy_ ? static_cast<Xapian::MatchSpy*>(&*table_spy_) : &values_;
    }
    std::map<std::string, std::size_t> counts() const {
        return table_spy_ ? table_spy_->counts() : values_.counts();
    }

  private:
    std::optional<FacetTableSpy> table_spy_;
    MultiValueCountSpy values_;
};

}  // namespace yrkesok::search
