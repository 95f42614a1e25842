// The access log of `yrkesok serve --access-log FILE|-`: one JSON object per line and request,
//   {"time":"2026-12-03T16:45:01.123Z","method":"GET","path":"/api/search","status":200,
//    "bytes":1699,"us":523,"generation":"gen-000001"}
// `bytes` is the body as sent (after compression; 0 for HEAD), `us` the microseconds from
// routing to the last byte written, `generation` the index generation that answered (null for
// routes that do not read the index). The query string is left out, as visitors' searches can
// be personal, unless `log_queries` is set; then it is in "query".
//
// Thread-safe: each line is written and flushed under a lock, so lines never interleave.
#pragma once

#include <httplib.h>

#include <cstdio>
#include <mutex>
#include <string>
#include <string_view>

namespace yrkesok::http {

class AccessLog {
  public:
    // `path` "-" writes to standard output. Throws std::runtime_error naming the file when it
    // cannot be opened for appending.
    AccessLog(std::string path, bool log_queries);
    ~AccessLog();
    AccessLog(const AccessLog&) = delete;
    AccessLog& operator=(const AccessLog&) = delete;

    void write(const httplib::Request& req, const httplib::Response& res, double seconds,
               std::string_view generation);
    // Opens the file again, for log rotation (SIGHUP); keeps the old one when that fails.
    void reopen();

  private:
    std::string path_;
    bool log_queries_;
    std::mutex mutex_;
    std::FILE* file_ = nullptr;  // GUARDED_BY(mutex_)
};

}  // namespace yrkesok::http
