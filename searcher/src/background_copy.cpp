#include "background_copy.h"

#include <sys/resource.h>
#include <unistd.h>

#include <system_error>
#include <utility>

namespace yrkesok::search {

namespace {

// Nice 10: a request on the same core then gets about nine tenths of it.
void lower_this_threads_priority() {
    constexpr int kNice = 10;
    // On Linux the priority of PRIO_PROCESS with a thread id is that thread's alone.
    ::setpriority(PRIO_PROCESS, static_cast<id_t>(::gettid()), kNice);
}

}  // namespace

BackgroundCopy::BackgroundCopy(std::string path, std::string generation, std::string content_tag,
                               CopyOf copy_of) {
    thread_ = std::thread([this, path = std::move(path), generation = std::move(generation),
                           content_tag = std::move(content_tag), copy_of = std::move(copy_of)] {
        run(path, generation, content_tag, copy_of);
    });
}

BackgroundCopy::~BackgroundCopy() {
    stop_.store(true);
    if (thread_.joinable()) thread_.join();
}

void BackgroundCopy::run(const std::string& path, const std::string& generation,
                         const std::string& content_tag, const CopyOf& copy_of) {
    lower_this_threads_priority();
    try {
        const Xapian::Database files(path);
        if (content_tag_of(generation, files) == content_tag) {
            auto copy = copy_of(content_tag, files, &stop_);
            made_ = Made{copy->database(&stop_), copy->postings()};
        }
    } catch (...) {
        // Stopped, or the files could not be read: no copy, and the engine stays on its files.
        made_.reset();
    }
    finished_.store(true, std::memory_order_release);
}

std::optional<BackgroundCopy::Made> BackgroundCopy::take() {
    if (!finished()) return std::nullopt;
    return std::exchange(made_, std::nullopt);
}

std::unique_ptr<BackgroundCopy> start_background_copy(EngineDatabases& databases, CopyOf copy_of) {
    if (!databases.copy_wanted) return nullptr;
    try {
        return std::make_unique<BackgroundCopy>(databases.path, databases.generation,
                                                databases.content_tag, std::move(copy_of));
    } catch (const std::system_error&) {
        databases.copy_wanted = false;
        return nullptr;
    }
}

void take_up_finished_copy(std::unique_ptr<BackgroundCopy>& copying, EngineDatabases& databases) {
    if (!copying || !copying->finished()) return;
    if (auto memory = copying->take()) {
        databases.db = std::move(memory->db);
        databases.copied_postings = std::move(memory->postings);
        databases.in_memory = true;
    }
    copying.reset();
    databases.copy_wanted = false;
}

}  // namespace yrkesok::search
