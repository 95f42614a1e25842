// Slow clients must not take every worker. The gate admits each connection before a worker
// spends any time on it and puts a deadline on every request:
//
// - One client address may hold at most `max_per_address` connections at once. Past that, a
//   new connection is answered `429 Too Many Requests` and closed on the accepting thread, so
//   a client that opens hundreds of connections and trickles a header line into each
//   ("slowloris") holds only its share of the workers, and other addresses are served.
// - A connection must deliver a whole request, and have it answered, within
//   `request_deadline` of its start or of its previous answer; past that a watchdog shuts it
//   down, which frees the worker however slowly the client sends.
//
// Why accept(2): cpp-httplib (Debian's 0.11) accepts in its own loop and hands the socket to a
// worker with no hook in between, and a request's address is only known once its head has been
// read, which a slow client never finishes. So connection_gate.cpp defines accept() for the
// process (the executable's definition is the one the library's call binds to). On every
// thread but a running server's accept loop it is plain accept4(2); on that thread it asks the
// server's gate. The connection is handed to the worker through the task queue, which the
// accepting thread fills right after accept() returns (GatedTaskQueue).
#pragma once

#include <httplib.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>

namespace yrkesok::http {

struct ConnectionLimits {
    std::size_t max_per_address = 16;                   // 0: no cap
    std::chrono::milliseconds request_deadline{10000};  // 0: none
};

class ConnectionGate {
  public:
    explicit ConnectionGate(ConnectionLimits limits);
    ~ConnectionGate();
    ConnectionGate(const ConnectionGate&) = delete;
    ConnectionGate& operator=(const ConnectionGate&) = delete;

    // While the returned object lives, accept() on the calling thread goes through this gate.
    class AcceptScope {
      public:
        explicit AcceptScope(ConnectionGate& gate);
        ~AcceptScope();
        AcceptScope(const AcceptScope&) = delete;
        AcceptScope& operator=(const AcceptScope&) = delete;
    };

    // Called by accept() for each new connection: true when its address may open another;
    // otherwise the connection has been answered 429 and closed.
    bool admit(int socket, const std::string& address);
    // The task that serves the connection admitted last on this thread: it registers the
    // connection with the watchdog, runs `serve`, and then releases the address.
    std::function<void()> wrap(std::function<void()> serve);
    // The request on the calling worker's connection was answered: its deadline starts anew.
    void answered();

    std::uint64_t refused() const { return refused_; }
    std::uint64_t timed_out() const { return timed_out_; }

  private:
    struct Connection {
        int watch_socket = -1;  // a dup of the connection's socket, closed by us alone
        std::chrono::steady_clock::time_point deadline;
        bool shut = false;
    };

    std::uint64_t start(int socket);
    void finish(std::uint64_t id, const std::string& address);
    void watch();

    const ConnectionLimits limits_;
    std::mutex mutex_;
    std::map<std::string, std::size_t> open_by_address_;  // GUARDED_BY(mutex_)
    std::map<std::uint64_t, Connection> connections_;     // GUARDED_BY(mutex_)
    std::uint64_t next_id_ = 1;                           // GUARDED_BY(mutex_)
    bool stopping_ = false;                               // GUARDED_BY(mutex_)
    std::condition_variable wake_;
    std::atomic<std::uint64_t> refused_{0};
    std::atomic<std::uint64_t> timed_out_{0};
    std::thread watchdog_;
};

// cpp-httplib's thread pool, with each connection's task wrapped by the gate.
class GatedTaskQueue : public httplib::TaskQueue {
  public:
    GatedTaskQueue(ConnectionGate& gate, std::size_t threads) : gate_(gate), pool_(threads) {}
    void enqueue(std::function<void()> task) override {
        pool_.enqueue(gate_.wrap(std::move(task)));
    }
    void shutdown() override { pool_.shutdown(); }

  private:
    ConnectionGate& gate_;
    httplib::ThreadPool pool_;
};

}  // namespace yrkesok::http
