#include "yrkesok/searcher/search_engine.h"

#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <functional>
#include <nlohmann/json.hpp>
#include <unordered_set>

#include "background_copy.h"
#include "database_set.h"
#include "engine_databases.h"
#include "facet_spy.h"
#include "facet_table.h"
#include "filter_query.h"
#include "lru_cache.h"
#include "match_set.h"
#include "request_checks.h"
#include "snippets.h"
#include "spelling_correction.h"
#include "split_ranking.h"
#include "stored_document.h"
#include "suggester.h"
#include "term_scoring.h"
#include "yrkesok/analyzers/utf8.h"
#include "yrkesok/format/layout.h"
#include "yrkesok/format/open.h"
#include "yrkesok/format/schema.h"
#include "yrkesok/searcher/query_builder.h"
#include "yrkesok/searcher/query_parser.h"

namespace yrkesok::search {
namespace {

namespace s = format;

FacetCounts sorted_counts(const std::map<std::string, std::size_t>& counts,
                          const std::vector<std::string>& selected) {
    FacetCounts out(counts.begin(), counts.end());
    for (const auto& value : selected) {
        if (!counts.contains(value)) out.emplace_back(value, 0);
    }
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
        return a.second != b.second ? a.second > b.second : a.first < b.first;
    });
    return out;
}

}  // namespace

// A query analysed and built once, for as long as the engine's generation lasts.
struct CompiledQuery {
    ParsedQuery parsed;  // its tokens are referred to by address: never copied
    BuiltQuery built;
    bool prefix = false;            // built with the unfinished last word as a prefix
    bool correction_known = false;  // `correction` was asked of the spelling table
    std::optional<SpellingCorrection> correction;
    // A set of matches evaluated once and kept with the query when small (see kept_set).
    struct KeptSet {
        bool known = false;  // `set` was evaluated (null: not possible on sets)
        std::shared_ptr<const DocumentSet> set;
    };
    KeptSet words;       // built.query's matches
    KeptSet every_word;  // built.split->every_word's matches
};

struct RequestFilters;
struct SearchSpies;
struct MatchSets;

// The databases it answers from (EngineDatabases: `db` searched, `files` for metadata, since
// the copy in memory holds none; `lexicon` for spelling and synonyms; `remote`: no match spies,
// see database_set.h), and what the engine derives from them.
struct SearchEngine::Impl : EngineDatabases {
    std::string index_dir;
    std::shared_ptr<const analyzers::Analyzer> analyzer;
    EngineOptions options;
    RankingOptions ranking;  // options.ranking with the generation's profile (forget_contents)
    const format::Profile* profile = &format::kOccupationsProfile;  // the generation's
    bool broken = false;  // a shard failed: reconnect before the next request
    // Spies and deciders see each shard's own ids (Xapian 1.4), not the combined ids of tables.
    bool deciders_see_combined_ids() const { return db.size() == 1; }
    // Title and word completions of this generation, built on the first suggestion (or
    // warm_up): a search never needs them, and reading every stored record for them was most of
    // the time it took to open an engine.
    std::shared_ptr<const Suggester> suggester;
    // Parsed and analysed hits of this generation, shared with the pool's other engines (made
    // by forget_contents when the engine opens its generation).
    std::shared_ptr<const DocumentCache> documents;
    LruCache<std::string, std::shared_ptr<CompiledQuery>> queries{0};
    // Term postings as bitmaps, for exact totals and facet counts beside a top-k ranking pass.
    std::shared_ptr<const PostingSets> postings;
    std::shared_ptr<const TermScoring> scoring;  // made by the first compile that can use it
    // Facet tables (local databases only), loaded on the first search that counts facets.
    bool facet_tables_loaded = false;
    std::shared_ptr<const FacetTable> sector_table;
    std::shared_ptr<const FacetTable> education_table;
    // The copy in memory of the generation, while it is made (copy_wanted).
    std::unique_ptr<BackgroundCopy> copying;

