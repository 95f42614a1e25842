// Content coverage: runs a list of editors' queries through the search engine and reports what
// the search finds and misses. A coverage file has one query a line, optionally followed by a
// TAB and the comma-separated ids expected in the top K hits:
//
//     hjerte lungemaskin<TAB>perfusjonist
//     jordmor
//
// Blank lines and lines starting with '#' are skipped. The report names queries with zero
// hits, expected ids not in the top K (or not in the index at all), documents that no query
// brings into the top K, query words unknown to the index (no whole-word term of the word
// occurs in any document, it has no synonym entry, and it is not a compound of known words)
// and records without sectors, education levels or STYRK codes.
// Only expectations decide whether the run passes.
#pragma once

#include <cstddef>
#include <filesystem>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "yrkesok/analyzers/analyzer.h"
#include "yrkesok/searcher/search_engine.h"

namespace yrkesok::search {

// A malformed or unreadable coverage file; the message starts with "FILE:LINE: " (or "FILE: ").
class CoverageFileError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

struct CoverageQuery {
    std::size_t line = 0;  // 1-based line in the file
    std::string query;
    std::vector<std::string> expected;  // ids, in the file's order
};

std::vector<CoverageQuery> read_coverage_queries(const std::filesystem::path& file);

struct CoverageOptions {
    std::size_t top = 10;  // K: hits that count as found, 1..100
};

struct MissedExpectation {
    std::string id;
    bool in_index = true;
    std::size_t rank = 0;  // 1-based rank among the first 100 hits; 0 when not among them
};

struct QueryCoverage {
    CoverageQuery query;
    std::size_t total = 0;  // hits for the query as typed (0 when only a correction found some)
    std::optional<std::string> corrected_query;  // the engine searched this instead
    std::vector<std::string> top_ids;            // the first K hits
    std::vector<MissedExpectation> missed;
    std::vector<std::string> unknown_words;
    bool passed() const { return missed.empty(); }
};

struct IncompleteRecord {
    std::string id;
    std::vector<std::string> missing;  // "sectors", "education_levels", "styrk08"
};

struct CoverageReport {
    std::size_t top = 10;
    std::size_t documents = 0;  // in the index
    std::vector<QueryCoverage> queries;
    std::vector<std::string> unreached_documents;  // ids no query brings into the top K
    std::vector<IncompleteRecord> incomplete_records;

    std::size_t failed_queries() const;
    std::size_t zero_hit_queries() const;
    std::size_t queries_with_expectations() const;
    std::size_t unknown_word_count() const;
    bool passed() const { return failed_queries() == 0; }
};

// Throws IndexOpenError for a directory with no usable index.
CoverageReport run_coverage(const std::string& index_dir,
                            std::shared_ptr<const analyzers::Analyzer> analyzer,
                            const std::vector<CoverageQuery>& queries,
                            const CoverageOptions& options = {});

}  // namespace yrkesok::search
