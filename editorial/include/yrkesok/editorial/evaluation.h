// Relevance evaluation: judged queries, ranking metrics and the ablation ladder.
//
// A judged query carries graded judgements (0-3) over occupation ids (or titles, for the
// three-column dev format). A ranking — from our engine or from a run file written by another
// system — is scored per query (nDCG@10, reciprocal rank, success@1/3/10, zero hits) and the
// scores are averaged overall and per query kind. The same code scores every system, so
// figures from different engines are comparable.
//
// Everything here is a plain function of its inputs; nothing is shared between calls, so the
// functions are safe to call from several threads. Malformed files throw EvaluationError with
// `FILE:LINE: message`.
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "yrkesok/analyzers/analyzer.h"
#include "yrkesok/searcher/search_engine.h"

namespace yrkesok::eval {

class EvaluationError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

inline constexpr std::size_t kCutoff = 10;  // metrics look at the first 10 hits
inline constexpr int kRelevantGrade = 2;    // success@k and MRR count grades >= 2

struct JudgedQuery {
    std::string id;
    std::string kind;
    std::string query;
    std::vector<std::string> sectors;  // filters, as in a SearchRequest
    std::vector<std::string> education_levels;
    std::map<std::string, int> grades;  // occupation id (or title when by_title) -> 0..3
    bool by_title = false;              // judgements name titles (the dev format)
};

// Reads either format: the five-column judged set (benchmarks/relevance/README.md) or the
// three-column dev set (query, ';'-separated relevant titles, k), whose titles get grade 3.
// Throws EvaluationError for an unreadable file, a malformed line, a duplicate id or a file
// without queries.
std::vector<JudgedQuery> read_judged_queries(const std::filesystem::path& file);

struct RankedHit {
    std::string id;
    std::string title;  // needed only for by_title queries
};

struct Ranking {
    std::vector<RankedHit> hits;  // best first; only the first kCutoff count
    std::size_t total = 0;        // all matches (0 is a zero-hit query)
};

struct QueryScore {
    double ndcg = 0;  // nDCG@10; 0 when the query has no positive judgement
    double rr = 0;    // 1 / rank of the first hit with grade >= 2, within 10
    bool success1 = false;
    bool success3 = false;
    bool success10 = false;
    bool zero_hits = false;
};

QueryScore score_query(const JudgedQuery& query, const Ranking& ranking);

struct Metrics {
    std::size_t queries = 0;
    double ndcg = 0;
    double mrr = 0;
    double success1 = 0;
    double success3 = 0;
    double success10 = 0;
    double zero_hit_rate = 0;
};

struct QueryResult {
    const JudgedQuery* query = nullptr;  // points into the vector passed to evaluate()
    QueryScore score;
    std::vector<std::string> top;  // ids of the first hits (at most kCutoff)
};

struct EvaluationReport {
    Metrics overall;
    std::map<std::string, Metrics> by_kind;
    std::vector<QueryResult> queries;  // in file order
};

// Ranks every query with `rank` and scores it.
EvaluationReport evaluate(const std::vector<JudgedQuery>& queries,
                          const std::function<Ranking(const JudgedQuery&)>& rank);

// Ranks with our engine: the query text and filters as a SearchRequest (10 hits, no snippets).
EvaluationReport evaluate_engine(const std::vector<JudgedQuery>& queries,
                                 search::SearchEngine& engine);

// A run file: `query-id<TAB>id id id ...` per line (ranked; an empty list is zero hits).
// Throws EvaluationError for a malformed line or a duplicate id.
std::map<std::string, std::vector<std::string>> read_run_file(const std::filesystem::path& file);

// Scores a run; every query must have a line (EvaluationError names the first missing id).
EvaluationReport evaluate_run(const std::vector<JudgedQuery>& queries,
                              const std::map<std::string, std::vector<std::string>>& run);

// One configuration of the ablation: analysis stages (index and query side alike) and ranking.
struct AblationStep {
    std::string name;
    analyzers::AnalyzerOptions analysis;
    search::RankingOptions ranking;
    unsigned summary_repeat = 0;  // index side (format/schema.h, kText); 0: the profile's
};

// The stages added one at a time, from ICU tokens only to the shipped defaults: + Snowball,
// + hunspell lemmas, + compound parts, + hyphen ellipsis, + bokmål/nynorsk variants,
// + synonyms, + typo fallback. The last step equals the defaults.
std::vector<AblationStep> stage_ablation();

// The shipped defaults with one stage taken away at a time ("defaults − compound parts").
std::vector<AblationStep> leave_one_out_ablation();

// Ranking variants over the default analysis: field weights, the summary's repeat, BM25's k1 and
// the bonuses.
std::vector<AblationStep> ranking_ablation();

}  // namespace yrkesok::eval