    // Forgets everything derived from the database's contents (after any reopen).
    void forget_contents() {
        profile = &format::profile_of(files, index_dir);
        ranking = ranking_for_index(options.ranking, *profile);
        suggester.reset();
        documents = shared_value<DocumentCache>("documents", [&] {
            return std::make_shared<const DocumentCache>(options.document_cache_size);
        });
        queries.clear();
        scoring.reset();
        postings = shared_value<PostingSets>("postings", [&] {
            std::size_t budget = options.posting_cache_bytes;
            if (budget == 0) {  // grows with the records only where one cache serves all engines
                budget = shares_values() ? posting_cache_budget(db.get_doccount())
                                         : kMinPostingCacheBytes;
            }
            return std::make_shared<const PostingSets>(budget);
        });
        facet_tables_loaded = false;
        sector_table.reset();
        education_table.reset();
    }

    const Suggester& suggestions() {
        if (!suggester) {
            suggester = shared_value<Suggester>("suggester", [&] {
                return std::make_shared<const Suggester>(db, lexicon, *analyzer);
            });
        }
        return *suggester;
    }

    void load_facet_tables() {
        if (facet_tables_loaded) return;
        // Over local shards value streams give combined ids, as the match sets' postings do.
        if (!remote) {
            sector_table = shared_value<FacetTable>(
                "sectors", [&] { return FacetTable::load(db, s::kSectorsSlot); });
            education_table = shared_value<FacetTable>(
                "education", [&] { return FacetTable::load(db, s::kEducationSlot); });
        }
        facet_tables_loaded = true;  // only once both are in: a failed load is tried again
    }

    // The table that scores a single database's terms (term_scoring.h), once per generation;
    // in memory from the copy's postings. Not over remote shards (no pruning there).
    void make_scoring_table() {
        if (scoring || remote || db.size() != 1) return;
        const std::string name = "scoring k1=" + std::to_string(ranking.bm25_k1) +
                                 (in_memory ? ", copied postings" : "");
        scoring = shared_value<TermScoring>(name, [&] {
            return std::make_shared<const TermScoring>(db, ranking.bm25_k1, copied_postings);
        });
    }

    std::shared_ptr<CompiledQuery> compile(const std::string& query, bool prefix) {
        // A query with and without prefix matching compiles differently; '\0' cannot occur in
        // a query (it is not valid text for the analyzer's tokenizer to keep).
        const std::string key = prefix ? query + std::string(1, '\0') + "prefix" : query;
        if (auto cached = queries.find(key)) return cached;
        auto compiled = std::make_shared<CompiledQuery>();
        compiled->parsed = parse_query(query, *analyzer);
        compiled->prefix = prefix;
        make_scoring_table();
        QueryBuilder builder(lexicon, *analyzer, ranking, remote ? nullptr : &db, scoring);
        compiled->built = builder.build(compiled->parsed, prefix);
        queries.insert(key, compiled);
        return compiled;
    }

    std::shared_ptr<const StoredDocument> stored(Xapian::docid docid) {
        if (auto known = documents->find(docid)) return known;
        auto made = StoredDocument::load(db.get_document(docid));
        documents->insert(docid, made);
        return made;
    }

    void open() {
        if (!options.shards.empty()) {
            open_shards();
            return;
        }
        // Opened first: when that fails, the engine stays as it was, copy and all.
        const CopyOf copy_of = copy_source();
        EngineDatabases opened = open_generation(index_dir, options, copy_of);
        copying.reset();  // a copy of the generation being left is of no use
        adopt(std::move(opened));
        copying = start_background_copy(*this, copy_of);
    }

    CopyOf copy_source() const { return shared_copy_source(options.shared, index_dir); }

    void adopt_finished_copy() {
        const bool was_in_memory = in_memory;
        take_up_finished_copy(copying, *this);
        if (in_memory != was_in_memory) {  // queries and table were for the files
            queries.clear();
            scoring.reset();
        }
    }

    void adopt(EngineDatabases opened) {
        static_cast<EngineDatabases&>(*this) = std::move(opened);
        broken = false;
        forget_contents();
    }

    // Whether the engines on one index share what shared_value builds (not over shards).
    bool shares_values() const { return options.shared && options.shards.empty(); }
    // The value `name` of the content `tag`: from the engines' shared cache when there is one
    // (an index directory's generation never changes once written), else built here.
    template <typename T>
    std::shared_ptr<const T> shared_value(const std::string& tag, const std::string& name,
                                          const std::function<std::shared_ptr<const T>()>& build) {
        if (!shares_values()) return build();
        return options.shared->get<T>(index_dir + "\n" + tag, name, build);
    }
    // The same for the generation this engine is on.
    template <typename T>
    std::shared_ptr<const T> shared_value(const std::string& name,
                                          const std::function<std::shared_ptr<const T>()>& build) {
        return shared_value<T>(content_tag, name, build);
    }

