// Normalizer: NFKC case folding (ICU's NFKC_Casefold), so "Sykepleier", "SYKEPLEIER" and a
// decomposed "a + U+030A" all become the same lowercase UTF-8 term. æ, ø and å stay distinct.
#pragma once

#include <unicode/normalizer2.h>

#include <string>

#include "tokenizer.h"

namespace yrkesok::analyzers::detail {

class Normalizer {
  public:
    // Throws AnalyzerError when ICU has no NFKC_Casefold data.
    Normalizer();

    // Normalised UTF-8 for the given span of `text`. Thread-safe.
    std::string normalize(const TextBuffer& text, Span span) const;

  private:
    const icu::Normalizer2* nfkc_cf_ = nullptr;
};

}  // namespace yrkesok::analyzers::detail
