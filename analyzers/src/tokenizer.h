// Tokenizer: ICU word breaking (locale nb) over a TextBuffer, with the Norwegian repairs ICU
// does not make: hyphen-joined words stay one token ("hjerte-lungemaskin", "e-post"), e-mail
// addresses are rejoined ("post@nav.no"), and a word written with a dangling hyphen
// ("hjerte- og") is flagged for the hyphen-ellipsis stage. Punctuation and spaces are dropped.
#pragma once

#include <unicode/brkiter.h>

#include <cstdint>
#include <memory>
#include <vector>

#include "text_buffer.h"

namespace yrkesok::analyzers::detail {

struct Span {
    int32_t start = 0;  // UTF-16 units into the TextBuffer
    int32_t end = 0;
};

enum class Shape { word, number, email, hyphenated };

struct RawToken {
    Span span;
    Shape shape = Shape::word;
    std::vector<Span> components;  // the hyphen-joined parts; empty unless Shape::hyphenated
    bool trailing_hyphen = false;  // "hjerte-" followed by space, comma or end of text
    bool leading_hyphen = false;   // "-assistent" after a space ("lærer og -assistent")
    bool list_gap_before = false;  // only spaces/commas/hyphens since the previous token
};

class Tokenizer {
  public:
    // Throws AnalyzerError when ICU cannot build the word break iterator.
    Tokenizer();
    ~Tokenizer();

    // Thread-safe: each call works on its own clone of the prototype iterator.
    std::vector<RawToken> tokenize(const TextBuffer& text) const;

  private:
    std::unique_ptr<icu::BreakIterator> prototype_;
};

}  // namespace yrkesok::analyzers::detail
