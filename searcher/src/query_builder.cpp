#include "yrkesok/searcher/query_builder.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <optional>
#include <set>

#include "term_scoring.h"
#include "yrkesok/analyzers/utf8.h"
#include "yrkesok/format/schema.h"

namespace yrkesok::search {
namespace {

namespace s = format;
using analyzers::TermKind;

// The `limit` terms beginning with `prefix` that the most documents hold, most frequent first.
std::vector<std::string> most_frequent_completions(const Xapian::Database& db,
                                                   const std::string& prefix, unsigned limit) {
    std::vector<std::pair<Xapian::doccount, std::string>> top;  // a min-heap on frequency
    const auto rarer = [](const auto& a, const auto& b) { return a.first > b.first; };
    for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t) {
        const Xapian::doccount frequency = t.get_termfreq();
        if (top.size() < limit) {
            top.emplace_back(frequency, *t);
            std::push_heap(top.begin(), top.end(), rarer);
        } else if (frequency > top.front().first) {
            std::pop_heap(top.begin(), top.end(), rarer);
            top.back() = {frequency, *t};
            std::push_heap(top.begin(), top.end(), rarer);
        }
    }
    std::sort_heap(top.begin(), top.end(), rarer);
    std::vector<std::string> terms;
    for (auto& entry : top) terms.push_back(std::move(entry.second));
    return terms;
}

// The posting lists a ranking pass of `query` opens, added to `built`'s counts: its terms
// (Xapian's query length) and the terms scored by a TermScoring, which Xapian counts as none.
void count_term_leaves(const Xapian::Query& query, BuiltQuery& built) {
    if (query.get_num_subqueries() == 0) {
        const auto scored = scored_terms(query);
        built.term_leaves += scored ? scored->size() : query.get_length();
        built.scored_leaves += scored ? scored->size() : 0;
        return;
    }
    for (std::size_t i = 0; i < query.get_num_subqueries(); ++i) {
        count_term_leaves(query.get_subquery(i), built);
    }
}

Xapian::Query scaled(const Xapian::Query& q, double factor) {
    return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, q, factor);
}

// `q` scaled by `factor`, an OR scaled child by child: Xapian takes the children of an OR into
// an OR around it, where a scale over the whole would keep it apart and change the order in which
// its weights are added up.
Xapian::Query scaled_within_or(const Xapian::Query& q, double factor) {
    if (q.get_type() != Xapian::Query::OP_OR) return scaled(q, factor);
    std::vector<Xapian::Query> children;
    for (std::size_t i = 0; i < q.get_num_subqueries(); ++i) {
        children.push_back(scaled_within_or(q.get_subquery(i), factor));
    }
    return Xapian::Query(Xapian::Query::OP_OR, children.begin(), children.end());
}

// Words that end the name of an education programme, in both written standards: "tømrerfaget",
// "sykepleierutdanning", "frisørlinja", "medisinstudiet". Longest first, so "faget" is tried
// before "fag".
constexpr std::string_view kProgrammeEndings[] = {
    "utdanningen", "utdanninga", "utdanning", "studiet", "studium", "fagene",
    "faga",        "faget",      "linjen",    "linja",   "linje",   "fag"};

// The word a programme's name is made from: "tømrerfaget" -> "tømrer", "salgsfaget" -> "salg"
// (linking -s- dropped when the word without it is known); empty when `word` names no programme
// or what is left is no word either standard lists.
std::string programme_word(std::string_view word, const analyzers::Analyzer& analyzer) {
    constexpr std::size_t kMinLetters = 3;
    for (const std::string_view ending : kProgrammeEndings) {
        if (!word.ends_with(ending)) continue;
        std::string_view rest = word.substr(0, word.size() - ending.size());
        if (utf8::length(rest) < kMinLetters) return {};
        if (rest.back() == 's' && !analyzer.knows_word(rest) &&
            analyzer.knows_word(rest.substr(0, rest.size() - 1))) {
            rest.remove_suffix(1);
        }
        return analyzer.knows_word(rest) ? std::string(rest) : std::string();
    }
    return {};
}

}  // namespace

RankingWeight ranking_weight(const RankingOptions& ranking) {
    // Xapian's defaults but k1: k2 0, k3 1, b and min_normlen (ranking_weight.h).
    return RankingWeight(ranking.bm25_k1, kBm25B, kBm25MinNormlen);
}

