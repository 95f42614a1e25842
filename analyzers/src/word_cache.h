// WordCache: per-process memo of the dictionary work done for one word in one language
// (lemmas, stem, compound parts, variants), so each distinct word meets hunspell once.
// Sharded: each of 16 shards is an unordered_map behind its own mutex, so threads analysing
// different words rarely wait for each other. A shard that outgrows its share of `capacity`
// is cleared wholesale (cheap, and a search service's query vocabulary cannot grow it
// without bound).
#pragma once

#include <array>
#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "yrkesok/analyzers/analyzer.h"

namespace yrkesok::analyzers::detail {

// What the dictionary stages made of one normalised word.
struct WordAnalysis {
    std::vector<Term> terms;                     // lemma, stem, part and variant terms
    std::size_t head_start = std::string::npos;  // byte offset of the compound head, if split
    std::vector<std::string> head_forms;         // the head as written, then its lemmas
};

// A word and the written standard it was analysed in ('b' bokmål, 'n' nynorsk): looked up
// without building a key string, since most of a text's words are found.
struct WordKey {
    char standard;
    std::string_view word;
};

class WordCache {
  public:
    explicit WordCache(std::size_t capacity) : shard_capacity_(capacity / kShards + 1) {}

    std::shared_ptr<const WordAnalysis> find(WordKey key) const;
    void insert(WordKey key, std::shared_ptr<const WordAnalysis> value) const;
    void clear() const;
    std::size_t size() const;

  private:
    static constexpr std::size_t kShards = 16;
    // Stored keys are the standard's letter followed by the word; both hash and compare the
    // same way as a WordKey.
    struct KeyHash {
        using is_transparent = void;
        std::size_t operator()(WordKey key) const;
        std::size_t operator()(const std::string& stored) const;
    };
    struct KeyEqual {
        using is_transparent = void;
        bool operator()(const std::string& a, const std::string& b) const { return a == b; }
        bool operator()(WordKey key, const std::string& stored) const;
        bool operator()(const std::string& stored, WordKey key) const {
            return (*this)(key, stored);
        }
    };
    // Each shard on lines of its own: two threads locking two shards that shared a line would
    // take the line from each other's cache at every lookup.
    struct alignas(64) Shard {
        mutable std::mutex mutex;
        std::unordered_map<std::string, std::shared_ptr<const WordAnalysis>, KeyHash, KeyEqual> map;
    };
    Shard& shard_for(WordKey key) const;

    std::size_t shard_capacity_;
    mutable std::array<Shard, kShards> shards_;
};

}  // namespace yrkesok::analyzers::detail
