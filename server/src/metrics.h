// Request counters and latency histograms for GET /metrics, in the Prometheus text format.
// Routes are a fixed, small set of labels (never the raw path: native_routes.h and each route
// set label them), so the series stay bounded.
//
// Thread-safe: record() takes a short lock.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <utility>

namespace yrkesok::http {

// The connection counters in the same format: refused by the gate (connection_gate.h), timed
// out by the loop's deadline (connection_loop.h).
std::string connection_metrics(std::uint64_t refused, std::uint64_t timed_out);
// Gauges of the engine pool: engines open, and requests waiting for one (engine_pool.h).
std::string engine_metrics(std::size_t engines, std::size_t waiting);

class Metrics {
  public:
    // Upper bounds of the latency buckets, in seconds (+Inf is implicit).
    static constexpr std::array<double, 12> kBuckets = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                        0.05,   0.1,   0.25,   0.5,   1.0,  2.5};

    void record(const std::string& route, int status, double seconds);

    // The whole exposition: requests, latency, and the index gauges given here.
    std::string prometheus_text(const std::string& generation, std::size_t documents) const;

  private:
    struct Histogram {
        std::array<std::uint64_t, kBuckets.size() + 1> counts{};  // last: above every bound
        double sum = 0;
        std::uint64_t count = 0;
    };

    mutable std::mutex mutex_;
    std::map<std::pair<std::string, int>, std::uint64_t> requests_;  // GUARDED_BY(mutex_)
    std::map<std::string, Histogram> latency_;                       // GUARDED_BY(mutex_)
};

}  // namespace yrkesok::http