std::array<std::pair<std::string_view, double>, 2> QueryBuilder::weighted_fields() const {
    return {{{s::kTitle, ranking_.title_weight}, {s::kText, ranking_.text_weight}}};
}

void QueryBuilder::add_weighted_term(std::vector<WeightedTerm>& out, const std::string& term,
                                     std::string_view cls, double kind_weight,
                                     bool in_title) const {
    for (const auto& [field, weight] : weighted_fields()) {
        if (field == s::kTitle && !in_title) continue;
        add_field_term(out, field, cls, term, weight * kind_weight);
    }
}

void QueryBuilder::add_field_term(std::vector<WeightedTerm>& out, std::string_view field,
                                  std::string_view cls, const std::string& term,
                                  double weight) const {
    std::string field_term = s::field_term(field, cls, term);
    const Xapian::doccount frequency = index_ ? index_->get_termfreq(field_term) : 0;
    if (index_ && frequency == 0) return;
    // A term is made a leaf up to four times (the every-word and any-word parts of the query
    // and of its split): its collection frequency is read here, once.
    const Xapian::termcount cf = scoring_ && index_ ? index_->get_collection_freq(field_term) : 0;
    out.push_back({std::move(field_term), weight, frequency, cf});
}

std::vector<QueryBuilder::WeightedTerm> QueryBuilder::times(std::vector<WeightedTerm> terms,
                                                            double factor) {
    for (auto& t : terms) t.weight *= factor;
    return terms;
}

std::vector<Xapian::Query> QueryBuilder::times(std::vector<Xapian::Query> queries, double factor) {
    if (factor == 1) return queries;
    for (auto& q : queries) q = scaled_within_or(q, factor);
    return queries;
}

Xapian::Query QueryBuilder::weighted_leaf(const WeightedTerm& t, double weight) const {
    if (scoring_ && index_ && t.frequency > 0) {
        return TermScoring::leaf(scoring_, t.term, t.frequency, t.collection_frequency, weight);
    }
    return scaled(Xapian::Query(t.term), weight);
}

Xapian::Query QueryBuilder::flat_or(const std::vector<WeightedTerm>& terms,
                                    std::vector<Xapian::Query> others) const {
    for (const auto& t : terms) others.push_back(weighted_leaf(t, t.weight));
    return Xapian::Query(Xapian::Query::OP_OR, others.begin(), others.end());
}

Xapian::Query QueryBuilder::pruning_chain(std::vector<WeightedTerm> terms) const {
    // Xapian's matcher skips a document when the terms it could hold cannot lift it onto the
    // page: at each OR of two subtrees it compares the page's lowest score with the greatest
    // score either side can add, and once one side cannot reach it alone, it reads that side's
    // postings only for the documents the other side finds. It builds an OR of many terms as a
    // balanced tree, where a side seldom falls below the page until the page is nearly done. A
    // chain from the most frequent term down, OR(t1, OR(t2, OR(t3, …))), lets it set aside the
    // longest posting lists one by one as the page's lowest score passes their greatest scores
    // added up, and then read only the rarer terms' postings (MaxScore, Turtle and Flood 1995).
    // Each link costs every document it passes through, so the chain of Xapian's terms is built
    // only for terms with more postings than the index has documents, where it has the most to
    // set aside; over fewer the balanced tree was as fast at the median (benchmarks/RESULTS.md).
    // Terms scored from the length table make the chain as one leaf, which prunes term by term
    // within itself at a fraction of the links' cost: for any three terms or more
    // (TermScoring::union_leaf).
    Xapian::doccount postings = 0;
    for (const auto& t : terms) postings += t.frequency;
    const bool scored = scoring_ && std::all_of(terms.begin(), terms.end(),
                                                [](const auto& t) { return t.frequency > 0; });
    if (!index_ || terms.size() < 3 || (!scored && postings < index_->get_doccount())) {
        return flat_or(terms, {});
    }
    // Most frequent first; ties in the order the terms came.
    std::stable_sort(terms.begin(), terms.end(),
                     [](const auto& a, const auto& b) { return a.frequency > b.frequency; });
    if (scored) {
        std::vector<TermScoring::UnionTerm> members;
        members.reserve(terms.size());
        for (auto& t : terms) {
            members.push_back({std::move(t.term), t.frequency, t.collection_frequency, t.weight});
        }
        return TermScoring::union_leaf(scoring_, members);
    }
    // Xapian flattens an OR inside an OR, so each link is wrapped in a weight scale of 2 and the
    // weight of a term inside n links is halved n times: powers of two multiply exactly, so
    // every term's weight, and so every score, is what a flat OR gives. The first link is
    // scaled too, so the chain stays whole inside a wider OR.
    const auto leaf = [&](std::size_t at) {
        const WeightedTerm& t = terms[at];
        const int links = static_cast<int>(std::min(at + 1, terms.size() - 1));
        return weighted_leaf(t, std::ldexp(t.weight, -links));
    };
    Xapian::Query chain = leaf(terms.size() - 1);
    for (std::size_t at = terms.size() - 1; at-- > 0;) {
        chain = scaled(Xapian::Query(Xapian::Query::OP_OR, leaf(at), chain), 2.0);
    }
    return chain;
}

