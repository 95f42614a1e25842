// Prefix completion for the search box over titles and frequent words, held in sorted memory
// so a lookup is a binary search (microseconds). Built once per generation, on its first
// suggestion.
#pragma once

#include <xapian.h>

#include <string>
#include <vector>

#include "yrkesok/analyzers/analyzer.h"
#include "yrkesok/searcher/search_engine.h"

namespace yrkesok::search {

class Suggester {
  public:
    Suggester() = default;
    // Titles from `db`'s stored records; words from `lexicon`'s spelling table (the words as the
    // texts write them), or from `db`'s field terms when it has none (remote shards with no
    // local lexicon).
    Suggester(const Xapian::Database& db, const Xapian::Database& lexicon,
              const analyzers::Analyzer& analyzer);

    std::vector<Suggestion> suggest(const std::string& prefix, std::size_t limit,
                                    const analyzers::Analyzer& analyzer) const;

  private:
    struct Entry {
        std::string key;  // folded words of the title, or the term
        std::string text;
        std::string id;
        std::size_t frequency = 0;
    };
    std::vector<Entry> titles_;  // one entry per word start within each title, sorted by key
    std::vector<Entry> terms_;   // sorted by key
};

std::string fold_words(const std::string& text, const analyzers::Analyzer& analyzer);

}  // namespace yrkesok::search
