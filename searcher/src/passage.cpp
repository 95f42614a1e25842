#include "yrkesok/searcher/passage.h"

#include <algorithm>
#include <utility>

namespace yrkesok::search {

PassageWindow best_window(const WordMatches& matches, std::size_t length) {
    const std::size_t words = matches.words;
    const auto& matched = matches.matched;
    PassageWindow best;
    std::pair<std::size_t, std::size_t> best_score{0, 0};
    std::vector<char> seen(matches.term_count, 0);
    // The matched words inside the window are matched[inside, beyond); a window's start never
    // moves back, so neither bound does.
    std::size_t inside = 0;
    std::size_t beyond = 0;
    for (const std::uint32_t word : matched) {
        const std::size_t start = std::min<std::size_t>(word, words - length);
        while (matched[inside] < start) ++inside;
        while (beyond < matched.size() && matched[beyond] < start + length) ++beyond;
        std::size_t distinct = 0;
        for (std::size_t k = matches.offsets[inside]; k < matches.offsets[beyond]; ++k) {
            if (!seen[matches.terms[k]]) {
                seen[matches.terms[k]] = 1;
                ++distinct;
            }
        }
        for (std::size_t k = matches.offsets[inside]; k < matches.offsets[beyond]; ++k) {
            seen[matches.terms[k]] = 0;
        }
        const std::pair<std::size_t, std::size_t> score{distinct, beyond - inside};
        if (score > best_score) {
            best_score = score;
            best = {start, beyond - inside};
        }
    }
    return best;
}

}  // namespace yrkesok::search
