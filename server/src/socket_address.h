// The text form of a socket address, one helper for the connection gate (the client of each
// accepted connection) and the connection loop (both ends of a connection, once each).
#pragma once

#include <sys/socket.h>

#include <string>

namespace yrkesok::http {

struct Endpoint {
    std::string address;  // "127.0.0.1", "::1"; empty for a family other than IPv4 or IPv6
    int port = 0;
};

Endpoint endpoint_of(const sockaddr_storage& address);
// The remote and the local end of a connected socket; an empty Endpoint on failure.
Endpoint peer_of(int socket);
Endpoint local_of(int socket);

}  // namespace yrkesok::http
