#include "yrkesok/server/engine_pool.h"

#include <utility>

namespace yrkesok::http {

EngineLease::~EngineLease() {
    if (engine_) pool_->give_back(std::move(engine_));
}

EnginePool::EnginePool(std::string index_dir, std::shared_ptr<const analyzers::Analyzer> analyzer,
                       search::EngineOptions options, std::size_t warm_up_documents)
    : index_dir_(std::move(index_dir)), analyzer_(std::move(analyzer)), options_(options) {
    idle_.push_back(std::make_unique<search::SearchEngine>(index_dir_, analyzer_, options_));
    if (warm_up_documents > 0) {
        warmer_ = std::thread([this, warm_up_documents] {
            try {
                search::SearchEngine engine(index_dir_, analyzer_, options_);
                engine.warm_up(warm_up_documents, &stop_warming_);
            } catch (...) {
                // Warming is an optimisation: a failure here shows up on the requests.
            }
        });
    }
}

EnginePool::~EnginePool() {
    stop_warming_.store(true);
    if (warmer_.joinable()) warmer_.join();
}

EngineLease EnginePool::borrow() {
    std::unique_ptr<search::SearchEngine> engine;
    {
        std::lock_guard lock(mutex_);
        if (reopen_requested_.exchange(false)) {
            for (auto& idle : idle_) idle->reopen_if_changed();
        }
        if (!idle_.empty()) {
            engine = std::move(idle_.back());
            idle_.pop_back();
        }
    }
    if (!engine) {
        // Opening takes a few file opens; done outside the lock.
        engine = std::make_unique<search::SearchEngine>(index_dir_, analyzer_, options_);
    } else {
        try {
            engine->reopen_if_changed();
        } catch (...) {
            give_back(std::move(engine));
            throw;
        }
    }
    return EngineLease(*this, std::move(engine));
}

void EnginePool::give_back(std::unique_ptr<search::SearchEngine> engine) {
    std::lock_guard lock(mutex_);
    idle_.push_back(std::move(engine));
}

}  // namespace yrkesok::http
