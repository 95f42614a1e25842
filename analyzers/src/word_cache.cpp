#include "word_cache.h"

#include <functional>

namespace yrkesok::analyzers::detail {

namespace {
WordKey key_of(const std::string& stored) {
    return {stored.front(), std::string_view(stored).substr(1)};
}
}  // namespace

std::size_t WordCache::KeyHash::operator()(WordKey key) const {
    return std::hash<std::string_view>{}(key.word) ^
           (static_cast<std::size_t>(static_cast<unsigned char>(key.standard)) *
            0x9e3779b97f4a7c15u);
}

std::size_t WordCache::KeyHash::operator()(const std::string& stored) const {
    return (*this)(key_of(stored));
}

bool WordCache::KeyEqual::operator()(WordKey key, const std::string& stored) const {
    return !stored.empty() && stored.front() == key.standard &&
           std::string_view(stored).substr(1) == key.word;
}

WordCache::Shard& WordCache::shard_for(WordKey key) const {
    return shards_[KeyHash{}(key) % kShards];
}

std::shared_ptr<const WordAnalysis> WordCache::find(WordKey key) const {
    Shard& s = shard_for(key);
    const std::lock_guard lock(s.mutex);
    const auto it = s.map.find(key);
    return it == s.map.end() ? nullptr : it->second;
}

void WordCache::insert(WordKey key, std::shared_ptr<const WordAnalysis> value) const {
    Shard& s = shard_for(key);
    std::string stored(1, key.standard);
    stored += key.word;
    const std::lock_guard lock(s.mutex);
    if (s.map.size() >= shard_capacity_) s.map.clear();
    s.map.insert_or_assign(std::move(stored), std::move(value));
}

void WordCache::clear() const {
    for (Shard& s : shards_) {
        const std::lock_guard lock(s.mutex);
        s.map.clear();
    }
}

std::size_t WordCache::size() const {
    std::size_t n = 0;
    for (const Shard& s : shards_) {
        const std::lock_guard lock(s.mutex);
        n += s.map.size();
    }
    return n;
}

}  // namespace yrkesok::analyzers::detail
