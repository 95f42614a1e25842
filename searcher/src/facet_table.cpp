#include "facet_table.h"

#include <bit>
#include <cstdint>
#include <string_view>
#include <vector>

#include "yrkesok/format/schema.h"

namespace yrkesok::search {

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
        for (std::uint32_t bits = table->bits_[doc]; bits != 0; bits &= bits - 1) {
            table->value_sets_[static_cast<std::size_t>(std::countr_zero(bits))].add(
                static_cast<std::uint32_t>(doc));
        }
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
    while (bits != 0) {
        ++counts_[static_cast<std::size_t>(std::countr_zero(bits))];
        bits &= bits - 1;
    }
}

std::map<std::string, std::size_t> FacetTableSpy::counts() const {
    std::map<std::string, std::size_t> out = fallback_.counts();
    for (std::size_t i = 0; i < counts_.size(); ++i) {
        if (counts_[i] > 0) out[table_->names()[i]] += counts_[i];
    }
    return out;
}

std::map<std::string, std::size_t> counts_in(const DocumentSet& matches, const FacetTable& table) {
    std::vector<std::uint64_t> counts(table.names().size(), 0);
    if (matches.cardinality() <= kFewMatchesPerValue * table.names().size()) {
        // Few matches: each one's values from the table, a lookup and a bit or two a match.
        for (const std::uint32_t doc : matches) {
            std::uint32_t bits = 0;
            if (!table.lookup(doc, bits)) continue;
            for (; bits != 0; bits &= bits - 1) ++counts[std::countr_zero(bits)];
        }
    } else {
        // Many: one intersection count per value, which reads each bitmap container once.
        for (std::size_t i = 0; i < counts.size(); ++i) {
            counts[i] = matches.and_cardinality(table.value_sets()[i]);
        }
    }
    std::map<std::string, std::size_t> out;
    for (std::size_t i = 0; i < counts.size(); ++i) {
        if (counts[i] > 0) out.emplace(table.names()[i], static_cast<std::size_t>(counts[i]));
    }
    return out;
}

}  // namespace yrkesok::search
