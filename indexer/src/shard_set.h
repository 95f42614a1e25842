// The Xapian databases of one generation being written: one plain database, or N shards
// behind a stub (see index_shards.h). Writes of a record go to the shard its id hashes to;
// reads and deletes by term go through all() (the shards combined, Xapian's multi-database).
// Not thread-safe; owned by one writer.
#pragma once

#include <xapian.h>

#include <filesystem>
#include <string>
#include <vector>

namespace yrkesok::index {

class ShardSet {
  public:
    // Opens (creating when missing) the generation at `dir` with `shards` shards; for more than
    // one, also writes the XAPIANDB stub listing them.
    ShardSet(const std::filesystem::path& dir, std::size_t shards);

    std::size_t size() const { return shards_.size(); }
    std::size_t shard_of(const std::string& id) const;
    Xapian::WritableDatabase& shard(std::size_t i) { return shards_[i]; }
    // All shards as one database: get_doccount, postlists, term lookups, delete_document(term).
    Xapian::WritableDatabase& all() { return all_; }

    // Adds or replaces the record `id` (unique term `id_term`) in its shard.
    void replace(const std::string& id, const std::string& id_term, const Xapian::Document& doc);
    // Sets the same metadata in every shard (Xapian reads metadata from the first shard).
    void set_metadata(const std::string& key, const std::string& value);
    void commit();
    void close();

  private:
    std::vector<Xapian::WritableDatabase> shards_;
    Xapian::WritableDatabase all_;
};

}  // namespace yrkesok::index
