// Parses the --shards option of search and serve: comma-separated shard locations.
#pragma once

#include <string>
#include <vector>

namespace yrkesok::cli {

// "a,tcp://h:1" -> {"a", "tcp://h:1"}; throws UsageError for an empty list or entry.
std::vector<std::string> split_shard_list(const std::string& list);

}  // namespace yrkesok::cli
