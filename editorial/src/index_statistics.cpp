#include "yrkesok/editorial/index_statistics.h"

#include <algorithm>
#include <filesystem>
#include <unordered_set>

#include "yrkesok/format/layout.h"
#include "yrkesok/format/open.h"
#include "yrkesok/format/schema.h"

namespace yrkesok::search {
namespace {

namespace fs = std::filesystem;
namespace s = format;

FacetCounts prefix_counts(const Xapian::Database& db, std::string_view prefix) {
    FacetCounts out;
    const std::string p(prefix);
    for (auto t = db.allterms_begin(p); t != db.allterms_end(p); ++t) {
        out.emplace_back((*t).substr(p.size()), t.get_termfreq());
    }
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
        return a.second != b.second ? a.second > b.second : a.first < b.first;
    });
    return out;
}

}  // namespace

IndexStatistics index_statistics(const std::string& index_dir) {
    format::OpenedIndex opened = format::open_current_generation(index_dir);
    const Xapian::Database& db = opened.db;
    IndexStatistics stats;
    stats.index_dir = index_dir;
    stats.generation = opened.generation;
    stats.generations = format::IndexLayout(index_dir).generations();
    stats.documents = db.get_doccount();
    stats.average_length = db.get_avlength();
    std::unordered_set<std::string> words;  // a word is counted once however many fields hold it
    for (auto t = db.allterms_begin(); t != db.allterms_end(); ++t) {
        ++stats.terms;
        const std::string term = *t;
        if (const std::string_view word = format::whole_word_of(term); !word.empty()) {
            words.emplace(word);
        }
    }
    stats.words = words.size();
    stats.bytes = format::directory_bytes(opened.path);
    stats.directory_bytes = format::directory_bytes(index_dir);
    stats.sectors = prefix_counts(db, s::kSectorTerm);
    stats.education_levels = prefix_counts(db, s::kEducationTerm);
    stats.languages = prefix_counts(db, s::kLanguageTerm);
    const std::string meta_prefix = "yrkesok.";
    for (auto key = db.metadata_keys_begin(meta_prefix); key != db.metadata_keys_end(meta_prefix);
         ++key) {
        stats.metadata[(*key).substr(meta_prefix.size())] = db.get_metadata(*key);
    }
    return stats;
}

}  // namespace yrkesok::search
