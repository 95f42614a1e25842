// The databases an engine answers from, opened: the generation an index directory has in
// service (searched in memory when it is small enough), or shards named by location.
#pragma once

#include <xapian.h>

#include <atomic>
#include <functional>
#include <memory>
#include <string>

#include "memory_copy.h"
#include "yrkesok/searcher/search_engine.h"

namespace yrkesok::search {

struct EngineDatabases {
    // Searched: `files`, or their copy in memory.
    Xapian::Database db;
    // As opened. The metadata is read here: the copy in memory holds none.
    Xapian::Database files;
    // Spelling and synonym tables: `files`, or over shards EngineOptions::lexicon when given
    // (xapian-tcpsrv serves neither table); without one, no synonyms and no corrections.
    Xapian::Database lexicon;
    bool in_memory = false;  // `db` is the copy in memory
    // The postings of the copy `db` was made from, when in memory (GenerationCopy::postings).
    std::shared_ptr<const GenerationCopy::Postings> copied_postings;
    // Small enough to be searched in memory, with the copy left to be made in the background
    // (EngineOptions::copy_in_background): `db` is `files` until the engine adopts it.
    bool copy_wanted = false;
    bool remote = false;  // some shard is remote
    std::string path;     // the generation's directory; empty over shards
    std::string generation;
    std::string content_tag;  // see SearchEngine::content_tag
};

// The copy of the generation whose content tag is the first argument, read from the second
// unless another engine already did (the caller's cache); the third, when not null, stops the
// reading (GenerationCopy::read).
using CopyOf = std::function<std::shared_ptr<const GenerationCopy>(
    const std::string&, const Xapian::Database&, const std::atomic<bool>*)>;

class GenerationCache;

// What SearchEngine::content_tag names: the generation and the database's UUID.
std::string content_tag_of(const std::string& generation, const Xapian::Database& db);

// Reads a generation's copy once for the engines sharing `cache` (none: each reads its own),
// keyed by `index_dir` and the content tag. Holds what it needs by value, so that it can be
// called on a BackgroundCopy's thread.
CopyOf shared_copy_source(std::shared_ptr<GenerationCache> cache, std::string index_dir);

// The generation `index_dir`/current names, in memory when its files take at most
// options.in_memory_max_bytes (with options.copy_in_background, only marked copy_wanted).
// Throws IndexOpenError, and Xapian::Error when the files cannot be read.
EngineDatabases open_generation(const std::string& index_dir, const EngineOptions& options,
                                const CopyOf& copy_of);

// options.shards as one index; `index_dir` names it in messages. Throws IndexOpenError, and
// Xapian::Error when a shard cannot be reached.
EngineDatabases open_shard_list(const std::string& index_dir, const EngineOptions& options);

}  // namespace yrkesok::search
