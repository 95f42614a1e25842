#include "word_cache.h"

#include <functional>

namespace yrkesok::analyzers::detail {

WordCache::Shard& WordCache::shard_for(std::string_view key) const {
    return shards_[std::hash<std::string_view>{}(key) % kShards];
}

std::shared_ptr<const WordAnalysis> WordCache::find(std::string_view key) const {
    Shard& s = shard_for(key);
    const std::lock_guard lock(s.mutex);
    const auto it = s.map.find(std::string(key));
    return it == s.map.end() ? nullptr : it->second;
}

void WordCache::insert(std::string key, std::shared_ptr<const WordAnalysis> value) const {
    Shard& s = shard_for(key);
    const std::lock_guard lock(s.mutex);
    if (s.map.size() >= shard_capacity_) s.map.clear();
    s.map.insert_or_assign(std::move(key), std::move(value));
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
