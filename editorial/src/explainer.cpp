#include <xapian.h>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <unordered_set>

#include "yrkesok/analyzers/utf8.h"
#include "yrkesok/editorial/explain.h"
#include "yrkesok/format/open.h"
#include "yrkesok/format/schema.h"
#include "yrkesok/format/words.h"
#include "yrkesok/searcher/query_builder.h"
#include "yrkesok/searcher/query_parser.h"

namespace yrkesok::search {
namespace {

namespace s = format;
using analyzers::TermKind;

// A stored term split into its field, class and text (see yrkesok/format/schema.h).
struct IndexTerm {
    std::string field;  // title, text (the summary and body), exact-title, other
    std::string cls;    // "", "P" or "Z"
    std::string text;
};

IndexTerm split_index_term(const std::string& term) {
    const std::pair<std::string_view, const char*> fields[] = {
        {s::kExactTitle, "exact-title"}, {s::kTitle, "title"}, {s::kText, "text"}};
    for (const auto& [prefix, name] : fields) {
        if (!term.starts_with(prefix)) continue;
        IndexTerm out{name, "", term.substr(prefix.size())};
        if (prefix != s::kExactTitle && !out.text.empty() &&
            (out.text.starts_with(s::kPartClass) || out.text.starts_with(s::kStemClass))) {
            out.cls = out.text.substr(0, 1);
            out.text.erase(0, 1);
        }
        return out;
    }
    return {"other", "", term};
}

// One matching leaf found while walking the query tree.
struct Leaf {
    std::string term;  // empty for a posting source
    double bm25 = 0;
    double factor = 1;
    bool in_and = false;  // below an OP_AND: the every-word bonus or the exact-title bonus
};

// How a (class, text) pair relates to one query word.
struct Origin {
    std::string kind;
    std::string via;
};

}  // namespace

struct Explainer::Impl {
    std::string index_dir;
    std::shared_ptr<const analyzers::Analyzer> analyzer;
    EngineOptions options;
    Xapian::Database db;
    RankingOptions ranking;  // options.ranking with the index's profile

    Xapian::docid doc = 0;
    std::string id_term;

    // The document's weight for `query` alone, or a negative number when it does not match.
    double isolated_weight(const Xapian::Query& query) const {
        Xapian::Enquire enquire(db);
        enquire.set_weighting_scheme(ranking_weight(ranking));
        enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, query, Xapian::Query(id_term)));
        Xapian::MSet mset = enquire.get_mset(0, 1);
        if (mset.empty()) return -1;
        return mset.begin().get_weight();
    }

    // Walks the query tree with Xapian's matching rules and collects the matching leaves.
    bool walk(const Xapian::Query& node, double factor, bool in_and,
              std::vector<Leaf>& leaves) const {
        using Q = Xapian::Query;
        switch (node.get_type()) {
            case Q::LEAF_TERM: {
                double w = isolated_weight(node);
                if (w < 0) return false;
                leaves.push_back({*node.get_terms_begin(), w, factor, in_and});
                return true;
            }
            case Q::LEAF_POSTING_SOURCE: {
                double w = isolated_weight(node);
                if (w < 0) return false;
                leaves.push_back({"", w, factor, in_and});
                return true;
            }
            case Q::LEAF_MATCH_ALL:
                return true;
            case Q::LEAF_MATCH_NOTHING:
                return false;
            case Q::OP_SCALE_WEIGHT: {
                const Q sub = node.get_subquery(0);
                double sub_weight = isolated_weight(sub);
                if (sub_weight < 0) return false;
                double scale = sub_weight > 0 ? isolated_weight(node) / sub_weight : 0;
                return walk(sub, factor * scale, in_and, leaves);
            }
            case Q::OP_OR: {
                bool any = false;
                for (std::size_t i = 0; i < node.get_num_subqueries(); ++i) {
                    any = walk(node.get_subquery(i), factor, in_and, leaves) || any;
                }
                return any;
            }
            case Q::OP_AND:
            case Q::OP_PHRASE:
            case Q::OP_NEAR: {
                // A phrase or NEAR weighs as the sum of its parts, when the positions agree.
                if (node.get_type() != Q::OP_AND && isolated_weight(node) < 0) return false;
                const bool bonus = in_and || node.get_type() == Q::OP_AND;
                std::vector<Leaf> found;
                for (std::size_t i = 0; i < node.get_num_subqueries(); ++i) {
                    if (!walk(node.get_subquery(i), factor, bonus, found)) return false;
                }
                leaves.insert(leaves.end(), found.begin(), found.end());
                return true;
            }
            case Q::OP_AND_MAYBE: {
                if (!walk(node.get_subquery(0), factor, in_and, leaves)) return false;
                for (std::size_t i = 1; i < node.get_num_subqueries(); ++i) {
                    walk(node.get_subquery(i), factor, in_and, leaves);
                }
                return true;
            }
            case Q::OP_AND_NOT:
            case Q::OP_FILTER: {
                const bool wanted = node.get_type() == Q::OP_FILTER;
                for (std::size_t i = 1; i < node.get_num_subqueries(); ++i) {
                    if ((isolated_weight(node.get_subquery(i)) >= 0) != wanted) return false;
                }
                return walk(node.get_subquery(0), factor, in_and, leaves);
            }
            default: {
                // Operators the query builder does not use: the node's weight as one leaf.
                double w = isolated_weight(node);
                if (w < 0) return false;
                leaves.push_back({node.get_description(), w, factor, in_and});
                return true;
            }
        }
    }

    // Every (class + text) a query word can produce, with how it was derived.
    std::map<std::string, Origin> origins_of(const analyzers::Token& token) const {
        std::map<std::string, Origin> out;
        for (const auto& t : token.terms) {
            std::string cls = t.kind == TermKind::part   ? std::string(s::kPartClass)
                              : t.kind == TermKind::stem ? std::string(s::kStemClass)
                                                         : std::string();
            out.emplace(cls + t.text, Origin{std::string(analyzers::to_string(t.kind)), ""});
        }
        for (const auto& t : token.terms) {
            if (t.kind == TermKind::part) out.emplace(t.text, Origin{"part-as-word", ""});
            // The word itself as a part of a title's compound: its surface and lemmas, as
            // QueryBuilder::word_terms asks for them.
            if (t.kind == TermKind::surface || t.kind == TermKind::lemma) {
                out.emplace(std::string(s::kPartClass) + t.text, Origin{"word-as-part", ""});
            }
        }
        if (!options.ranking.use_synonyms) return out;
        for (const auto& t : token.terms) {
            if (t.kind != TermKind::surface && t.kind != TermKind::lemma) continue;
            for (auto syn = db.synonyms_begin(t.text); syn != db.synonyms_end(t.text); ++syn) {
                for (const auto& syn_token : analyzer->analyze(*syn, analyzers::Language::both)) {
                    for (const auto& syn_term : syn_token.terms) {
                        if (is_whole_word(syn_term.kind)) {
                            out.emplace(syn_term.text, Origin{"synonym", t.text});
                        }
                    }
                }
            }
        }
        return out;
    }
};