    void open_shards() {
        try {
            adopt(open_shard_list(index_dir, options));
        } catch (const Xapian::Error& e) {
            broken = true;
            throw IndexOpenError(index_dir + ": cannot open the shards: " + e.get_description());
        }
    }

    // Runs `action`; a shard failure becomes IndexOpenError and a reconnect on the next call.
    template <typename Action>
    auto guarded(Action action) {
        if (broken) open();
        adopt_finished_copy();
        try {
            return action();
        } catch (const Xapian::DatabaseModifiedError&) {
            db.reopen();
            forget_contents();
            return action();
        } catch (const Xapian::NetworkError& e) {
            broken = true;
            throw IndexOpenError(index_dir + ": a shard failed: " + e.get_description());
        } catch (const Xapian::FeatureUnavailableError& e) {
            // xapian-tcpsrv sends a document's values from its term list.
            throw IndexOpenError(
                index_dir + ": a shard cannot send its documents (" + e.get_description() +
                "); build shards served remotely with `yrkesok index --term-lists`");
        }
    }

    // Runs `query` to count a facet over every matching document.
    std::map<std::string, std::size_t> count_facet(const Xapian::Query& query,
                                                   Xapian::valueno slot) {
        if (remote) {
            return count_by_terms(db, query,
                                  slot == s::kSectorsSlot ? s::kSectorTerm : s::kEducationTerm);
        }
        Xapian::Enquire enquire(db);
        enquire.set_query(query);
        enquire.set_weighting_scheme(Xapian::BoolWeight());
        MultiValueCountSpy spy(slot);
        enquire.add_matchspy(&spy);
        enquire.get_mset(0, 0, db.get_doccount());
        return spy.counts();
    }

    // One search, step by step (run calls the others in this order).
    SearchResponse run(const SearchRequest& request, bool allow_correction);
    Xapian::Enquire ranked_enquire(const Xapian::Query& query, bool browse,
                                   const RequestFilters& filters) const;
    std::shared_ptr<const DocumentSet> kept_set(const Xapian::Query& query,
                                                CompiledQuery::KeptSet& kept) const;
    std::vector<RankedHit> rank(const SearchRequest& request, CompiledQuery& compiled,
                                const RequestFilters& filters, const std::optional<MatchSets>& sets,
                                Xapian::MatchSpy* spy, SearchResponse& response);
    std::unique_ptr<SearchSpies> attach_spies(const SearchRequest& request,
                                              Xapian::Enquire& enquire);
    void count_facets(const SearchRequest& request, const BuiltQuery& built,
                      const RequestFilters& filters, SearchSpies& spies, SearchResponse& response);
    std::optional<MatchSets> match_sets(const SearchRequest& request, CompiledQuery& compiled,
                                        const RequestFilters& filters);
    void count_from_sets(const SearchRequest& request, const MatchSets& sets,
                         SearchResponse& response) const;
    void collect_hits(const SearchRequest& request, const BuiltQuery& built,
                      const std::vector<RankedHit>& ranked, SearchResponse& response);
    // After the query as typed was answered: with fewer hits than few_hits a spelling
    // suggestion, or with none at all the answer to the corrected query when it finds
    // something. A sure correction was searched before the query (answer_sure_correction).
    void correct_spelling(const SearchRequest& request, CompiledQuery& compiled,
                          SearchResponse& response);
    // The answer to a sure correction, when it finds something. That answer stands in for the
    // query as typed however many hits the query found, so it is asked first and the query is
    // not searched at all.
    std::optional<SearchResponse> answer_sure_correction(const SearchRequest& request,
                                                         CompiledQuery& compiled);
    // The answer to the `corrected` text in place of the request's query, when it finds
    // something.
    std::optional<SearchResponse> corrected_answer(const SearchRequest& request,
                                                   const std::string& corrected);
    const std::optional<SpellingCorrection>& correction_of(CompiledQuery& compiled) const;
    SearchResponse all_facets();
    std::string snippet_for(const StoredDocument& document, const SnippetTerms& terms) const;
    void add_details(const StoredDocument& document, const std::unordered_set<std::string>& terms,
                     Hit& hit) const;
};

