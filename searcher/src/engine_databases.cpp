#include "engine_databases.h"

#include <cstdint>
#include <stdexcept>

#include "database_set.h"
#include "yrkesok/format/layout.h"
#include "yrkesok/format/open.h"
#include "yrkesok/format/schema.h"
#include "yrkesok/searcher/generation_cache.h"

namespace yrkesok::search {
std::string content_tag_of(const std::string& generation, const Xapian::Database& db) {
    try {
        return generation + "/" + db.get_uuid();
    } catch (const Xapian::Error&) {
        return generation;  // a backend without UUIDs: the generation alone
    }
}

CopyOf shared_copy_source(std::shared_ptr<GenerationCache> cache, std::string index_dir) {
    return
        [cache = std::move(cache), dir = std::move(index_dir)](
            const std::string& tag, const Xapian::Database& from, const std::atomic<bool>* stop) {
            auto read = [&] { return GenerationCopy::read(from, stop); };
            if (!cache) return read();
            auto copy = cache->get<GenerationCopy>(dir + "\n" + tag, "memory copy", read, stop);
            if (!copy) throw CopyStopped();  // stopped while another engine read it
            return copy;
        };
}

EngineDatabases open_generation(const std::string& index_dir, const EngineOptions& options,
                                const CopyOf& copy_of) {
    format::OpenedIndex opened = format::open_current_generation(index_dir);
    EngineDatabases out;
    out.content_tag = content_tag_of(opened.generation, opened.db);
    out.files = opened.db;
    out.db = out.files;
    out.lexicon = out.files;
    out.generation = opened.generation;
    out.path = opened.path;
    // A size of 0 is a directory that could not be read (a generation removed meanwhile, say),
    // not a small one.
    const std::uintmax_t bytes =
        options.in_memory_max_bytes > 0 ? format::directory_bytes(opened.path) : 0;
    const bool small = bytes > 0 && bytes <= options.in_memory_max_bytes;
    if (small && options.copy_in_background) {
        out.copy_wanted = true;
    } else if (small) {
        const auto copy = copy_of(out.content_tag, out.files, nullptr);
        out.db = copy->database();
        out.copied_postings = copy->postings();
        out.in_memory = true;
    }
    return out;
}

EngineDatabases open_shard_list(const std::string& index_dir, const EngineOptions& options) {
    DatabaseSet set;
    try {
        set = open_database_set(options.shards,
                                {options.remote_timeout_ms, options.remote_connect_timeout_ms});
    } catch (const std::invalid_argument& e) {
        throw IndexOpenError(e.what());
    }
    format::check_index_versions(set.db, index_dir);
    EngineDatabases out;
    out.generation = set.db.get_metadata(std::string(format::kMetaGeneration));
    out.db = set.db;
    out.files = set.db;
    out.lexicon = options.lexicon.empty() ? set.db : Xapian::Database(options.lexicon);
    out.remote = set.remote;
    out.content_tag = content_tag_of(out.generation, set.db);
    return out;
}

}  // namespace yrkesok::search
