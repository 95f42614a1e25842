// A small generation searched in memory. A glass database is read with one pread(2) for each
// B-tree block a cursor does not already hold, and a query on the bundled corpus visits a few
// dozen: each posting list it opens and each term's statistics, in each ranking pass. In memory
// its posting lists, positions and records are read without a system call, and the engine
// answers about twice as many queries a second (benchmarks/RESULTS.md, "A small generation
// searched in memory"). Synonyms and spelling corrections are still looked up in the files.
//
// No Xapian database handle may be used by two threads (they count references without
// atomics), so every engine builds an in-memory database of its own. What they build it from is
// read from the files once per generation and shared: a plain copy of every document, which no
// thread changes.
#pragma once

#include <xapian.h>

#include <atomic>
#include <memory>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace yrkesok::search {

// Thrown by a copy told to stop (background_copy.h).
struct CopyStopped : std::runtime_error {
    CopyStopped() : std::runtime_error("the copy in memory was stopped") {}
};

// Value slots a copy carries: every slot the schema uses (format/schema.h numbers them from 0,
// a handful), with room to spare.
inline constexpr Xapian::valueno kValueSlotsCopied = 64;

class GenerationCopy {
  public:
    // One posting: a document and the term's wdf there.
    using Posting = std::pair<Xapian::docid, Xapian::termcount>;
    // Every term's postings in document order.
    using Postings = std::unordered_map<std::string, std::vector<Posting>>;

    // Every document of `db`: its terms with their within-document frequencies and positions,
    // its values and its data. Not the metadata, spelling or synonym tables, which the engine
    // reads from the files. Throws CopyStopped when `stop` is set before the last document.
    static std::shared_ptr<const GenerationCopy> read(const Xapian::Database& db,
                                                      const std::atomic<bool>* stop = nullptr);

    // A new in-memory database holding every document under its own document id, so match
    // sets, caches and shared tables keyed by id agree with the files. Throws CopyStopped as
    // read() does.
    Xapian::Database database(const std::atomic<bool>* stop = nullptr) const;

    // Every term's postings, as read: walked in place by the ranking passes of the engines
    // searching this copy (term_scoring.h), where Xapian's in-memory database would look each
    // term up in an ordered map for its statistics and again for its postings. Held apart from
    // the documents, which are of no use once the engines' databases are made.
    const std::shared_ptr<const Postings>& postings() const { return postings_; }

  private:
    struct Term {
        std::string name;
        Xapian::termcount wdf = 0;
        std::vector<Xapian::termpos> positions;
    };
    struct Document {
        Xapian::docid docid = 0;
        std::string data;
        std::vector<std::pair<Xapian::valueno, std::string>> values;
        std::vector<Term> terms;
    };
    std::vector<Document> documents_;
    std::shared_ptr<const Postings> postings_;
};

}  // namespace yrkesok::search
