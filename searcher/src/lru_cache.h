// A bounded map that forgets the least recently used entry first. Not thread-safe: each engine
// (one per thread) keeps its own.
#pragma once

#include <cstddef>
#include <list>
#include <unordered_map>
#include <utility>

namespace yrkesok::search {

template <typename Key, typename Value>
class LruCache {
  public:
    explicit LruCache(std::size_t capacity) : capacity_(capacity) {}

    // The cached value (now the most recent), or a default Value (nullptr for pointers).
    Value find(const Key& key) {
        auto it = index_.find(key);
        if (it == index_.end()) return Value{};
        order_.splice(order_.begin(), order_, it->second);
        return it->second->second;
    }

    // Stores `value` under `key`, replacing any, forgetting the oldest past the capacity (a
    // capacity of 0 keeps nothing).
    void insert(const Key& key, Value value) {
        if (capacity_ == 0) return;
        if (auto it = index_.find(key); it != index_.end()) {
            order_.erase(it->second);
            index_.erase(it);
        }
        order_.emplace_front(key, std::move(value));
        index_.emplace(key, order_.begin());
        if (index_.size() > capacity_) {
            index_.erase(order_.back().first);
            order_.pop_back();
        }
    }

    void clear() {
        index_.clear();
        order_.clear();
    }
    std::size_t size() const { return index_.size(); }

  private:
    std::size_t capacity_;
    std::list<std::pair<Key, Value>> order_;  // most recent first
    std::unordered_map<Key, typename std::list<std::pair<Key, Value>>::iterator> index_;
};

}  // namespace yrkesok::search
