// Fuzz target: the corpus reader and validator. The bytes are a JSON Lines file; every line goes
// through parse_record (the validator the indexer trusts) against the real vocabularies in
// corpus/, the whole file through utf8::find_invalid and read_corpus.
//
// Besides "no crash": a record that passes has the shape the indexer relies on (id, title,
// language, at least one sector and education level, all within the limits), and a line that
// fails has at least one issue naming its line.
#include <stdlib.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include "fuzz_target.h"
#include "yrkesok/analyzers/utf8.h"
#include "yrkesok/indexer/corpus.h"

YRKESOK_DECLARE_FUZZ_TARGET(corpus_reader)

namespace yrkesok::fuzz::corpus_reader {
namespace {

void check(bool condition) {
    if (!condition) std::abort();
}

const index::Vocabularies& vocabularies() {
    static const auto loaded = index::Vocabularies::load(YRKESOK_SOURCE_DIR "/corpus");
    return loaded;
}

// One scratch file per process for read_corpus, removed at exit.
const std::filesystem::path& scratch_file() {
    struct Scratch {
        std::filesystem::path path;
        Scratch() {
            std::string tmpl =
                (std::filesystem::temp_directory_path() / "yrkesok-fuzz-corpus-XXXXXX").string();
            int fd = mkstemp(tmpl.data());
            if (fd < 0) std::abort();
            close(fd);
            path = tmpl;
        }
        ~Scratch() {
            std::error_code ec;
            std::filesystem::remove(path, ec);
        }
    };
    static const Scratch scratch;
    return scratch.path;
}

// The whole file through read_corpus: blank lines, a BOM, CRLF and duplicate ids on top.
void read_whole_file(const std::string& text, const index::CorpusLimits& limits) {
    {
        std::ofstream out(scratch_file(), std::ios::binary | std::ios::trunc);
        out << text;
    }
    auto result = index::read_corpus(scratch_file(), vocabularies(), limits);
    std::set<std::string> ids;
    for (const auto& record : result.records) {
        check(ids.insert(record.id).second);
        check(record.line >= 1 && record.line <= result.lines_read);
    }
    for (const auto& issue : result.issues) {
        check(issue.line >= 1 && issue.line <= result.lines_read);
        check(issue.severity == index::Severity::error);
    }
    for (const auto& issue : result.warnings) {
        check(issue.line >= 1 && issue.line <= result.lines_read);
        check(issue.severity == index::Severity::warning);
    }
}

}  // namespace

int fuzz_one_input(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    const index::CorpusLimits limits;
    index::CorpusLimits strict;
    strict.facets_required = true;

    auto bad = utf8::find_invalid(text);
    check(!bad || *bad < text.size());

    std::size_t start = 0;
    std::size_t line_number = 0;
    while (start <= text.size()) {
        auto end = text.find('\n', start);
        if (end == std::string::npos) end = text.size();
        const std::string line = text.substr(start, end - start);
        ++line_number;
        std::vector<index::ValidationIssue> issues;
        auto record =
            index::parse_record(line, line_number, "fuzz.jsonl", vocabularies(), limits, issues);
        auto has_issue = [&](const std::string& field, index::Severity severity) {
            return std::any_of(issues.begin(), issues.end(), [&](const auto& issue) {
                return issue.field == field && issue.severity == severity;
            });
        };
        if (record) {
            // Only warnings, and only for facets the record does not state.
            for (const auto& issue : issues) check(issue.severity == index::Severity::warning);
            check(!record->sectors.empty() || has_issue("sectors", index::Severity::warning));
            check(!record->education_levels.empty() ||
                  has_issue("education_levels", index::Severity::warning));
            check(!record->id.empty() && record->id.size() <= limits.max_id_bytes);
            check(!record->title.empty() && record->title.size() <= limits.max_title_bytes);
            check(record->summary.size() <= limits.max_summary_bytes);
            check(record->body.size() <= limits.max_body_bytes);
            check(record->language == "nb" || record->language == "nn");
            check(!utf8::find_invalid(record->title));
            check(record->line == line_number);
        } else {
            for (const auto& issue : issues) {
                check(issue.line == line_number);
                check(!issue.to_string().empty());
            }
        }
        // Strict: a record exists only when the line has no issue at all.
        std::vector<index::ValidationIssue> strict_issues;
        auto strict_record = index::parse_record(line, line_number, "fuzz.jsonl", vocabularies(),
                                                 strict, strict_issues);
        if (strict_record) {
            check(strict_issues.empty());
            check(!strict_record->sectors.empty() && !strict_record->education_levels.empty());
        }
        start = end + 1;
    }
    read_whole_file(text, limits);
    return 0;
}

}  // namespace yrkesok::fuzz::corpus_reader
