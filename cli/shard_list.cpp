#include "shard_list.h"

#include <xapian.h>

#include "args.h"
#include "yrkesok/format/words.h"

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

void warn_if_lexicon_cannot_correct(const std::string& lexicon, std::ostream& err) {
    if (lexicon.empty()) return;
    try {
        if (format::has_spelling_table(Xapian::Database(lexicon))) return;
    } catch (const Xapian::Error&) {
        return;
    }
    err << "warning: --lexicon " << lexicon
        << " has no spelling table, so searches get no spelling corrections; give a copy of "
           "the index generation or its shard-0, which holds the whole table\n";
}

}  // namespace yrkesok::cli
