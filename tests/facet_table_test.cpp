// counts_in counts a facet's values over a match set exactly, whichever way it takes: match by
// match through the table for few matches, one intersection per value for many. Checked against
// counts worked out from the stored values, for sets of every size around the switch.
#include "facet_table.h"

#include <gtest/gtest.h>
#include <xapian.h>

#include <map>
#include <random>
#include <string>
#include <vector>

#include "yrkesok/format/schema.h"

namespace {

using yrkesok::search::counts_in;
using yrkesok::search::DocumentSet;
using yrkesok::search::FacetTable;

constexpr Xapian::valueno kSlot = 0;
constexpr int kDocuments = 3000;
const std::vector<std::string> kValues = {"Bygg", "Helse", "IT", "Industri", "Kontor", "Mat"};

// Each document holds each value with a chance that falls with the value's place, joined as the
// indexer joins a multi-valued facet; some hold none, and a few are deleted.
Xapian::WritableDatabase random_database(std::mt19937& random,
                                         std::vector<std::vector<std::string>>& values_of) {
    Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
    std::uniform_real_distribution<double> chance(0, 1);
    values_of.assign(kDocuments + 1, {});
    for (int d = 1; d <= kDocuments; ++d) {
        std::string joined;
        for (std::size_t v = 0; v < kValues.size(); ++v) {
            if (chance(random) >= 0.5 / static_cast<double>(v + 1)) continue;
            if (!joined.empty()) joined += yrkesok::format::kValueSeparator;
            joined += kValues[v];
            values_of[d].push_back(kValues[v]);
        }
        Xapian::Document doc;
        if (!joined.empty()) doc.add_value(kSlot, joined);
        db.add_document(doc);
    }
    for (Xapian::docid id = 11; id <= kDocuments; id += 97) {
        db.delete_document(id);
        values_of[id].clear();
    }
    db.commit();
    return db;
}

TEST(FacetTableCounts, EqualTheStoredValuesForMatchSetsOfEverySize) {
    std::mt19937 random(20261206);
    std::vector<std::vector<std::string>> values_of;
    const auto db = random_database(random, values_of);
    const auto table = FacetTable::load(db, kSlot);
    ASSERT_NE(table, nullptr);
    ASSERT_EQ(table->names().size(), kValues.size());
    const std::size_t switch_at = yrkesok::search::kFewMatchesPerValue * kValues.size();

    std::uniform_int_distribution<std::uint32_t> any_doc(1, kDocuments + 50);  // some unknown
    for (std::size_t size : {std::size_t{0}, std::size_t{1}, std::size_t{7}, switch_at - 1,
                             switch_at, switch_at + 1, std::size_t{1000}, std::size_t{2900}}) {
        for (int round = 0; round < 5; ++round) {
            DocumentSet matches;
            while (matches.cardinality() < size) matches.add(any_doc(random));
            std::map<std::string, std::size_t> expected;
            for (const std::uint32_t doc : matches) {
                if (doc >= values_of.size()) continue;
                for (const auto& value : values_of[doc]) ++expected[value];
            }
            EXPECT_EQ(counts_in(matches, *table), expected) << size << " matches";
        }
    }
}

}  // namespace
