#include "connection_loop.h"

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sched.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <string_view>
#include <system_error>
#include <utility>

#include "request_framing.h"
#include "socket_address.h"

namespace yrkesok::http {
namespace {

using Clock = std::chrono::steady_clock;

// The epoll data of the wake-up descriptor; connection ids start at 1.
constexpr std::uint64_t kWakeId = 0;
constexpr std::size_t kReceiveBytes = 16 * 1024;

// Sends `output` from `sent` on without waiting; false when the connection failed. `sent`
// reaches output.size() when all of it went.
bool send_some(int socket, std::string_view output, std::size_t& sent) {
    while (sent < output.size()) {
        const ssize_t count =
            ::send(socket, output.data() + sent, output.size() - sent, MSG_DONTWAIT | MSG_NOSIGNAL);
        if (count > 0) {
            sent += static_cast<std::size_t>(count);
        } else if (count < 0 && errno == EINTR) {
            continue;
        } else {
            return count < 0 && (errno == EAGAIN || errno == EWOULDBLOCK);
        }
    }
    return true;
}

// What the library reads one request from and writes its answer to: the request's bytes,
// framed whole by the loop (so reading never waits on the client), and the connection's
// output buffer, which the loop sends without waiting.
class ConnectionStream final : public httplib::Stream {
  public:
    ConnectionStream(int socket, std::string_view request, std::string& output,
                     const Endpoint& remote, const Endpoint& local)
        : socket_(socket), request_(request), output_(output), remote_(remote), local_(local) {}

    bool is_readable() const override { return offset_ < request_.size(); }
    bool is_writable() const override { return true; }

    ssize_t read(char* data, size_t size) override {
        const std::size_t count = std::min(size, request_.size() - offset_);
        std::memcpy(data, request_.data() + offset_, count);
        offset_ += count;
        return static_cast<ssize_t>(count);
    }
    ssize_t write(const char* data, size_t size) override {
        output_.append(data, size);
        return static_cast<ssize_t>(size);
    }

    void get_remote_ip_and_port(std::string& ip, int& port) const override {
        ip = remote_.address;
        port = remote_.port;
    }
    void get_local_ip_and_port(std::string& ip, int& port) const override {
        ip = local_.address;
        port = local_.port;
    }
    socket_t socket() const override { return socket_; }

  private:
    const int socket_;
    const std::string_view request_;
    std::size_t offset_ = 0;
    std::string& output_;
    const Endpoint& remote_;
    const Endpoint& local_;
};

// Gives back the memory of a buffer that grew past what most requests need.
void release_if_large(std::string& buffer) {
    constexpr std::size_t kKeptBytes = 16 * 1024;
    if (buffer.capacity() > kKeptBytes && buffer.empty()) {
        std::string().swap(buffer);
    } else if (buffer.capacity() > kKeptBytes) {
        buffer.shrink_to_fit();
    }
}

}  // namespace

struct ConnectionLoop::Connection {
    int socket = -1;
    std::string address;  // as the connection gate knows the client
    Endpoint remote;      // both ends, as the library's request reports them
    Endpoint local;
    // Only the worker that has the connection busy touches these three.
    std::string input;   // bytes received and not yet handled
    std::string output;  // an answer not yet sent in full, from `output_sent` on
    std::size_t output_sent = 0;
    bool close_after_output = false;  // the answer being sent is the connection's last
    // ...and the client may still be sending a body that was not read: drain before closing.
    bool linger_after_output = false;
    bool lingering = false;      // answered and shut for writing; what arrives is discarded
    bool continue_sent = false;  // "100 Continue" sent for the request arriving
    std::size_t served = 0;
    bool busy = false;             // a worker has it (the sweeper may only shut it down)
    bool shut = false;             // shut down by the sweeper past its deadline
    Clock::time_point deadline;    // a whole request must arrive and be answered by then
    Clock::time_point idle_since;  // parked since
};

ConnectionLoop::ConnectionLoop(LoopSettings settings, Serve serve, Closed closed)
    : settings_(settings),
      serve_(std::move(serve)),
      closed_(std::move(closed)),
      epoll_(::epoll_create1(EPOLL_CLOEXEC)),
      wake_(::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK)) {
    if (epoll_ < 0 || wake_ < 0) {
        throw std::system_error(errno, std::generic_category(), "cannot create the epoll set");
    }
    epoll_event event{};
    event.events = EPOLLIN;  // level-triggered: once written, it wakes every worker
    event.data.u64 = kWakeId;
    ::epoll_ctl(epoll_, EPOLL_CTL_ADD, wake_, &event);
    const std::size_t workers = std::max<std::size_t>(1, settings_.workers);
    for (std::size_t i = 0; i < workers; ++i) workers_.emplace_back([this] { work(); });
    sweeper_ = std::thread([this] { sweep_until_stopped(); });
}

