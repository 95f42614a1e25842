// The query engine: ranked Norwegian search over one index directory, with filters,
// disjunctive facet counts, snippets, spelling correction and prefix suggestions.
//
// A SearchEngine owns its own Xapian database handle and is NOT thread-safe: give each worker
// thread its own engine (they may share one Analyzer, which is). Errors in the request (bad
// parameters) throw SearchError; an index that cannot be opened, or that was built by another
// analyzer version, throws IndexOpenError.
#pragma once

#include <atomic>
#include <cstddef>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "yrkesok/analyzers/analyzer.h"
#include "yrkesok/format/index_open_error.h"
#include "yrkesok/format/profile.h"
#include "yrkesok/searcher/filter.h"
#include "yrkesok/searcher/generation_cache.h"

namespace yrkesok::search {

class SearchError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

// Thrown when the index cannot be opened or is of another version (format/open.h).
using format::IndexOpenError;

// Every ranking weight in one place. Field weights multiply BM25 per term space (the title; the
// summary and body, format/schema.h); kind weights multiply a term according to how it was
// derived from the query word.
struct RankingOptions {
    // The title ≫ the summary and body, and BM25's saturation: the default profile's
    // (format/profile.h), which ranking_for_index replaces with the index's.
    double title_weight = format::kOccupationsProfile.title_weight;
    double text_weight = format::kOccupationsProfile.text_weight;
    double bm25_k1 = format::kOccupationsProfile.bm25_k1;
    double lemma_weight = 1.0;         // surface forms, lemmas, expansions
    double variant_weight = 0.8;       // bokmål/nynorsk counterparts
    double part_weight = 0.45;         // compound parts: a whole-word match outranks a part match
    double title_part_weight = 0.45;   // a whole query word as a part of a title (0: off)
    double stem_weight = 0.35;         // Snowball stems: a lemma match outranks a stem match
    double synonym_weight = 0.7;       // curated synonyms
    double all_words_factor = 3.0;     // extra weight for matching every query word
    double exact_title_factor = 50.0;  // the query is the title: rank it first
    // Search as you type: terms that begin with the unfinished last word, below the word
    // itself; at most `prefix_expansion` such terms per field (the most frequent).
    double prefix_weight = 0.6;
    double title_prefix_factor = 25.0;  // the query so far begins a title ("sykep")
    unsigned prefix_expansion = 40;
    bool use_synonyms = true;
    bool typo_fallback = true;
    std::size_t few_hits = 3;  // fewer hits than this asks the spelling table
    // The index's ranking profile (format/profile.h) sets the field weights and k1 above; false
    // keeps them as given (evaluations that vary them).
    bool field_weights_from_index = true;
};

// `asked` with the field weights of `profile` unless it keeps its own.
RankingOptions ranking_for_index(RankingOptions asked, const format::Profile& profile);

// An analyzer that analyses queries as the index in `index_dir` analysed its texts: made for
// the ranking profile its current generation records. Throws IndexOpenError, as opening an engine
// would, when a current generation is there that this build cannot read; with none (or shard
// locations), the default analysis, and opening an engine on it reports what is wrong.
std::shared_ptr<const analyzers::Analyzer> analyzer_for_index(const std::string& index_dir);

struct SearchRequest {
    std::string query;
    std::vector<std::string> sectors;           // OR within the facet
    std::vector<std::string> education_levels;  // OR within, AND with sectors
    std::size_t page = 1;                       // 1-based
    std::size_t per_page = 10;                  // 1..100
    bool snippets = true;
    // Search as you type: the last word, when nothing follows it (no space or punctuation),
    // also matches the terms that begin with it, and is never "corrected" while some term
    // does. Off by default in the engine and the CLI; on by default over HTTP.
    bool prefix = false;
    // Count SearchResponse::sectors and education_levels. false leaves both empty and saves
    // counting over every match (hits, total and distribution are unchanged).
    bool facets = true;
    // A boolean filter over sectors, education_levels, language and styrk08, AND-ed with the
    // facet filters above. Values match case-insensitively (ASCII and Latin-1 letters); a
    // 4-digit styrk08 code also matches the 7-digit codes of its unit group.
    std::optional<filter::Expr> filter;
    // Offset paging: when set, hits [offset, offset + limit) replace page and per_page.
    std::optional<std::size_t> offset;
    std::size_t limit = 20;  // 0..max_offset_window - offset
    // Attributes (sectors, education_levels, language, styrk08) counted over every hit of the
    // whole filtered result, into SearchResponse::distribution (not disjunctive).
    std::vector<std::string> distribution;
    bool details = false;  // fill Hit::body, Hit::updated and Hit::words
};

// One word of a field, in bytes of the field's text; `match` when a query term matched it.
struct WordSpan {
    std::size_t start = 0;
    std::size_t end = 0;
    bool match = false;
    std::vector<std::string> terms;  // the query terms it matched
};

struct Hit {
    std::string id;
    std::string title;
    double score = 0;
    std::string snippet;  // HTML-escaped, matches wrapped in <mark>…</mark>
    std::string summary;
    std::string language;
    std::vector<std::string> sectors;
    std::vector<std::string> education_levels;
    std::vector<std::string> styrk08;
    // With SearchRequest::details:
    std::string body;
    std::string updated;
    std::map<std::string, std::vector<WordSpan>> words;  // "title", "summary", "body"
};

// Facet value -> number of matching documents, most frequent first (ties by name). Selected
// values are always present, with 0 when nothing matches them.
using FacetCounts = std::vector<std::pair<std::string, std::size_t>>;

// How an answer was found: for tests and diagnostics, not part of any API answer.
struct QueryPlan {
    // The total and facet counts came from bitmaps of the matches, so the ranking pass only
    // looked for the top hits; otherwise it saw every match.
    bool counted_from_sets = false;
    std::size_t ranked_documents = 0;  // documents the ranking pass weighed
    // Term leaves of the whole ranking query (Xapian::Query::get_length): a measure of a
    // query's fixed cost, since Xapian opens a posting list for each leaf a ranking pass runs,
    // whatever the number of matches. A pass may run part of the tree (the every-word pass is
    // skipped when no document holds every word); filters and other posting sources are not
    // counted, and over remote shards an unexpanded prefix counts once.
    std::size_t term_leaves = 0;
    // Of those, the terms scored from the generation's table of document lengths instead of
    // Xapian's length list: a single database.
    std::size_t scored_leaves = 0;
    // Those leaves walk postings the table keeps in memory instead of asking Xapian's database:
    // a generation searched in memory (EngineOptions::in_memory_max_bytes).
    bool postings_kept = false;
};

struct SearchResponse {
    std::string query;
    std::size_t total = 0;  // exact
    std::size_t page = 1;
    std::size_t per_page = 10;
    double took_ms = 0;
    std::optional<std::string> corrected_query;  // results are for this corrected query
    std::optional<std::string> suggestion;       // "mente du …?"
    std::vector<Hit> hits;
    FacetCounts sectors;           // disjunctive: computed without the sector filter
    FacetCounts education_levels;  // disjunctive: computed without the education filter
    // SearchRequest::distribution: attribute -> value -> hits, over the whole filtered result.
    std::map<std::string, std::map<std::string, std::size_t>> distribution;
    QueryPlan plan;
};

struct Suggestion {
    std::string text;
    std::string kind;  // "title" or "term"
    std::string id;    // set for titles
};

struct IndexInfo {
    std::string generation;
    std::size_t documents = 0;
    std::map<std::string, std::string> metadata;
    bool in_memory = false;  // searched in memory (EngineOptions::in_memory_max_bytes)
};

// The largest generation `yrkesok serve` searches in memory unless told otherwise
// (EngineOptions::in_memory_max_bytes): the bundled corpus and a national career site's few
// hundred descriptions fit, with room to grow.
inline constexpr std::size_t kServeInMemoryMaxBytes = std::size_t{16} << 20;

// The posting cache's default budget for a generation of `documents` whose cache the engines
// share: 64 MiB, or 128 bytes a document when that is more, at most 256 MiB. A term's bitmap
// grows with the documents that hold it, so a fixed budget holds ever fewer terms as the index
// grows; and a least-recently-used cache whose queries cycle through a few more bitmaps than it
// holds finds none of them (at a million generated records the judged queries' bitmaps take
// 64-96 MiB: benchmarks/RESULTS.md). An engine over shards keeps a cache of its own: 64 MiB.
std::size_t posting_cache_budget(std::size_t documents);

struct EngineOptions {
    RankingOptions ranking;
    std::size_t max_query_bytes = 512;
    std::size_t max_per_page = 100;
    // Parsed and analysed records kept for hits and snippets: per generation and shared by the
    // engines given the same `shared` cache, else per engine.
    std::size_t document_cache_size = 4096;
    // Analysed and built queries kept per engine (least recently used forgotten first), keyed
    // by the query text, a few KiB each; 0 analyses every query afresh. Results are the same
    // either way. Cleared whenever the engine reopens.
    std::size_t query_cache_size = 256;
    std::size_t max_offset_window = 1000;  // offset + limit at most this (offset paging)
    // Bitmaps of term postings kept for exact totals and facet counts (per generation, shared
    // like the record cache), least recently used forgotten first past this many bytes. 0 (the
    // default): posting_cache_budget() of the generation's size, 64 MiB over shards.
    std::size_t posting_cache_bytes = 0;
    // A generation whose files take at most this many bytes is searched in memory: each engine
    // copies it into a database of its own when it opens the generation (about five times the
    // bytes of the files, and a few tenths of a second for the bundled corpus), and then reads
    // its posting lists, positions and records without a system call (memory_copy.h). 0 (the
    // default): the files are searched. For engines that answer many queries (`yrkesok serve`
    // sets kServeInMemoryMaxBytes); shards are always searched in their files.
    std::size_t in_memory_max_bytes = 0;
    // Makes that copy on a thread of its own (background_copy.h) and answers from the files until
    // it is done, instead of making the opening call wait for it. For a server, where a new
    // generation finds every engine busy; off for a one-shot command or a benchmark, which
    // should search the copy from its first query.
    bool copy_in_background = false;
    // Shard locations searched as one index instead of the directory's current generation:
    // local Xapian databases by path, remote ones served by xapian-tcpsrv as
    // "tcp://HOST:PORT" (docs/scaling.md). Empty (the default): the index directory.
    std::vector<std::string> shards;
    unsigned remote_timeout_ms = 5000;          // a remote shard silent this long fails the request
    unsigned remote_connect_timeout_ms = 2000;  // connecting to a remote shard
    // With shards: a local Xapian database (e.g. a copy of the generation) whose spelling and
    // synonym tables are used, since xapian-tcpsrv serves neither. Empty: the shards' own
    // tables, which remote shards do not provide (no synonyms, no spelling corrections).
    std::string lexicon;
    // Shared by the engines of a pool (generation_cache.h): each generation's suggester, facet
    // tables and record cache are then built once, not once per engine. Null: the engine builds its
    // own. Used for an index directory's generations, which never change once written; not with
    // `shards`, which may be databases updated in place.
    std::shared_ptr<GenerationCache> shared;
};

class SearchEngine {
  public:
    // Opens the generation that `index_dir`/current points to, or, when options.shards is set,
    // those shards (`index_dir` is then only the name shown in messages). A shard that fails
    // mid-request (a remote one down or silent past the timeout) throws IndexOpenError naming
    // it; the next request reconnects. Answers are never partial.
    SearchEngine(std::string index_dir, std::shared_ptr<const analyzers::Analyzer> analyzer,
                 EngineOptions options = {});
    ~SearchEngine();
    SearchEngine(SearchEngine&&) noexcept;
    SearchEngine& operator=(SearchEngine&&) noexcept;

