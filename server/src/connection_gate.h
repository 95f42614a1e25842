// One client address must not take every connection. The gate admits each connection before
// any work is spent on it: one address may hold at most `max_per_address` connections at once.
// Past that, a new connection is answered `429 Too Many Requests` and closed on the accepting
// thread, so a client that opens hundreds of connections holds only its share. (Slow clients
// hold no worker at all: connection_loop.h gathers a whole request before a worker runs, and
// puts a deadline on every request.)
//
// Why accept(2): cpp-httplib (Debian's 0.11) accepts in its own loop and hands the socket on
// with no hook in between. So connection_gate.cpp defines accept() for the process (the
// executable's definition is the one the library's call binds to). On every thread but a
// running server's accept loop it is plain accept4(2); on that thread it asks the server's
// gate. The accepting thread then hands the connection to the loop at once (LoopedServer),
// which asks take_admitted() for its address.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>

namespace yrkesok::http {

struct ConnectionLimits {
    std::size_t max_per_address = 16;  // 0: no cap
};

class ConnectionGate {
  public:
    explicit ConnectionGate(ConnectionLimits limits) : limits_(limits) {}
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
    // The address of `socket` if accept() admitted it last on this thread, else empty.
    std::string take_admitted(int socket);
    // A connection from `address` (as take_admitted() gave it) was closed.
    void release(const std::string& address);

    std::uint64_t refused() const { return refused_; }

  private:
    const ConnectionLimits limits_;
    std::mutex mutex_;
    std::map<std::string, std::size_t> open_by_address_;  // GUARDED_BY(mutex_)
    std::atomic<std::uint64_t> refused_{0};
};

}  // namespace yrkesok::http