Explainer::Explainer(std::string index_dir, std::shared_ptr<const analyzers::Analyzer> analyzer,
                     EngineOptions options)
    : impl_(std::make_unique<Impl>()) {
    impl_->index_dir = std::move(index_dir);
    impl_->analyzer = std::move(analyzer);
    impl_->options = options;
    impl_->db = format::open_current_generation(impl_->index_dir).db;
    impl_->ranking =
        ranking_for_index(impl_->options.ranking, format::profile_of(impl_->db, impl_->index_dir));
}

Explainer::~Explainer() = default;
Explainer::Explainer(Explainer&&) noexcept = default;
Explainer& Explainer::operator=(Explainer&&) noexcept = default;

Explanation Explainer::explain(const std::string& query, const std::string& id) {
    Impl& m = *impl_;
    if (query.size() > m.options.max_query_bytes) {
        throw SearchError("query is " + std::to_string(query.size()) + " bytes; at most " +
                          std::to_string(m.options.max_query_bytes));
    }
    if (utf8::find_invalid(query)) throw SearchError("query is not valid UTF-8");
    m.id_term = std::string(s::kIdTerm) + id;
    auto posting = m.db.postlist_begin(m.id_term);
    if (posting == m.db.postlist_end(m.id_term)) {
        throw SearchError("no occupation with id \"" + id + "\" in the index");
    }
    m.doc = *posting;
    const Xapian::Document document = m.db.get_document(m.doc);

    Explanation out;
    out.query = query;
    out.id = id;
    auto data = nlohmann::json::parse(document.get_data(), nullptr, false);
    if (data.is_object()) out.title = data.value("title", "");

    ParsedQuery parsed = parse_query(query, *m.analyzer);
    QueryBuilder builder(m.db, *m.analyzer, m.ranking, &m.db);
    BuiltQuery built = builder.build(parsed);
    if (built.browse) throw SearchError("the query has no words to explain");

    // Rank and score exactly as SearchEngine::search computes them (BM25, no filters).
    Xapian::Enquire enquire(m.db);
    enquire.set_query(built.query);
    enquire.set_weighting_scheme(ranking_weight(m.ranking));
    Xapian::MSet mset = enquire.get_mset(0, m.db.get_doccount());
    out.total = mset.size();
    std::size_t rank = 0;
    for (auto it = mset.begin(); it != mset.end(); ++it) {
        ++rank;
        if (*it != m.doc) continue;
        out.matches = true;
        out.rank = rank;
        out.score = it.get_weight();
        break;
    }

    auto wdf_of = [&](const std::string& term) -> unsigned {
        return format::wdf_in_document(m.db, m.doc, term).value_or(0);
    };

    // The words, their analysis and where their terms come from.
    std::vector<std::map<std::string, Origin>> origins;
    for (const auto& qt : parsed.classified) {
        const auto& token = *qt.token;
        if (token.terms.empty()) continue;
        WordExplanation word;
        word.word = token.text;
        word.role = qt.kind == UnitKind::phrase     ? "phrase"
                    : qt.kind == UnitKind::excluded ? "excluded"
                    : token.stopword                ? "stopword"
                                                    : "word";
        word.terms = token.terms;
        for (const auto& t : token.terms) {
            if (t.kind != TermKind::part && t.kind != TermKind::stem &&
                format::holds_word(m.db, t.text)) {
                word.known = true;
            }
            const std::string cls = t.kind == TermKind::part   ? std::string(s::kPartClass)
                                    : t.kind == TermKind::stem ? std::string(s::kStemClass)
                                                               : std::string();
            bool present = false;
            for (const std::string_view field : s::kTextFields) {
                present = present ||
                          format::wdf_in_document(m.db, m.doc, s::field_term(field, cls, t.text))
                              .has_value();
            }
            // An exclusion removes documents by whole words only.
            if (qt.kind == UnitKind::excluded) present = present && cls.empty();
            if (!present) {
                word.unmatched_terms.push_back(t.text + " (" +
                                               std::string(analyzers::to_string(t.kind)) + ")");
            }
        }
        if (qt.kind == UnitKind::excluded) {
            word.matched = word.unmatched_terms.size() < word.terms.size();
        }
        out.words.push_back(std::move(word));
        origins.push_back(m.origins_of(token));
    }

    // The matching leaves, merged per index term.
    std::vector<Leaf> leaves;
    if (out.matches) m.walk(built.query, 1.0, false, leaves);
    std::map<std::string, std::size_t> by_term;
    for (const auto& leaf : leaves) {
        const IndexTerm split = split_index_term(leaf.term);
        const bool exact_title = leaf.term.empty() || split.field == "exact-title";
        if (exact_title) {
            out.exact_title_bonus += leaf.bm25 * leaf.factor;
            continue;
        }
        auto [slot, fresh] = by_term.emplace(leaf.term, out.contributions.size());
        if (fresh) {
            TermContribution c;
            c.term = split.text;
            c.field = split.field;
            c.index_term = leaf.term;
            c.wdf = wdf_of(leaf.term);
            c.bm25 = leaf.bm25;
            c.kind = split.cls == s::kPartClass ? "part" : split.cls == s::kStemClass ? "stem" : "";
            for (std::size_t w = 0; w < origins.size(); ++w) {
                if (out.words[w].role == "excluded") continue;
                auto it = origins[w].find(split.cls + split.text);
                if (it != origins[w].end()) {
                    c.word = out.words[w].word;
                    c.kind = it->second.kind;
                    c.via = it->second.via;
                    break;
                }
                // A whole query word also matches a title's compound part of the same word.
                if (split.cls == s::kPartClass && origins[w].contains(split.text)) {
                    c.word = out.words[w].word;
                    break;
                }
            }
            out.contributions.push_back(std::move(c));
        }
        TermContribution& c = out.contributions[slot->second];
        // A leaf in the every-word bonus counts only there; a field term reached through
        // OP_AND is the bonus, an unprefixed term (a phrase over no field) is the phrase itself.
        const bool bonus = leaf.in_and && split.field != "other";
        if (bonus) {
            c.bonus += leaf.bm25 * leaf.factor;
        } else {
            c.weight += leaf.bm25 * leaf.factor;
            c.factor = leaf.factor;
        }
        if (c.factor == 0) c.factor = leaf.factor;
    }
    for (const auto& c : out.contributions) {
        out.words_weight += c.weight;
        out.all_words_bonus += c.bonus;
        for (auto& word : out.words) {
            if (word.word == c.word && word.role != "excluded") {
                word.matched = true;
                word.weight += c.weight + c.bonus;
                break;
            }
        }
    }
    std::stable_sort(
        out.contributions.begin(), out.contributions.end(),
        [](const auto& a, const auto& b) { return a.weight + a.bonus > b.weight + b.bonus; });
    return out;
}

}  // namespace yrkesok::search