std::vector<QueryBuilder::WeightedTerm> QueryBuilder::word_terms(const analyzers::Token& token,
                                                                 BuiltQuery& built) const {
    std::vector<WeightedTerm> alternatives;
    std::map<std::string, bool> seen;  // class + text -> whether the title has it too
    // What a term still lacks of what it asks for. A part added for the summary and body can
    // come again as a form that names the word and then gains its title copy: a synonym
    // ("politi" of "politimann"), or the word itself as a title part.
    enum class Missing { nothing, every_field, title };
    const auto missing = [&](std::string key, bool in_title) {
        const auto [known, first] = seen.try_emplace(std::move(key), in_title);
        if (first) return Missing::every_field;
        if (known->second || !in_title) return Missing::nothing;
        known->second = true;
        return Missing::title;
    };
    // A title is matched by what the word itself names: the word, its lemmas, counterparts and
    // synonyms, the word as a part of a title's compound, and the word's head standing whole
    // (both below). The word's other parts and its stems reach summaries and bodies only: a
    // title that holds one names another occupation (Samfunnsplanlegger for "rørlegger",
    // Fagoperator i …faget for "tømrerfaget") and outranked the texts about this one. Each word
    // also has fewer terms to read (benchmarks/RESULTS.md).
    auto add = [&](const std::string& text, TermKind kind, double weight_override, bool in_title) {
        std::string_view cls = kind == TermKind::part   ? s::kPartClass
                               : kind == TermKind::stem ? s::kStemClass
                                                        : std::string_view();
        const Missing lacks = missing(std::string(cls) + text, in_title);
        if (lacks == Missing::nothing) return;
        double weight = weight_override;
        if (weight <= 0) {
            switch (kind) {
                case TermKind::part:
                    weight = ranking_.part_weight;
                    break;
                case TermKind::stem:
                    weight = ranking_.stem_weight;
                    break;
                case TermKind::variant:
                    weight = ranking_.variant_weight;
                    break;
                default:
                    weight = ranking_.lemma_weight;
            }
        }
        if (lacks == Missing::title) {
            add_field_term(alternatives, s::kTitle, cls, text, ranking_.title_weight * weight);
            return;
        }
        add_weighted_term(alternatives, text, cls, weight, in_title);
        if (kind != TermKind::stem) built.highlight_terms.insert(text);
    };
    // A programme's name asks for the occupation it trains for: its word counts as typed.
    const std::string programme =
        token.terms.empty() ? std::string() : programme_word(token.terms.front().text, analyzer_);
    for (const auto& term : token.terms) add(term.text, term.kind, 0, is_whole_word(term.kind));
    if (!programme.empty()) {
        for (const auto& programme_token :
             analyzer_.analyze(programme, analyzers::Language::both)) {
            // Its whole-word forms only: the programme name's own parts are already there, and
            // a part's variants (arbeidar of helsearbeider) would reach other occupations.
            for (const auto& term : programme_token.terms) {
                if (term.kind == TermKind::surface) {
                    add(term.text, term.kind, 0, true);
                }
            }
        }
    }
    // A query part also matches the same word standing whole in a document; in a title only
    // when the written word ends with it, as its head (the last part, which names the kind of
    // work) does: "lege" of "sykehuslege" matches the title Lege, "rør" of "rørlegger" no title.
    // An inflected word's head lemma ("lege" of "sykehusleger") is left out: giving it the title
    // too moved no judged set and cost NorQuAD 0.001 (benchmarks/RESULTS.md).
    const std::string_view written =
        token.terms.empty() ? std::string_view() : std::string_view(token.terms.front().text);
    for (const auto& term : token.terms) {
        if (term.kind == TermKind::part) {
            add(term.text, TermKind::surface, ranking_.part_weight, written.ends_with(term.text));
        }
    }
    // A whole word also reaches the titles it is a compound part of ("ingeniør" finds
    // Dataingeniør, "bil" Bilmekaniker), below the titles that hold it whole. Titles only: a title
    // compound names the occupation, while a body's compounds often say little of it
    // (ingeniørfirma). The word is highlighted already, as the surface or lemma term above.
    if (ranking_.title_part_weight > 0) {
        for (const auto& term : token.terms) {
            if (term.kind != TermKind::surface && term.kind != TermKind::lemma) continue;
            if (missing(std::string(s::kPartClass) + term.text, true) == Missing::nothing) {
                continue;
            }
            add_field_term(alternatives, s::kTitle, s::kPartClass, term.text,
                           ranking_.title_weight * ranking_.title_part_weight);
        }
    }
    if (ranking_.use_synonyms) {
        for (const auto& term : token.terms) {
            if (term.kind != TermKind::surface && term.kind != TermKind::lemma) continue;
            for (auto syn = db_.synonyms_begin(term.text); syn != db_.synonyms_end(term.text);
                 ++syn) {
                for (const auto& syn_token : analyzer_.analyze(*syn, analyzers::Language::both)) {
                    for (const auto& syn_term : syn_token.terms) {
                        if (is_whole_word(syn_term.kind)) {
                            add(syn_term.text, TermKind::lemma, ranking_.synonym_weight, true);
                        }
                    }
                }
            }
        }
    }
    if (alternatives.empty() && !token.terms.empty()) {
        // Every term was absent from the index: one of them keeps the word in the query.
        alternatives.push_back({s::field_term(s::kTitle, {}, token.terms.front().text), 1.0});
    }
    return alternatives;
}