void SearchEngine::Impl::add_details(const StoredDocument& document,
                                     const std::unordered_set<std::string>& terms, Hit& hit) const {
    const auto analysis = document.analysis(*analyzer);
    hit.body = document.body();
    hit.words["title"] = word_spans(analysis->title_tokens, terms);
    hit.words["summary"] = word_spans(analysis->summary_tokens, terms);
    hit.words["body"] = word_spans(analysis->body_tokens, terms);
}

std::string SearchEngine::Impl::snippet_for(const StoredDocument& document,
                                            const SnippetTerms& terms) const {
    const auto analysis = document.analysis(*analyzer);
    auto snippet =
        make_snippet(document.body(), analysis->body_tokens, analysis->body_hashes, terms);
    if (!snippet.empty()) return snippet;
    const std::string& summary = document.hit().summary;
    snippet = make_snippet(summary, analysis->summary_tokens, analysis->summary_hashes, terms);
    if (!snippet.empty()) return snippet;
    return leading_passage(summary, analysis->summary_tokens, 40);
}

// The facet filters of a request, and the three combinations the disjunctive counts need.
struct RequestFilters {
    const SearchRequest& request;
    Xapian::Query sectors;
    Xapian::Query education;
    std::optional<Xapian::Query> general;

    // `base` filtered by the request's filters, leaving out the sector or the education filter
    // when told to (a facet is counted without its own filter).
    Xapian::Query apply(const Xapian::Query& base, bool with_sectors, bool with_education) const {
        Xapian::Query q = base;
        if (with_sectors && !request.sectors.empty()) {
            q = Xapian::Query(Xapian::Query::OP_FILTER, q, sectors);
        }
        if (with_education && !request.education_levels.empty()) {
            q = Xapian::Query(Xapian::Query::OP_FILTER, q, education);
        }
        if (general) q = Xapian::Query(Xapian::Query::OP_FILTER, q, *general);
        return q;
    }
};

// The match spies of one search: the disjunctive facets (where the facet has no filter of its
// own and the database is local) and the plain value counts the request asks for.
struct SearchSpies {
    SearchSpies(std::shared_ptr<const FacetTable> sector_table,
                std::shared_ptr<const FacetTable> education_table)
        : sectors(std::move(sector_table), s::kSectorsSlot),
          education(std::move(education_table), s::kEducationSlot) {}

    FacetCounter sectors;
    FacetCounter education;
    bool spy_sectors = false;
    bool spy_education = false;
    std::vector<std::pair<std::string, std::unique_ptr<MultiValueCountSpy>>> distribution;
};

constexpr std::size_t kKeptSetBytes = 16 * 1024;  // see kept_set

std::optional<MatchSets> SearchEngine::Impl::match_sets(const SearchRequest& request,
                                                        CompiledQuery& compiled,
                                                        const RequestFilters& filters) {
    // Not over remote shards, where every term's postings would be a round trip.
    if (remote || !postings) return std::nullopt;
    for (const auto& attribute : request.distribution) {
        if (attribute != "sectors" && attribute != "education_levels") return std::nullopt;
    }
    if (request.facets || !request.distribution.empty()) {
        load_facet_tables();
        if (!sector_table || !education_table) return std::nullopt;
    }
    MatchSets sets;  // the words' matches kept with the compiled query when small (kept_set)
    if (!(sets.words = kept_set(compiled.built.query, compiled.words))) return std::nullopt;
    const auto filter_set = [&](const Xapian::Query& query) {
        return match_set(query, db, *postings);
    };
    if (!request.sectors.empty() && !(sets.sectors = filter_set(filters.sectors))) {
        return std::nullopt;
    }
    if (!request.education_levels.empty() && !(sets.education = filter_set(filters.education))) {
        return std::nullopt;
    }
    if (filters.general && !(sets.general = filter_set(*filters.general))) return std::nullopt;
    return sets;
}

