// How a sharded index generation is laid out. A generation built with N > 1 shards is a
// directory holding N Xapian databases, shard-0 … shard-(N-1), and a Xapian stub file named
// XAPIANDB that lists them, so opening the generation directory as a Xapian database opens all
// shards as one (Xapian reads a directory's XAPIANDB as a stub). A generation with one shard is
// a plain Xapian database, exactly as before sharding existed.
//
// A record lives in shard fnv1a64(id) mod N (FNV-1a, 64 bits, over the id's UTF-8 bytes): a
// pure function of the id and N, so an update or delete of an id always reaches the shard that
// holds it, on every machine and in every build.
//
// The spelling table of the whole generation lives in shard 0 alone, counting the words of every
// shard's records. Xapian suggests a spelling over several databases by adding up each
// candidate's trigram score from each of them, so with a table per shard a word written in every
// shard would outscore a closer one written in one.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>

namespace yrkesok::index {

inline constexpr std::string_view kShardStubFile = "XAPIANDB";
inline constexpr std::size_t kMaxShards = 256;
inline constexpr std::size_t kSpellingShard = 0;  // the shard holding the spelling table

// The shard (0-based) that holds `id` in an index of `shards` shards (shards >= 1).
std::size_t shard_for_id(std::string_view id, std::size_t shards);

// "shard-3": the directory of shard `shard` inside a generation directory.
std::string shard_directory_name(std::size_t shard);

// The number of shards of the generation at `generation_dir`: 1 for a plain Xapian database,
// N for a directory with a XAPIANDB stub and shard-0 … shard-(N-1).
std::size_t shard_count(const std::filesystem::path& generation_dir);

}  // namespace yrkesok::index
