#include "yrkesok/searcher/generation_cache.h"

#include <algorithm>

namespace yrkesok::search {

std::shared_ptr<const void> GenerationCache::get_erased(
    const std::string& content, const std::string& name,
    const std::function<std::shared_ptr<const void>()>& build) {
    std::shared_ptr<Slot> slot;
    {
        std::lock_guard lock(mutex_);
        if (std::find(order_.begin(), order_.end(), content) == order_.end()) {
            order_.push_back(content);
            if (order_.size() > kContentsKept) {
                slots_.erase(order_.front());
                order_.pop_front();
            }
        }
        auto& by_name = slots_[content];
        auto& entry = by_name[name];
        if (!entry) entry = std::make_shared<Slot>();
        slot = entry;
    }
    // Outside the cache's lock: building takes long, and other values must not wait for it.
    std::lock_guard building(slot->building);
    if (!slot->built) {
        slot->value = build();
        slot->built = true;
    }
    return slot->value;
}

std::size_t GenerationCache::contents() const {
    std::lock_guard lock(mutex_);
    return order_.size();
}

}  // namespace yrkesok::search
