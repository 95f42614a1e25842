#include "yrkesok/server/engine_pool.h"

#include <algorithm>
#include <utility>

namespace yrkesok::http {

EngineLease::~EngineLease() {
    if (engine_) pool_->give_back(std::move(engine_));
}

EnginePool::EnginePool(std::string index_dir, std::shared_ptr<const analyzers::Analyzer> analyzer,
                       search::EngineOptions options, std::size_t warm_up_documents,
                       std::size_t max_engines, std::size_t engines_ahead)
    : index_dir_(std::move(index_dir)),
      analyzer_(std::move(analyzer)),
      options_(std::move(options)),
      max_engines_(max_engines),
      engines_ahead_(max_engines > 0 ? std::min(engines_ahead, max_engines) : engines_ahead) {
    // The engines build each generation's suggester and facet tables once, between them.
    if (!options_.shared) options_.shared = std::make_shared<search::GenerationCache>();
    past_cap_options_ = options_;
    past_cap_options_.in_memory_max_bytes = 0;
    idle_.push_back(std::make_unique<search::SearchEngine>(index_dir_, analyzer_, options_));
    engines_ = 1;
    analyzer_profile_ = idle_.back()->profile().name;
    refresher_ = std::thread([this] { refresh_idle_engines(); });
    const bool open_ahead = idle_.back()->in_memory() && engines_ahead_ > 1;
    if (warm_up_documents > 0 || open_ahead) {
        warmer_ = std::thread([this, warm_up_documents, open_ahead, analyzer = analyzer_] {
            try {
                if (open_ahead) open_engines_ahead();
                if (warm_up_documents == 0) return;
                // It reads stored records once: a copy in memory would not pay for itself.
                search::EngineOptions warming = options_;
                warming.in_memory_max_bytes = 0;
                search::SearchEngine engine(index_dir_, analyzer, warming);
                engine.warm_up(warm_up_documents, &stop_warming_);
            } catch (...) {
                // Warming is an optimisation: a failure here shows up on the requests.
            }
        });
    }
}

void EnginePool::open_engines_ahead() {
    while (!stop_warming_.load()) {
        {
            std::lock_guard lock(mutex_);
            if (engines_ >= engines_ahead_) return;
            ++engines_;  // its slot is taken now, as a request that opens one takes it
        }
        std::unique_ptr<search::SearchEngine> engine;
        try {
            engine = std::make_unique<search::SearchEngine>(index_dir_, analyzer(), options_);
        } catch (...) {
            forget_one();
            throw;
        }
        give_back(std::move(engine));
    }
}

void EnginePool::request_reopen() {
    {
        std::lock_guard lock(mutex_);
        reopen_requested_ = true;
    }
    reopen_wanted_.notify_one();
}

void EnginePool::refresh_idle_engines() {
    std::unique_lock lock(mutex_);
    while (true) {
        reopen_wanted_.wait(lock, [&] { return reopen_requested_ || stopping_; });
        if (stopping_) return;
        reopen_requested_ = false;
        // Each idle engine once: the ones given back meanwhile were reopened by their borrower.
        std::size_t left = idle_.size();
        while (left-- > 0 && !idle_.empty() && !stopping_) {
            std::unique_ptr<search::SearchEngine> engine = std::move(idle_.front());
            idle_.erase(idle_.begin());
            lock.unlock();
            try {
                engine->reopen_if_changed();
            } catch (...) {
                // The request that borrows it reopens it again and meets the failure.
            }
            give_back(std::move(engine));
            lock.lock();
        }
    }
}

EnginePool::~EnginePool() {
    stop_warming_.store(true);
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    reopen_wanted_.notify_one();
    if (refresher_.joinable()) refresher_.join();
    if (warmer_.joinable()) warmer_.join();
}

EngineLease EnginePool::borrow() {
    return borrow(true);
}

EngineLease EnginePool::borrow_without_waiting() {
    return borrow(false);
}

EngineLease EnginePool::borrow(bool may_wait) {
    std::unique_ptr<search::SearchEngine> engine;
    bool past_cap = false;  // opened for a status read while every engine is lent out
    {
        std::unique_lock lock(mutex_);
        const bool first_in_line = waiters_.empty() || !may_wait;
        if (first_in_line && !idle_.empty()) {
            engine = std::move(idle_.back());
            idle_.pop_back();
        } else if (!may_wait ||
                   (waiters_.empty() && (max_engines_ == 0 || engines_ < max_engines_))) {
            ++engines_;  // this request opens one; its slot is taken now
            past_cap = max_engines_ > 0 && engines_ > max_engines_;
        } else {
            const auto waiter = std::make_shared<Waiter>();
            waiters_.push_back(waiter);
            waiter->woken.wait(lock, [&] { return waiter->engine || waiter->may_open; });
            engine = std::move(waiter->engine);
        }
    }
    const search::EngineOptions& opening = past_cap ? past_cap_options_ : options_;
    try {
        if (engine) {
            // The first to meet a new generation has the idle engines moved to it too.
            if (engine->reopen_if_changed()) request_reopen();
        } else {
            // Opening takes a few file opens, and a copy in memory unless it is made in the
            // background (EngineOptions::copy_in_background): done outside the lock.
            engine = std::make_unique<search::SearchEngine>(index_dir_, analyzer(), opening);
        }
        // A generation of another profile: an engine with that profile's analyzer instead.
        auto wanted = analyzer_for(engine->profile());
        if (engine->analyzer() != wanted) {
            engine.reset();
            engine = std::make_unique<search::SearchEngine>(index_dir_, wanted, opening);
        }
    } catch (...) {
        if (engine) {
            give_back(std::move(engine));
        } else {
            forget_one();
        }
        throw;
    }
    return EngineLease(*this, std::move(engine));
}

std::shared_ptr<const analyzers::Analyzer> EnginePool::analyzer() const {
    std::lock_guard lock(mutex_);
    return analyzer_;
}

std::shared_ptr<const analyzers::Analyzer> EnginePool::analyzer_for(
    const format::Profile& profile) {
    {
        std::lock_guard lock(mutex_);
        if (analyzer_profile_ == profile.name) return analyzer_;
    }
    std::lock_guard switching(switch_mutex_);
    {
        std::lock_guard lock(mutex_);
        if (analyzer_profile_ == profile.name) return analyzer_;  // made while this one waited
    }
    auto made =
        std::make_shared<const analyzers::Analyzer>(analyzers::analyzer_options_for(profile));
    std::vector<std::unique_ptr<search::SearchEngine>> closed;
    std::lock_guard lock(mutex_);
    analyzer_ = made;
    analyzer_profile_ = profile.name;
    engines_ -= idle_.size();
    closed.swap(idle_);  // made with the old analyzer; closed as this returns
    return analyzer_;
}

std::size_t EnginePool::engines() const {
    std::lock_guard lock(mutex_);
    return engines_;
}

std::size_t EnginePool::waiting() const {
    std::lock_guard lock(mutex_);
    return waiters_.size();
}

std::vector<std::string> EnginePool::idle_generations() const {
    std::lock_guard lock(mutex_);
    std::vector<std::string> generations;
    for (const auto& engine : idle_) generations.push_back(engine->generation());
    return generations;
}

void EnginePool::give_back(std::unique_ptr<search::SearchEngine> engine) {
    std::unique_lock lock(mutex_);
    if (engine->analyzer() != analyzer_) {
        // Made before the profile changed: closed, and its slot passes on.
        lock.unlock();
        engine.reset();
        forget_one();
        return;
    }
    if (max_engines_ > 0 && engines_ > max_engines_) {
        // One opened past the cap for a status read: closed, so the cap on searches holds.
        --engines_;
        lock.unlock();
        engine.reset();
        return;
    }
    if (waiters_.empty()) {
        idle_.push_back(std::move(engine));
        return;
    }
    const std::shared_ptr<Waiter> first = std::move(waiters_.front());
    waiters_.pop_front();
    first->engine = std::move(engine);
    lock.unlock();
    first->woken.notify_one();
}

void EnginePool::forget_one() {
    std::unique_lock lock(mutex_);
    if (waiters_.empty()) {
        --engines_;
        return;
    }
    // The slot passes to the longest waiter, which opens an engine of its own.
    const std::shared_ptr<Waiter> first = std::move(waiters_.front());
    waiters_.pop_front();
    first->may_open = true;
    lock.unlock();
    first->woken.notify_one();
}

}  // namespace yrkesok::http
