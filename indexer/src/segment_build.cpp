#include "segment_build.h"

#include <xapian.h>

#include <algorithm>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <exception>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <thread>
#include <tuple>
#include <utility>
#include <vector>

#include "document_builder.h"
#include "yrkesok/indexer/index_shards.h"

namespace yrkesok::index {
namespace {

namespace fs = std::filesystem;

using Batch = std::vector<Occupation>;

// Records travel to a worker in batches, so that handing them over costs nothing next to
// analysing them; two batches queued per worker keep it busy while the reader parses more.
constexpr std::size_t kBatchSize = 128;
constexpr std::size_t kQueuedBatches = 2;
constexpr std::size_t kMaxJobs = 8;

// One thread's writer: its own DocumentBuilder (it holds an ICU collator) and its open segment,
// one database per shard. Created, used and destroyed on its thread, as Xapian objects must be.
class SegmentWriter {
  public:
    SegmentWriter(fs::path scratch, std::size_t worker, std::size_t shards,
                  const analyzers::Analyzer& analyzer, const IndexBuildOptions& options)
        : scratch_(std::move(scratch)),
          worker_(worker),
          shards_(shards),
          builder_(analyzer, options.summary_repeat),
          commit_every_(options.commit_every),
          segment_documents_(std::max<std::size_t>(options.segment_documents, 1)),
          term_lists_(options.term_lists),
          segments_(shards) {}

    void add(const Occupation& record) {
        if (open_.empty()) open_segment();
        const std::size_t shard = shard_for_id(record.id, shards_);
        // Ids are unique within a build (RecordSource's contract), so no lookup is needed.
        open_[shard].add_document(builder_.build(record, spelling_));
        ++in_segment_;
        if (commit_every_ && in_segment_ % commit_every_ == 0) {
            for (auto& db : open_) db.commit();
        }
        if (in_segment_ >= segment_documents_) close_segment();
    }

    // Writes the open segment's spelling counts, commits and closes it.
    void finish() {
        if (!open_.empty()) close_segment();
    }

    // The segments written, per shard, in the order they were written.
    const std::vector<std::vector<fs::path>>& segments() const { return segments_; }

  private:
    void open_segment() {
        char name[32];
        std::snprintf(name, sizeof name, "w%02zu-%05zu", worker_, sequence_++);
        for (std::size_t shard = 0; shard < shards_; ++shard) {
            const fs::path path = scratch_ / shard_directory_name(shard) / name;
            fs::create_directories(path.parent_path());
            // A segment is scratch, read once by the merge: no fsync at its commits. The merge
            // writes the generation with Xapian's syncs, and a crash before the switch leaves
            // the generation in service untouched either way.
            open_.emplace_back(path.string(), Xapian::DB_CREATE | Xapian::DB_BACKEND_GLASS |
                                                  Xapian::DB_NO_SYNC |
                                                  (term_lists_ ? 0 : Xapian::DB_NO_TERMLIST));
            segments_[shard].push_back(path);
        }
        in_segment_ = 0;
    }

    void close_segment() {
        for (const auto& [word, count] : spelling_) open_[kSpellingShard].add_spelling(word, count);
        for (std::size_t shard = 0; shard < shards_; ++shard) {
            open_[shard].commit();
            open_[shard].close();
        }
        open_.clear();
        spelling_.clear();
    }

    fs::path scratch_;
    std::size_t worker_;
    std::size_t shards_;
    DocumentBuilder builder_;
    std::size_t commit_every_;
    std::size_t segment_documents_;
    bool term_lists_;  // segments (and so the generation) keep term lists
    std::vector<Xapian::WritableDatabase> open_;  // the open segment, per shard
    SpellingCounts spelling_;                     // its words, all shards' (index_shards.h)
    std::size_t in_segment_ = 0;
    std::size_t sequence_ = 0;
    std::vector<std::vector<fs::path>> segments_;
};

// What the reading thread and the workers share: a queue of batches per worker, the count of
// documents written, and the first failure, which stops everyone.
class Dispatch {
  public:
    explicit Dispatch(std::size_t workers) : queues_(workers) {}

