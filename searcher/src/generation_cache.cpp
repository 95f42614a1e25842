#include "yrkesok/searcher/generation_cache.h"

#include <algorithm>
#include <chrono>

namespace yrkesok::search {

std::shared_ptr<const void> GenerationCache::get_erased(
    const std::string& content, const std::string& name,
    const std::function<std::shared_ptr<const void>()>& build, const std::atomic<bool>* stop) {
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
    std::unique_lock lock(slot->mutex);
    while (!slot->built) {
        if (!slot->building) {
            slot->building = true;
            lock.unlock();
            std::shared_ptr<const void> made;
            try {
                made = build();
            } catch (...) {
                lock.lock();
                slot->building = false;  // the next caller builds
                slot->done.notify_all();
                throw;
            }
            lock.lock();
            slot->value = std::move(made);
            slot->built = true;
            slot->building = false;
            slot->done.notify_all();
            break;
        }
        // Whoever sets `stop` cannot notify this wait: look at it every few milliseconds.
        if (stop && stop->load()) return nullptr;
        slot->done.wait_for(lock, std::chrono::milliseconds(5));
    }
    return slot->value;
}

std::size_t GenerationCache::contents() const {
    std::lock_guard lock(mutex_);
    return order_.size();
}

}  // namespace yrkesok::search
