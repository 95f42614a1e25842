// Turns one occupation into a Xapian document laid out as yrkesok/format/schema.h describes.
#pragma once

#include <xapian.h>

#include <string>
#include <unordered_map>

#include "yrkesok/analyzers/analyzer.h"
#include "yrkesok/indexer/corpus.h"

namespace yrkesok::index {

// Words for Xapian's spelling table, with their number of occurrences.
using SpellingCounts = std::unordered_map<std::string, unsigned>;

// Not thread-safe (it holds an ICU collator): one builder per thread.
class DocumentBuilder {
  public:
    // `summary_repeat`: how many body words a summary word counts as (format/schema.h, kText);
    // 0 counts as 1.
    DocumentBuilder(const analyzers::Analyzer& analyzer, unsigned summary_repeat);
    ~DocumentBuilder();

    // Adds the occupation's words to `spelling`.
    Xapian::Document build(const Occupation& occupation, SpellingCounts& spelling) const;

    // The words build() adds to the spelling table for the record stored as `document_data`
    // (record_json's output), so that replacing or deleting it can take them out again.
    SpellingCounts spelling_words(const std::string& document_data) const;

    static std::string record_json(const Occupation& occupation);
    // The occupation record_json wrote (all but `line`). Throws std::runtime_error when
    // `document_data` is not such a record.
    static Occupation record_from_json(const std::string& document_data);
    static std::string record_checksum(const Occupation& occupation);

  private:
    struct Collation;
    const analyzers::Analyzer& analyzer_;
    Xapian::termcount summary_repeat_;
    std::unique_ptr<Collation> collation_;
};

}  // namespace yrkesok::index
