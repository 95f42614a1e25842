// CompoundSplitter: splits a Norwegian compound into dictionary words
// ("operasjonssykepleier" -> operasjon + sykepleier). Works on one lowercase UTF-8 word
// against a WordList; knows nothing of lemmas (the Analyzer lemmatises the last part).
//
// Rules: every part is a word of the list; parts are at least kMinPart (3) letters; a linking
// -s- or -e- may sit between two parts; a modifier that the list holds with its linking -s
// ("operasjons") is given without it when the rest is a word of 5+ letters. Among the
// segmentations the one with the fewest parts wins, then the one with the longest parts (sum
// of squared lengths), then the one with fewer linking letters. Each part of 8+ letters is then
// split again, so anleggsmaskinfører gives anleggsmaskin, fører, anlegg, maskin. A head may
// not be a bare derivational ending (automatisering is not automatise|ring). Prefix-like modifiers
// ("for", "be", "ved", "over", ...) and suffix-like heads ("ing", "het", ...) are refused, so
// forsikring and undervisning stay whole.
//
// A word the list holds whole, a form the dictionary knows (so too a part about to be split
// again), is split only where every modifier is a word the dictionary lets begin a compound:
// an entry of the language's hunspell dictionary with the compound flag or a linking-form flag,
// alone or with its linking -s or -e ("operasjons", "barne"), or a compound whose own head is
// one (the dictionary flags few compounds: anleggsmaskin begins anleggsmaskinfører as maskin
// would); a noun in -ing, -else, -het, -skap or -sjon may also begin one with a linking -s
// (parkeringsplass), as hunspell makes most of these with suffix rules and so cannot flag
// them. Lexicalised look-alikes fail
// this (student is not stu|dent: stu carries no such flag; vedlikehold is not vedlike|hold),
// and so do many chance segmentations of ordinary words (prosess is not pro|sess, skjelett not
// skje|lett); among the segmentations that pass, the usual order picks (sykehuslege is
// sykehus|lege, not syke|huslege). A word the list does not hold, such as a new compound, is
// split as before: the dictionary has no say on it.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "word_list.h"

namespace yrkesok::analyzers::detail {

struct CompoundSplit {
    std::vector<std::string> parts;              // top-level parts, each followed by its own parts
    std::size_t head_start = std::string::npos;  // byte offset of the last top-level part
    bool split() const { return head_start != std::string::npos; }
    std::string_view head(std::string_view word) const {
        return split() ? word.substr(head_start) : word;
    }
};

class CompoundSplitter {
  public:
    static constexpr std::size_t kMinPart = 3;         // letters in any part
    static constexpr std::size_t kMinWord = 7;         // shorter words stay whole (sjåfør)
    static constexpr std::size_t kMinNestedSplit = 8;  // a part is split again from here on

    // `words`: the language's full-form list. `modifiers`: the entries of its hunspell
    // dictionary that may begin a compound (see above). Both must outlive the splitter.
    CompoundSplitter(const WordList& words, const WordList& modifiers)
        : words_(words), modifiers_(modifiers) {}

    // Asked of the word, and of each part about to be split again, once the rules have found a
    // segmentation of it; true keeps it whole. The Analyzer keeps a word whole when the other
    // standard keeps its counterpart whole (sjukepleiar as sykepleier).
    using KeepWhole = std::function<bool(std::string_view)>;

    // Thread-safe (reads immutable lists) when `keep_whole` is.
    CompoundSplit split(std::string_view word, const KeepWhole& keep_whole = {}) const;

  private:
    bool split_into(std::string_view word, int depth, const KeepWhole& keep_whole,
                    CompoundSplit& out) const;
    // The pieces of the best segmentation (linking letters left out), or none.
    std::vector<std::string_view> segment(std::string_view word, int depth) const;
    bool may_begin_compound(std::string_view modifier, int depth) const;

    const WordList& words_;
    const WordList& modifiers_;
};

}  // namespace yrkesok::analyzers::detail
