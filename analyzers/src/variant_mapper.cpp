#include "variant_mapper.h"

#include <algorithm>
#include <array>
#include <unordered_set>

namespace yrkesok::analyzers::detail {
namespace {

enum class Anchor { prefix, suffix, anywhere };

// One spelling correspondence, written nynorsk -> bokmål; applied in reverse for nb -> nn.
struct Rule {
    std::string_view nn;
    std::string_view nb;
    Anchor anchor;
};

// Correspondences that hold wherever they match (suffixes of word formation, whole stems).
// Ordered longest-first where rules overlap (-leggjar before -ar).
constexpr std::array<Rule, 33> kRules = {{
    {"leggjar", "legger", Anchor::suffix}, {"leggje", "legge", Anchor::suffix},
    {"ggj", "gg", Anchor::anywhere},       {"kkj", "kk", Anchor::anywhere},
    {"iar", "ier", Anchor::suffix},        {"ar", "er", Anchor::suffix},
    {"arar", "ere", Anchor::suffix},       {"ande", "ende", Anchor::suffix},
    {"heit", "het", Anchor::suffix},       {"leik", "lighet", Anchor::suffix},
    {"leik", "het", Anchor::suffix},       {"leg", "lig", Anchor::suffix},
    {"semd", "somhet", Anchor::suffix},    {"sking", "skning", Anchor::suffix},
    {"stad", "sted", Anchor::suffix},      {"sjuk", "syk", Anchor::anywhere},
    {"røyr", "rør", Anchor::anywhere},     {"kvit", "hvit", Anchor::anywhere},
    {"kv", "hv", Anchor::prefix},          {"kyrkj", "kirk", Anchor::anywhere},
    {"heim", "hjem", Anchor::anywhere},    {"høg", "høy", Anchor::anywhere},
    {"hamn", "havn", Anchor::anywhere},    {"sjølv", "selv", Anchor::anywhere},
    {"gjev", "giv", Anchor::anywhere},     {"tenest", "tjenest", Anchor::anywhere},
    {"tene", "tjene", Anchor::anywhere},   {"verk", "virk", Anchor::prefix},
    {"golv", "gulv", Anchor::anywhere},    {"mjølk", "melk", Anchor::anywhere},
    {"vatn", "vann", Anchor::anywhere},    {"fyr", "før", Anchor::prefix},
    {"ikkje", "ikke", Anchor::anywhere},
}};

// Sound correspondences that hold in many words but would also turn one word into another
// (bok -> buk) if applied freely: a candidate made with one of them is accepted only when the
// caller allows it (VariantMapper::SoundChanges), and only one such variant per word (see
// variant_mapper.h for what was tried and dropped).
constexpr std::array<Rule, 9> kSoundChanges = {{
    {"au", "ø", Anchor::anywhere},
    {"au", "øy", Anchor::anywhere},
    {"øy", "ø", Anchor::anywhere},
    {"ju", "y", Anchor::anywhere},
    {"kje", "ke", Anchor::suffix},
    {"kjar", "ker", Anchor::suffix},
    {"gje", "ge", Anchor::suffix},
    {"n", "nn", Anchor::suffix},
    {"t", "tt", Anchor::suffix},
}};

constexpr std::size_t kMaxCandidates = 96;
constexpr std::size_t kMinStemBytes = 3;
constexpr std::size_t kMaxAllCandidates = 1024;

// Adds to `out` each spelling `r` makes of `word`, marked as made by a sound change or not.
void apply(const Rule& r, Direction dir, const std::string& word, bool sound_change,
           std::vector<VariantMapper::Candidate>& out, std::unordered_set<std::string>& seen) {
    const std::string_view from = dir == Direction::nn_to_nb ? r.nn : r.nb;
    const std::string_view to = dir == Direction::nn_to_nb ? r.nb : r.nn;
    if (from == to || from.empty() || word.size() < from.size()) return;
    auto add = [&](std::size_t at) {
        std::string c = word;
        c.replace(at, from.size(), to);
        if (c.size() < 2 || !seen.insert(c).second) return;
        out.push_back({std::move(c), sound_change});
    };
    switch (r.anchor) {
        case Anchor::prefix:
            if (word.compare(0, from.size(), from) == 0) add(0);
            break;
        case Anchor::suffix:
            // An ending needs a stem before it: "het" and "per" are words, not endings.
            if (word.size() >= from.size() + kMinStemBytes &&
                word.compare(word.size() - from.size(), from.size(), from) == 0) {
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

std::vector<VariantMapper::Candidate> VariantMapper::candidates(std::string_view lemma,
                                                                Direction dir) {
    std::vector<Candidate> out{{std::string(lemma), false}};
    std::unordered_set<std::string> seen{std::string(lemma)};
    // Every combination of the regular rules, then one sound change on any of them.
    for (const Rule& r : kRules) {
        const std::size_t n = out.size();
        for (std::size_t i = 0; i < n && out.size() < kMaxCandidates; ++i) {
            const std::string w = out[i].text;
            apply(r, dir, w, false, out, seen);
        }
    }
    const std::size_t regular = out.size();
    for (std::size_t i = 0; i < regular; ++i) {
        for (const Rule& r : kSoundChanges) {
            if (out.size() >= kMaxAllCandidates) break;
            const std::string w = out[i].text;
            apply(r, dir, w, true, out, seen);
        }
    }
    out.erase(out.begin());
    return out;
}

std::vector<std::string> VariantMapper::variants(std::string_view lemma, Direction dir,
                                                 const BaseFormCheck& is_target_base_form,
                                                 SoundChanges sound_changes) const {
    const WordList& target = dir == Direction::nn_to_nb ? nb_ : nn_;
    bool sound_change_allowed = sound_changes == SoundChanges::allowed;
    std::vector<std::string> out;
    for (Candidate& c : candidates(lemma, dir)) {
        if (out.size() >= 3) break;
        if (c.sound_change && !sound_change_allowed) continue;
        if (!target.contains(c.text)) continue;
        if (is_target_base_form && !is_target_base_form(c.text)) continue;
        out.push_back(std::move(c.text));
        // One sound-change variant at most: the first rule's that reaches a base form.
        if (c.sound_change) sound_change_allowed = false;
    }
    return out;
}

}  // namespace yrkesok::analyzers::detail