unsigned QueryBuilder::expansion_limit(std::string_view typed) const {
    // A short prefix begins thousands of words and says little about which one is meant:
    // fewer completions for one or two letters keep its cost near a word's.
    const std::size_t letters =
        static_cast<std::size_t>(std::count_if(typed.begin(), typed.end(), [](char c) {
            return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
        }));
    if (letters <= 1) return std::max(1u, ranking_.prefix_expansion / 8);
    if (letters == 2) return std::max(1u, ranking_.prefix_expansion / 4);
    return ranking_.prefix_expansion;
}

Xapian::Query QueryBuilder::prefix_query(const analyzers::Token& token, BuiltQuery& built) const {
    // The word as typed (the surface term, case-folded); whole-word terms only, so "sykep"
    // reaches "sykepleier" but not compound parts or stems.
    const std::string& typed = token.terms.front().text;
    std::vector<Xapian::Query> per_field;
    for (const auto& [field, weight] : weighted_fields()) {
        const std::string pattern = s::field_term(field, {}, typed);
        // The completions are scored as one term (OP_SYNONYM), so a prefix with many of them
        // does not outweigh a word with one.
        Xapian::Query expansion;
        if (index_) {
            // Chosen once, when the query is built (and cached with it), not on every run.
            const auto completions =
                most_frequent_completions(*index_, pattern, expansion_limit(typed));
            if (completions.empty()) continue;
            for (const auto& term : completions)
                built.highlight_terms.insert(term.substr(field.size()));
            expansion =
                Xapian::Query(Xapian::Query::OP_SYNONYM, completions.begin(), completions.end());
        } else {
            // Remote shards: Xapian expands when the query runs, with the same bound.
            expansion = Xapian::Query(Xapian::Query::OP_WILDCARD, pattern, expansion_limit(typed),
                                      Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT);
        }
        per_field.push_back(scaled(expansion, weight * ranking_.prefix_weight));
    }
    if (per_field.empty()) return Xapian::Query();
    return Xapian::Query(Xapian::Query::OP_OR, per_field.begin(), per_field.end());
}

