// index_digest DIR: a digest of what an index generation holds, to check that a change to the
// indexer's speed left its output alone. Prints counts and one FNV-1a digest per part: every
// term with its frequencies, postings (document, wdf) and positions; every document's length,
// stored data and value slots; the spelling and synonym tables; and each metadata entry but the
// build time and the generation's name.
// Two builds of the same corpus print the same lines when their contents are the same, whatever
// the files' bytes (Xapian's files carry revisions and a UUID).
//
//   index_digest var/index/gen-000001     (a generation directory, or a shard of one)
#include <xapian.h>

#include <cstdint>
#include <cstdio>
#include <exception>
#include <string>
#include <string_view>

#include "yrkesok/format/schema.h"

namespace {

class Digest {
  public:
    void add(std::string_view bytes) {
        for (const unsigned char c : bytes) step(c);
        step(0xff);  // ends a field, so "ab" + "c" differs from "a" + "bc"
    }
    void add(std::uint64_t number) { add(std::to_string(number)); }
    std::uint64_t value() const { return hash_; }

  private:
    void step(unsigned char c) {
        hash_ ^= c;
        hash_ *= 1099511628211ull;
    }
    std::uint64_t hash_ = 14695981039346656037ull;
};

// Value slots read: the schema's are far fewer. Without term lists a generation cannot say
// which slots its documents use, so each is read in turn.
constexpr Xapian::valueno kMaxSlot = 256;

void print_terms(const Xapian::Database& db) {
    Digest digest;
    std::uint64_t terms = 0, postings = 0, positions = 0;
    for (auto t = db.allterms_begin(); t != db.allterms_end(); ++t) {
        ++terms;
        digest.add(*t);
        digest.add(t.get_termfreq());
        digest.add(db.get_collection_freq(*t));
        for (auto p = db.postlist_begin(*t); p != db.postlist_end(*t); ++p) {
            ++postings;
            digest.add(*p);
            digest.add(p.get_wdf());
            for (auto q = p.positionlist_begin(); q != p.positionlist_end(); ++q) {
                ++positions;
                digest.add(*q);
            }
        }
    }
    std::printf("terms %llu postings %llu positions %llu digest %016llx\n",
                static_cast<unsigned long long>(terms), static_cast<unsigned long long>(postings),
                static_cast<unsigned long long>(positions),
                static_cast<unsigned long long>(digest.value()));
}

void print_documents(const Xapian::Database& db) {
    Digest digest;
    for (auto d = db.postlist_begin(""); d != db.postlist_end(""); ++d) {
        digest.add(*d);
        digest.add(d.get_doclength());
        digest.add(db.get_document(*d).get_data());
    }
    // Value streams: a generation without term lists cannot list a document's values.
    for (Xapian::valueno slot = 0; slot < kMaxSlot; ++slot) {
        for (auto v = db.valuestream_begin(slot); v != db.valuestream_end(slot); ++v) {
            digest.add(slot);
            digest.add(v.get_docid());
            digest.add(*v);
        }
    }
    std::printf("documents %llu digest %016llx\n",
                static_cast<unsigned long long>(db.get_doccount()),
                static_cast<unsigned long long>(digest.value()));
}

void print_tables(const Xapian::Database& db) {
    Digest spelling;
    for (auto s = db.spellings_begin(); s != db.spellings_end(); ++s) {
        spelling.add(*s);
        spelling.add(s.get_termfreq());
    }
    std::printf("spelling digest %016llx\n", static_cast<unsigned long long>(spelling.value()));
    Digest synonyms;
    for (auto k = db.synonym_keys_begin(); k != db.synonym_keys_end(); ++k) {
        synonyms.add(*k);
        for (auto s = db.synonyms_begin(*k); s != db.synonyms_end(*k); ++s) synonyms.add(*s);
    }
    std::printf("synonyms digest %016llx\n", static_cast<unsigned long long>(synonyms.value()));
    for (auto k = db.metadata_keys_begin(); k != db.metadata_keys_end(); ++k) {
        // When and into which generation directory it was built: not what it holds.
        if (*k == yrkesok::format::kMetaBuildTime || *k == yrkesok::format::kMetaGeneration) {
            continue;
        }
        Digest value;
        value.add(db.get_metadata(*k));
        std::printf("metadata %s digest %016llx\n", (*k).c_str(),
                    static_cast<unsigned long long>(value.value()));
    }
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: index_digest GENERATION_DIR\n");
        return 2;
    }
    try {
        const Xapian::Database db(argv[1]);
        print_terms(db);
        print_documents(db);
        print_tables(db);
    } catch (const Xapian::Error& e) {
        std::fprintf(stderr, "index_digest: %s: %s\n", argv[1], e.get_description().c_str());
        return 1;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "index_digest: %s: %s\n", argv[1], e.what());
        return 1;
    }
    return 0;
}