void SearchEngine::Impl::count_from_sets(const SearchRequest& request, const MatchSets& sets,
                                         SearchResponse& response) const {
    const auto matches = sets.within(true, true);
    response.total = static_cast<std::size_t>(matches->cardinality());
    // Disjunctive facets: each counted with the other facet's filter only.
    if (request.facets) {
        response.sectors = sorted_counts(
            counts_in(sets.sectors ? *sets.within(false, true) : *matches, *sector_table),
            request.sectors);
        response.education_levels = sorted_counts(
            counts_in(sets.education ? *sets.within(true, false) : *matches, *education_table),
            request.education_levels);
    }
    for (const auto& attribute : request.distribution) {
        const auto& table = attribute == "sectors" ? *sector_table : *education_table;
        auto counts = counts_in(*matches, table);
        response.distribution[attribute].insert(counts.begin(), counts.end());
    }
}

Xapian::Enquire SearchEngine::Impl::ranked_enquire(const Xapian::Query& query, bool browse,
                                                   const RequestFilters& filters) const {
    Xapian::Enquire enquire(db);
    enquire.set_query(filters.apply(query, true, true), kUnusedQueryLength);
    enquire.set_weighting_scheme(ranking_weight(ranking));
    // Equal scores, and browsing, go by the order slot (title, then id), never by document id,
    // which differs between one database and shards. (A KeyMaker would not work remotely.)
    if (browse) {
        enquire.set_sort_by_value(s::kOrderSlot, false);
    } else {
        enquire.set_sort_by_relevance_then_value(s::kOrderSlot, false);
    }
    return enquire;
}

std::unique_ptr<SearchSpies> SearchEngine::Impl::attach_spies(const SearchRequest& request,
                                                              Xapian::Enquire& enquire) {
    // Remote shards cannot run our spies; count_facet counts by terms there instead.
    const bool spy_sectors = request.facets && request.sectors.empty() && !remote;
    const bool spy_education = request.facets && request.education_levels.empty() && !remote;
    if (spy_sectors || spy_education) load_facet_tables();
    const bool tables_fit = deciders_see_combined_ids();
    auto spies = std::make_unique<SearchSpies>(tables_fit ? sector_table : nullptr,
                                               tables_fit ? education_table : nullptr);
    spies->spy_sectors = spy_sectors;
    spies->spy_education = spy_education;
    if (spy_sectors) enquire.add_matchspy(spies->sectors.spy());
    if (spy_education) enquire.add_matchspy(spies->education.spy());
    for (const auto& attribute : request.distribution) {
        const auto slot = distribution_slot(attribute);
        if (!slot) throw SearchError("cannot count facet \"" + attribute + "\"");
        auto spy = std::make_unique<MultiValueCountSpy>(*slot);
        enquire.add_matchspy(spy.get());
        spies->distribution.emplace_back(attribute, std::move(spy));
    }
    return spies;
}

void SearchEngine::Impl::count_facets(const SearchRequest& request, const BuiltQuery& built,
                                      const RequestFilters& filters, SearchSpies& spies,
                                      SearchResponse& response) {
    // Disjunctive facets: each facet is counted with the other facet's filter only.
    if (request.facets) {
        auto sector_counts =
            spies.spy_sectors
                ? spies.sectors.counts()
                : count_facet(filters.apply(built.query, false, true), s::kSectorsSlot);
        auto education_counts =
            spies.spy_education
                ? spies.education.counts()
                : count_facet(filters.apply(built.query, true, false), s::kEducationSlot);
        response.sectors = sorted_counts(sector_counts, request.sectors);
        response.education_levels = sorted_counts(education_counts, request.education_levels);
    }
    for (const auto& [attribute, spy] : spies.distribution) {
        response.distribution[attribute].insert(spy->counts().begin(), spy->counts().end());
    }
}

std::shared_ptr<const DocumentSet> SearchEngine::Impl::kept_set(
    const Xapian::Query& query, CompiledQuery::KeptSet& kept) const {
    // Kept with the compiled query (both last as long as the generation) when small: each
    // engine caches hundreds of queries, and a broad word over a million records is a set of
    // ~128 KiB, quicker to union again than to hold hundreds of.
    if (kept.known) return kept.set;
    auto set = match_set(query, db, *postings);
    kept.known = !set || set->getSizeInBytes() <= kKeptSetBytes;
    if (kept.known) kept.set = set;
    return set;
}

