// A pool of SearchEngines for the HTTP workers: an engine is not thread-safe, so each request
// borrows one for its duration (EngineLease returns it on destruction). Engines are opened on
// demand, up to `max_engines`; when all are lent out, a request waits for one to come back,
// and waiting requests are served first come, first served (an engine given back goes straight
// to the longest waiter), so no request waits behind ones that came later.
// Searching is CPU work: with more searches at once than cores, each only takes longer, and
// every extra engine has cold caches of its own, so the cap (a few per core) keeps throughput
// from falling as connections rise. All engines share one Analyzer and one GenerationCache (each
// generation's suggester, facet tables and stored records, built once). Borrowing checks for a new
// index generation (reopen_if_changed is a stat of the `current` link), so every request sees the
// newest complete index, and a new generation makes the idle engines move to it in the
// background. A generation built with another ranking profile (format/profile.h)
// needs another analysis: the first request that meets it makes the analyzer of that profile,
// and engines made with the old one are closed instead of being lent again.
//
// Thread-safe.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
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
    // first request. Then, on a thread of its own: when that engine searches its generation in
    // memory, opens more until `engines_ahead` are open (each copies the generation, a few
    // tenths of a second, in the background with EngineOptions::copy_in_background); and with an
    // engine of its own, analyses up to `warm_up_documents` stored records (SearchEngine::warm_up),
    // so that early requests do not pay for a cold word cache. Requests are served meanwhile.
    // Engines past `engines_ahead` are opened on demand, up to `max_engines` (0: no cap), which
    // also caps `engines_ahead`. The server opens one engine per core ahead: searches in memory
    // wait on no file, so that many keep every core busy, and a start copies the generation no more
    // often than the cores can use it.
    EnginePool(std::string index_dir, std::shared_ptr<const analyzers::Analyzer> analyzer,
               search::EngineOptions options, std::size_t warm_up_documents = 0,
               std::size_t max_engines = 0, std::size_t engines_ahead = 1);
    ~EnginePool();
    EnginePool(const EnginePool&) = delete;
    EnginePool& operator=(const EnginePool&) = delete;

    // An engine on the index's current generation, waiting while `max_engines` are lent out;
    // throws IndexOpenError when the index can no longer be opened.
    EngineLease borrow();
    // For /health, /metrics and index descriptions, which read a few numbers: never waits
    // behind searches (a load balancer's health check must not time out on a busy server).
    // Takes an idle engine, or opens one past the cap, which is closed when given back: that one
    // searches the generation's files, since a copy in memory would be thrown away with it.
    EngineLease borrow_without_waiting();
    // Brings every idle engine up to date at once, on the pool's refreshing thread (SIGHUP).
    // A request that finds a new generation asks for the same, so the idle engines move to it
    // off the requests' path (a generation in memory is copied by each engine).
    void request_reopen();
    // The analyzer of the profile in service (see above).
    std::shared_ptr<const analyzers::Analyzer> analyzer() const;
    // Engines opened (idle or lent out), and requests waiting for one: for /metrics.
    std::size_t engines() const;
    std::size_t waiting() const;
    // The generations the idle engines are on, the next to be lent last.
    std::vector<std::string> idle_generations() const;

  private:
    friend class EngineLease;
    void give_back(std::unique_ptr<search::SearchEngine> engine);
    void forget_one();  // an engine that was to be opened could not be
    // Opens engines until `engines_ahead` (and at most `max_engines`) are open, or the pool is
    // being destroyed, on the warming thread; each goes to a waiting request or the idle ones.
    void open_engines_ahead();
    // The refreshing thread: waits for request_reopen(), then reopens the idle engines one at a
    // time (each taken from the idle ones while it is reopened), until the pool is destroyed.
    void refresh_idle_engines();
    EngineLease borrow(bool may_wait);
    // The analyzer for `profile`: the current one, or a new one that replaces it (and closes
    // the idle engines made with the old one).
    std::shared_ptr<const analyzers::Analyzer> analyzer_for(const format::Profile& profile);

    std::string index_dir_;
    std::shared_ptr<const analyzers::Analyzer> analyzer_;  // GUARDED_BY(mutex_)
    std::string analyzer_profile_;  // the profile analyzer_ serves; GUARDED_BY(mutex_)
    std::mutex switch_mutex_;       // one new analyzer at a time (making one takes a second)
    search::EngineOptions options_;
    search::EngineOptions past_cap_options_;  // options_ on the files (borrow_without_waiting)
    std::size_t max_engines_;
    std::size_t engines_ahead_;
    mutable std::mutex mutex_;
    // A request waiting for an engine: give_back hands it one, or forget_one the right to open one.
    struct Waiter {
        std::condition_variable woken;
        std::unique_ptr<search::SearchEngine> engine;
        bool may_open = false;
    };
    // Shared with the notifier, which wakes the waiter after unlocking (so the waiter does not
    // wake only to block on mutex_) and so must keep it alive until then.
    std::deque<std::shared_ptr<Waiter>> waiters_;              // oldest first; GUARDED_BY(mutex_)
    std::vector<std::unique_ptr<search::SearchEngine>> idle_;  // GUARDED_BY(mutex_)
    std::size_t engines_ = 0;  // opened and not lost, idle or lent out; GUARDED_BY(mutex_)
    std::atomic<bool> stop_warming_{false};
    std::thread warmer_;
    bool reopen_requested_ = false;  // GUARDED_BY(mutex_)
    bool stopping_ = false;          // the pool is being destroyed; GUARDED_BY(mutex_)
    std::condition_variable reopen_wanted_;
    std::thread refresher_;
};

}  // namespace yrkesok::http
