// A hit's stored record, parsed and analysed once per generation: what a search needs to show
// it (the hit's fields) and to cut its snippet and match spans (the tokens and their hashes).
// Thread-safe, so the engines of a pool share them (DocumentCache).
#pragma once

#include <xapian.h>

#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "snippets.h"
#include "yrkesok/analyzers/analyzer.h"
#include "yrkesok/searcher/search_engine.h"

namespace yrkesok::search {

// The analysed texts of a record, for snippets (tokens and their hashes) and match spans.
struct DocumentAnalysis {
    std::vector<analyzers::Token> title_tokens;
    std::vector<analyzers::Token> summary_tokens;
    std::vector<analyzers::Token> body_tokens;
    TermHashes summary_hashes;  // of summary_tokens and body_tokens, for snippets
    TermHashes body_hashes;
};

class StoredDocument {
  public:
    // Parses the record stored in `document`; its texts are analysed on first need.
    static std::shared_ptr<const StoredDocument> load(const Xapian::Document& document);

    const Hit& hit() const { return hit_; }  // without score and snippet
    const std::string& body() const { return body_; }
    // The title, summary and body analysed in the record's language: made once, by the first
    // caller (a search without snippets never pays for it), and shared by every later one.
    std::shared_ptr<const DocumentAnalysis> analysis(const analyzers::Analyzer& analyzer) const;

  private:
    Hit hit_;
    std::string body_;
    mutable std::mutex analysing_;
    mutable std::shared_ptr<const DocumentAnalysis> analysis_;  // GUARDED_BY(analysing_)
};

// StoredDocuments by document id, for one generation; at `capacity` records each new one takes
// the place of an arbitrary other. Thread-safe: lookups lock briefly, and a record is made
// outside the lock, so two threads may both make one and the second is kept.
class DocumentCache {
  public:
    explicit DocumentCache(std::size_t capacity) : capacity_(capacity) {}

    std::shared_ptr<const StoredDocument> find(Xapian::docid id) const;
    void insert(Xapian::docid id, std::shared_ptr<const StoredDocument> document) const;

  private:
    std::size_t capacity_;
    mutable std::mutex mutex_;
    mutable std::unordered_map<Xapian::docid, std::shared_ptr<const StoredDocument>>
        documents_;  // GUARDED_BY(mutex_)
};

}  // namespace yrkesok::search
