// The --shards and --lexicon options of search and serve: comma-separated shard locations, and
// the local database whose spelling and synonym tables serve them.
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace yrkesok::cli {

// "a,tcp://h:1" -> {"a", "tcp://h:1"}; throws UsageError for an empty list or entry.
std::vector<std::string> split_shard_list(const std::string& list);

// Warns on `err` when the --lexicon database `lexicon` has no spelling table (another shard than
// shard-0 of a sharded generation): its searches would be given no corrections. A path that
// cannot be opened is left to the engine, which names it in its error.
void warn_if_lexicon_cannot_correct(const std::string& lexicon, std::ostream& err);

}  // namespace yrkesok::cli
