// Opens the shards of an index as one Xapian database: local databases by path (a plain
// database, or a generation directory whose XAPIANDB stub lists its shards) and remote ones
// served by xapian-tcpsrv, written "tcp://HOST:PORT". Xapian merges them: collection statistics
// (document count, lengths, term frequencies) are summed over all shards before weighting, so
// BM25 scores are those of the same documents in one database; document ids interleave
// (combined id = (shard id - 1) * shards + shard + 1), so nothing may rely on their order.
#pragma once

#include <xapian.h>

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace yrkesok::search {

struct ShardOpenOptions {
    unsigned remote_timeout_ms = 5000;          // per remote call
    unsigned remote_connect_timeout_ms = 2000;  // to connect to a remote shard
};

struct DatabaseSet {
    Xapian::Database db;
    bool remote = false;  // at least one shard is remote
};

// Throws std::invalid_argument naming a malformed location, Xapian::Error when a shard cannot
// be opened.
DatabaseSet open_database_set(const std::vector<std::string>& locations,
                              const ShardOpenOptions& options);

// Counts the documents matching `query` that carry each boolean term with `prefix`, keyed by
// the term without the prefix: facet counts without a match spy, which a remote shard
// (xapian-tcpsrv) cannot run because it only knows Xapian's own classes. Exact.
std::map<std::string, std::size_t> count_by_terms(const Xapian::Database& db,
                                                  const Xapian::Query& query,
                                                  std::string_view prefix);

}  // namespace yrkesok::search