ConnectionLoop::~ConnectionLoop() {
    stop();
    ::close(wake_);
    ::close(epoll_);
}

void ConnectionLoop::add(int socket, std::string address) {
    auto connection = std::make_unique<Connection>();
    connection->socket = socket;
    connection->address = std::move(address);
    connection->remote = peer_of(socket);
    connection->local = local_of(socket);
    // Each answer goes out in as few sends as the socket allows; none should wait for an ACK.
    int yes = 1;
    ::setsockopt(socket, IPPROTO_TCP, TCP_NODELAY, &yes, sizeof yes);
    connection->idle_since = Clock::now();
    connection->deadline = connection->idle_since + settings_.request_deadline;

    std::lock_guard lock(mutex_);
    const std::uint64_t id = next_id_++;
    epoll_event event{};
    event.events = EPOLLIN | EPOLLRDHUP | EPOLLONESHOT;
    event.data.u64 = id;
    if (stopping_ || ::epoll_ctl(epoll_, EPOLL_CTL_ADD, socket, &event) != 0) {
        ::close(socket);
        closed_(connection->address);
        return;
    }
    connections_.emplace(id, std::move(connection));
}

void ConnectionLoop::stop() {
    {
        std::unique_lock lock(mutex_);
        if (!stopping_) {
            stopping_ = true;
            stop_started_ = Clock::now();
        }
        changed_.notify_all();
        changed_.wait(lock, [this] { return connections_.empty(); });
    }
    if (!workers_done_.exchange(true)) {
        const std::uint64_t one = 1;
        [[maybe_unused]] auto written = ::write(wake_, &one, sizeof one);
    }
    for (auto& worker : workers_) {
        if (worker.joinable()) worker.join();
    }
    if (sweeper_.joinable()) sweeper_.join();
}

void ConnectionLoop::work() {
    epoll_event event{};
    while (!workers_done_) {
        int ready = 0;
        // Poll briefly before sleeping: a client's next request on a kept-alive connection
        // usually comes within tens of microseconds, and waking a sleeping thread on an idle
        // core costs that much again (benchmarks/RESULTS.md, "Connections are not threads").
        // Yielding lets runnable threads have the core meanwhile.
        if (settings_.spin.count() > 0) {
            const auto until = Clock::now() + settings_.spin;
            while ((ready = ::epoll_wait(epoll_, &event, 1, 0)) == 0 && Clock::now() < until) {
                sched_yield();
            }
        }
        if (ready <= 0) ready = ::epoll_wait(epoll_, &event, 1, -1);
        if (ready == 1 && event.data.u64 != kWakeId) handle(event.data.u64);
    }
}

void ConnectionLoop::handle(std::uint64_t id) {
    Connection* connection = nullptr;
    {
        std::lock_guard lock(mutex_);
        auto found = connections_.find(id);
        if (found == connections_.end()) return;  // closed by the sweeper meanwhile
        connection = found->second.get();
        connection->busy = true;
    }
    const Next next = advance(*connection);
    std::lock_guard lock(mutex_);
    connection->busy = false;
    connection->idle_since = Clock::now();
    if (next == Next::close || (next == Next::read && stopping_ && connection->input.empty())) {
        close(id);
        return;
    }
    if (next == Next::linger && !connection->lingering) {
        // Closing now, with the client's body still arriving, would send a reset that can
        // make the client drop the answer (RFC 9112 section 9.6): the answer's FIN goes
        // first, and what the client still sends is read and dropped for up to the I/O
        // timeout, on no worker.
        ::shutdown(connection->socket, SHUT_WR);
        connection->lingering = true;
        connection->deadline = connection->idle_since + settings_.io_timeout;
    }
    epoll_event event{};
    // A connection that yields waits for EPOLLOUT, which a socket with room reports at once:
    // it queues behind the connections already ready.
    const bool reads = next == Next::read || next == Next::linger;
    event.events = (reads ? EPOLLIN | EPOLLRDHUP : EPOLLOUT) | EPOLLONESHOT;
    event.data.u64 = id;
    if (::epoll_ctl(epoll_, EPOLL_CTL_MOD, connection->socket, &event) != 0) close(id);
}

