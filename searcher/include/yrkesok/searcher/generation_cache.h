// What every engine on the same index content would otherwise build for itself: the suggester
// (a pass over all titles and terms, seconds on a large index) and the facet tables. Engines
// given the same GenerationCache (EngineOptions::shared) build each once per generation and
// share the result, read-only, so a newly opened engine, and every engine after a new
// generation goes live, starts warm. Thread-safe.
#pragma once

#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>

namespace yrkesok::search {

class GenerationCache {
  public:
    // The value called `name` for the index content `content` (an engine's content tag), made
    // by `build` the first time it is asked for; callers that ask meanwhile wait for it rather
    // than build it again. A `build` that throws leaves nothing behind: the next caller builds.
    // A caller that sets `stop` while it waits for another's build stops waiting and gets null
    // (an engine closed while its copy in memory waits for the shared read, background_copy.h).
    // The values of the two newest contents are kept (engines on the old generation may still
    // be opening while the new one goes live); older ones go when their last user lets go.
    template <typename T>
    std::shared_ptr<const T> get(const std::string& content, const std::string& name,
                                 const std::function<std::shared_ptr<const T>()>& build,
                                 const std::atomic<bool>* stop = nullptr) {
        return std::static_pointer_cast<const T>(get_erased(
            content, name, [&]() -> std::shared_ptr<const void> { return build(); }, stop));
    }

    // Contents held now (at most two): for tests.
    std::size_t contents() const;

  private:
    struct Slot {
        std::mutex mutex;
        std::condition_variable done;  // a build ended, with a value or not
        bool building = false;         // GUARDED_BY(mutex); later callers wait
        bool built = false;            // GUARDED_BY(mutex); the value itself may be null
        std::shared_ptr<const void> value;
    };
    std::shared_ptr<const void> get_erased(
        const std::string& content, const std::string& name,
        const std::function<std::shared_ptr<const void>()>& build, const std::atomic<bool>* stop);

    static constexpr std::size_t kContentsKept = 2;
    mutable std::mutex mutex_;
    std::deque<std::string> order_;  // contents, newest last; GUARDED_BY(mutex_)
    std::map<std::string, std::map<std::string, std::shared_ptr<Slot>>> slots_;  // GUARDED_BY
};

}  // namespace yrkesok::search