    // Waits while the worker's queue is full. False when the build is stopping.
    bool push(std::size_t worker, Batch batch) {
        std::unique_lock lock(mutex_);
        changed_.wait(lock, [&] { return stopping_ || queues_[worker].size() < kQueuedBatches; });
        if (stopping_) return false;
        queues_[worker].push_back(std::move(batch));
        changed_.notify_all();
        return true;
    }

    // The worker's next batch; nothing when the queue is closed and empty, or when stopping.
    std::optional<Batch> pop(std::size_t worker) {
        std::unique_lock lock(mutex_);
        changed_.wait(lock, [&] { return stopping_ || closed_ || !queues_[worker].empty(); });
        if (stopping_ || queues_[worker].empty()) return std::nullopt;
        Batch batch = std::move(queues_[worker].front());
        queues_[worker].pop_front();
        changed_.notify_all();
        return batch;
    }

    void close() {
        const std::lock_guard lock(mutex_);
        closed_ = true;
        changed_.notify_all();
    }

    void stop() {
        const std::lock_guard lock(mutex_);
        stopping_ = true;
        changed_.notify_all();
    }

    bool stopping() const {
        const std::lock_guard lock(mutex_);
        return stopping_;
    }

    void fail(std::exception_ptr error) {
        const std::lock_guard lock(mutex_);
        if (!error_) error_ = std::move(error);
        stopping_ = true;
        changed_.notify_all();
    }

    void wrote_one() {
        const std::lock_guard lock(mutex_);
        ++written_;
        changed_.notify_all();
    }

    void worker_done() {
        const std::lock_guard lock(mutex_);
        ++finished_workers_;
        changed_.notify_all();
    }

    std::size_t written() const {
        const std::lock_guard lock(mutex_);
        return written_;
    }

    // Waits until more than `seen` documents are written or every worker has finished.
    // Returns the count written and whether every worker has finished.
    std::pair<std::size_t, bool> wait_for_more(std::size_t seen) {
        std::unique_lock lock(mutex_);
        changed_.wait(lock, [&] { return written_ > seen || finished_workers_ == queues_.size(); });
        return {written_, finished_workers_ == queues_.size()};
    }

    // Rethrows the first worker failure, if any.
    void rethrow_failure() const {
        const std::lock_guard lock(mutex_);
        if (error_) std::rethrow_exception(error_);
    }

  private:
    mutable std::mutex mutex_;
    std::condition_variable changed_;
    std::vector<std::deque<Batch>> queues_;
    bool closed_ = false;
    bool stopping_ = false;
    std::size_t written_ = 0;
    std::size_t finished_workers_ = 0;
    std::exception_ptr error_;
};

// Stops and joins the workers on every way out of write_segmented, so no thread outlives the
// build or writes into a directory that is being removed.
class Workers {
  public:
    explicit Workers(Dispatch& dispatch) : dispatch_(dispatch) {}
    ~Workers() {
        dispatch_.stop();
        join();
    }
    Workers(const Workers&) = delete;
    Workers& operator=(const Workers&) = delete;

    template <typename Work>
    void start(Work work) {
        threads_.emplace_back(std::move(work));
    }
    void join() {
        for (auto& thread : threads_) {
            if (thread.joinable()) thread.join();
        }
    }

  private:
    Dispatch& dispatch_;
    std::vector<std::thread> threads_;
};

// Removes the scratch directory on every way out.
class ScratchDirectory {
  public:
    explicit ScratchDirectory(fs::path path) : path_(std::move(path)) {
        fs::remove_all(path_);
        fs::create_directories(path_);
    }
    ~ScratchDirectory() {
        std::error_code ec;
        fs::remove_all(path_, ec);
    }
    ScratchDirectory(const ScratchDirectory&) = delete;
    ScratchDirectory& operator=(const ScratchDirectory&) = delete;