ConnectionLoop::Next ConnectionLoop::advance(Connection& connection) {
    if (connection.lingering) {
        // A turn reads no more than a request may hold, then queues behind the others.
        char discard[kReceiveBytes];
        for (std::size_t read = 0; read < settings_.max_head_bytes + settings_.max_body_bytes;) {
            const ssize_t received =
                ::recv(connection.socket, discard, sizeof discard, MSG_DONTWAIT);
            if (received > 0) {
                read += static_cast<std::size_t>(received);
            } else if (received == 0 ||
                       (errno != EINTR && errno != EAGAIN && errno != EWOULDBLOCK)) {
                return Next::close;  // the client closed too
            } else if (errno != EINTR) {
                break;
            }
        }
        return Next::linger;
    }
    if (!connection.output.empty()) {
        const Next next = send_answer(connection);
        if (next != Next::read) return next;
    }
    // Read what has arrived, without waiting, and no more than one whole request may need:
    // a client sending faster than it is served waits in its own socket buffers.
    const FramingLimits limits{settings_.max_head_bytes, settings_.max_body_bytes};
    const std::size_t most = limits.max_head_bytes + limits.max_body_bytes;
    bool peer_finished = false;
    char buffer[kReceiveBytes];
    while (connection.input.size() < most) {
        const ssize_t received = ::recv(connection.socket, buffer, sizeof buffer, MSG_DONTWAIT);
        if (received > 0) {
            connection.input.append(buffer, static_cast<std::size_t>(received));
            if (static_cast<std::size_t>(received) < sizeof buffer) break;
        } else if (received < 0 && errno == EINTR) {
            continue;
        } else {
            peer_finished = received == 0 || (errno != EAGAIN && errno != EWOULDBLOCK);
            break;
        }
    }

    const Framing framing = frame_request(connection.input, limits);
    if (framing.state == Framing::State::refused) {
        std::size_t sent = 0;
        send_some(connection.socket, refusal_text(framing), sent);
        return Next::linger;
    }
    if (framing.state == Framing::State::incomplete) {
        if (peer_finished) return Next::close;
        if (framing.expects_continue && !connection.continue_sent) {
            constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
            std::size_t sent = 0;
            if (!send_some(connection.socket, kContinue, sent)) return Next::close;
            connection.continue_sent = true;
        }
        return Next::read;
    }

    // One request a turn: a connection with more requests waiting yields to the others.
    connection.continue_sent = false;
    ConnectionStream stream(connection.socket,
                            std::string_view(connection.input).substr(0, framing.length),
                            connection.output, connection.remote, connection.local);
    const bool more = connection.input.size() > framing.length;
    const bool last = stopping_ || framing.close_after || (peer_finished && !more) ||
                      connection.served + 1 >= settings_.max_requests_per_connection;
    bool closed = false;
    const bool handled = serve_(stream, last, closed);
    connection.input.erase(0, framing.length);
    ++connection.served;
    connection.close_after_output = !handled || closed || last;
    connection.linger_after_output = framing.close_after;
    const Next next = send_answer(connection);
    if (next != Next::read) return next;
    return connection.input.empty() ? Next::read : Next::yield;
}

ConnectionLoop::Next ConnectionLoop::send_answer(Connection& connection) {
    if (!send_some(connection.socket, connection.output, connection.output_sent)) {
        return Next::close;
    }
    if (connection.output_sent < connection.output.size()) return Next::write;
    // An idle connection keeps small buffers only: thousands may be open at once.
    connection.output.clear();
    release_if_large(connection.output);
    release_if_large(connection.input);
    connection.output_sent = 0;
    bool shut = false;
    {
        std::lock_guard lock(mutex_);
        connection.deadline = Clock::now() + settings_.request_deadline;
        shut = connection.shut;
    }
    if (shut) return Next::close;
    if (!connection.close_after_output) return Next::read;
    return connection.linger_after_output ? Next::linger : Next::close;
}

