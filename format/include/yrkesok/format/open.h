// Opening an index for reading: the one place that finds the generation in service and refuses
// an index built by another schema or analyzer version (its terms or values would be read
// wrongly, so its answers could not be trusted). The engine, the shard set and the editor tools
// all open through here.
#pragma once

#include <xapian.h>

#include <string>

#include "yrkesok/format/index_open_error.h"

namespace yrkesok::format {

struct OpenedIndex {
    Xapian::Database db;
    std::string generation;  // e.g. "gen-000003"
    std::string path;        // the generation's directory
};

// Opens the generation `index_dir`/current points to and checks its versions. Throws
// IndexOpenError.
OpenedIndex open_current_generation(const std::string& index_dir);

// Throws IndexOpenError (naming `where`, both versions and how to rebuild) unless `db` was
// built with this build's schema and analyzer versions.
void check_index_versions(const Xapian::Database& db, const std::string& where);

}  // namespace yrkesok::format
