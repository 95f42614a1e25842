// Child processes and raw loopback sockets for the tests that run bin/yrkesok: a `yrkesok`
// subprocess with its stdout on a pipe, killed if still running when the handle goes away; a
// served index directory built from a corpus file; and a minimal HTTP/1.1 client over a plain
// socket that sends exactly the bytes it is given.
#pragma once

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "pattern.h"

extern char** environ;

namespace yrkesok::testing {

inline const std::filesystem::path kYrkesokBinary =
    std::filesystem::path(YRKESOK_BINARY_DIR) / "bin/yrkesok";

class ChildProcess {
  public:
    // Starts bin/yrkesok with `args`; `extra_env` entries ("NAME=value") replace or join ours.
    // stderr goes to /dev/null with `quiet_stderr`, into the stdout pipe (read_line) with
    // `stderr_to_pipe`, else to ours.
    explicit ChildProcess(std::vector<std::string> args, std::vector<std::string> extra_env = {},
                          bool quiet_stderr = false, bool stderr_to_pipe = false) {
        int fds[2];
        if (pipe(fds) != 0) throw std::runtime_error("pipe failed");
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO);
        posix_spawn_file_actions_addclose(&actions, fds[0]);
        if (quiet_stderr) {
            posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
        } else if (stderr_to_pipe) {
            posix_spawn_file_actions_adddup2(&actions, fds[1], STDERR_FILENO);
        }
        args.insert(args.begin(), kYrkesokBinary.string());
        std::vector<char*> argv;
        for (auto& arg : args) argv.push_back(arg.data());
        argv.push_back(nullptr);
        std::vector<std::string> env_strings;
        for (char** e = environ; *e; ++e) {
            const std::string entry = *e;
            const auto name = entry.substr(0, entry.find('=') + 1);
            bool overridden = false;
            for (const auto& extra : extra_env) overridden |= extra.rfind(name, 0) == 0;
            if (!overridden) env_strings.push_back(entry);
        }
        for (auto& e : extra_env) env_strings.push_back(e);
        std::vector<char*> envp;
        for (auto& e : env_strings) envp.push_back(e.data());
        envp.push_back(nullptr);
        const int error =
            posix_spawn(&pid_, kYrkesokBinary.c_str(), &actions, nullptr, argv.data(), envp.data());
        posix_spawn_file_actions_destroy(&actions);
        close(fds[1]);
        out_ = fds[0];
        if (error != 0) throw std::runtime_error("cannot start " + kYrkesokBinary.string());
    }
    ~ChildProcess() {
        if (pid_ > 0) {
            kill(pid_, SIGKILL);
            waitpid(pid_, nullptr, 0);
        }
        close(out_);
    }
    ChildProcess(const ChildProcess&) = delete;
    ChildProcess& operator=(const ChildProcess&) = delete;

    pid_t pid() const { return pid_; }

    // The next line of stdout, waiting up to `seconds`; "" on timeout or end of output.
    std::string read_line(int seconds) {
        std::string line;
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
        while (std::chrono::steady_clock::now() < deadline) {
            pollfd fd{out_, POLLIN, 0};
            if (poll(&fd, 1, 100) <= 0) continue;
            char c = 0;
            if (read(out_, &c, 1) != 1) break;
            if (c == '\n') return line;
            line += c;
        }
        return line;
    }
    void signal(int number) const {
        if (pid_ > 0) kill(pid_, number);
    }
    // True while the process has not exited.
    bool running() {
        if (pid_ <= 0) return false;
        int status = 0;
        if (waitpid(pid_, &status, WNOHANG) == pid_) {
            pid_ = -1;
            status_ = status;
            return false;
        }
        return true;
    }
    // The exit status, or -1 if it did not exit normally within `seconds` (or was killed).
    int wait_exit(int seconds) {
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
        while (std::chrono::steady_clock::now() < deadline) {
            if (!running()) return WIFEXITED(status_) ? WEXITSTATUS(status_) : -1;
            usleep(10000);
        }
        return -1;
    }
    // The resident set size in KiB from /proc/PID/status (VmRSS), 0 when unreadable.
    std::size_t rss_kib() const {
        std::ifstream in("/proc/" + std::to_string(pid_) + "/status");
        std::string line;
        while (std::getline(in, line)) {
            if (line.rfind("VmRSS:", 0) == 0) return std::stoul(line.substr(6));
        }
        return 0;
    }

  private:
    pid_t pid_ = -1;
    int out_ = -1;
    int status_ = 0;
};

