// Turns one occupation into a Xapian document laid out as index_schema.h describes.
#pragma once

#include <xapian.h>

#include <map>
#include <string>

#include "yrkesok/analyzer.h"
#include "yrkesok/corpus.h"

namespace yrkesok::index {

class DocumentBuilder {
  public:
    explicit DocumentBuilder(const analyzers::Analyzer& analyzer);
    ~DocumentBuilder();

    // `spelling` collects words for the spelling table (word -> occurrences).
    Xapian::Document build(const Occupation& occupation,
                           std::map<std::string, unsigned>& spelling) const;

    static std::string record_json(const Occupation& occupation);
    static std::string record_checksum(const Occupation& occupation);

  private:
    struct Collation;
    const analyzers::Analyzer& analyzer_;
    std::unique_ptr<Collation> collation_;
};

}  // namespace yrkesok::index
