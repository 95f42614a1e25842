// Opens the generation an index directory's `current` points to, refusing one built by another
// schema or analyzer version: the one rule for the engine, the explainer and the statistics.
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

// Refuses (IndexOpenError naming `where`, the versions and how to rebuild) an index whose
// schema version or analyzer version is not this build's: its terms or values would be read
// wrongly, so its answers could not be trusted.
void check_index_versions(const Xapian::Database& db, const std::string& where);

}  // namespace yrkesok::search
