#include "request_framing.h"

#include <strings.h>

#include <charconv>
#include <nlohmann/json.hpp>
#include <optional>

namespace yrkesok::http {
namespace {

constexpr std::string_view kLineEnd = "\r\n";

bool same_name(std::string_view a, std::string_view b) {
    return a.size() == b.size() && strncasecmp(a.data(), b.data(), a.size()) == 0;
}

std::string_view trimmed(std::string_view value) {
    while (!value.empty() && (value.front() == ' ' || value.front() == '\t'))
        value.remove_prefix(1);
    while (!value.empty() && (value.back() == ' ' || value.back() == '\t')) value.remove_suffix(1);
    return value;
}

// The methods whose requests the library expects a body with.
bool has_body(std::string_view method) {
    return method == "POST" || method == "PUT" || method == "PATCH" || method == "PRI";
}

Framing refused(int status, std::string code, std::string message) {
    Framing framing;
    framing.state = Framing::State::refused;
    framing.status = status;
    framing.code = std::move(code);
    framing.message = std::move(message);
    return framing;
}

const char* reason(int status) {
    switch (status) {
        case 400:
            return "Bad Request";
        case 431:
            return "Request Header Fields Too Large";
        default:
            return "Error";
    }
}

}  // namespace

Framing frame_request(std::string& input, const FramingLimits& limits) {
    const std::size_t blank_line = input.find("\r\n\r\n");
    const std::size_t head_end = blank_line == std::string::npos ? input.size() : blank_line + 4;
    if (head_end > limits.max_head_bytes) {
        return refused(
            431, "request_header_fields_too_large",
            "the request head is longer than " + std::to_string(limits.max_head_bytes) + " bytes");
    }
    if (blank_line == std::string::npos) return {};

    // The header lines, each ending in CRLF, between the request line and the blank line.
    const std::string_view head(input.data(), blank_line + 2);
    const std::string_view method = head.substr(0, head.find(' '));
    std::optional<std::size_t> length;
    bool chunked = false;
    bool wants_continue = false;
    std::size_t expect_at = std::string::npos;
    std::size_t expect_size = 0;
    for (std::size_t line_start = head.find(kLineEnd) + 2; line_start < head.size();) {
        const std::size_t line_end = head.find(kLineEnd, line_start);
        const std::string_view line = head.substr(line_start, line_end - line_start);
        const std::size_t colon = line.find(':');
        if (colon != std::string_view::npos) {
            const std::string_view name = line.substr(0, colon);
            const std::string_view value = trimmed(line.substr(colon + 1));
            if (same_name(name, "Content-Length")) {
                std::size_t parsed = 0;
                const auto [end, error] =
                    std::from_chars(value.data(), value.data() + value.size(), parsed);
                if (value.empty() || error != std::errc() || end != value.data() + value.size()) {
                    return refused(400, "bad_request", "Content-Length is not a byte count");
                }
                if (length && *length != parsed) {
                    return refused(400, "bad_request", "two different Content-Length values");
                }
                length = parsed;
            } else if (same_name(name, "Transfer-Encoding")) {
                chunked = true;
            } else if (same_name(name, "Expect")) {
                expect_at = line_start;
                expect_size = line_end + 2 - line_start;
                wants_continue = same_name(value, "100-continue");
            }
        }
        line_start = line_end + 2;
    }
    // A body that will not be read: the library gets the head alone, and answers (413 past
    // the limit, 400 for a chunked body, each in its route's error shape) as if the body
    // ended there. The connection is closed after that answer.
    const bool body_unread = chunked || (length && *length > limits.max_body_bytes);
    const std::size_t body = body_unread ? 0 : length.value_or(0);
    if (!body_unread && input.size() - head_end < body) {
        Framing framing;
        framing.expects_continue = wants_continue;
        return framing;
    }

    std::size_t head_size = head_end;
    if (expect_at != std::string::npos) {  // the loop has answered it (or it is moot now)
        input.erase(expect_at, expect_size);
        head_size -= expect_size;
    }
    if (!length && !chunked && has_body(method)) {
        constexpr std::string_view kNoBody = "Content-Length: 0\r\n";
        input.insert(head_size - 2, kNoBody);
        head_size += kNoBody.size();
    }
    Framing framing;
    framing.state = Framing::State::ready;
    framing.length = head_size + body;
    framing.close_after = body_unread;
    return framing;
}

std::string refusal_text(const Framing& framing) {
    const std::string body =
        nlohmann::json{{"error", {{"code", framing.code}, {"message", framing.message}}}}.dump();
    return "HTTP/1.1 " + std::to_string(framing.status) + " " + reason(framing.status) +
           "\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: " +
           std::to_string(body.size()) + "\r\n\r\n" + body;
}

}  // namespace yrkesok::http
