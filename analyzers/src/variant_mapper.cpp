#include "variant_mapper.h"

#include <algorithm>
#include <array>

namespace yrkesok::analyzers::detail {
namespace {

enum class Anchor { prefix, suffix, anywhere };

// One spelling correspondence, written nynorsk -> bokmål; applied in reverse for nb -> nn.
struct Rule {
    std::string_view nn;
    std::string_view nb;
    Anchor anchor;
};

// Ordered longest-first where rules overlap (-leggjar before -ar).
constexpr std::array<Rule, 26> kRules = {{
    {"leggjar", "legger", Anchor::suffix},
    {"leggje", "legge", Anchor::suffix},
    {"ggj", "gg", Anchor::anywhere},
    {"kkj", "kk", Anchor::anywhere},
    {"iar", "ier", Anchor::suffix},
    {"ar", "er", Anchor::suffix},
    {"arar", "ere", Anchor::suffix},
    {"ande", "ende", Anchor::suffix},
    {"heit", "het", Anchor::suffix},
    {"leik", "lighet", Anchor::suffix},
    {"semd", "somhet", Anchor::suffix},
    {"sjuk", "syk", Anchor::anywhere},
    {"røyr", "rør", Anchor::anywhere},
    {"kvit", "hvit", Anchor::anywhere},
    {"kv", "hv", Anchor::prefix},
    {"kyrkj", "kirk", Anchor::anywhere},
    {"heim", "hjem", Anchor::anywhere},
    {"høg", "høy", Anchor::anywhere},
    {"tenest", "tjenest", Anchor::anywhere},
    {"tene", "tjene", Anchor::anywhere},
    {"verk", "virk", Anchor::prefix},
    {"golv", "gulv", Anchor::anywhere},
    {"mjølk", "melk", Anchor::anywhere},
    {"vatn", "vann", Anchor::anywhere},
    {"fyr", "før", Anchor::prefix},
    {"ikkje", "ikke", Anchor::anywhere},
}};

void apply(const Rule& r, Direction dir, const std::string& word, std::vector<std::string>& out) {
    const std::string_view from = dir == Direction::nn_to_nb ? r.nn : r.nb;
    const std::string_view to = dir == Direction::nn_to_nb ? r.nb : r.nn;
    if (from == to || from.empty() || word.size() < from.size()) return;
    auto add = [&](std::size_t at) {
        std::string c = word;
        c.replace(at, from.size(), to);
        if (c.size() >= 2 && std::find(out.begin(), out.end(), c) == out.end()) {
            out.push_back(std::move(c));
        }
    };
    switch (r.anchor) {
        case Anchor::prefix:
            if (word.compare(0, from.size(), from) == 0) add(0);
            break;
        case Anchor::suffix:
            if (word.compare(word.size() - from.size(), from.size(), from) == 0) {
                add(word.size() - from.size());
            }
            break;
        case Anchor::anywhere:
            for (std::size_t at = word.find(from); at != std::string::npos;
                 at = word.find(from, at + 1)) {
                add(at);
            }
            break;
    }
}

}  // namespace

std::vector<std::string> VariantMapper::candidates(std::string_view lemma, Direction dir) {
    constexpr std::size_t kMaxCandidates = 96;
    std::vector<std::string> out{std::string(lemma)};
    for (const Rule& r : kRules) {
        const std::size_t n = out.size();
        for (std::size_t i = 0; i < n && out.size() < kMaxCandidates; ++i) {
            const std::string w = out[i];
            apply(r, dir, w, out);
        }
    }
    out.erase(out.begin());
    return out;
}

std::vector<std::string> VariantMapper::variants(std::string_view lemma, Direction dir,
                                                 const LemmaCheck& is_target_lemma) const {
    const WordList& target = dir == Direction::nn_to_nb ? nb_ : nn_;
    std::vector<std::string> out;
    for (std::string& c : candidates(lemma, dir)) {
        if (out.size() >= 3) break;
        if (!target.contains(c)) continue;
        if (is_target_lemma && !is_target_lemma(c)) continue;
        out.push_back(std::move(c));
    }
    return out;
}

}  // namespace yrkesok::analyzers::detail
