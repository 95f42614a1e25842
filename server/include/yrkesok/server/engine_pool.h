// A pool of SearchEngines for the HTTP workers: an engine is not thread-safe, so each request
// borrows one for its duration (EngineLease returns it on destruction). Engines are opened on
// demand, so the pool holds at most as many as there were requests at once; all share one
// Analyzer. Borrowing checks for a new index generation (reopen_if_changed is a stat of the
// `current` link), so every request sees the newest complete index.
//
// Thread-safe.
#pragma once

#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "yrkesok/searcher/search_engine.h"

namespace yrkesok::http {

class EnginePool;

class EngineLease {
  public:
    EngineLease(EnginePool& pool, std::unique_ptr<search::SearchEngine> engine)
        : pool_(&pool), engine_(std::move(engine)) {}
    ~EngineLease();
    EngineLease(const EngineLease&) = delete;
    EngineLease& operator=(const EngineLease&) = delete;
    EngineLease(EngineLease&& other) noexcept = default;
    EngineLease& operator=(EngineLease&&) = delete;

    search::SearchEngine& operator*() const { return *engine_; }
    search::SearchEngine* operator->() const { return engine_.get(); }

  private:
    EnginePool* pool_;
    std::unique_ptr<search::SearchEngine> engine_;
};

class EnginePool {
  public:
    // Opens one engine at once, so a bad index fails here (IndexOpenError) and not on the
    // first request. Then, on a thread of its own and with an engine of its own, analyses up
    // to `warm_up_documents` stored records (SearchEngine::warm_up), so that early requests do
    // not pay for a cold word cache; requests are served meanwhile.
    EnginePool(std::string index_dir, std::shared_ptr<const analyzers::Analyzer> analyzer,
               search::EngineOptions options, std::size_t warm_up_documents = 0);
    ~EnginePool();
    EnginePool(const EnginePool&) = delete;
    EnginePool& operator=(const EnginePool&) = delete;

    // An engine on the index's current generation; throws IndexOpenError when the index can
    // no longer be opened.
    EngineLease borrow();
    // The next borrow() also brings every idle engine up to date (SIGHUP).
    void request_reopen() { reopen_requested_.store(true); }
    const std::shared_ptr<const analyzers::Analyzer>& analyzer() const { return analyzer_; }

  private:
    friend class EngineLease;
    void give_back(std::unique_ptr<search::SearchEngine> engine);

    std::string index_dir_;
    std::shared_ptr<const analyzers::Analyzer> analyzer_;
    search::EngineOptions options_;
    std::atomic<bool> reopen_requested_{false};
    std::mutex mutex_;
    std::vector<std::unique_ptr<search::SearchEngine>> idle_;  // GUARDED_BY(mutex_)
    std::atomic<bool> stop_warming_{false};
    std::thread warmer_;
};

}  // namespace yrkesok::http
