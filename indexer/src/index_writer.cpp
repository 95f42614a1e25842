#include "yrkesok/indexer/index_writer.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>
#include <xapian.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <fstream>
#include <optional>
#include <unordered_set>

#include "builtin_data.h"
#include "document_builder.h"
#include "segment_build.h"
#include "shard_set.h"
#include "text_files.h"
#include "yrkesok/format/checksum.h"
#include "yrkesok/format/layout.h"
#include "yrkesok/format/profile.h"
#include "yrkesok/format/schema.h"
#include "yrkesok/indexer/index_shards.h"

namespace yrkesok::index {
namespace {

namespace s = format;
namespace fs = std::filesystem;

std::string utc_now() {
    std::time_t now = std::time(nullptr);
    char buffer[32];
    std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&now));
    return buffer;
}

// The synonym table the options name: a file, the product's own, or none (nullopt: the
// generation keeps the synonyms it inherited).
std::optional<std::vector<TableRow>> synonym_rows(const IndexBuildOptions& options) {
    if (!options.synonyms_file.empty()) return read_table(options.synonyms_file, '\t');
    if (options.builtin_synonyms) {
        return read_table_text(builtin::synonyms_tsv(), "<built-in>/synonyms.tsv", '\t');
    }
    return std::nullopt;
}

