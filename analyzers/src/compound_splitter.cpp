#include "compound_splitter.h"

#include <algorithm>
#include <array>

#include "yrkesok/analyzers/utf8.h"

namespace yrkesok::analyzers::detail {
namespace {

// Words that are prefixes or particles rather than modifiers of a compound.
constexpr std::array<std::string_view, 41> kBlockedModifiers = {
    "end", "for",  "fore", "be",    "ved",   "til",  "fra",   "med",  "mot",  "opp", "ut",
    "inn", "av",   "over", "under", "etter", "gjen", "bak",   "om",   "på",   "sam", "mis",
    "all", "ikke", "der",  "her",   "som",   "men",  "mer",   "mest", "selv", "van", "and",
    "ent", "ene",  "til",  "fram",  "frem",  "uten", "innen", "ant"};

// Heads that are derivational suffixes or inflection endings which are also listed as words.
constexpr std::array<std::string_view, 40> kBlockedHeads = {
    "ing",  "inger", "ingen", "het",  "heten", "lig",  "lige", "ene",  "ens",   "ere",
    "erne", "ers",   "ert",   "ist",  "isk",   "iske", "skap", "dom",  "aktig", "else",
    "ende", "ent",   "ant",   "ører", "ning",  "ner",  "ane",  "arar", "arane", "are",
    "ast",  "este",  "ets",   "ande", "ars",   "anes", "ler",  "lar",  "rane",  "rer"};

// Derivational endings: a head must hold such an ending plus a stem of 3+ letters, so
// automatisering is not split as automatise|ring.
constexpr std::array<std::string_view, 14> kSuffixes = {"ering", "ing",  "else", "het",  "heit",
                                                        "skap",  "sjon", "ist",  "isk",  "iske",
                                                        "ende",  "ande", "lig",  "aktig"};

bool head_eats_suffix(std::string_view word, std::string_view head) {
    for (const std::string_view s : kSuffixes) {
        if (word.ends_with(s) && head.size() < s.size() + 3) return true;
    }
    return false;
}

// Nouns made with these suffixes take a linking -s- and begin compounds freely (stillingsannonse,
// sikkerhetsrutine, reklamasjonssak), but hunspell makes most of them with suffix rules: they
// are no entries of their own and carry no flag.
constexpr std::array<std::string_view, 6> kLinkingSSuffixes = {"ing",  "else", "het",
                                                               "heit", "skap", "sjon"};

template <std::size_t N>
bool in(const std::array<std::string_view, N>& list, std::string_view w) {
    return std::find(list.begin(), list.end(), w) != list.end();
}

bool takes_linking_s(std::string_view stem) {
    return std::any_of(kLinkingSSuffixes.begin(), kLinkingSSuffixes.end(), [&](std::string_view s) {
        return stem.size() >= s.size() + 3 && stem.ends_with(s);
    });
}

struct Best {
    int parts = -1;  // -1: no segmentation of this suffix
    long score = 0;
    int linkers = 0;
    std::size_t piece_end = 0;  // code point index where the first piece ends
    std::size_t next = 0;       // code point index where the rest starts
};

bool better(int parts, long score, int linkers, const Best& b) {
    if (b.parts < 0) return true;
    if (parts != b.parts) return parts < b.parts;
    if (score != b.score) return score > b.score;
    return linkers < b.linkers;
}

}  // namespace

CompoundSplit CompoundSplitter::split(std::string_view word, const KeepWhole& keep_whole) const {
    CompoundSplit out;
    split_into(word, 0, keep_whole, out);
    return out;
}

bool CompoundSplitter::may_begin_compound(std::string_view modifier, int depth) const {
    // The entry, or the entry with its linking letter: "operasjons", "barne"; or a derived noun
    // with its linking -s: "stillings".
    auto flagged = [&](std::string_view m) {
        if (modifiers_.contains(m)) return true;
        if (!m.ends_with('s') && !m.ends_with('e')) return false;
        const std::string_view stem = m.substr(0, m.size() - 1);
        return modifiers_.contains(stem) || (m.ends_with('s') && takes_linking_s(stem));
    };
    if (flagged(modifier)) return true;
    // A compound begins compounds as its head does: the dictionary flags few compounds
    // (anleggsmaskin has no flag, maskin has), so anleggsmaskinfører is anleggsmaskin|fører.
    const std::vector<std::string_view> pieces = segment(modifier, depth + 1);
    return !pieces.empty() && flagged(pieces.back());
}

std::vector<std::string_view> CompoundSplitter::segment(std::string_view word, int depth) const {
    if (depth > 3) return {};
    std::vector<std::size_t> cps;  // byte offset of each code point, plus the end
    for (std::size_t i = 0; i < word.size(); ++i) {
        const auto b = static_cast<unsigned char>(word[i]);
        if ((b & 0xC0) != 0x80) cps.push_back(i);
        if (b < 0x80 && !(b >= 'a' && b <= 'z')) return {};  // digits, hyphens, dots
    }
    cps.push_back(word.size());
    const std::size_t n = cps.size() - 1;
    if (n < kMinWord) return {};
    auto piece = [&](std::size_t i, std::size_t j) { return word.substr(cps[i], cps[j] - cps[i]); };
    // The dictionary knows this word: only its own compound flags may cut it (see the header).
    const bool known = words_.contains(word);

    std::vector<Best> best(n + 1);
    best[n].parts = 0;
    for (std::size_t i = n - kMinPart + 1; i-- > 0;) {
        Best& b = best[i];
        for (std::size_t j = i + kMinPart; j <= n; ++j) {
            const std::string_view p = piece(i, j);
            const long len = static_cast<long>(j - i);
            if (j == n) {
                if (i == 0 || in(kBlockedHeads, p) || head_eats_suffix(word, p) ||
                    !words_.contains(p)) {
                    continue;
                }
                if (better(1, len * len, 0, b)) b = {1, len * len, 0, j, j};
                continue;
            }
            if (in(kBlockedModifiers, p) || !words_.contains(p)) continue;
            const bool may_begin = !known || may_begin_compound(p, depth);
            for (int link = 0; link <= 1; ++link) {
                const std::size_t next = j + static_cast<std::size_t>(link);
                if (next >= n || best[next].parts < 1) continue;
                if (link == 1 && word[cps[j]] != 's' && word[cps[j]] != 'e') continue;
                const bool linking_s = link == 1 && word[cps[j]] == 's';
                if (!may_begin && !(linking_s && takes_linking_s(p))) continue;
                const Best& rest = best[next];
                const int parts = rest.parts + 1;
                const long score = rest.score + len * len;
                const int linkers = rest.linkers + link;
                if (better(parts, score, linkers, b)) b = {parts, score, linkers, j, next};
            }
        }
    }
    if (best[0].parts < 2) return {};
    std::vector<std::string_view> pieces;
    for (std::size_t i = 0; i < n; i = best[i].next) pieces.push_back(piece(i, best[i].piece_end));
    return pieces;
}

bool CompoundSplitter::split_into(std::string_view word, int depth, const KeepWhole& keep_whole,
                                  CompoundSplit& out) const {
    const std::vector<std::string_view> pieces = segment(word, depth);
    if (pieces.empty()) return false;
    if (keep_whole && keep_whole(word)) return false;
    for (std::size_t k = 0; k < pieces.size(); ++k) {
        std::string_view p = pieces[k];
        const bool last = k + 1 == pieces.size();
        if (!last && p.size() > 5 && p.back() == 's' &&
            words_.contains(p.substr(0, p.size() - 1))) {
            p.remove_suffix(1);  // "operasjons" -> "operasjon"
        }
        out.parts.emplace_back(p);
        if (last && depth == 0) out.head_start = static_cast<std::size_t>(p.data() - word.data());
        CompoundSplit inner;
        if (utf8::length(p) >= kMinNestedSplit && split_into(p, depth + 1, keep_whole, inner)) {
            for (auto& q : inner.parts) out.parts.push_back(std::move(q));
        }
    }
    return true;
}

}  // namespace yrkesok::analyzers::detail
