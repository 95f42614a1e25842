#include "facet_table.h"

#include <bit>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "yrkesok/format/schema.h"

namespace yrkesok::search {

namespace {

// Calls `each` with the index of every value whose bit is set in `bits`.
template <typename Each>
void for_each_value(std::uint32_t bits, Each each) {
    for (; bits != 0; bits &= bits - 1) each(static_cast<std::size_t>(std::countr_zero(bits)));
}

// Adds each value's count in `counts` (by index) to `out` under its name; values counted 0
// are left out.
template <typename Count>
void add_named(const std::vector<Count>& counts, const FacetTable& table,
               std::map<std::string, std::size_t>& out) {
    for (std::size_t i = 0; i < counts.size(); ++i) {
        if (counts[i] > 0) out[table.names()[i]] += static_cast<std::size_t>(counts[i]);
    }
}

}  // namespace

std::shared_ptr<const FacetTable> FacetTable::load(const Xapian::Database& db,
                                                   Xapian::valueno slot) {
    auto table = std::make_shared<FacetTable>();
    table->slot_ = slot;
    table->bits_.assign(static_cast<std::size_t>(db.get_lastdocid()) + 1, 0);
    std::map<std::string, std::uint32_t, std::less<>> index;
    for (auto it = db.valuestream_begin(slot); it != db.valuestream_end(slot); ++it) {
        const std::string value = *it;
        std::uint32_t bits = 0;
        std::size_t start = 0;
        while (start < value.size()) {
            auto end = value.find(format::kValueSeparator, start);
            if (end == std::string::npos) end = value.size();
            const std::string_view name(value.data() + start, end - start);
            auto found = index.find(name);
            if (found == index.end()) {
                if (table->names_.size() == 32) return nullptr;
                found = index.emplace(std::string(name), table->names_.size()).first;
                table->names_.emplace_back(name);
            }
            bits |= std::uint32_t{1} << found->second;
            start = end + 1;
        }
        table->bits_[it.get_docid()] = bits;
    }
    table->value_sets_.resize(table->names_.size());
    for (std::size_t doc = 0; doc < table->bits_.size(); ++doc) {
        for_each_value(table->bits_[doc], [&](std::size_t value) {
            table->value_sets_[value].add(static_cast<std::uint32_t>(doc));
        });
    }
    for (auto& set : table->value_sets_) set.runOptimize();
    return table;
}

void FacetTableSpy::operator()(const Xapian::Document& doc, double weight) {
    std::uint32_t bits = 0;
    if (!table_->lookup(doc.get_docid(), bits)) {
        fallback_(doc, weight);
        return;
    }
    for_each_value(bits, [&](std::size_t value) { ++counts_[value]; });
}

std::map<std::string, std::size_t> FacetTableSpy::counts() const {
    std::map<std::string, std::size_t> out = fallback_.counts();
    add_named(counts_, *table_, out);
    return out;
}

std::map<std::string, std::size_t> counts_in(const DocumentSet& matches, const FacetTable& table) {
    std::vector<std::uint64_t> counts(table.names().size(), 0);
    if (matches.cardinality() <= kFewMatchesPerValue * table.names().size()) {
        // Few matches: each one's values from the table, a lookup and a bit or two a match.
        for (const std::uint32_t doc : matches) {
            std::uint32_t bits = 0;
            if (!table.lookup(doc, bits)) continue;
            for_each_value(bits, [&](std::size_t value) { ++counts[value]; });
        }
    } else {
        // Many: one intersection count per value, which reads each bitmap container once.
        for (std::size_t i = 0; i < counts.size(); ++i) {
            counts[i] = matches.and_cardinality(table.value_sets()[i]);
        }
    }
    std::map<std::string, std::size_t> out;
    add_named(counts, table, out);
    return out;
}

}  // namespace yrkesok::search