void load_synonyms(Xapian::WritableDatabase& db, const std::vector<TableRow>& rows) {
    for (auto key = db.synonym_keys_begin(); key != db.synonym_keys_end(); ++key) {
        db.clear_synonyms(*key);
    }
    for (const auto& row : rows) {
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
    format::IndexLayout layout(dir);
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

// Holds an exclusive lock on the index directory while one writer works in it, so that two
// `yrkesok index` runs cannot pick the same generation or clean up each other's work. The
// lock is on the directory itself (no lock file to leave behind) and dies with the process,
// so a killed writer never blocks the next one.
class WriterLock {
  public:
    explicit WriterLock(const fs::path& dir) : fd_(::open(dir.c_str(), O_RDONLY | O_DIRECTORY)) {
        if (fd_ < 0) {
            throw IndexError(dir.string() +
                             ": cannot open the index directory: " + std::strerror(errno));
        }
        if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
            ::close(fd_);
            throw IndexError(dir.string() +
                             ": another yrkesok index is writing this index; try again when it "
                             "has finished");
        }
    }
    ~WriterLock() { ::close(fd_); }
    WriterLock(const WriterLock&) = delete;
    WriterLock& operator=(const WriterLock&) = delete;

  private:
    int fd_;
};

// Whether the generation at `generation` keeps Xapian's term lists, without which a record cannot
// be replaced or deleted in place (IndexBuildOptions::term_lists).
bool has_term_lists(const fs::path& generation) {
    const fs::path first =
        shard_count(generation) > 1 ? generation / shard_directory_name(0) : generation;
    std::error_code ec;
    return fs::exists(first / "termlist.glass", ec);
}

// The summary's repeat a build writes (format/schema.h, kText): the one `options` asks for, else
// the profile's.
unsigned summary_repeat_for(const IndexBuildOptions& options, std::string_view profile) {
    return options.summary_repeat != 0 ? options.summary_repeat
                                       : format::profile_named(profile).summary_repeat;
}

// Runs `write` against a new .partial generation (seeded from the current one when `seed` is
// set), then publishes it. Anything thrown leaves the current generation in service.
// `prepare` may first fill the empty generation directory (it gets its path and the generation's
// name); `write` then gets the generation's ShardSet (`shards` databases).
template <typename Prepare, typename Write>
IndexStats publish_generation(const fs::path& dir, const IndexBuildOptions& options, bool seed,
                              std::size_t shards, Prepare prepare, Write write) {
    auto started = std::chrono::steady_clock::now();
    fs::create_directories(dir);
    WriterLock lock(dir);
    format::IndexLayout layout(dir);
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
        prepare(partial, generation, stats);
        {
            ShardSet db(partial, shards);
            write(db, stats);
            // A seeded generation keeps the versions it was built with: a delete re-analyses
            // nothing, and an update only seeds from an index of the same versions.
            if (!seed) {
                db.set_metadata(std::string(s::kMetaAnalyzerVersion),
                                std::string(format::kAnalyzerVersion));
                db.set_metadata(std::string(s::kMetaSchemaVersion),
                                std::to_string(format::kSchemaVersion));
                const std::string profile = profile_for_build(dir, options);
                db.set_metadata(std::string(format::kMetaProfile), profile);
                db.set_metadata(std::string(s::kMetaSummaryRepeat),
                                std::to_string(summary_repeat_for(options, profile)));
            }
            db.set_metadata(std::string(s::kMetaShards), std::to_string(db.size()));
            db.set_metadata(std::string(s::kMetaTermLists),
                            has_term_lists(partial) ? "true" : "false");
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
        layout.publish(partial, generation);
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
    stats.bytes = format::directory_bytes(layout.generation_path(generation));
    stats.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return stats;
}

// For generations that start as a copy of the current one (update, delete).
template <typename Write>
IndexStats publish_generation(const fs::path& dir, const IndexBuildOptions& options, bool seed,
                              std::size_t shards, Write write) {
    return publish_generation(
        dir, options, seed, shards, [](const fs::path&, const std::string&, IndexStats&) {}, write);
}

// The generation's spelling table is in one shard (index_shards.h).
void add_spelling(ShardSet& db, const SpellingCounts& words) {
    for (const auto& [word, count] : words) db.shard(kSpellingShard).add_spelling(word, count);
}

void remove_spelling(ShardSet& db, const SpellingCounts& words) {
    for (const auto& [word, count] : words) db.shard(kSpellingShard).remove_spelling(word, count);
}

void add_counts(SpellingCounts& into, const SpellingCounts& words) {
    for (const auto& [word, count] : words) into[word] += count;
}

// Every shard carries the whole synonym table, so each can be searched on its own.
void load_synonyms(ShardSet& db, const IndexBuildOptions& options) {
    const auto rows = synonym_rows(options);
    if (!rows) return;
    for (std::size_t i = 0; i < db.size(); ++i) load_synonyms(db.shard(i), *rows);
}

// The synonym table of `from` (all its entries) into `to`.
void copy_synonyms(const Xapian::Database& from, Xapian::WritableDatabase& to) {
    for (auto key = from.synonym_keys_begin(); key != from.synonym_keys_end(); ++key) {
        for (auto value = from.synonyms_begin(*key); value != from.synonyms_end(*key); ++value) {
            to.add_synonym(*key, *value);
        }
    }
}

std::string id_term(const std::string& id) {
    return std::string(s::kIdTerm) + id;
}

bool has_our_versions(const Xapian::Database& db) {
    return db.get_metadata(std::string(s::kMetaAnalyzerVersion)) == format::kAnalyzerVersion &&
           db.get_metadata(std::string(s::kMetaSchemaVersion)) ==
               std::to_string(format::kSchemaVersion);
}

// What the current generation of `dir` records that an update must match, or else rebuild.
struct RecordedBuild {
    bool same_versions = false;
    std::size_t shards = 1;
    std::string profile{format::kOccupationsProfile.name};  // as written, occupations when none
    unsigned summary_repeat = 0;                            // 0 when not recorded
};

RecordedBuild recorded_build(const fs::path& dir) {
    format::IndexLayout layout(dir);
    const auto current = layout.current_generation();
    RecordedBuild recorded;
    if (!current) return recorded;
    const fs::path path = layout.generation_path(*current);
    const Xapian::Database db(path.string());
    recorded.same_versions = has_our_versions(db);
    recorded.shards = shard_count(path);
    const std::string profile = db.get_metadata(std::string(format::kMetaProfile));
    if (!profile.empty()) recorded.profile = profile;
    const std::string repeat = db.get_metadata(std::string(s::kMetaSummaryRepeat));
    recorded.summary_repeat = static_cast<unsigned>(std::strtoul(repeat.c_str(), nullptr, 10));
    return recorded;
}

// The profile a build records: the one `options` asks for, else the one the index records.
std::string chosen_profile(const IndexBuildOptions& options, const std::string& recorded,
                           const fs::path& dir) {
    if (!options.profile.empty()) return std::string(format::profile_named(options.profile).name);
    try {
        return std::string(format::profile_named(recorded).name);
    } catch (const std::invalid_argument& e) {
        throw IndexError(dir.string() + ": the index records " + e.what() +
                         "; choose one with --profile to rebuild it");
    }
}

}  // namespace

std::string profile_for_build(const fs::path& dir, const IndexBuildOptions& options) {
    // The current generation is read only when no profile is asked for.
    const std::string recorded = options.profile.empty() ? recorded_build(dir).profile : "";
    return chosen_profile(options, recorded, dir);
}

RecordSource RecordSource::of(const std::vector<Occupation>& records) {
    return {records.size(), [&records](const std::function<void(Occupation &&)>& each) {
                for (const auto& record : records) each(Occupation(record));
            }};
}

namespace {

// A full build of `records` into a new generation; `synonyms` then fills its synonym tables.
IndexStats build_generation(const RecordSource& records, const fs::path& dir,
                            const analyzers::Analyzer& analyzer, const IndexBuildOptions& options,
                            const std::function<void(ShardSet&)>& synonyms) {
    const std::size_t shards = wanted_shards(options, 1);
    // The profile and the summary's repeat, chosen once: the documents are written and the
    // generation's metadata recorded with the same.
    IndexBuildOptions resolved = options;
    resolved.profile = profile_for_build(dir, options);
    resolved.summary_repeat = summary_repeat_for(options, resolved.profile);
    auto write_documents = [&](const fs::path& partial, const std::string& generation,
                               IndexStats& stats) {
        // The scratch name ends in ".partial", so a killed build's segments are cleaned up
        // with its generation.
        const fs::path scratch = dir / (generation + ".segments.partial");
        stats.added = write_segmented(records, partial, scratch, shards, analyzer, resolved);
    };
    IndexStats stats = publish_generation(dir, resolved, false, shards, write_documents,
                                          [&](ShardSet& db, IndexStats&) { synonyms(db); });
    stats.full_build = true;
    return stats;
}

// Whether the current generation of `dir` keeps Xapian's term lists.
bool current_has_term_lists(const fs::path& dir) {
    format::IndexLayout layout(dir);
    const auto current = layout.current_generation();
    return current && has_term_lists(layout.generation_path(*current));
}

// An update of a generation without term lists: `records` are compared with it by id and
// checksum for the counts an update reports, then built in full (`options` resolved as the
// generation records them).
IndexStats rebuild_for_update(const RecordSource& records, const fs::path& dir,
                              const analyzers::Analyzer& analyzer,
                              const IndexBuildOptions& options) {
    std::size_t added = 0, updated = 0, unchanged = 0, deleted = 0;
    {
        format::IndexLayout layout(dir);
        const Xapian::Database db(layout.generation_path(*layout.current_generation()).string());
        std::size_t kept = 0;
        records.for_each([&](Occupation&& record) {
            const std::string term = id_term(record.id);
            const auto posting = db.postlist_begin(term);
            if (posting == db.postlist_end(term)) {
                ++added;
                return;
            }
            ++kept;
            const bool same = db.get_document(*posting).get_value(s::kChecksumSlot) ==
                              DocumentBuilder::record_checksum(record);
            ++(same ? unchanged : updated);
        });
        deleted = db.get_doccount() - kept;
    }
    IndexStats stats = build_index(records, dir, analyzer, options);
    stats.added = added;
    stats.updated = updated;
    stats.unchanged = unchanged;
    stats.deleted = deleted;
    return stats;
}

// A delete from a generation without term lists: every other record, read back from the
// documents, is built again as the generation records (shards, profile, summary repeat), with
// its synonyms and corpus checksum.
IndexStats rebuild_without(const std::vector<std::string>& ids, const fs::path& dir,
                           const analyzers::Analyzer& analyzer, const IndexBuildOptions& options) {
    format::IndexLayout layout(dir);
    const Xapian::Database db(layout.generation_path(*layout.current_generation()).string());
    std::unordered_set<std::string> gone;
    for (const auto& id : ids) {
        if (db.postlist_begin(id_term(id)) == db.postlist_end(id_term(id))) {
            throw IndexError("id \"" + id + "\" is not in the index");
        }
        gone.insert(id);
    }
    const RecordedBuild recorded = recorded_build(dir);
    IndexBuildOptions rebuild = options;
    rebuild.shards = recorded.shards;
    rebuild.profile = recorded.profile;
    rebuild.summary_repeat = recorded.summary_repeat;
    rebuild.corpus_checksum = db.get_metadata(std::string(s::kMetaCorpusChecksum));
    const RecordSource kept{
        db.get_doccount() - gone.size(), [&](const std::function<void(Occupation &&)>& each) {
            for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
                Occupation record =
                    DocumentBuilder::record_from_json(db.get_document(*it).get_data());
                if (!gone.contains(record.id)) each(std::move(record));
            }
        }};
    IndexStats stats = build_generation(kept, dir, analyzer, rebuild, [&](ShardSet& target) {
        for (std::size_t i = 0; i < target.size(); ++i) copy_synonyms(db, target.shard(i));
    });
    stats.added = 0;
    stats.deleted = gone.size();
    return stats;
}

}  // namespace

