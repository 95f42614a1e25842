// A database's spelling table as a map from word to frequency, for tests that compare the
// tables of two indexes (one database against shards, a build against an update).
#pragma once

#include <xapian.h>

#include <map>
#include <string>

namespace yrkesok::testing {

inline std::map<std::string, Xapian::doccount> spelling_table(const Xapian::Database& db) {
    std::map<std::string, Xapian::doccount> words;
    for (auto w = db.spellings_begin(); w != db.spellings_end(); ++w) words[*w] = w.get_termfreq();
    return words;
}

}  // namespace yrkesok::testing
