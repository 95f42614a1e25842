// Writes occupations into a Xapian index directory (see yrkesok/format/layout.h): a full build, an
// update that upserts changed records and deletes vanished ones, and deletion by id. Every
// operation writes a new generation and switches to it atomically; if it fails part-way (an
// exception, a crash, kill -9) the generation in service is untouched.
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "yrkesok/analyzers/analyzer.h"
#include "yrkesok/indexer/corpus.h"

namespace yrkesok::index {

struct IndexBuildOptions {
    // Curated synonyms (`key<TAB>syn,syn`). When empty: the product's own table if
    // `builtin_synonyms`, else none (an update keeps the synonyms the index already has).
    std::filesystem::path synonyms_file;
    bool builtin_synonyms = false;
    std::string corpus_checksum;       // recorded in the metadata
    std::size_t keep_generations = 2;  // the new one and the previous one
    // Documents per Xapian commit. Bounds memory, and Xapian's cost per posting grows with the
    // changes it holds between commits. 250 with 10,000-document segments (was 1,000 with
    // 25,000) took a 100k-record build from 181 to 155 s and from about 860 to 615 MiB peak
    // (benchmarks/RESULTS.md, "Smaller commits and segments").
    std::size_t commit_every = 250;
    // Threads that analyse and write a full build, each into Xapian databases of its own
    // (segments) that are merged when all records are in. 0: one per core, at most 8.
    std::size_t jobs = 0;
    // Documents per segment. Xapian's cost per document grows with the database it is added
    // to; small segments keep it at its small-database rate, and the merge is one sequential
    // pass that also leaves every B-tree block full. Each segment adds a posting-list chunk to
    // every word it shares with the others, so smaller ones make a larger index: at 100k,
    // 780 MiB from 25,000, 785 from 10,000, 791 from 5,000 (no faster than 10,000 here).
    std::size_t segment_documents = 10000;
    // Xapian databases to split the records over (index_shards.h). 0 keeps the current
    // generation's count (1, a single plain database, for a new index); a count different
    // from the current one makes update_index rebuild.
    std::size_t shards = 0;
    // The ranking profile recorded for the index (format/profile.h); the analyzer given with
    // these options must analyse as it says (analyzers::analyzer_options_for). Empty: the
    // current generation's profile, "occupations" for a new index. A profile different from
    // the current generation's makes update_index rebuild.
    std::string profile;
    // How many body words a summary word counts as (format/schema.h, kText). 0: the profile's.
    // Recorded in the index; an update that wants another count rebuilds.
    unsigned summary_repeat = 0;
    // Keep each record's term list (Xapian's termlist table) in the generation. Without it the
    // index is about a fifth smaller and builds about a tenth faster at 100k records
    // (benchmarks/RESULTS.md, "An index without term lists"), but update_index and
    // delete_from_index rebuild it instead of changing records in place, and xapian-tcpsrv
    // cannot serve it as a remote shard (it sends a document's values from its term list).
    // A generation that has the table keeps it through updates and deletes.
    bool term_lists = false;
    // Called after each document; may throw to abort (tests inject failures this way).
    std::function<void(std::size_t done, std::size_t total)> progress;
};

struct IndexStats {
    std::string generation;
    std::size_t documents = 0;  // in the new generation
    std::size_t added = 0;
    std::size_t updated = 0;
    std::size_t deleted = 0;
    std::size_t unchanged = 0;
    // Every record was analysed and written: a build, or an update or delete of a generation
    // without term lists. Otherwise only the added and updated records were.
    bool full_build = false;
    std::size_t terms = 0;     // distinct terms in the new generation
    std::uintmax_t bytes = 0;  // size on disk of the new generation
    double seconds = 0;
};

class IndexError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

// Records read once, in order: `for_each(each)` calls `each` with every record. A source may
// read them from a file as it goes (see scan_corpus), so that a build's memory does not grow
// with the corpus. Ids must be unique (the corpus validator guarantees it).
struct RecordSource {
    std::size_t count = 0;  // the number of records, for progress; 0 when unknown
    std::function<void(const std::function<void(Occupation&&)>& each)> for_each;

    static RecordSource of(const std::vector<Occupation>& records);
};

// The name of the ranking profile a build or update of `dir` with `options` records (see
// IndexBuildOptions::profile): give the build an analyzer made for it. Throws
// std::invalid_argument for an unknown profile name, and IndexError when none is asked and the
// index records one this build does not know.
std::string profile_for_build(const std::filesystem::path& dir, const IndexBuildOptions& options);

// Builds a fresh generation from `records`: `jobs` threads analyse and write segments, which are
// then merged into one compacted database per shard. `progress` is called on this thread.
IndexStats build_index(const RecordSource& records, const std::filesystem::path& dir,
                       const analyzers::Analyzer& analyzer, const IndexBuildOptions& options);
IndexStats build_index(const std::vector<Occupation>& records, const std::filesystem::path& dir,
                       const analyzers::Analyzer& analyzer, const IndexBuildOptions& options);

// Brings the current generation in line with `records`: re-indexes records whose content
// changed, adds new ones, deletes ids no longer present, and takes the words of replaced and
// deleted versions out of the spelling table. Falls back to a full build when the directory
// has no generation yet, or one written by another analyzer or schema version.
IndexStats update_index(const RecordSource& records, const std::filesystem::path& dir,
                        const analyzers::Analyzer& analyzer, const IndexBuildOptions& options);
IndexStats update_index(const std::vector<Occupation>& records, const std::filesystem::path& dir,
                        const analyzers::Analyzer& analyzer, const IndexBuildOptions& options);

// Removes the given ids (and their words from the spelling table); throws IndexError naming
// any id that is not in the index.
IndexStats delete_from_index(const std::vector<std::string>& ids, const std::filesystem::path& dir,
                             const analyzers::Analyzer& analyzer, const IndexBuildOptions& options);

// Checksum of a whole file (FNV-1a 64, hex), for the corpus_checksum metadata.
std::string file_checksum(const std::filesystem::path& file);

}  // namespace yrkesok::index
