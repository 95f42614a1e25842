#include "yrkesok/index_writer.h"

#include <xapian.h>

#include <chrono>
#include <ctime>
#include <fstream>
#include <map>
#include <set>

#include "checksum.h"
#include "document_builder.h"
#include "shard_set.h"
#include "text_files.h"
#include "yrkesok/index_layout.h"
#include "yrkesok/index_schema.h"
#include "yrkesok/index_shards.h"

namespace yrkesok::index {
namespace {

namespace s = schema;
namespace fs = std::filesystem;

std::string utc_now() {
    std::time_t now = std::time(nullptr);
    char buffer[32];
    std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&now));
    return buffer;
}

std::uintmax_t directory_bytes(const fs::path& dir) {
    std::uintmax_t total = 0;
    std::error_code ec;
    for (const auto& entry : fs::recursive_directory_iterator(dir, ec)) {
        if (entry.is_regular_file(ec)) total += entry.file_size(ec);
    }
    return total;
}

void load_synonyms(Xapian::WritableDatabase& db, const fs::path& file) {
    if (file.empty()) return;
    for (auto key = db.synonym_keys_begin(); key != db.synonym_keys_end(); ++key) {
        db.clear_synonyms(*key);
    }
    for (const auto& row : read_table(file, '\t')) {
        if (row.fields.size() != 2 || row.fields[0].empty()) {
            throw IndexError(row.where() + ": expected key<TAB>synonym,synonym,...");
        }
        std::string list = row.fields[1];
        std::size_t start = 0;
        while (start <= list.size()) {
            auto end = list.find(',', start);
            auto value = list.substr(start, end == std::string::npos ? end : end - start);
            auto first = value.find_first_not_of(' ');
            if (first != std::string::npos) {
                value = value.substr(first, value.find_last_not_of(' ') - first + 1);
                db.add_synonym(row.fields[0], value);
            }
            if (end == std::string::npos) break;
            start = end + 1;
        }
    }
}

// The shard count of the current generation, or 1 when there is none.
std::size_t current_shards(const fs::path& dir) {
    IndexLayout layout(dir);
    auto current = layout.current_generation();
    return current ? shard_count(layout.generation_path(*current)) : 1;
}

std::size_t wanted_shards(const IndexBuildOptions& options, std::size_t current) {
    std::size_t shards = options.shards == 0 ? current : options.shards;
    if (shards > kMaxShards) {
        throw IndexError("--shards " + std::to_string(shards) + ": at most " +
                         std::to_string(kMaxShards));
    }
    return shards;
}

// Runs `write` against a new .partial generation (seeded from the current one when `seed` is
// set), then publishes it. Anything thrown leaves the current generation in service.
// `write` gets the generation's ShardSet (`shards` databases).
template <typename Write>
IndexStats publish_generation(const fs::path& dir, const IndexBuildOptions& options, bool seed,
                              std::size_t shards, Write write) {
    auto started = std::chrono::steady_clock::now();
    fs::create_directories(dir);
    IndexLayout layout(dir);
    layout.clean_up(options.keep_generations);  // leftovers of an interrupted run
    const std::string generation = layout.next_generation();
    const fs::path partial = dir / (generation + ".partial");
    fs::remove_all(partial);

    IndexStats stats;
    stats.generation = generation;
    try {
        auto current = layout.current_generation();
        if (seed && current) {
            fs::copy(layout.generation_path(*current), partial, fs::copy_options::recursive);
        }
        {
            ShardSet db(partial, shards);
            write(db, stats);
            // A seeded generation keeps the versions it was built with: a delete re-analyses
            // nothing, and an update only seeds from an index of the same versions.
            if (!seed) {
                db.set_metadata(std::string(s::kMetaAnalyzerVersion),
                                std::string(analyzers::kAnalyzerVersion));
                db.set_metadata(std::string(s::kMetaSchemaVersion), std::to_string(kSchemaVersion));
            }
            db.set_metadata(std::string(s::kMetaShards), std::to_string(db.size()));
            if (!options.corpus_checksum.empty()) {
                db.set_metadata(std::string(s::kMetaCorpusChecksum), options.corpus_checksum);
            }
            db.set_metadata(std::string(s::kMetaDocumentCount),
                            std::to_string(db.all().get_doccount()));
            db.set_metadata(std::string(s::kMetaBuildTime), utc_now());
            db.set_metadata(std::string(s::kMetaGeneration), generation);
            db.commit();
            stats.documents = db.all().get_doccount();
            std::size_t terms = 0;
            for (auto t = db.all().allterms_begin(); t != db.all().allterms_end(); ++t) ++terms;
            stats.terms = terms;
            db.close();
        }
        fs::rename(partial, layout.generation_path(generation));
    } catch (const Xapian::Error& e) {
        std::error_code ec;
        fs::remove_all(partial, ec);
        throw IndexError("writing " + partial.string() + ": " + e.get_description());
    } catch (...) {
        std::error_code ec;
        fs::remove_all(partial, ec);
        throw;
    }
    layout.switch_to(generation);
    layout.clean_up(options.keep_generations);
    stats.bytes = directory_bytes(layout.generation_path(generation));
    stats.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return stats;
}