IndexStats build_index(const RecordSource& records, const fs::path& dir,
                       const analyzers::Analyzer& analyzer, const IndexBuildOptions& options) {
    return build_generation(records, dir, analyzer, options,
                            [&](ShardSet& db) { load_synonyms(db, options); });
}

IndexStats build_index(const std::vector<Occupation>& records, const fs::path& dir,
                       const analyzers::Analyzer& analyzer, const IndexBuildOptions& options) {
    return build_index(RecordSource::of(records), dir, analyzer, options);
}

IndexStats update_index(const RecordSource& records, const fs::path& dir,
                        const analyzers::Analyzer& analyzer, const IndexBuildOptions& options) {
    // Terms from another analyzer or schema version must not be mixed with ours, a different
    // shard count moves records between shards, and another profile or summary repeat weighs
    // them differently: rebuild.
    const RecordedBuild recorded = recorded_build(dir);
    const std::size_t shards = wanted_shards(options, recorded.shards);
    const std::string profile = chosen_profile(options, recorded.profile, dir);
    const unsigned summary_repeat = summary_repeat_for(options, profile);
    IndexBuildOptions rebuild = options;  // what a full build writes
    rebuild.shards = shards;
    rebuild.profile = profile;
    rebuild.summary_repeat = summary_repeat;
    if (!recorded.same_versions || shards != recorded.shards || profile != recorded.profile ||
        summary_repeat != recorded.summary_repeat) {
        return build_index(records, dir, analyzer, rebuild);
    }
    // Without term lists no record can be replaced in place.
    if (!current_has_term_lists(dir)) return rebuild_for_update(records, dir, analyzer, rebuild);
    return publish_generation(dir, options, true, shards, [&](ShardSet& db, IndexStats& stats) {
        const DocumentBuilder builder(analyzer, summary_repeat);
        SpellingCounts added;
        SpellingCounts removed;
        std::unordered_set<std::string> wanted;
        std::size_t done = 0;
        records.for_each([&](Occupation&& record) {
            wanted.insert(record.id);
            const std::string term = id_term(record.id);
            auto posting = db.all().postlist_begin(term);
            if (posting == db.all().postlist_end(term)) {
                db.replace(record.id, term, builder.build(record, added));
                ++stats.added;
            } else {
                auto old = db.all().get_document(*posting);
                if (old.get_value(s::kChecksumSlot) == DocumentBuilder::record_checksum(record)) {
                    ++stats.unchanged;
                } else {
                    add_counts(removed, builder.spelling_words(old.get_data()));
                    db.replace(record.id, term, builder.build(record, added));
                    ++stats.updated;
                }
            }
            ++done;
            if (options.progress) options.progress(done, std::max(records.count, done));
        });
        std::vector<std::string> gone;
        for (auto t = db.all().allterms_begin(std::string(s::kIdTerm));
             t != db.all().allterms_end(std::string(s::kIdTerm)); ++t) {
            std::string id = (*t).substr(s::kIdTerm.size());
            if (!wanted.contains(id)) gone.push_back(id);
        }
        for (const auto& id : gone) {
            auto posting = db.all().postlist_begin(id_term(id));
            add_counts(removed, builder.spelling_words(db.all().get_document(*posting).get_data()));
            db.shard(db.shard_of(id)).delete_document(id_term(id));
            ++stats.deleted;
        }
        add_spelling(db, added);
        remove_spelling(db, removed);
        load_synonyms(db, options);
    });
}

