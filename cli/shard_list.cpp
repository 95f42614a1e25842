#include "shard_list.h"

#include "args.h"

namespace yrkesok::cli {

std::vector<std::string> split_shard_list(const std::string& list) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (true) {
        auto end = list.find(',', start);
        auto item = list.substr(start, end == std::string::npos ? end : end - start);
        if (item.empty()) throw UsageError("--shards: empty location in \"" + list + "\"");
        out.push_back(item);
        if (end == std::string::npos) break;
        start = end + 1;
    }
    return out;
}

}  // namespace yrkesok::cli
