// StopWords: compiled-in bokmål and nynorsk stop-word lists (function words only: pronouns,
// prepositions, conjunctions, auxiliaries). Tokens are marked, not dropped; the Analyzer drops
// them only when AnalyzerOptions::drop_stopwords is set. Immutable, thread-safe.
#pragma once

#include <string_view>

#include "yrkesok/analyzers/analyzer.h"

namespace yrkesok::analyzers::detail {

class StopWords {
  public:
    // `word` is a normalised (case-folded) surface form. `both` = either list.
    static bool contains(std::string_view word, Language language);
};

}  // namespace yrkesok::analyzers::detail
