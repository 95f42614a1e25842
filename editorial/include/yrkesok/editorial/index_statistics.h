// What an index directory holds: documents, distinct terms, documents per facet value and per
// language, size on disk, the generation in service and the metadata its build recorded.
// Counts are exact (term frequencies of the boolean facet terms), read from the generation
// that `current` points to.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "yrkesok/searcher/search_engine.h"

namespace yrkesok::search {

struct IndexStatistics {
    std::string index_dir;
    std::string generation;                // the one in service, e.g. "gen-000003"
    std::vector<std::string> generations;  // every complete generation kept, oldest first
    std::size_t documents = 0;
    std::size_t terms = 0;      // distinct terms of every kind (fields, classes, facets, ids)
    std::size_t words = 0;      // distinct whole words, in any field
    double average_length = 0;  // terms per document, counting repeats
    std::uintmax_t bytes = 0;   // the generation in service, on disk
    std::uintmax_t directory_bytes = 0;  // every file under the index directory
    FacetCounts sectors;                 // documents per value, most first (ties by name)
    FacetCounts education_levels;
    FacetCounts languages;
    std::map<std::string, std::string> metadata;  // the build's "yrkesok.*" keys, unprefixed
};

// Throws IndexOpenError for a directory with no usable index.
IndexStatistics index_statistics(const std::string& index_dir);

}  // namespace yrkesok::search