void add_spelling(ShardSet& db, const std::vector<std::map<std::string, unsigned>>& words) {
    for (std::size_t i = 0; i < db.size(); ++i) {
        for (const auto& [word, count] : words[i]) db.shard(i).add_spelling(word, count);
    }
}

// Every shard carries the whole synonym table, so each can be searched on its own.
void load_synonyms(ShardSet& db, const fs::path& file) {
    for (std::size_t i = 0; i < db.size(); ++i) load_synonyms(db.shard(i), file);
}

std::string id_term(const std::string& id) {
    return std::string(s::kIdTerm) + id;
}

}  // namespace

IndexStats build_index(const std::vector<Occupation>& records, const fs::path& dir,
                       const analyzers::Analyzer& analyzer, const IndexBuildOptions& options) {
    const std::size_t shards = wanted_shards(options, 1);
    return publish_generation(dir, options, false, shards, [&](ShardSet& db, IndexStats& stats) {
        DocumentBuilder builder(analyzer);
        // Per shard, so each shard's spelling table counts the words of its own records.
        std::vector<std::map<std::string, unsigned>> spelling(db.size());
        std::size_t done = 0;
        for (const auto& record : records) {
            db.replace(record.id, id_term(record.id),
                       builder.build(record, spelling[db.shard_of(record.id)]));
            ++stats.added;
            ++done;
            if (options.commit_every && done % options.commit_every == 0) db.commit();
            if (options.progress) options.progress(done, records.size());
        }
        add_spelling(db, spelling);
        load_synonyms(db, options.synonyms_file);
    });
}

IndexStats update_index(const std::vector<Occupation>& records, const fs::path& dir,
                        const analyzers::Analyzer& analyzer, const IndexBuildOptions& options) {
    // Terms from another analyzer or schema version must not be mixed with ours: rebuild.
    IndexLayout layout(dir);
    auto current = layout.current_generation();
    bool same_versions = false;
    if (current) {
        Xapian::Database existing(layout.generation_path(*current).string());
        same_versions = existing.get_metadata(std::string(s::kMetaAnalyzerVersion)) ==
                            analyzers::kAnalyzerVersion &&
                        existing.get_metadata(std::string(s::kMetaSchemaVersion)) ==
                            std::to_string(kSchemaVersion);
    }
    // A different shard count moves records between shards: rebuild too.
    const std::size_t shards = wanted_shards(options, current_shards(dir));
    if (!same_versions || shards != current_shards(dir)) {
        IndexBuildOptions rebuild = options;
        rebuild.shards = shards;
        return build_index(records, dir, analyzer, rebuild);
    }
    return publish_generation(dir, options, true, shards, [&](ShardSet& db, IndexStats& stats) {
        DocumentBuilder builder(analyzer);
        std::vector<std::map<std::string, unsigned>> spelling(db.size());
        std::set<std::string> wanted;
        std::size_t done = 0;
        for (const auto& record : records) {
            wanted.insert(record.id);
            const std::string term = id_term(record.id);
            auto posting = db.all().postlist_begin(term);
            bool exists = posting != db.all().postlist_end(term);
            if (exists && db.all().get_document(*posting).get_value(s::kChecksumSlot) ==
                              DocumentBuilder::record_checksum(record)) {
                ++stats.unchanged;
            } else {
                db.replace(record.id, term,
                           builder.build(record, spelling[db.shard_of(record.id)]));
                ++(exists ? stats.updated : stats.added);
            }
            ++done;
            if (options.progress) options.progress(done, records.size());
        }
        std::vector<std::string> gone;
        for (auto t = db.all().allterms_begin(std::string(s::kIdTerm));
             t != db.all().allterms_end(std::string(s::kIdTerm)); ++t) {
            std::string id = (*t).substr(s::kIdTerm.size());
            if (!wanted.contains(id)) gone.push_back(id);
        }
        for (const auto& id : gone) {
            db.shard(db.shard_of(id)).delete_document(id_term(id));
            ++stats.deleted;
        }
        add_spelling(db, spelling);
        load_synonyms(db, options.synonyms_file);
    });
}

IndexStats delete_from_index(const std::vector<std::string>& ids, const fs::path& dir,
                             const IndexBuildOptions& options) {
    if (!IndexLayout(dir).current_generation()) {
        throw IndexError(dir.string() + ": no index to delete from");
    }
    const std::size_t shards = current_shards(dir);
    return publish_generation(dir, options, true, shards, [&](ShardSet& db, IndexStats& stats) {
        for (const auto& id : ids) {
            if (!db.all().term_exists(id_term(id))) {
                throw IndexError("id \"" + id + "\" is not in the index");
            }
            db.shard(db.shard_of(id)).delete_document(id_term(id));
            ++stats.deleted;
        }
    });
}

std::string file_checksum(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw IndexError(file.string() + ": cannot open");
    Fnv1a hash;
    char buffer[1 << 16];
    while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
        hash.update(std::string_view(buffer, static_cast<std::size_t>(in.gcount())));
    }
    return hash.hex();
}

}  // namespace yrkesok::index
