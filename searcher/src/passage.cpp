#include "yrkesok/searcher/passage.h"

#include <algorithm>
#include <utility>

namespace yrkesok::search {

PassageWindow best_window(const WordMatches& matches, std::size_t length) {
    const std::size_t words = matches.words();
    PassageWindow best;
    std::pair<std::size_t, std::size_t> best_score{0, 0};
    std::vector<char> seen(matches.term_count, 0);
    for (std::size_t m = 0; m < words; ++m) {
        if (!matches.matched(m)) continue;
        const std::size_t start = std::min(m, words - length);
        std::size_t distinct = 0;
        std::size_t hits = 0;
        for (std::size_t i = start; i < start + length; ++i) {
            if (!matches.matched(i)) continue;
            ++hits;
            for (std::size_t k = matches.offsets[i]; k < matches.offsets[i + 1]; ++k) {
                if (!seen[matches.terms[k]]) {
                    seen[matches.terms[k]] = 1;
                    ++distinct;
                }
            }
        }
        for (std::size_t k = matches.offsets[start]; k < matches.offsets[start + length]; ++k) {
            seen[matches.terms[k]] = 0;
        }
        const std::pair<std::size_t, std::size_t> score{distinct, hits};
        if (score > best_score) {
            best_score = score;
            best = {start, hits};
        }
    }
    return best;
}

}  // namespace yrkesok::search
