#include "access_log.h"

#include <cerrno>
#include <chrono>
#include <cstring>
#include <ctime>
#include <nlohmann/json.hpp>
#include <stdexcept>

namespace yrkesok::http {
namespace {

std::FILE* open_for_append(const std::string& path) {
    if (path == "-") return stdout;
    std::FILE* file = std::fopen(path.c_str(), "a");
    if (!file) {
        throw std::runtime_error("cannot open the access log " + path + ": " +
                                 std::strerror(errno) + " (check --access-log)");
    }
    return file;
}

// UTC with milliseconds, e.g. 2026-12-03T16:45:01.123Z.
std::string utc_now() {
    const auto now = std::chrono::system_clock::now();
    const std::time_t seconds = std::chrono::system_clock::to_time_t(now);
    const auto millis =
        std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() %
        1000;
    std::tm parts{};
    gmtime_r(&seconds, &parts);
    char date_time[32];
    std::strftime(date_time, sizeof date_time, "%Y-%m-%dT%H:%M:%S", &parts);
    char fraction[8];
    std::snprintf(fraction, sizeof fraction, ".%03dZ", static_cast<int>(millis));
    return std::string(date_time) + fraction;
}

}  // namespace

AccessLog::AccessLog(std::string path, bool log_queries)
    : path_(std::move(path)), log_queries_(log_queries), file_(open_for_append(path_)) {}

AccessLog::~AccessLog() {
    if (file_ && file_ != stdout) std::fclose(file_);
}

void AccessLog::write(const httplib::Request& req, const httplib::Response& res, double seconds,
                      std::string_view generation) {
    nlohmann::ordered_json line;
    line["time"] = utc_now();
    line["method"] = req.method;
    line["path"] = req.path;
    if (log_queries_) {
        const auto question = req.target.find('?');
        line["query"] = question == std::string::npos ? "" : req.target.substr(question + 1);
    }
    line["status"] = res.status;
    line["bytes"] = req.method == "HEAD" ? 0 : res.body.size();
    line["us"] = static_cast<long long>(seconds * 1e6);
    line["generation"] = generation.empty() ? nlohmann::ordered_json(nullptr)
                                            : nlohmann::ordered_json(std::string(generation));
    const std::string text =
        line.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
    std::lock_guard lock(mutex_);
    std::fwrite(text.data(), 1, text.size(), file_);
    std::fflush(file_);
}

void AccessLog::reopen() {
    if (path_ == "-") return;
    std::FILE* fresh = std::fopen(path_.c_str(), "a");
    if (!fresh) return;
    std::lock_guard lock(mutex_);
    std::fclose(file_);
    file_ = fresh;
}

}  // namespace yrkesok::http