std::vector<RankedHit> SearchEngine::Impl::rank(const SearchRequest& request,
                                                CompiledQuery& compiled,
                                                const RequestFilters& filters,
                                                const std::optional<MatchSets>& sets,
                                                Xapian::MatchSpy* spy, SearchResponse& response) {
    const BuiltQuery& built = compiled.built;
    const std::size_t offset =
        request.offset ? *request.offset : (request.page - 1) * request.per_page;
    const std::size_t count = request.offset ? request.limit : request.per_page;
    const auto enquire_for = [&](const Xapian::Query& query) {
        Xapian::Enquire enquire = ranked_enquire(query, false, filters);
        if (spy) enquire.add_matchspy(spy);
        return enquire;
    };
    const OrderKey order_key = [&](Xapian::docid docid) {
        return db.get_document(docid).get_value(s::kOrderSlot);
    };
    if (sets && !built.browse) {
        // Several words: every-word documents ranked apart from the rest.
        if (built.split && deciders_see_combined_ids()) {
            if (const auto every = kept_set(built.split->every_word, compiled.every_word)) {
                const SplitRanking split{enquire_for, s::kOrderSlot, order_key};
                return split.rank(built.split->every_word_ranked, built.split->some_word, *every,
                                  offset, count);
            }
        }
        Xapian::Enquire enquire = enquire_for(built.query);
        const auto wanted = static_cast<Xapian::doccount>(offset + count);
        return from_place(top_ranked(enquire, wanted, nullptr, s::kOrderSlot, order_key), offset);
    }
    Xapian::Enquire enquire = ranked_enquire(built.query, built.browse, filters);
    std::unique_ptr<SearchSpies> spies;
    if (!sets) spies = attach_spies(request, enquire);
    if (spy) enquire.add_matchspy(spy);
    const Xapian::MSet mset =
        enquire.get_mset(static_cast<Xapian::doccount>(offset),
                         static_cast<Xapian::doccount>(count), sets ? 0 : db.get_doccount());
    if (!sets) {
        response.total = mset.get_matches_estimated();
        count_facets(request, built, filters, *spies, response);
    }
    return hits_of(mset);
}

void SearchEngine::Impl::collect_hits(const SearchRequest& request, const BuiltQuery& built,
                                      const std::vector<RankedHit>& ranked,
                                      SearchResponse& response) {
    std::optional<SnippetTerms> snippet_terms;
    if (request.snippets && !built.highlight_terms.empty())
        snippet_terms.emplace(built.highlight_terms);
    for (const RankedHit& ranked_hit : ranked) {
        const auto document = stored(ranked_hit.docid);
        Hit hit = document->hit();
        hit.score = built.browse ? 0.0 : ranked_hit.weight;
        if (request.snippets) {
            hit.snippet =
                snippet_terms ? snippet_for(*document, *snippet_terms) : html_escape(hit.summary);
        }
        if (request.details) add_details(*document, built.highlight_terms, hit);
        response.hits.push_back(std::move(hit));
    }
}

// Asked once per compiled query (and kept with it): a few term lookups, and the spelling table
// only for a word nothing matches as a whole word. It depends on the query alone, not on what
// the query finds.
const std::optional<SpellingCorrection>& SearchEngine::Impl::correction_of(
    CompiledQuery& compiled) const {
    if (!compiled.correction_known) {
        compiled.correction =
            spelling_correction(compiled.parsed, compiled.prefix, db, lexicon, *analyzer);
        compiled.correction_known = true;
    }
    return compiled.correction;
}

std::optional<SearchResponse> SearchEngine::Impl::answer_sure_correction(
    const SearchRequest& request, CompiledQuery& compiled) {
    if (!ranking.typo_fallback || compiled.built.browse) return std::nullopt;
    const auto& corrected = correction_of(compiled);
    if (!corrected || !corrected->sure) return std::nullopt;
    return corrected_answer(request, corrected->text);
}

std::optional<SearchResponse> SearchEngine::Impl::corrected_answer(const SearchRequest& request,
                                                                   const std::string& corrected) {
    SearchRequest retry = request;
    retry.query = corrected;
    SearchResponse fixed = run(retry, false);
    if (fixed.total == 0) return std::nullopt;
    fixed.query = request.query;
    fixed.corrected_query = corrected;
    return fixed;
}

