#include "yrkesok/editorial/evaluation.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <set>
#include <sstream>

namespace yrkesok::eval {
namespace {

std::vector<std::string> split(const std::string& text, char separator) {
    std::vector<std::string> out;
    std::string field;
    std::istringstream in(text);
    while (std::getline(in, field, separator)) out.push_back(field);
    if (!text.empty() && text.back() == separator) out.emplace_back();
    return out;
}

std::string trim(const std::string& s) {
    const auto first = s.find_first_not_of(" \t");
    if (first == std::string::npos) return "";
    return s.substr(first, s.find_last_not_of(" \t") - first + 1);
}

class LineError {
  public:
    LineError(const std::filesystem::path& file, std::size_t line) : file_(file), line_(line) {}
    [[noreturn]] void operator()(const std::string& message) const {
        throw EvaluationError(file_.string() + ":" + std::to_string(line_) + ": " + message);
    }

  private:
    const std::filesystem::path& file_;
    std::size_t line_;
};

void parse_filters(const std::string& field, JudgedQuery& q, const LineError& fail) {
    for (const auto& raw : split(field, ';')) {
        const std::string filter = trim(raw);
        if (filter.empty()) continue;
        const auto eq = filter.find('=');
        if (eq == std::string::npos) fail("filter \"" + filter + "\" is not NAME=VALUE");
        const std::string name = trim(filter.substr(0, eq));
        const std::string value = trim(filter.substr(eq + 1));
        if (value.empty()) fail("filter \"" + filter + "\" has no value");
        if (name == "sector") {
            q.sectors.push_back(value);
        } else if (name == "education") {
            q.education_levels.push_back(value);
        } else {
            fail("unknown filter \"" + name + "\" (sector or education)");
        }
    }
}

void parse_judgements(const std::string& field, JudgedQuery& q, const LineError& fail) {
    std::istringstream in(field);
    for (std::string item; in >> item;) {
        const auto colon = item.rfind(':');
        if (colon == std::string::npos || colon == 0 || colon + 2 != item.size() ||
            item[colon + 1] < '0' || item[colon + 1] > '3') {
            fail("judgement \"" + item + "\" is not ID:GRADE with a grade 0-3");
        }
        const std::string id = item.substr(0, colon);
        if (!q.grades.emplace(id, item[colon + 1] - '0').second) {
            fail("occupation \"" + id + "\" is judged twice");
        }
    }
    if (std::none_of(q.grades.begin(), q.grades.end(),
                     [](const auto& g) { return g.second > 0; })) {
        fail("no judgement with a grade above 0");
    }
}

double dcg(const std::vector<int>& grades) {
    double sum = 0;
    for (std::size_t i = 0; i < grades.size() && i < kCutoff; ++i) {
        sum += (std::pow(2.0, grades[i]) - 1.0) / std::log2(static_cast<double>(i) + 2.0);
    }
    return sum;
}

void add(Metrics& m, const QueryScore& s) {
    ++m.queries;
    m.ndcg += s.ndcg;
    m.mrr += s.rr;
    m.success1 += s.success1;
    m.success3 += s.success3;
    m.success10 += s.success10;
    m.zero_hit_rate += s.zero_hits;
}

void average(Metrics& m) {
    if (m.queries == 0) return;
    const double n = static_cast<double>(m.queries);
    m.ndcg /= n;
    m.mrr /= n;
    m.success1 /= n;
    m.success3 /= n;
    m.success10 /= n;
    m.zero_hit_rate /= n;
}

}  // namespace

std::vector<JudgedQuery> read_judged_queries(const std::filesystem::path& file) {
    std::ifstream in(file);
    if (!in) throw EvaluationError(file.string() + ": cannot open the query file");
    std::vector<JudgedQuery> out;
    std::set<std::string> ids;
    std::string line;
    std::size_t number = 0;
    while (std::getline(in, line)) {
        ++number;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (trim(line).empty() || line[0] == '#') continue;
        const LineError fail(file, number);
        const auto fields = split(line, '\t');
        JudgedQuery q;
        if (fields.size() == 5) {
            q.id = trim(fields[0]);
            q.kind = trim(fields[1]);
            q.query = fields[2];
            if (q.id.empty()) fail("empty query id");
            if (q.kind.empty()) fail("empty kind");
            parse_filters(fields[3], q, fail);
            parse_judgements(fields[4], q, fail);
        } else if (fields.size() == 3) {
            // The dev format: query, relevant titles, k. The k is the dev test's own bar.
            q.id = "dev-" + std::to_string(out.size() + 1);
            q.kind = "dev";
            q.query = fields[0];
            q.by_title = true;
            for (const auto& title : split(fields[1], ';')) {
                if (!trim(title).empty()) q.grades[trim(title)] = 3;
            }
            if (q.grades.empty()) fail("no relevant title");
        } else {
            fail(
                "expected 5 tab-separated fields (id, kind, query, filters, judgements) or 3 "
                "(query, titles, k); found " +
                std::to_string(fields.size()));
        }
        if (trim(q.query).empty() && q.sectors.empty() && q.education_levels.empty()) {
            fail("empty query without filters");
        }
        if (!ids.insert(q.id).second) fail("duplicate query id \"" + q.id + "\"");
        out.push_back(std::move(q));
    }
    if (out.empty()) throw EvaluationError(file.string() + ": no queries");
    return out;
}

QueryScore score_query(const JudgedQuery& query, const Ranking& ranking) {
    QueryScore score;
    score.zero_hits = ranking.total == 0 && ranking.hits.empty();
    std::vector<int> gains;
    for (std::size_t i = 0; i < ranking.hits.size() && i < kCutoff; ++i) {
        const auto& hit = ranking.hits[i];
        const auto it = query.grades.find(query.by_title ? hit.title : hit.id);
        const int grade = it == query.grades.end() ? 0 : it->second;
        gains.push_back(grade);
        if (grade >= kRelevantGrade && score.rr == 0) {
            score.rr = 1.0 / static_cast<double>(i + 1);
            score.success1 = i < 1;
            score.success3 = i < 3;
            score.success10 = true;
        }
    }
    std::vector<int> ideal;
    for (const auto& [id, grade] : query.grades) ideal.push_back(grade);
    std::sort(ideal.rbegin(), ideal.rend());
    const double best = dcg(ideal);
    score.ndcg = best > 0 ? dcg(gains) / best : 0;
    return score;
}

EvaluationReport evaluate(const std::vector<JudgedQuery>& queries,
                          const std::function<Ranking(const JudgedQuery&)>& rank) {
    EvaluationReport report;
    for (const auto& q : queries) {
        const Ranking ranking = rank(q);
        QueryResult result;
        result.query = &q;
        result.score = score_query(q, ranking);
        for (std::size_t i = 0; i < ranking.hits.size() && i < kCutoff; ++i) {
            result.top.push_back(ranking.hits[i].id);
        }
        add(report.overall, result.score);
        add(report.by_kind[q.kind], result.score);
        report.queries.push_back(std::move(result));
    }
    average(report.overall);
    for (auto& [kind, metrics] : report.by_kind) average(metrics);
    return report;
}

EvaluationReport evaluate_engine(const std::vector<JudgedQuery>& queries,
                                 search::SearchEngine& engine) {
    return evaluate(queries, [&](const JudgedQuery& q) {
        search::SearchRequest request;
        request.query = q.query;
        request.sectors = q.sectors;
        request.education_levels = q.education_levels;
        request.per_page = kCutoff;
        request.snippets = false;
        const auto response = engine.search(request);
        Ranking ranking;
        ranking.total = response.total;
        for (const auto& hit : response.hits) ranking.hits.push_back({hit.id, hit.title});
        return ranking;
    });
}

std::map<std::string, std::vector<std::string>> read_run_file(const std::filesystem::path& file) {
    std::ifstream in(file);
    if (!in) throw EvaluationError(file.string() + ": cannot open the run file");
    std::map<std::string, std::vector<std::string>> run;
    std::string line;
    std::size_t number = 0;
    while (std::getline(in, line)) {
        ++number;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (trim(line).empty() || line[0] == '#') continue;
        const LineError fail(file, number);
        const auto tab = line.find('\t');
        if (tab == std::string::npos) fail("expected query-id<TAB>ranked ids");
        const std::string id = trim(line.substr(0, tab));
        if (id.empty()) fail("empty query id");
        std::vector<std::string> ids;
        std::istringstream hits(line.substr(tab + 1));
        for (std::string hit; hits >> hit;) ids.push_back(hit);
        if (!run.emplace(id, std::move(ids)).second) fail("duplicate query id \"" + id + "\"");
    }
    return run;
}

EvaluationReport evaluate_run(const std::vector<JudgedQuery>& queries,
                              const std::map<std::string, std::vector<std::string>>& run) {
    for (const auto& q : queries) {
        if (q.by_title) {
            throw EvaluationError("query " + q.id +
                                  " is judged by title; run files name ids, so score them with "
                                  "the five-column format");
        }
        if (!run.contains(q.id)) throw EvaluationError("the run has no line for query " + q.id);
    }
    return evaluate(queries, [&](const JudgedQuery& q) {
        Ranking ranking;
        const auto& ids = run.at(q.id);
        ranking.total = ids.size();
        for (const auto& id : ids) ranking.hits.push_back({id, ""});
        return ranking;
    });
}

std::vector<AblationStep> stage_ablation() {
    std::vector<AblationStep> steps;
    AblationStep step;
    step.name = "ICU tokens only";
    step.analysis.lemmas = false;
    step.analysis.snowball_fallback = false;
    step.analysis.compounds = false;
    step.analysis.hyphen_ellipsis = false;
    step.analysis.variants = false;
    step.ranking.use_synonyms = false;
    step.ranking.typo_fallback = false;
    steps.push_back(step);
    step.name = "+ Snowball stems";
    step.analysis.snowball_fallback = true;
    steps.push_back(step);
    step.name = "+ hunspell lemmas";
    step.analysis.lemmas = true;
    steps.push_back(step);
    step.name = "+ compound parts";
    step.analysis.compounds = true;
    steps.push_back(step);
    step.name = "+ hyphen ellipsis";
    step.analysis.hyphen_ellipsis = true;
    steps.push_back(step);
    step.name = "+ bokmål/nynorsk variants";
    step.analysis.variants = true;
    steps.push_back(step);
    step.name = "+ synonyms";
    step.ranking.use_synonyms = true;
    steps.push_back(step);
    step.name = "+ typo fallback (defaults)";
    step.ranking.typo_fallback = true;
    steps.push_back(step);
    return steps;
}

std::vector<AblationStep> leave_one_out_ablation() {
    std::vector<AblationStep> steps;
    auto without = [&](std::string name, auto change) {
        AblationStep step;
        step.name = "defaults - " + std::move(name);
        change(step);
        steps.push_back(step);
    };
    without("Snowball stems", [](AblationStep& s) { s.analysis.snowball_fallback = false; });
    without("hunspell lemmas", [](AblationStep& s) { s.analysis.lemmas = false; });
    without("compound parts", [](AblationStep& s) { s.analysis.compounds = false; });
    without("hyphen ellipsis", [](AblationStep& s) { s.analysis.hyphen_ellipsis = false; });
    without("variants", [](AblationStep& s) { s.analysis.variants = false; });
    without("synonyms", [](AblationStep& s) { s.ranking.use_synonyms = false; });
    without("typo fallback", [](AblationStep& s) { s.ranking.typo_fallback = false; });
    return steps;
}

std::vector<AblationStep> ranking_ablation() {
    std::vector<AblationStep> steps;
    auto variant = [&](std::string name, auto change) {
        AblationStep step;
        step.name = std::move(name);
        step.ranking.field_weights_from_index = false;  // the weights each row names
        change(step.ranking);
        steps.push_back(step);
    };
    auto summary_repeat = [&](std::string name, unsigned repeat) {
        AblationStep step;
        step.name = std::move(name);
        step.summary_repeat = repeat;
        steps.push_back(step);
    };
    variant("defaults (title 4, text 1.75, k1 3)", [](search::RankingOptions&) {});
    variant("equal fields (1, 1)", [](search::RankingOptions& r) {
        r.title_weight = 1;
        r.text_weight = 1;
    });
    variant("title 2", [](search::RankingOptions& r) { r.title_weight = 2; });
    variant("title 8", [](search::RankingOptions& r) { r.title_weight = 8; });
    variant("text 1", [](search::RankingOptions& r) { r.text_weight = 1; });
    variant("text 3", [](search::RankingOptions& r) { r.text_weight = 3; });
    variant("k1 1 (Xapian's default)", [](search::RankingOptions& r) { r.bm25_k1 = 1; });
    variant("k1 2", [](search::RankingOptions& r) { r.bm25_k1 = 2; });
    summary_repeat("a summary word as 1 body word", 1);
    summary_repeat("a summary word as 3 body words", 3);
    summary_repeat("a summary word as 10 body words", 10);
    variant("no all-words bonus", [](search::RankingOptions& r) { r.all_words_factor = 0; });
    variant("no exact-title bonus", [](search::RankingOptions& r) { r.exact_title_factor = 0; });
    variant("no whole words as title parts",
            [](search::RankingOptions& r) { r.title_part_weight = 0; });
    variant("part and stem weights 1", [](search::RankingOptions& r) {
        r.part_weight = 1;
        r.stem_weight = 1;
    });
    return steps;
}

}  // namespace yrkesok::eval
