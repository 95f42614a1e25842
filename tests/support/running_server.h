// An HttpServer serving on an ephemeral port of 127.0.0.1 on a thread of its own for the
// lifetime of the object, and a client for it.
#pragma once

#include <httplib.h>

#include <memory>
#include <thread>
#include <utility>

#include "yrkesok/server/http_server.h"

namespace yrkesok::testing {

class RunningServer {
  public:
    explicit RunningServer(http::HttpServerOptions options)
        : server_(std::make_unique<http::HttpServer>(std::move(options))) {
        server_->bind();
        thread_ = std::thread([this] { server_->run(); });
    }
    ~RunningServer() {
        server_->stop();
        thread_.join();
    }
    RunningServer(const RunningServer&) = delete;
    RunningServer& operator=(const RunningServer&) = delete;

    http::HttpServer& server() { return *server_; }
    httplib::Client client() const {
        httplib::Client client("127.0.0.1", server_->port());
        client.set_connection_timeout(5);
        client.set_read_timeout(10);
        return client;
    }

  private:
    std::unique_ptr<http::HttpServer> server_;
    std::thread thread_;
};

}  // namespace yrkesok::testing