    SearchResponse search(const SearchRequest& request);
    std::vector<Suggestion> suggest(const std::string& prefix, std::size_t limit);
    // The stored record as JSON text, or nullopt for an unknown id.
    std::optional<std::string> occupation_json(const std::string& id);
    // Counts of every facet value over the whole index.
    SearchResponse all_facets();
    IndexInfo info() const;
    // Names the index content this engine answers from: its generation and the databases'
    // UUIDs, so it changes whenever a rebuild goes live, also when an index directory is
    // rebuilt from scratch. For HTTP entity tags; no I/O.
    const std::string& content_tag() const;
    // The generation this engine answers from (info() also reads the index; this does not).
    const std::string& generation() const;
    // Whether that generation is searched in memory (EngineOptions::in_memory_max_bytes): now,
    // or, while its copy is made in the background, once it is done; no I/O.
    bool in_memory() const;
    // Whether that copy (EngineOptions::copy_in_background) is still to be taken up: the engine
    // answers from the files until a call finds it done (a search, a suggestion,
    // reopen_if_changed...) and moves to it.
    bool copying_to_memory() const;
    // The ranking profile that generation records (format/profile.h), and the analyzer this
    // engine analyses queries and hits with: made for that profile unless the caller chose
    // otherwise (HTTP's EnginePool makes a new one when a generation changes the profile).
    const format::Profile& profile() const;
    const std::shared_ptr<const analyzers::Analyzer>& analyzer() const;

    // Builds the generation's suggester (otherwise made on the first suggest()), then analyses
    // the stored text of up to `max_documents` records, in index order, so that the
    // shared Analyzer's word cache holds the corpus's vocabulary, and keeps as many as the
    // record cache holds (`document_cache_size`; shared with a pool's engines): the first search
    // showing a record then costs what later ones do (snippets analyse the hits' text). Stops
    // early when `stop` becomes true. Does nothing over remote shards. Returns the records
    // analysed.
    std::size_t warm_up(std::size_t max_documents, const std::atomic<bool>* stop = nullptr);

    // Reopens when the index's current generation changed; returns true when it did.
    bool reopen_if_changed();

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace yrkesok::search
