// A generation's copy in memory, made on a thread of its own. An engine that opens a generation
// small enough to be searched in memory would otherwise make its request wait for the copy (a
// few tenths of a second for the bundled corpus, once per engine and generation), and under
// steady load every engine is busy when a new generation goes live, so each of them made one
// request wait. With the copy made beside it, the engine answers from the files meanwhile (the
// same answers, more slowly) and moves to the copy between two requests (SearchEngine, with
// EngineOptions::copy_in_background).
//
// The thread runs at a lower priority than the requests, which come first on busy cores.
#pragma once

#include <xapian.h>

#include <atomic>
#include <memory>
#include <optional>
#include <string>
#include <thread>

#include "engine_databases.h"

namespace yrkesok::search {

class BackgroundCopy {
  public:
    // Starts the thread: it opens the generation `generation` at `path` with a handle of its own
    // (no Xapian handle may be used by two threads), gets the generation's copy through
    // `copy_of` (shared by the engines; `content_tag` names it) and builds this engine's
    // database from it. A directory whose content tag is no longer `content_tag` (an index
    // removed and built again under the same generation name) is not copied.
    BackgroundCopy(std::string path, std::string generation, std::string content_tag,
                   CopyOf copy_of);
    // Stops the thread, at the next document or within a few milliseconds of waiting for
    // another engine's read of the shared copy, and waits for it.
    ~BackgroundCopy();
    BackgroundCopy(const BackgroundCopy&) = delete;
    BackgroundCopy& operator=(const BackgroundCopy&) = delete;

    // Whether the thread has finished, with a database or without one.
    bool finished() const { return finished_.load(std::memory_order_acquire); }
    // A database in memory and the postings of the copy it was made from.
    struct Made {
        Xapian::Database db;
        std::shared_ptr<const GenerationCopy::Postings> postings;
    };
    // The database in memory, once finished; nullopt when the copy failed (the generation was
    // removed meanwhile, say): the engine then stays on its files, and says so
    // (SearchEngine::in_memory() is false).
    std::optional<Made> take();

  private:
    void run(const std::string& path, const std::string& generation, const std::string& content_tag,
             const CopyOf& copy_of);

    std::atomic<bool> stop_{false};
    std::atomic<bool> finished_{false};
    std::optional<Made> made_;  // written by the thread before finished_ is set
    std::thread thread_;
};

// The copy `databases` want (copy_wanted), started; null when they want none, or when no thread
// can be started (copy_wanted is then cleared: the files are searched, as in_memory() says).
std::unique_ptr<BackgroundCopy> start_background_copy(EngineDatabases& databases, CopyOf copy_of);

// Moves `databases` to the copy `copying` made once it is finished, and lets `copying` go. The
// copy holds the same documents under the same ids, so nothing derived from the contents
// changes. A failed copy leaves the databases on their files.
void take_up_finished_copy(std::unique_ptr<BackgroundCopy>& copying, EngineDatabases& databases);

}  // namespace yrkesok::search