IndexStats update_index(const std::vector<Occupation>& records, const fs::path& dir,
                        const analyzers::Analyzer& analyzer, const IndexBuildOptions& options) {
    return update_index(RecordSource::of(records), dir, analyzer, options);
}

IndexStats delete_from_index(const std::vector<std::string>& ids, const fs::path& dir,
                             const analyzers::Analyzer& analyzer,
                             const IndexBuildOptions& options) {
    if (!format::IndexLayout(dir).current_generation()) {
        throw IndexError(dir.string() + ": no index to delete from");
    }
    if (!current_has_term_lists(dir)) return rebuild_without(ids, dir, analyzer, options);
    const std::size_t shards = current_shards(dir);
    return publish_generation(dir, options, true, shards, [&](ShardSet& db, IndexStats& stats) {
        // Words are taken out of the spelling table the way they were put in: only an index
        // of our analyzer version gives back the same words.
        const bool same_versions = has_our_versions(db.all());
        const DocumentBuilder builder(analyzer, 1);  // for spelling_words, which no repeat alters
        SpellingCounts removed;
        for (const auto& id : ids) {
            auto posting = db.all().postlist_begin(id_term(id));
            if (posting == db.all().postlist_end(id_term(id))) {
                throw IndexError("id \"" + id + "\" is not in the index");
            }
            if (same_versions) {
                add_counts(removed,
                           builder.spelling_words(db.all().get_document(*posting).get_data()));
            }
            db.shard(db.shard_of(id)).delete_document(id_term(id));
            ++stats.deleted;
        }
        remove_spelling(db, removed);
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
