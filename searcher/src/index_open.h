// Opens the generation an index directory's `current` points to, refusing one built by another
// analyzer version: the rule SearchEngine applies, for the explainer and the statistics.
#pragma once

#include <xapian.h>

#include <string>

namespace yrkesok::search {

struct OpenedIndex {
    Xapian::Database db;
    std::string generation;  // e.g. "gen-000003"
    std::string path;        // the generation's directory
};

// Throws IndexOpenError naming the directory and the problem.
OpenedIndex open_current_generation(const std::string& index_dir);

}  // namespace yrkesok::search
