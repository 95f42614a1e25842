// Connections are not threads. cpp-httplib gives each open connection a worker for its whole
// life, idle keep-alive time included, so serving 64 connections took 64 threads on two cores
// and throughput fell as connections rose (benchmarks/RESULTS.md, issue 18). Here a fixed set
// of workers waits on one epoll set instead:
//
// - A connection's bytes are gathered, without blocking, until a whole request (head and body)
//   has arrived; only then does a worker run the library's request handling on it, over those
//   bytes alone (request_framing.h decides where a request ends, and refuses those whose end
//   cannot be known up front). A client that sends slowly or not at all holds no worker.
// - The answer is kept whole and sent without waiting, in one send() when the socket takes it
//   (the library writes headers and body in separate calls). What the client does not take
//   yet waits with the connection for EPOLLOUT: a client that reads slowly holds no worker
//   either.
// - After answering, the worker parks the connection again (EPOLLONESHOT re-armed), so an idle
//   keep-alive connection costs a descriptor and its buffers, not a thread. Pipelined requests
//   are kept, one handled per turn: a connection with more waiting queues behind the others.
// - A sweeper closes parked connections idle past the keep-alive time (or, with part of a
//   request or answer pending, past the I/O timeout), and shuts down any connection that has
//   not sent a whole request and had it answered within the request deadline.
// Every change to the set of descriptors (add, re-arm, close) happens under one mutex, so a
// descriptor number the process reuses is never re-armed or closed for its old connection.
#pragma once

#include <httplib.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

namespace yrkesok::http {

struct LoopSettings {
    std::size_t workers = 8;
    std::chrono::seconds keep_alive{2};  // idle time of a parked connection before it is closed
    std::size_t max_requests_per_connection = 100;
    // A connection with part of a request or answer pending and no progress for this long is
    // closed; also how long stop() waits for such connections.
    std::chrono::seconds io_timeout{5};
    std::chrono::milliseconds request_deadline{10000};  // 0: none
    std::size_t max_head_bytes = 64 * 1024;             // a longer head is refused with 431 at once
    // A longer body is not read: the library answers 413 from the head (request_framing.h).
    std::size_t max_body_bytes = 64 * 1024;
    // How long an idle worker polls for new work before it sleeps (0: it sleeps at once).
    std::chrono::microseconds spin{100};
};

class ConnectionLoop {
  public:
    // Handles one request whose bytes the stream holds (httplib::Server::process_request).
    using Serve = std::function<bool(httplib::Stream&, bool close_connection, bool& closed)>;
    // Told the client address of each connection once it is closed.
    using Closed = std::function<void(const std::string& address)>;

    ConnectionLoop(LoopSettings settings, Serve serve, Closed closed);
    ~ConnectionLoop();  // stop() then joins
    ConnectionLoop(const ConnectionLoop&) = delete;
    ConnectionLoop& operator=(const ConnectionLoop&) = delete;

    // Takes over an accepted socket; its first bytes are awaited like any parked connection's.
    void add(int socket, std::string address);
    // Graceful stop: idle connections are closed now, a request being handled is answered
    // (with Connection: close), and a request still arriving or an answer still leaving has
    // the I/O timeout; past it every connection is closed (or shut down, if a worker has it).
    // Returns once every connection is closed and the workers have ended.
    void stop();

    std::uint64_t timed_out() const { return timed_out_; }

  private:
    struct Connection;

    void work();
    void sweep_until_stopped();
    // What a parked connection waits for next: more of a request, room for the rest of an
    // answer, its turn again (it has another request buffered), the end of what the client
    // still sends after its last answer (lingering), or nothing (it is closed).
    enum class Next { read, write, yield, linger, close };

    void handle(std::uint64_t id);
    // Sends what is left of an answer, reads what has arrived and handles each whole request.
    Next advance(Connection& connection);
    Next send_answer(Connection& connection);
    void close(std::uint64_t id);  // with mutex_ held

    const LoopSettings settings_;
    const Serve serve_;
    const Closed closed_;
    const int epoll_;
    const int wake_;  // an eventfd in the epoll set, written once to end the workers

    std::mutex mutex_;
    std::unordered_map<std::uint64_t, std::unique_ptr<Connection>> connections_;  // GUARDED_BY
    std::uint64_t next_id_ = 1;                                                   // GUARDED_BY
    std::condition_variable changed_;  // a connection closed, or stopping began
    std::atomic<bool> stopping_{false};
    std::chrono::steady_clock::time_point stop_started_;  // GUARDED_BY(mutex_)
    std::atomic<bool> workers_done_{false};
    std::atomic<std::uint64_t> timed_out_{0};
    std::vector<std::thread> workers_;
    std::thread sweeper_;
};

// cpp-httplib's server with its connections handed to a ConnectionLoop. The library's accept
// loop gives each accepted socket to its task queue; this server's queue passes it straight to
// the loop, and its shutdown (which the library calls once stop() ends the accept loop) stops
// the loop gracefully.
class LoopedServer : public httplib::Server {
  public:
    // `address_of` names the client of an accepted socket (the connection gate knows it);
    // `closed` is told when that connection is closed.
    LoopedServer(LoopSettings settings, std::function<std::string(int socket)> address_of,
                 ConnectionLoop::Closed closed);

    std::uint64_t timed_out() const { return loop_.timed_out(); }

  private:
    class Queue;
    bool process_and_close_socket(int socket) override;

    std::function<std::string(int)> address_of_;
    ConnectionLoop loop_;
};

}  // namespace yrkesok::http
