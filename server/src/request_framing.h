// Where one HTTP/1.1 request ends in the bytes a connection has received, decided before any
// worker runs the library's request handling, so that a worker only ever gets a request it
// can read without waiting on the client (connection_loop.h):
//
// - A head longer than allowed is refused with 431, and a Content-Length that is not a byte
//   count, or two that differ, with 400: the end of such a request cannot be known.
// - A body longer than allowed, or a chunked one (no route takes one, and its length is not
//   known before its end), is not read: the library gets the head alone, answers in the
//   route's own error shape (413, 400), and the connection is closed after that answer. The
//   library itself would first read and discard every byte the client sends.
// - A POST, PUT or PATCH without Content-Length has no body (RFC 9112 section 6.3; the library
//   would read until the client closes), and the "100 Continue" a client may wait for before
//   sending its body is sent by the loop.
// Heads end with CRLF CRLF; the library does not take bare LF line ends either.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace yrkesok::http {

struct FramingLimits {
    std::size_t max_head_bytes = 64 * 1024;
    std::size_t max_body_bytes = 64 * 1024;
};

struct Framing {
    enum class State { incomplete, ready, refused };
    State state = State::incomplete;
    // ready: the length of the request as the library is to read it, head and body, once its
    // head is edited (see frame_request); and whether the connection must close after the
    // answer, because a body the client sends was not read.
    std::size_t length = 0;
    bool close_after = false;
    // incomplete: the client asked to be told to send its body ("Expect: 100-continue").
    bool expects_continue = false;
    // refused: the answer to send before closing the connection.
    int status = 0;
    std::string code;
    std::string message;
};

// Frames the request at the start of `input` and, when it is ready, edits its head in place
// (an Expect line removed, "Content-Length: 0" added to a body method without a length), so
// that the library reads exactly `length` bytes.
Framing frame_request(std::string& input, const FramingLimits& limits);

// The whole HTTP answer for a refused request, closing the connection.
std::string refusal_text(const Framing& framing);

}  // namespace yrkesok::http
