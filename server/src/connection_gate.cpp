#include "connection_gate.h"

#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <utility>

#include "socket_address.h"

namespace yrkesok::http {
namespace {

// The gate of the server whose accept loop runs on this thread; null on every other thread.
thread_local ConnectionGate* accepting_gate = nullptr;

// What accept() admitted last on this thread, for the loop to take next.
struct Admitted {
    int socket = -1;
    std::string address;
};
thread_local Admitted last_admitted;

constexpr char kRefusal[] =
    "HTTP/1.1 429 Too Many Requests\r\n"
    "Content-Type: application/json\r\n"
    "Retry-After: 1\r\n"
    "Connection: close\r\n"
    "Content-Length: 111\r\n"
    "\r\n"
    "{\"error\":{\"code\":\"too_many_connections\",\"message\":\"too many open connections from "
    "this address; retry later\"}}\n";
static_assert(sizeof kRefusal - 1 - std::string_view(kRefusal).find("\r\n\r\n") - 4 == 111,
              "Content-Length of the refusal");

}  // namespace

ConnectionGate::AcceptScope::AcceptScope(ConnectionGate& gate) {
    accepting_gate = &gate;
}

ConnectionGate::AcceptScope::~AcceptScope() {
    accepting_gate = nullptr;
    last_admitted = {};
}

bool ConnectionGate::admit(int socket, const std::string& address) {
    {
        std::lock_guard lock(mutex_);
        auto& open = open_by_address_[address];
        if (limits_.max_per_address == 0 || open < limits_.max_per_address) {
            ++open;
            last_admitted = {socket, address};
            return true;
        }
    }
    ++refused_;
    // The answer fits the socket's send buffer of a fresh connection; never wait for it.
    [[maybe_unused]] auto sent =
        ::send(socket, kRefusal, sizeof kRefusal - 1, MSG_DONTWAIT | MSG_NOSIGNAL);
    ::shutdown(socket, SHUT_WR);
    // Read what the client already sent, so closing sends a FIN after the answer rather than
    // a reset that could make the client drop it.
    char discard[4096];
    while (::recv(socket, discard, sizeof discard, MSG_DONTWAIT) > 0) {
    }
    ::close(socket);
    return false;
}

std::string ConnectionGate::take_admitted(int socket) {
    Admitted admitted = std::exchange(last_admitted, {});
    return admitted.socket == socket ? std::move(admitted.address) : std::string();
}

void ConnectionGate::release(const std::string& address) {
    std::lock_guard lock(mutex_);
    if (auto open = open_by_address_.find(address); open != open_by_address_.end()) {
        if (--open->second == 0) open_by_address_.erase(open);
    }
}

}  // namespace yrkesok::http

// accept(2) for the whole process: see connection_gate.h. The system call itself, so that no
// other definition is needed; on a thread with a gate, a refused connection is answered and
// closed here and the next one accepted, so the library sees only admitted connections.
extern "C" int accept(int listener, sockaddr* address, socklen_t* length) {
    for (;;) {
        sockaddr_storage peer{};
        socklen_t peer_length = sizeof peer;
        const int socket =
            static_cast<int>(::syscall(SYS_accept4, listener, &peer, &peer_length, 0));
        if (socket < 0) return socket;
        auto* gate = yrkesok::http::accepting_gate;
        if (gate == nullptr || gate->admit(socket, yrkesok::http::endpoint_of(peer).address)) {
            if (address != nullptr && length != nullptr) {
                std::memcpy(address, &peer, std::min<socklen_t>(*length, peer_length));
                *length = peer_length;
            }
            return socket;
        }
    }
}