    const fs::path& path() const { return path_; }

  private:
    fs::path path_;
};

// Merges each shard's segments into its place in the generation; segments are taken in the
// order the records were handed out (first segment of each worker, then the second ...), so
// document ids follow the corpus roughly.
std::size_t merge_segments(const std::vector<std::vector<std::vector<fs::path>>>& per_worker,
                           const fs::path& generation, std::size_t shards) {
    std::size_t documents = 0;
    if (shards > 1) fs::create_directories(generation);
    for (std::size_t shard = 0; shard < shards; ++shard) {
        Xapian::Database sources;
        bool any = false;
        for (std::size_t sequence = 0;; ++sequence) {
            bool found = false;
            for (const auto& worker : per_worker) {
                if (sequence < worker[shard].size()) {
                    sources.add_database(Xapian::Database(worker[shard][sequence].string()));
                    found = any = true;
                }
            }
            if (!found) break;
        }
        if (!any) continue;
        documents += sources.get_doccount();
        const fs::path target = shards == 1 ? generation : generation / shard_directory_name(shard);
        // One pass over all segments: Xapian's multi-pass merge (pairs into temporary tables
        // first) took longer at 100k records in 5,000-record segments.
        sources.compact(target.string());
    }
    return documents;
}

}  // namespace

std::size_t effective_jobs(std::size_t jobs) {
    if (jobs > 0) return jobs;
    return std::clamp<std::size_t>(std::thread::hardware_concurrency(), 1, kMaxJobs);
}

std::size_t write_segmented(const RecordSource& records, const fs::path& generation,
                            const fs::path& scratch, std::size_t shards,
                            const analyzers::Analyzer& analyzer, const IndexBuildOptions& options) {
    const std::size_t jobs = effective_jobs(options.jobs);
    const ScratchDirectory scratch_directory(scratch);
    std::vector<std::vector<std::vector<fs::path>>> segments(jobs);
    Dispatch dispatch(jobs);
    std::size_t reported = 0;
    auto report = [&](std::size_t written) {
        while (reported < written) {
            ++reported;
            if (options.progress) options.progress(reported, std::max(records.count, reported));
        }
    };
    {
        Workers workers(dispatch);
        for (std::size_t worker = 0; worker < jobs; ++worker) {
            workers.start([&, worker] {
                try {
                    SegmentWriter writer(scratch, worker, shards, analyzer, options);
                    while (auto batch = dispatch.pop(worker)) {
                        for (const auto& record : *batch) {
                            writer.add(record);
                            dispatch.wrote_one();
                        }
                    }
                    if (!dispatch.stopping()) {
                        writer.finish();
                        segments[worker] = writer.segments();
                    }
                } catch (...) {
                    dispatch.fail(std::current_exception());
                }
                dispatch.worker_done();
            });
        }

        Batch filling;
        std::size_t handed_out = 0;
        auto hand_out = [&] {
            if (!dispatch.push(handed_out % jobs, std::move(filling))) {
                dispatch.rethrow_failure();
                throw std::runtime_error("the index build was stopped");
            }
            ++handed_out;
            filling = Batch{};
            filling.reserve(kBatchSize);
            report(dispatch.written());
        };
        records.for_each([&](Occupation&& record) {
            filling.push_back(std::move(record));
            if (filling.size() == kBatchSize) hand_out();
        });
        if (!filling.empty()) hand_out();
        dispatch.close();
        for (bool finished = false; !finished;) {
            std::size_t written = 0;
            std::tie(written, finished) = dispatch.wait_for_more(reported);
            dispatch.rethrow_failure();
            report(written);
        }
        workers.join();
    }
    dispatch.rethrow_failure();
    return merge_segments(segments, generation, shards);
}

}  // namespace yrkesok::index
