// The write phase of a full build. Several threads analyse records and write them, each into
// small Xapian databases of its own (segments); when every record is in, the segments of each
// shard are merged into one database by Xapian's compaction.
//
// Why segments: one Xapian database takes one writer, and its cost per document grows with the
// database (each flush merges pending postings into bigger B-trees). Segments give every thread
// a database of its own that stays small, and the merge is one sequential pass that leaves the
// B-tree blocks full, so the published index is also compact. Each segment's spelling counts are
// written with it, so memory does not grow with the vocabulary of the whole corpus; the merge
// adds the counts of a word up across segments.
#pragma once

#include <cstddef>
#include <filesystem>

#include "yrkesok/analyzers/analyzer.h"
#include "yrkesok/indexer/index_writer.h"

namespace yrkesok::index {

// Writes `records` into `generation`: a plain database for one shard, or shard-0 …
// shard-(N-1) directories for more (index_shards.h); `scratch` holds the segments and is
// removed afterwards. Uses options.jobs, segment_documents and commit_every, and calls
// options.progress on the calling thread. Returns the number of documents written. On any
// exception (from a worker or from progress) every thread has stopped before it propagates;
// the caller removes the half-written generation.
std::size_t write_segmented(const RecordSource& records, const std::filesystem::path& generation,
                            const std::filesystem::path& scratch, std::size_t shards,
                            const analyzers::Analyzer& analyzer, const IndexBuildOptions& options);

// The number of threads `jobs` asks for: itself, or for 0 one per core (at most 8).
std::size_t effective_jobs(std::size_t jobs);

}  // namespace yrkesok::index