void SearchEngine::Impl::correct_spelling(const SearchRequest& request, CompiledQuery& compiled,
                                          SearchResponse& response) {
    if (!ranking.typo_fallback || compiled.built.browse) return;
    const bool few = response.total < ranking.few_hits;
    const auto& corrected = correction_of(compiled);
    if (!corrected || (!few && !corrected->sure)) return;
    if (response.total > 0 && !corrected->sure) {
        response.suggestion = corrected->text;
        return;
    }
    // Nothing matched: answer the corrected query instead, when it finds something. A sure
    // correction was searched before the query (answer_sure_correction) and found nothing.
    if (!corrected->sure) {
        if (std::optional<SearchResponse> fixed = corrected_answer(request, corrected->text)) {
            response = std::move(*fixed);
            return;
        }
    }
    if (few) response.suggestion = corrected->text;
}

SearchResponse SearchEngine::Impl::run(const SearchRequest& request, bool allow_correction) {
    const auto started = std::chrono::steady_clock::now();
    const auto elapsed_ms = [&] {
        return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started)
            .count();
    };
    check_request(request, options, remote);

    SearchResponse response;
    response.query = request.query;
    response.page = request.page;
    response.per_page = request.per_page;

    const std::shared_ptr<CompiledQuery> compiled = compile(request.query, request.prefix);
    // A sure correction's answer replaces the misspelt query's whenever it finds something
    // ("rørleger" finds the -lege records through "leger"): searched first, the misspelt query
    // only when the correction finds nothing.
    if (allow_correction) {
        if (std::optional<SearchResponse> fixed = answer_sure_correction(request, *compiled)) {
            fixed->took_ms = elapsed_ms();
            return std::move(*fixed);
        }
    }
    const BuiltQuery& built = compiled->built;
    QueryBuilder builder(lexicon, *analyzer, ranking);
    RequestFilters filters{request, builder.facet_filter(s::kSectorTerm, request.sectors),
                           builder.facet_filter(s::kEducationTerm, request.education_levels),
                           std::nullopt};
    if (request.filter) filters.general = filter_query(db, *request.filter);

    // With the matches as sets, total and facets are counted from them and the ranking pass only
    // finds the top hits (skipping what cannot reach them); else it sees and counts every match.
    const std::optional<MatchSets> sets = match_sets(request, *compiled, filters);
    EvaluatedCounter evaluated;  // a spy cannot be sent to a remote shard
    const std::vector<RankedHit> ranked =
        rank(request, *compiled, filters, sets, remote ? nullptr : &evaluated, response);
    if (sets) count_from_sets(request, *sets, response);
    response.plan = {.counted_from_sets = sets.has_value(),
                     .ranked_documents = evaluated.count,
                     .term_leaves = built.term_leaves,
                     .scored_leaves = built.scored_leaves,
                     .postings_kept = built.postings_kept};
    collect_hits(request, built, ranked, response);
    if (allow_correction) correct_spelling(request, *compiled, response);
    response.took_ms = elapsed_ms();
    return response;
}

SearchEngine::SearchEngine(std::string index_dir,
                           std::shared_ptr<const analyzers::Analyzer> analyzer,
                           EngineOptions options)
    : impl_(std::make_unique<Impl>()) {
    impl_->index_dir = std::move(index_dir);
    impl_->analyzer = std::move(analyzer);
    impl_->options = options;
    impl_->queries =
        LruCache<std::string, std::shared_ptr<CompiledQuery>>(options.query_cache_size);
    impl_->open();
}

SearchEngine::~SearchEngine() = default;

std::size_t SearchEngine::warm_up(std::size_t max_documents, const std::atomic<bool>* stop) {
    return impl_->guarded([&]() -> std::size_t {
        if (impl_->remote) return 0;
        impl_->suggestions();
        impl_->make_scoring_table();
        std::size_t analysed = 0;
        for (auto it = impl_->db.postlist_begin(""); it != impl_->db.postlist_end(""); ++it) {
            if (analysed >= max_documents || (stop && stop->load())) break;
            // Analysing fills the shared word cache; the first records, as many as the record
            // cache holds, are kept there too (with a pool, for every engine).
            auto document = StoredDocument::load(impl_->db.get_document(*it));
            document->analysis(*impl_->analyzer);
            if (analysed < impl_->options.document_cache_size) {
                impl_->documents->insert(*it, std::move(document));
            }
            ++analysed;
        }
        return analysed;
    });
}
SearchEngine::SearchEngine(SearchEngine&&) noexcept = default;
SearchEngine& SearchEngine::operator=(SearchEngine&&) noexcept = default;

