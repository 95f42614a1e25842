#include "metrics.h"

#include <sstream>
#include <string_view>

namespace yrkesok::http {
namespace {

// Label values are ours except the generation, which comes from a directory name.
std::string escape_label(const std::string& value) {
    std::string out;
    for (char c : value) {
        if (c == '\\' || c == '"') out += '\\';
        if (c == '\n') {
            out += "\\n";
            continue;
        }
        out += c;
    }
    return out;
}

}  // namespace

std::string connection_metrics(std::uint64_t refused, std::uint64_t timed_out) {
    std::ostringstream out;
    out << "# HELP yrkesok_http_connections_refused_total Connections answered 429 because "
           "their address held too many.\n"
        << "# TYPE yrkesok_http_connections_refused_total counter\n"
        << "yrkesok_http_connections_refused_total " << refused << "\n"
        << "# HELP yrkesok_http_connections_timed_out_total Connections shut down for not "
           "completing a request within the request deadline.\n"
        << "# TYPE yrkesok_http_connections_timed_out_total counter\n"
        << "yrkesok_http_connections_timed_out_total " << timed_out << "\n";
    return out.str();
}

std::string engine_metrics(std::size_t engines, std::size_t waiting) {
    std::ostringstream out;
    out << "# HELP yrkesok_search_engines Search engines open (at most --concurrent-searches).\n"
        << "# TYPE yrkesok_search_engines gauge\n"
        << "yrkesok_search_engines " << engines << "\n"
        << "# HELP yrkesok_searches_waiting Requests waiting for a search engine.\n"
        << "# TYPE yrkesok_searches_waiting gauge\n"
        << "yrkesok_searches_waiting " << waiting << "\n";
    return out.str();
}

void Metrics::record(const std::string& route, int status, double seconds) {
    std::size_t bucket = 0;
    while (bucket < kBuckets.size() && seconds > kBuckets[bucket]) ++bucket;
    std::lock_guard lock(mutex_);
    ++requests_[{route, status}];
    auto& histogram = latency_[route];
    ++histogram.counts[bucket];
    histogram.sum += seconds;
    ++histogram.count;
}

std::string Metrics::prometheus_text(const std::string& generation, std::size_t documents) const {
    std::ostringstream out;
    out << "# HELP yrkesok_http_requests_total HTTP requests by route and status.\n"
           "# TYPE yrkesok_http_requests_total counter\n";
    std::lock_guard lock(mutex_);
    for (const auto& [key, count] : requests_) {
        out << "yrkesok_http_requests_total{route=\"" << escape_label(key.first) << "\",status=\""
            << key.second << "\"} " << count << "\n";
    }
    out << "# HELP yrkesok_http_request_duration_seconds Time from routing to response.\n"
           "# TYPE yrkesok_http_request_duration_seconds histogram\n";
    for (const auto& [route, histogram] : latency_) {
        const std::string label = "route=\"" + escape_label(route) + "\"";
        std::uint64_t cumulative = 0;
        for (std::size_t i = 0; i < kBuckets.size(); ++i) {
            cumulative += histogram.counts[i];
            out << "yrkesok_http_request_duration_seconds_bucket{" << label << ",le=\""
                << kBuckets[i] << "\"} " << cumulative << "\n";
        }
        out << "yrkesok_http_request_duration_seconds_bucket{" << label << ",le=\"+Inf\"} "
            << histogram.count << "\n"
            << "yrkesok_http_request_duration_seconds_sum{" << label << "} " << histogram.sum
            << "\n"
            << "yrkesok_http_request_duration_seconds_count{" << label << "} " << histogram.count
            << "\n";
    }
    out << "# HELP yrkesok_index_info The index generation in service (value always 1).\n"
           "# TYPE yrkesok_index_info gauge\n"
        << "yrkesok_index_info{generation=\"" << escape_label(generation) << "\"} 1\n"
        << "# HELP yrkesok_index_documents Documents in the index generation in service.\n"
           "# TYPE yrkesok_index_documents gauge\n"
        << "yrkesok_index_documents " << documents << "\n";
    return out.str();
}

}  // namespace yrkesok::http