Xapian::Query QueryBuilder::exact_title_query(const ParsedQuery& parsed) const {
    // The query equals a title word for word, as typed, as lemmas ("sykepleiere") or in the
    // other written standard ("sjukepleiar" for the title Sykepleier).
    std::string surface, lemma, variant;
    std::vector<std::string> variants;  // of a one-word query: each is a title of its own
    for (const auto& qt : parsed.classified) {
        if (qt.kind == UnitKind::excluded) continue;  // "-kreft" is no part of the title
        if (qt.kind != UnitKind::plain || qt.token->terms.empty()) return Xapian::Query();
        const auto& terms = qt.token->terms;
        std::string first_lemma = terms.front().text;
        for (const auto& t : terms) {
            if (t.kind == TermKind::lemma) {
                first_lemma = t.text;
                break;
            }
        }
        std::string first_variant = first_lemma;
        for (const auto& t : terms) {
            // A variant of the whole word starts as the word does; one of its last part
            // ("mekaniker" of "bilmekanikar") does not, and names another title.
            if (t.kind != TermKind::variant || t.text.front() != terms.front().text.front()) {
                continue;
            }
            if (first_variant == first_lemma) first_variant = t.text;
            variants.push_back(t.text);
        }
        if (!surface.empty()) {
            surface += ' ';
            lemma += ' ';
            variant += ' ';
        }
        surface += terms.front().text;
        lemma += first_lemma;
        variant += first_variant;
    }
    if (surface.empty()) return Xapian::Query();
    std::vector<std::string> candidates = {surface, lemma, variant};
    if (surface.find(' ') == std::string::npos) {
        candidates.insert(candidates.end(), variants.begin(), variants.end());
        // A programme's name is the title of the occupation it trains for ("elektrikerfaget").
        if (std::string programme = programme_word(surface, analyzer_); !programme.empty()) {
            candidates.push_back(std::move(programme));
        }
    }
    std::vector<Xapian::Query> forms;
    std::set<std::string> seen;
    for (const std::string& form : candidates) {
        const std::string term = std::string(s::kExactTitle) + form;
        if (!seen.insert(term).second) continue;
        if (index_ && index_->get_termfreq(term) == 0) continue;
        forms.emplace_back(term);
    }
    // No title is this query: the bonus could match nothing.
    if (forms.empty()) return Xapian::Query();
    Xapian::Query titles(Xapian::Query::OP_OR, forms.begin(), forms.end());
    auto* bonus = new Xapian::FixedWeightPostingSource(ranking_.exact_title_factor);
    return Xapian::Query(Xapian::Query::OP_AND, titles, Xapian::Query(bonus->release()));
}

Xapian::Query QueryBuilder::title_prefix_query(const ParsedQuery& parsed) const {
    // The words so far, as typed, begin a title: "sykep" → "Sykepleier", "hjerte- og l" → ….
    std::string typed;
    for (const auto& qt : parsed.classified) {
        if (qt.kind != UnitKind::plain || qt.token->terms.empty()) return Xapian::Query();
        if (!typed.empty()) typed += ' ';
        typed += qt.token->terms.front().text;
    }
    if (typed.empty()) return Xapian::Query();
    const std::string pattern = std::string(s::kExactTitle) + typed;
    Xapian::Query titles;
    if (index_) {
        const auto completions =
            most_frequent_completions(*index_, pattern, expansion_limit(typed));
        if (completions.empty()) return Xapian::Query();
        titles = Xapian::Query(Xapian::Query::OP_OR, completions.begin(), completions.end());
    } else {
        titles = Xapian::Query(Xapian::Query::OP_WILDCARD, pattern, expansion_limit(typed),
                               Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT);
    }
    auto* bonus = new Xapian::FixedWeightPostingSource(ranking_.title_prefix_factor);
    return Xapian::Query(Xapian::Query::OP_AND, titles, Xapian::Query(bonus->release()));
}