void ConnectionLoop::close(std::uint64_t id) {
    auto found = connections_.find(id);
    if (found == connections_.end()) return;
    // Read what the client already sent, so that closing sends a FIN after the last answer
    // rather than a reset that could make the client drop it.
    const int socket = found->second->socket;
    ::shutdown(socket, SHUT_WR);
    char discard[kReceiveBytes];
    for (int chunk = 0; chunk < 4; ++chunk) {
        if (::recv(socket, discard, sizeof discard, MSG_DONTWAIT) <= 0) break;
    }
    ::close(socket);
    closed_(found->second->address);
    connections_.erase(found);
    changed_.notify_all();
}

void ConnectionLoop::sweep_until_stopped() {
    using std::chrono::milliseconds;
    const bool deadlines = settings_.request_deadline.count() > 0;
    milliseconds shortest = std::chrono::duration_cast<milliseconds>(settings_.keep_alive);
    if (deadlines) shortest = std::min(shortest, settings_.request_deadline);
    const milliseconds tick = std::clamp(shortest / 10, milliseconds(20), milliseconds(250));

    std::unique_lock lock(mutex_);
    for (;;) {
        changed_.wait_for(lock, tick);
        if (stopping_ && connections_.empty()) return;
        const auto now = Clock::now();
        // Past the I/O timeout after stop() began, nothing is waited for any more.
        const bool stop_overdue = stopping_ && now - stop_started_ >= settings_.io_timeout;
        std::vector<std::uint64_t> to_close;
        for (auto& [id, connection] : connections_) {
            // A lingering connection has a deadline of its own, deadlines on or off.
            const bool past_deadline =
                (deadlines || connection->lingering) && now >= connection->deadline;
            if (connection->busy) {
                // Reads and writes on its worker fail at once; the worker then closes it.
                if ((past_deadline || stop_overdue) && !connection->shut) {
                    ::shutdown(connection->socket, SHUT_RDWR);
                    connection->shut = true;
                    if (past_deadline) ++timed_out_;
                }
                continue;
            }
            if (past_deadline) {
                if (!connection->lingering) ++timed_out_;  // a lingering one was answered
                to_close.push_back(id);
                continue;
            }
            const auto waited = now - connection->idle_since;
            if (!connection->input.empty() || !connection->output.empty()) {
                // Part of a request or of an answer, and no progress for the I/O timeout.
                if (waited >= settings_.io_timeout || stop_overdue) to_close.push_back(id);
            } else if (stopping_ || waited >= settings_.keep_alive) {
                // Idle, unless a request has arrived that no worker has read yet (they are
                // all busy): that one waits its turn, within the deadline.
                int waiting = 0;
                if (::ioctl(connection->socket, FIONREAD, &waiting) != 0 || waiting == 0 ||
                    stop_overdue) {
                    to_close.push_back(id);
                }
            }
        }
        for (std::uint64_t id : to_close) close(id);
    }
}

// The library enqueues each accepted socket's handling; it runs at once on the accepting
// thread and only hands the socket to the loop.
class LoopedServer::Queue : public httplib::TaskQueue {
  public:
    explicit Queue(ConnectionLoop& loop) : loop_(loop) {}
    void enqueue(std::function<void()> task) override { task(); }
    void shutdown() override { loop_.stop(); }

  private:
    ConnectionLoop& loop_;
};

LoopedServer::LoopedServer(LoopSettings settings, std::function<std::string(int)> address_of,
                           ConnectionLoop::Closed closed)
    : address_of_(std::move(address_of)),
      loop_(
          settings,
          [this](httplib::Stream& stream, bool close_connection, bool& connection_closed) {
              return process_request(stream, close_connection, connection_closed, nullptr);
          },
          std::move(closed)) {
    new_task_queue = [this] { return new Queue(loop_); };
}

bool LoopedServer::process_and_close_socket(int socket) {
    loop_.add(socket, address_of_(socket));
    return true;
}

}  // namespace yrkesok::http
