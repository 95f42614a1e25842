#include "database_set.h"

#include <charconv>
#include <stdexcept>

namespace yrkesok::search {
namespace {

constexpr std::string_view kTcpScheme = "tcp://";

Xapian::Database open_remote(const std::string& location, const ShardOpenOptions& options) {
    const std::string_view rest = std::string_view(location).substr(kTcpScheme.size());
    const auto colon = rest.rfind(':');
    unsigned port = 0;
    const char* begin = colon == std::string_view::npos ? nullptr : rest.data() + colon + 1;
    const char* end = rest.data() + rest.size();
    if (colon == std::string_view::npos || colon == 0 ||
        std::from_chars(begin, end, port).ptr != end || port == 0 || port > 65535) {
        throw std::invalid_argument("shard \"" + location + "\": expected tcp://HOST:PORT");
    }
    return Xapian::Remote::open(std::string(rest.substr(0, colon)), port, options.remote_timeout_ms,
                                options.remote_connect_timeout_ms);
}

}  // namespace

DatabaseSet open_database_set(const std::vector<std::string>& locations,
                              const ShardOpenOptions& options) {
    if (locations.empty()) throw std::invalid_argument("no shard locations given");
    DatabaseSet set;
    for (const auto& location : locations) {
        if (location.starts_with(kTcpScheme)) {
            set.db.add_database(open_remote(location, options));
            set.remote = true;
        } else {
            if (location.empty()) throw std::invalid_argument("empty shard location");
            set.db.add_database(Xapian::Database(location));
        }
    }
    return set;
}

std::map<std::string, std::size_t> count_by_terms(const Xapian::Database& db,
                                                  const Xapian::Query& query,
                                                  std::string_view prefix) {
    std::map<std::string, std::size_t> counts;
    const std::string p(prefix);
    const Xapian::doccount all = db.get_doccount();
    Xapian::Enquire enquire(db);
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    for (auto t = db.allterms_begin(p); t != db.allterms_end(p); ++t) {
        enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, query, Xapian::Query(*t)));
        // With check_at_least = every document the count is exact, not an estimate.
        const auto n = enquire.get_mset(0, 0, all).get_matches_estimated();
        if (n > 0) counts[(*t).substr(p.size())] = n;
    }
    return counts;
}

}  // namespace yrkesok::search
