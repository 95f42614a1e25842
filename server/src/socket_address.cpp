#include "socket_address.h"

#include <arpa/inet.h>
#include <netinet/in.h>

namespace yrkesok::http {

Endpoint endpoint_of(const sockaddr_storage& address) {
    char text[INET6_ADDRSTRLEN] = {};
    Endpoint endpoint;
    if (address.ss_family == AF_INET) {
        const auto& in = reinterpret_cast<const sockaddr_in&>(address);
        inet_ntop(AF_INET, &in.sin_addr, text, sizeof text);
        endpoint.port = ntohs(in.sin_port);
    } else if (address.ss_family == AF_INET6) {
        const auto& in6 = reinterpret_cast<const sockaddr_in6&>(address);
        inet_ntop(AF_INET6, &in6.sin6_addr, text, sizeof text);
        endpoint.port = ntohs(in6.sin6_port);
    }
    endpoint.address = text;
    return endpoint;
}

Endpoint peer_of(int socket) {
    sockaddr_storage address{};
    socklen_t length = sizeof address;
    if (::getpeername(socket, reinterpret_cast<sockaddr*>(&address), &length) != 0) return {};
    return endpoint_of(address);
}

Endpoint local_of(int socket) {
    sockaddr_storage address{};
    socklen_t length = sizeof address;
    if (::getsockname(socket, reinterpret_cast<sockaddr*>(&address), &length) != 0) return {};
    return endpoint_of(address);
}

}  // namespace yrkesok::http