SearchResponse SearchEngine::search(const SearchRequest& request) {
    return impl_->guarded([&] { return impl_->run(request, true); });
}

std::vector<Suggestion> SearchEngine::suggest(const std::string& prefix, std::size_t limit) {
    if (prefix.size() > impl_->options.max_query_bytes) {
        throw SearchError("prefix is longer than " +
                          std::to_string(impl_->options.max_query_bytes) + " bytes");
    }
    if (utf8::find_invalid(prefix)) throw SearchError("prefix is not valid UTF-8");
    return impl_->guarded(
        [&] { return impl_->suggestions().suggest(prefix, limit, *impl_->analyzer); });
}

std::optional<std::string> SearchEngine::occupation_json(const std::string& id) {
    const std::string term = std::string(s::kIdTerm) + id;
    return impl_->guarded([&]() -> std::optional<std::string> {
        auto it = impl_->db.postlist_begin(term);
        if (it == impl_->db.postlist_end(term)) return std::nullopt;
        return impl_->db.get_document(*it).get_data();
    });
}

SearchResponse SearchEngine::all_facets() {
    return impl_->guarded([&] { return impl_->all_facets(); });
}

SearchResponse SearchEngine::Impl::all_facets() {
    SearchResponse response;
    response.query = "";
    response.total = db.get_doccount();
    response.sectors = sorted_counts(count_facet(match_all(), s::kSectorsSlot), {});
    response.education_levels = sorted_counts(count_facet(match_all(), s::kEducationSlot), {});
    return response;
}

const std::string& SearchEngine::content_tag() const {
    return impl_->content_tag;
}

const std::string& SearchEngine::generation() const {
    return impl_->generation;
}

bool SearchEngine::in_memory() const {
    return impl_->in_memory || impl_->copy_wanted;
}

bool SearchEngine::copying_to_memory() const {
    return impl_->copying != nullptr;
}

const format::Profile& SearchEngine::profile() const {
    return *impl_->profile;
}

const std::shared_ptr<const analyzers::Analyzer>& SearchEngine::analyzer() const {
    return impl_->analyzer;
}

IndexInfo SearchEngine::info() const {
    IndexInfo info;
    info.generation = impl_->generation;
    info.in_memory = in_memory();
    if (impl_->broken) throw IndexOpenError(impl_->index_dir + ": a shard is unavailable");
    try {
        // Over remote shards, a round trip to every shard, so /health notices one that is down.
        if (impl_->remote) impl_->db.reopen();
        info.documents = impl_->db.get_doccount();
        // Xapian reads metadata from the first shard only; the indexer writes it to every shard.
        for (auto key = impl_->files.metadata_keys_begin("yrkesok.");
             key != impl_->files.metadata_keys_end("yrkesok."); ++key) {
            info.metadata[(*key).substr(8)] = impl_->files.get_metadata(*key);
        }
    } catch (const Xapian::NetworkError& e) {
        impl_->broken = true;
        throw IndexOpenError(impl_->index_dir + ": a shard failed: " + e.get_description());
    }
    return info;
}

bool SearchEngine::reopen_if_changed() {
    if (!impl_->options.shards.empty()) {
        // Shards named by location have no `current` to watch: a reopen picks up new revisions
        // of the same databases (a rebuilt generation needs new locations or a restart).
        if (impl_->broken) {
            impl_->open();  // reconnect; throws IndexOpenError while a shard is still down
            return true;
        }
        // A remote reopen costs a round trip per shard: remote shards reconnect only on failure.
        if (impl_->remote) return false;
        try {
            bool changed = impl_->db.reopen();
            if (changed) impl_->forget_contents();
            return changed;
        } catch (const Xapian::Error&) {
            impl_->broken = true;
            return false;
        }
    }
    impl_->adopt_finished_copy();
    auto current = format::IndexLayout(impl_->index_dir).current_generation();
    if (!current || *current == impl_->generation) return false;
    impl_->open();
    return true;
}

}  // namespace yrkesok::search