BuiltQuery QueryBuilder::build(const ParsedQuery& parsed, bool prefix) const {
    BuiltQuery built;
    const std::optional<std::size_t> unfinished = prefix ? unfinished_word(parsed) : std::nullopt;
    std::size_t position = 0;
    // Word groups: one per unit, OR-joined units merge into one group.
    std::vector<WordGroup> groups;
    std::vector<WordGroup> stop_groups;  // used only when the query has nothing else
    std::vector<Xapian::Query> phrases;
    std::vector<Xapian::Query> excluded;
    std::size_t last_unit = static_cast<std::size_t>(-1);
    std::vector<std::vector<std::string>> phrase_words;  // each word's whole-word forms
    // A word written shortened before a part it shares with a later one ("vann-" of "vann- og
    // avløpsanlegg", analyzers::Token::completed_by) names an alternative to the word that
    // completes it, not another word the page must hold: the shortened words of a run ("el-,
    // tele- og automatiseringsfag") and the word completing them, when it is a plain word of the
    // query, go in one group. `completing`: the position of the word that completes the last
    // shortened word met. ("-assistent" of "barnehagelærer og -assistent" is an excluded word in
    // a query.)
    std::optional<std::uint32_t> completing;

    // A quoted phrase matches within one field: its words in order in the title, the summary or
    // the body, each field weighted as a word is.
    auto flush_phrase = [&]() {
        if (phrase_words.empty()) return;
        std::vector<Xapian::Query> per_field;
        for (const auto& [field, weight] : weighted_fields()) {
            std::vector<Xapian::Query> words_in_field;
            for (const auto& forms : phrase_words) {
                std::vector<Xapian::Query> terms;
                for (const auto& form : forms) terms.emplace_back(s::field_term(field, {}, form));
                words_in_field.emplace_back(Xapian::Query::OP_OR, terms.begin(), terms.end());
            }
            Xapian::Query in_field =
                words_in_field.size() == 1
                    ? words_in_field.front()
                    : Xapian::Query(Xapian::Query::OP_PHRASE, words_in_field.begin(),
                                    words_in_field.end(),
                                    static_cast<Xapian::termcount>(words_in_field.size()));
            per_field.push_back(scaled(in_field, weight));
        }
        phrases.emplace_back(Xapian::Query::OP_OR, per_field.begin(), per_field.end());
        phrase_words.clear();
    };

    for (const auto& qt : parsed.classified) {
        const bool typing = unfinished && *unfinished == position++;
        const auto& token = *qt.token;
        if (token.terms.empty()) continue;
        const bool new_unit = qt.unit != last_unit;
        if (new_unit && !phrase_words.empty()) flush_phrase();
        last_unit = qt.unit;
        switch (qt.kind) {
            case UnitKind::phrase: {
                std::vector<std::string> forms;
                for (const auto& t : token.terms) {
                    if (is_whole_word(t.kind)) forms.push_back(t.text);
                    if (t.kind != TermKind::stem) built.highlight_terms.insert(t.text);
                }
                phrase_words.push_back(std::move(forms));
                break;
            }
            case UnitKind::excluded:
                for (const auto& t : token.terms) {
                    if (!is_whole_word(t.kind)) continue;
                    for (const std::string_view field : s::kTextFields) {
                        excluded.emplace_back(s::field_term(field, {}, t.text));
                    }
                }
                break;
            case UnitKind::plain: {
                // A stopword still being typed may be the start of another word ("for" of
                // "forsikring"): it counts as a word then.
                if (token.stopword && !typing) {
                    stop_groups.push_back({word_terms(token, built), {}});
                    break;
                }
                WordGroup word{word_terms(token, built), {}};
                if (typing) word.others.push_back(prefix_query(token, built));
                const bool joined = completing && (token.position == *completing ||
                                                   token.completed_by == completing);
                if (token.completed_by) completing = token.completed_by;
                if (!groups.empty() && (qt.or_with_previous || !new_unit || joined)) {
                    // An OR-joined unit, several tokens of one unit, or a shortened word and the
                    // word completing it: alternatives.
                    WordGroup& group = groups.back();
                    group.terms.insert(group.terms.end(), word.terms.begin(), word.terms.end());
                    group.others.insert(group.others.end(), word.others.begin(), word.others.end());
                } else {
                    groups.push_back(std::move(word));
                }
                break;
            }
        }
    }
    flush_phrase();
    if (groups.empty() && phrases.empty() && !stop_groups.empty()) groups = std::move(stop_groups);

    // Each group as a plain OR, for the AND of every word; all of them as one OR shaped for
    // pruning (pruning_chain), for ranking any word's matches. Each is built with every weight
    // times `factor`, a scale folded into each term rather than set over the whole: Xapian
    // scales a term scored from a length table (term_scoring.h) after its BM25, which rounds
    // differently in the last bits from the term weight Xapian works out itself.
    const auto every_word = [&](double factor) {
        std::vector<Xapian::Query> group_queries;
        for (const auto& g : groups) {
            group_queries.push_back(flat_or(times(g.terms, factor), times(g.others, factor)));
        }
        return Xapian::Query(Xapian::Query::OP_AND, group_queries.begin(), group_queries.end());
    };
    const auto any_word = [&](double factor) {
        std::vector<WeightedTerm> every_term;
        std::vector<Xapian::Query> parts;
        for (const auto& g : groups) {
            const auto terms = times(g.terms, factor);
            every_term.insert(every_term.end(), terms.begin(), terms.end());
            const auto others = times(g.others, factor);
            parts.insert(parts.end(), others.begin(), others.end());
        }
        parts.push_back(pruning_chain(std::move(every_term)));
        return Xapian::Query(Xapian::Query::OP_OR, parts.begin(), parts.end());
    };
    Xapian::Query words;
    if (!groups.empty()) {
        const Xapian::Query any = any_word(1);
        std::vector<Xapian::Query> title_bonuses;
        if (Xapian::Query exact = exact_title_query(parsed); !exact.empty()) {
            title_bonuses.push_back(exact);
        }
        if (unfinished) {
            if (Xapian::Query begun = title_prefix_query(parsed); !begun.empty()) {
                title_bonuses.push_back(begun);
            }
        }
        const Xapian::Query bonuses(Xapian::Query::OP_OR, title_bonuses.begin(),
                                    title_bonuses.end());
        words = any;
        if (groups.size() > 1 && ranking_.all_words_factor > 0) {
            words =
                Xapian::Query(Xapian::Query::OP_OR, words, every_word(ranking_.all_words_factor));
            if (phrases.empty()) {
                // AND_MAYBE: the title bonuses add to a document holding every word.
                const auto with_bonuses = [&](const Xapian::Query& q) {
                    return bonuses.empty() ? q
                                           : Xapian::Query(Xapian::Query::OP_AND_MAYBE, q, bonuses);
                };
                const double with_bonus = 1 + ranking_.all_words_factor;
                built.split = SplitQuery{with_bonuses(every_word(with_bonus)),
                                         Xapian::Query(Xapian::Query::OP_OR, any, bonuses),
                                         with_bonuses(any_word(with_bonus))};
            }
        }
        if (!bonuses.empty()) words = Xapian::Query(Xapian::Query::OP_OR, words, bonuses);
    }

    Xapian::Query query;
    if (!phrases.empty()) {
        query = Xapian::Query(Xapian::Query::OP_AND, phrases.begin(), phrases.end());
        if (!words.empty()) query = Xapian::Query(Xapian::Query::OP_AND_MAYBE, query, words);
    } else {
        query = words;
    }
    if (query.empty()) {
        query = match_all();
        built.browse = true;
    }
    if (!excluded.empty()) {
        const Xapian::Query unwanted(Xapian::Query::OP_OR, excluded.begin(), excluded.end());
        const auto without = [&](const Xapian::Query& q) {
            return Xapian::Query(Xapian::Query::OP_AND_NOT, q, unwanted);
        };
        query = without(query);
        if (built.split)
            built.split =
                SplitQuery{without(built.split->every_word), without(built.split->some_word),
                           without(built.split->every_word_ranked)};
    }
    built.query = query;
    count_term_leaves(query, built);
    built.postings_kept = built.scored_leaves > 0 && scoring_->keeps_postings();
    return built;
}

Xapian::Query QueryBuilder::facet_filter(std::string_view prefix,
                                         const std::vector<std::string>& values) const {
    if (values.empty()) return match_all();
    std::vector<Xapian::Query> terms;
    for (const auto& v : values) terms.emplace_back(std::string(prefix) + v);
    return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
}

}  // namespace yrkesok::search
