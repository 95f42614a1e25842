#include "shard_set.h"

#include <fstream>
#include <stdexcept>

#include "yrkesok/format/checksum.h"
#include "yrkesok/format/schema.h"
#include "yrkesok/indexer/index_shards.h"

namespace yrkesok::index {

namespace fs = std::filesystem;

std::size_t shard_for_id(std::string_view id, std::size_t shards) {
    if (shards <= 1) return 0;
    return static_cast<std::size_t>(fnv1a64(id) % shards);
}

std::string shard_directory_name(std::size_t shard) {
    return "shard-" + std::to_string(shard);
}

std::size_t shard_count(const fs::path& generation_dir) {
    std::error_code ec;
    if (!fs::is_regular_file(generation_dir / kShardStubFile, ec)) return 1;
    std::size_t count = 0;
    while (fs::is_directory(generation_dir / shard_directory_name(count), ec)) ++count;
    return count == 0 ? 1 : count;
}

ShardSet::ShardSet(const fs::path& dir, std::size_t shards) {
    // A generation written without term lists (IndexBuildOptions::term_lists) has no
    // termlist table, which Xapian opens for writing only when told so; one that has the table
    // keeps it up to date all the same.
    constexpr int kFlags =
        Xapian::DB_CREATE_OR_OPEN | Xapian::DB_BACKEND_GLASS | Xapian::DB_NO_TERMLIST;
    if (shards <= 1) {
        shards_.emplace_back(dir.string(), kFlags);
        all_ = shards_.front();
        return;
    }
    fs::create_directories(dir);
    std::string stub;
    for (std::size_t i = 0; i < shards; ++i) {
        const std::string name = shard_directory_name(i);
        shards_.emplace_back((dir / name).string(), kFlags);
        all_.add_database(shards_.back());
        // Relative paths in a stub are relative to the stub's directory, so a generation can
        // be moved or copied whole.
        stub += "glass " + name + "\n";
    }
    std::ofstream out(dir / kShardStubFile, std::ios::trunc);
    out << stub;
    if (!out.flush()) throw std::runtime_error((dir / kShardStubFile).string() + ": cannot write");
}

std::size_t ShardSet::shard_of(const std::string& id) const {
    return shard_for_id(id, shards_.size());
}

void ShardSet::replace(const std::string& id, const std::string& id_term,
                       const Xapian::Document& doc) {
    shards_[shard_of(id)].replace_document(id_term, doc);
}

void ShardSet::set_metadata(const std::string& key, const std::string& value) {
    for (auto& shard : shards_) shard.set_metadata(key, value);
}

void ShardSet::commit() {
    for (auto& shard : shards_) shard.commit();
}

void ShardSet::close() {
    for (auto& shard : shards_) shard.close();
}

}  // namespace yrkesok::index
