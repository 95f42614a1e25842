// The corpus: occupation records read from JSON Lines and checked against the schema and the
// controlled vocabularies in corpus/. Reading never stops at the first problem: every record
// is checked and every problem is reported as `FILE:LINE: field: message`, so an editor can fix
// a file in one pass. The indexer refuses a corpus with any error; a warning (a record that
// states no sector or education level) does not stop it.
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace yrkesok::index {

// Upper bounds that keep one bad record from bloating the index or the hit list, and how
// strictly the facets are required.
struct CorpusLimits {
    // A real feed may carry records that state no sector or education level: they are
    // searchable and simply match no filter on that facet, so by default an empty or missing
    // `sectors` / `education_levels` is a warning. Strict (`--strict`) makes it an error.
    bool facets_required = false;
    std::size_t max_line_bytes = 1 << 20;
    std::size_t max_id_bytes = 64;
    std::size_t max_title_bytes = 120;
    std::size_t max_summary_bytes = 600;
    std::size_t max_body_bytes = 20000;
    std::size_t max_list_items = 16;
};

struct Occupation {
    std::string id;
    std::string title;
    std::vector<std::string> styrk08;
    std::vector<std::string> sectors;
    std::vector<std::string> education_levels;
    std::string summary;
    std::string body;
    std::string language;  // "nb" or "nn"
    std::string updated;   // YYYY-MM-DD
    std::size_t line = 0;  // 1-based line in the source file
};

struct EducationLevel {
    std::string label;
    int nus2000_level = 0;
    std::string nus2000_name;
};

class VocabularyError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

// The controlled vocabularies a record's facet values must come from.
struct Vocabularies {
    std::vector<std::string> sectors;
    std::vector<EducationLevel> education_levels;
    // STYRK-08 code -> level-1 sector, from NAV's mapping file; empty when none was loaded, in
    // which case codes are checked for shape only.
    std::map<std::string, std::string> styrk_sectors;

    // Reads `dir`/sectors.txt and `dir`/education_levels.tsv. Throws VocabularyError naming
    // the file and line of anything malformed.
    static Vocabularies load(const std::filesystem::path& dir);
    // The product's own vocabularies (corpus/sectors.txt and corpus/education_levels.tsv of
    // this source tree), compiled into the binary.
    static Vocabularies builtin();
    // Whether `dir` holds both vocabulary files (an editor's own, beside their corpus).
    static bool present_in(const std::filesystem::path& dir);
    // Adds the STYRK-08 mapping (NAV's `code;description;level 1;level 2` CSV).
    void load_styrk_mapping(const std::filesystem::path& csv);

    bool has_sector(const std::string& value) const;
    bool has_education_level(const std::string& value) const;
};

enum class Severity { error, warning };

struct ValidationIssue {
    std::string file;
    std::size_t line = 0;
    std::string field;  // a schema field, or "record" for problems with the line as a whole
    std::string message;
    Severity severity = Severity::error;

    // "FILE:LINE: field: message", or "FILE:LINE: field: warning: message"
    std::string to_string() const;
};

struct CorpusReadResult {
    std::vector<Occupation> records;        // only the records without problems
    std::vector<ValidationIssue> issues;    // errors: a record with one is not read
    std::vector<ValidationIssue> warnings;  // the record is read all the same
    std::size_t lines_read = 0;

    bool ok() const { return issues.empty(); }
};

// Reads and validates a whole JSON Lines corpus. Throws std::runtime_error only when the file
// cannot be opened; everything wrong inside it is an issue.
CorpusReadResult read_corpus(const std::filesystem::path& file, const Vocabularies& vocabularies,
                             const CorpusLimits& limits = {});

// The same reading and validation, one line at a time: hands each valid record to `on_record`
// in file order instead of keeping it, so memory does not grow with the corpus (only the ids
// are kept, to find duplicates). The result's `records` stays empty.
CorpusReadResult scan_corpus(const std::filesystem::path& file, const Vocabularies& vocabularies,
                             const CorpusLimits& limits,
                             const std::function<void(Occupation&&)>& on_record);

// Validates one line (without its newline) as a record. Exposed for the fuzzer and tests.
// Appends errors and warnings to `issues`; returns the record when there is no error.
std::optional<Occupation> parse_record(const std::string& line, std::size_t line_number,
                                       const std::string& file_name,
                                       const Vocabularies& vocabularies, const CorpusLimits& limits,
                                       std::vector<ValidationIssue>& issues);

}  // namespace yrkesok::index
