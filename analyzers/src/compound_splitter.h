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
// forsikring, vedlikehold and undervisning stay whole; a short list of lexicalised words that
// happen to look like compounds is never split.
#pragma once

#include <cstddef>
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

    explicit CompoundSplitter(const WordList& words) : words_(words) {}

    // Thread-safe (reads an immutable list).
    CompoundSplit split(std::string_view word) const;

    // A lexicalised word that looks like a compound of list words and is never split.
    static bool is_lexicalised(std::string_view word);

  private:
    bool split_into(std::string_view word, int depth, CompoundSplit& out) const;

    const WordList& words_;
};

}  // namespace yrkesok::analyzers::detail
