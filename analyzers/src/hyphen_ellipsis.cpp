#include "hyphen_ellipsis.h"

#include <algorithm>

namespace yrkesok::analyzers::detail {
namespace {

void add_unique(std::vector<std::string>& v, std::string s) {
    if (!s.empty() && std::find(v.begin(), v.end(), s) == v.end()) v.push_back(std::move(s));
}

bool links(const EllipsisWord& w) {
    return w.trailing_hyphen || w.conjunction;
}

}  // namespace

bool HyphenEllipsis::is_conjunction(const std::string& w) {
    return w == "og" || w == "eller" || w == "samt" || w == "and";
}

std::vector<Expansion> HyphenEllipsis::expand(const std::vector<EllipsisWord>& words) {
    std::vector<Expansion> out;
    const std::size_t n = words.size();
    for (std::size_t i = 0; i < n; ++i) {
        const EllipsisWord& w = words[i];
        Expansion e;
        e.word = i;
        if (w.trailing_hyphen && !w.conjunction) {
            std::size_t k = i + 1;
            while (k < n && words[k].list_gap_before && links(words[k])) ++k;
            if (k < n && words[k].list_gap_before && words[k].head_start != std::string::npos) {
                for (const std::string& head : words[k].head_forms) {
                    add_unique(e.terms, w.surface + head);
                    add_unique(e.parts, head);
                }
                e.completed_by = k;
            }
        }
        if (w.leading_hyphen && w.list_gap_before && i > 0) {
            std::size_t k = i - 1;
            while (k > 0 && (words[k].conjunction || words[k].leading_hyphen) &&
                   words[k].list_gap_before) {
                --k;
            }
            const EllipsisWord& first = words[k];
            if (first.head_start != std::string::npos && !first.conjunction &&
                !first.leading_hyphen) {
                const std::string modifier = first.surface.substr(0, first.head_start);
                for (const std::string& form : w.forms) add_unique(e.terms, modifier + form);
            }
        }
        if (!e.terms.empty()) out.push_back(std::move(e));
    }
    return out;
}

}  // namespace yrkesok::analyzers::detail