// Reads `yrkesok serve`'s start line and returns the port it names, 0 if none came.
inline int read_serve_port(ChildProcess& child, int seconds = 60) {
    const std::string line = child.read_line(seconds);
    const auto match = Pattern(R"(listening on http://127\.0\.0\.1:(\d+))").first_match(line);
    return match ? std::stoi((*match)[1]) : 0;
}

// A plain TCP connection to 127.0.0.1:port. Closed on destruction.
class RawConnection {
  public:
    // `receive_buffer_bytes` (when not 0) shrinks the socket's receive buffer, and so the
    // window the server may fill before it must wait for this client to read.
    explicit RawConnection(int port, int receive_buffer_bytes = 0) {
        fd_ = socket(AF_INET, SOCK_STREAM, 0);
        if (fd_ < 0) throw std::runtime_error("socket failed");
        if (receive_buffer_bytes > 0) {
            setsockopt(fd_, SOL_SOCKET, SO_RCVBUF, &receive_buffer_bytes,
                       sizeof receive_buffer_bytes);
        }
        int yes = 1;
        setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &yes, sizeof yes);
        // A peer that stops reading must not block a test forever.
        timeval send_timeout{15, 0};
        setsockopt(fd_, SOL_SOCKET, SO_SNDTIMEO, &send_timeout, sizeof send_timeout);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_port = htons(static_cast<std::uint16_t>(port));
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        if (connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
            close(fd_);
            fd_ = -1;
        }
    }
    ~RawConnection() {
        if (fd_ >= 0) close(fd_);
    }
    RawConnection(const RawConnection&) = delete;
    RawConnection& operator=(const RawConnection&) = delete;

    bool connected() const { return fd_ >= 0; }
    int fd() const { return fd_; }

    // Sends all of `bytes`; false if the peer closed or reset the connection first.
    bool send_all(std::string_view bytes) {
        while (!bytes.empty()) {
            auto sent = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
            if (sent <= 0) return false;
            bytes.remove_prefix(static_cast<std::size_t>(sent));
        }
        return true;
    }

    // Half-closes the connection: the peer reads end-of-file after what was sent.
    void finish_sending() { ::shutdown(fd_, SHUT_WR); }

    // Reads until the peer closes, a whole response (headers + Content-Length body) arrived,
    // or `timeout_ms` passes without data. Returns what was read.
    std::string read_response(int timeout_ms) {
        std::string data;
        char buffer[16384];
        while (true) {
            if (auto end = complete_length(data)) {
                data.resize(*end);
                return data;
            }
            pollfd fd{fd_, POLLIN, 0};
            if (poll(&fd, 1, timeout_ms) <= 0) return data;
            auto got = ::recv(fd_, buffer, sizeof buffer, 0);
            if (got <= 0) return data;
            data.append(buffer, static_cast<std::size_t>(got));
        }
    }

    // True when the peer closed the connection (or reset it) within `timeout_ms`.
    bool closed_by_peer(int timeout_ms) {
        char buffer[4096];
        const auto deadline =
            std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
        while (std::chrono::steady_clock::now() < deadline) {
            pollfd fd{fd_, POLLIN, 0};
            if (poll(&fd, 1, 100) <= 0) continue;
            if (::recv(fd_, buffer, sizeof buffer, 0) <= 0) return true;
        }
        return false;
    }

  private:
    static std::optional<std::size_t> complete_length(const std::string& data) {
        auto header_end = data.find("\r\n\r\n");
        if (header_end == std::string::npos) return std::nullopt;
        std::size_t length = 0;
        static const Pattern content_length(R"(\r\n[Cc]ontent-[Ll]ength:\s*(\d+))");
        const std::string head = data.substr(0, header_end);
        if (auto match = content_length.first_match(head)) length = std::stoul((*match)[1]);
        if (data.size() < header_end + 4 + length) return std::nullopt;
        return header_end + 4 + length;
    }

    int fd_ = -1;
};

// The status code of an HTTP response's first line, 0 when there is none.
inline int status_of(const std::string& response) {
    if (response.rfind("HTTP/1.", 0) != 0 || response.size() < 12) return 0;
    return std::atoi(response.c_str() + 9);
}

// The body of a complete response.
inline std::string body_of(const std::string& response) {
    auto end = response.find("\r\n\r\n");
    return end == std::string::npos ? std::string() : response.substr(end + 4);
}

// One request on a fresh connection with "Connection: close"; returns the whole response.
inline std::string http_get(int port, const std::string& target, int timeout_ms = 30000) {
    RawConnection connection(port);
    if (!connection.connected()) return {};
    connection.send_all("GET " + target +
                        " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    return connection.read_response(timeout_ms);
}

}  // namespace yrkesok::testing
