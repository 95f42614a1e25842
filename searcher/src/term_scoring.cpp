#include "term_scoring.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string_view>
#include <utility>

namespace yrkesok::search {
namespace {

// How a TermSource and a UnionSource describe themselves; scored_terms reads the terms back.
constexpr std::string_view kSourceName = "yrkesok::TermSource(";
constexpr std::string_view kUnionName = "yrkesok::TermUnion(";
// Between the terms of a union's description: no term holds it.
constexpr char kTermSeparator = '\x1f';
constexpr std::string_view kQueryPrefix = "Query(PostingSource(";
constexpr std::string_view kQuerySuffix = ")))";

// RankingWeight's bound on a term's weight, from the wdf bound Xapian's on-disk posting list
// gives: the collection frequency less the first posting's wdf, or that wdf if larger.
double first_posting_bound(const TermScoring& scoring, double term_weight,
                           Xapian::termcount first_wdf, Xapian::termcount cf,
                           Xapian::doccount termfreq) {
    const Xapian::termcount wdf_bound = std::max(cf - first_wdf, first_wdf);
    return scoring.bound(term_weight, wdf_bound, cf, termfreq);
}

// A term's postings as Xapian's database gives them.
class DatabaseCursor {
  public:
    explicit DatabaseCursor(const std::string& term) : term_(term) {}
    // The first posting's wdf before the list is opened: not known.
    std::optional<Xapian::termcount> first_wdf() const { return std::nullopt; }
    void open(const Xapian::Database& db) { postings_ = db.postlist_begin(term_); }
    void next() { ++postings_; }
    void skip_to(Xapian::docid docid) { postings_.skip_to(docid); }
    bool at_end() const { return postings_ == Xapian::PostingIterator(); }
    Xapian::docid docid() const { return *postings_; }
    Xapian::termcount wdf() const { return postings_.get_wdf(); }
    const std::string& term() const { return term_; }

  private:
    std::string term_;
    Xapian::PostingIterator postings_;
};

// A term's postings as a copy in memory keeps them: an array walked in place. It ignores the
// database a ranking pass opens it on: it serves only the one database made from that copy
// (the engine makes such a table only over a single database, search_engine.cpp).
class CopyCursor {
  public:
    CopyCursor(const std::string& term, const std::vector<GenerationCopy::Posting>& postings)
        : term_(&term), begin_(postings.data()), end_(begin_ + postings.size()), at_(begin_) {}
    std::optional<Xapian::termcount> first_wdf() const {
        return begin_ == end_ ? 0 : begin_->second;
    }
    void open(const Xapian::Database&) { at_ = begin_; }
    void next() { ++at_; }
    void skip_to(Xapian::docid docid) {
        at_ = std::lower_bound(at_, end_, docid, [](const auto& posting, Xapian::docid id) {
            return posting.first < id;
        });
    }
    bool at_end() const { return at_ == end_; }
    Xapian::docid docid() const { return at_->first; }
    Xapian::termcount wdf() const { return at_->second; }
    const std::string& term() const { return *term_; }

  private:
    const std::string* term_;  // the copy's key: lives as long as the copy
    const GenerationCopy::Posting* begin_;
    const GenerationCopy::Posting* end_;
    const GenerationCopy::Posting* at_;
};

// A term's postings, each weighed term weight × saturation (TermScoring). The leaf a query holds
// keeps the table alive; the copies Xapian makes of it for each ranking pass live within that
// pass, while the query does, and point at the same table without counting a reference (an
// atomic add and subtract on a line every engine's thread shares, per leaf per pass).
template <typename Cursor>
class TermSource final : public Xapian::PostingSource {
  public:
    TermSource(std::shared_ptr<const TermScoring> scoring, Cursor cursor, Xapian::doccount termfreq,
               Xapian::termcount cf, double term_weight)
        : TermSource(scoring.get(), std::move(cursor), termfreq, cf, term_weight, std::nullopt) {
        keep_alive_ = std::move(scoring);
        // Worked out once per leaf where the postings are at hand, not in each pass's init.
        if (const auto first = cursor_.first_wdf()) bound_ = bound(*first);
    }

    Xapian::doccount get_termfreq_min() const override { return termfreq_; }
    // The term's frequency, as a term's leaf gives it: Xapian shapes an OR by it.
    Xapian::doccount get_termfreq_est() const override { return termfreq_; }
    Xapian::doccount get_termfreq_max() const override { return termfreq_; }

    void init(const Xapian::Database& db) override {
        cursor_.open(db);
        started_ = false;
        if (!bound_) bound_ = bound(cursor_.at_end() ? 0 : cursor_.wdf());
        set_maxweight(*bound_);
    }
    void next(double) override {
        if (!started_) {
            started_ = true;
        } else {
            cursor_.next();
        }
    }
    void skip_to(Xapian::docid docid, double) override {
        started_ = true;
        cursor_.skip_to(docid);
    }
    bool at_end() const override { return cursor_.at_end(); }
    Xapian::docid get_docid() const override { return cursor_.docid(); }
    double get_weight() const override {
        return term_weight_ *
               scoring_->saturation(cursor_.wdf(), scoring_->length(cursor_.docid()));
    }

    TermSource* clone() const override {
        return new TermSource(scoring_, cursor_, termfreq_, cf_, term_weight_, bound_);
    }
    std::string get_description() const override {
        return std::string(kSourceName) + cursor_.term() + ")";
    }

  private:
    TermSource(const TermScoring* scoring, Cursor cursor, Xapian::doccount termfreq,
               Xapian::termcount cf, double term_weight, std::optional<double> bound)
        : scoring_(scoring),
          cursor_(std::move(cursor)),
          termfreq_(termfreq),
          cf_(cf),
          term_weight_(term_weight),
          bound_(bound) {}

    double bound(Xapian::termcount first_wdf) const {
        return first_posting_bound(*scoring_, term_weight_, first_wdf, cf_, termfreq_);
    }

    std::shared_ptr<const TermScoring> keep_alive_;  // the query's leaf only
    const TermScoring* scoring_;
    Cursor cursor_;
    Xapian::doccount termfreq_;
    Xapian::termcount cf_;  // collection frequency
    double term_weight_;
    std::optional<double> bound_;  // once known
    bool started_ = false;
};

// Several terms of one generation scored as one leaf: the union of their postings, each document
// weighed the sum of the terms it holds. Its weights and bound are those of the chain of ORs the
// query builder makes of the same terms (query_builder.cpp, pruning_chain) to the last bit: each
// term's weight, then the sums nested from the last term inwards, t0 + (t1 + (t2 + …)), as
// Xapian adds up the chain's links; its frequency estimates are the chain's, worked out as
// Xapian's OrPostList does, so the tree around the leaf is shaped as before.
//
// What changes is how the matcher gets past a document that cannot reach the page. Over the
// chain Xapian reads every term on the optional side of each AND_MAYBE link at every document
// the required side finds. Here the terms are ordered by bound (MaxScore, Turtle and Flood 1995):
// those whose bounds together cannot reach the weight asked for only add to a document another
// term found, and they are read, greatest bound first, only while the document can still reach
// it; the first that cannot sets the document aside unread by the rest.
//
// The weight asked for reaches the source as Xapian's matcher has it, after every weight scale
// above the leaf; the builder folds its factors into the terms' weights and sets no scale over
// a union.
template <typename Cursor>
class UnionSource final : public Xapian::PostingSource {
  public:
    // Past every document: where a member's cursor is once it has no more.
    static constexpr Xapian::docid kPast = std::numeric_limits<Xapian::docid>::max();

    struct Member {
        Cursor cursor;
        double term_weight;
        Xapian::doccount termfreq;
        Xapian::termcount cf;
        std::optional<double> bound;  // once known
        // The cursor's document, kept beside it: finding the next candidate compares these
        // alone, where asking each cursor is a call into Xapian's posting list.
        Xapian::docid at = 0;

        void open(const Xapian::Database& db) {
            cursor.open(db);
            at = cursor.at_end() ? kPast : cursor.docid();
        }
        // To the first document from `target` on (never back).
        void move_to(Xapian::docid target) {
            if (at >= target) return;
            cursor.skip_to(target);
            at = cursor.at_end() ? kPast : cursor.docid();
        }
    };

    UnionSource(std::shared_ptr<const TermScoring> scoring, std::vector<Member> members)
        : UnionSource(scoring.get(), std::move(members)) {
        keep_alive_ = std::move(scoring);
    }

    Xapian::doccount get_termfreq_min() const override { return termfreq_min_; }
    Xapian::doccount get_termfreq_est() const override { return termfreq_est_; }
    Xapian::doccount get_termfreq_max() const override { return termfreq_max_; }

    void init(const Xapian::Database& db) override {
        for (Member& m : members_) {
            m.open(db);
            if (!m.bound) m.bound = bound(m, m.at == kPast ? 0 : m.cursor.wdf());
        }
        // Xapian's OrPostList adds up the chain's bounds from the last link inwards.
        double most = 0;
        for (std::size_t i = members_.size(); i-- > 0;) most = *members_[i].bound + most;
        set_maxweight(most);

        // By bound, smallest first, and the bounds of the first k added up.
        by_bound_.resize(members_.size());
        for (std::size_t i = 0; i < by_bound_.size(); ++i) by_bound_[i] = i;
        std::stable_sort(by_bound_.begin(), by_bound_.end(), [&](std::size_t a, std::size_t b) {
            return *members_[a].bound < *members_[b].bound;
        });
        bounds_below_.assign(members_.size() + 1, 0);
        for (std::size_t k = 0; k < by_bound_.size(); ++k) {
            bounds_below_[k + 1] = bounds_below_[k] + *members_[by_bound_[k]].bound;
        }
        docid_ = 0;
        weight_.reset();
        at_end_ = false;
    }

    // The matcher asks for the next document, or for the first from `docid` on, that can weigh
    // `min_weight`; a document weighing less may be answered (the weight is a hint), but never
    // one weighing as much passed over.
    //
    // When the union drives (next), it reads ahead until it finds a document that can reach the
    // weight. When an AND or a filter asks whether the union holds a document (skip_to), the
    // union answers with the next document one of its needed members holds, unweighed: the other
    // side decides whether that is a match, and most are not. Weighing each before answering,
    // and moving on from those that could not reach the page, read far ahead of where the other
    // side would go next ("kontrollere varer på grensen", filtered by the few texts that hold
    // every word, took twice as long at 100k records).
    void next(double min_weight) override { advance(docid_ + 1, min_weight, true); }
    void skip_to(Xapian::docid docid, double min_weight) override {
        if (docid > docid_) advance(docid, min_weight, false);
    }
    bool at_end() const override { return at_end_; }
    Xapian::docid get_docid() const override { return docid_; }
    // The document's weight as the chain adds it up, from the last term inwards, or, for a
    // document a skip found that cannot weigh what was asked for, what it can weigh at most:
    // less than the matcher needs, so the matcher passes it over as it would its true weight.
    double get_weight() const override {
        if (!weight_) {
            double most = 0;
            if (!weighed_ && !reaches(most)) {
                weight_ = most;
            } else {
                double weight = 0;
                for (std::size_t i = members_.size(); i-- > 0;) {
                    const Member& m = members_[i];
                    if (m.at == docid_) weight = weight_of(m) + weight;
                }
                weight_ = weight;
            }
        }
        return *weight_;
    }

    UnionSource* clone() const override { return new UnionSource(scoring_, members_); }
    std::string get_description() const override {
        std::string out(kUnionName);
        for (std::size_t i = 0; i < members_.size(); ++i) {
            if (i > 0) out += kTermSeparator;
            out += members_[i].cursor.term();
        }
        return out + ")";
    }

  private:
    // The bounds known before the postings are opened (a copy's) are worked out once, here.
    UnionSource(const TermScoring* scoring, std::vector<Member> members)
        : scoring_(scoring), members_(std::move(members)) {
        for (Member& m : members_) {
            if (!m.bound) {
                if (const auto first = m.cursor.first_wdf()) m.bound = bound(m, *first);
            }
        }
        estimate_termfreqs();
    }

    double bound(const Member& m, Xapian::termcount first_wdf) const {
        return first_posting_bound(*scoring_, m.term_weight, first_wdf, m.cf, m.termfreq);
    }

    // The chain's frequencies, as Xapian's OrPostList estimates each link from the last inwards
    // (the union of independent terms, rounded at each link).
    void estimate_termfreqs() {
        const Xapian::doccount documents = scoring_->documents();
        const Member& last = members_.back();
        Xapian::doccount est = last.termfreq, low = last.termfreq, high = last.termfreq;
        for (std::size_t i = members_.size() - 1; i-- > 0;) {
            const Member& m = members_[i];
            const double l = m.termfreq, r = est;
            est = documents == 0 ? 0
                                 : static_cast<Xapian::doccount>(
                                       l + r - l * r / static_cast<double>(documents) + 0.5);
            low = std::max(low, m.termfreq);
            high = std::min(documents, high + m.termfreq);
        }
        termfreq_est_ = est;
        termfreq_min_ = low;
        termfreq_max_ = high;
    }

    double weight_of(const Member& m) const {
        return m.term_weight * scoring_->saturation(m.cursor.wdf(), scoring_->length(docid_));
    }

    // Moves to the first document from `target` on that a member needed to reach `min_weight`
    // holds; with `weigh`, the first such that can reach it.
    void advance(Xapian::docid target, double min_weight, bool weigh) {
        weight_.reset();
        // A sum of bounds below this cannot reach min_weight: a margin far above the rounding of
        // sums added in another order than the weights'.
        reach_ = min_weight - 1e-9 * std::abs(min_weight);
        // The members by_bound_[0, optional_) cannot reach it together: they only add to a
        // document one of the others holds.
        optional_ = 0;
        while (optional_ < by_bound_.size() && bounds_below_[optional_ + 1] < reach_) ++optional_;
        for (;;) {
            Xapian::docid candidate = kPast;
            for (std::size_t k = optional_; k < by_bound_.size(); ++k) {
                Member& m = members_[by_bound_[k]];
                m.move_to(target);
                candidate = std::min(candidate, m.at);
            }
            if (candidate == kPast) {
                at_end_ = true;
                return;
            }
            docid_ = candidate;
            double most = 0;
            weighed_ = optional_ == 0 || (weigh && reaches(most));
            if (weighed_ || !weigh) return;
            target = candidate + 1;
        }
    }

    // Whether docid_, which a member from by_bound_[optional_] on holds, can reach reach_: the
    // optional members are read, greatest bound first, until it can or cannot; if not, `most`
    // is what it can weigh at most (below reach_). Once it can, every member is at or past
    // docid_.
    bool reaches(double& most) const {
        most = bounds_below_[optional_];  // what the optional members could still add
        for (std::size_t k = optional_; k < by_bound_.size(); ++k) {
            const Member& m = members_[by_bound_[k]];
            if (m.at == docid_) most += weight_of(m);
        }
        for (std::size_t k = optional_; k-- > 0;) {
            if (most < reach_) return false;
            Member& m = members_[by_bound_[k]];
            most -= *m.bound;
            m.move_to(docid_);
            if (m.at == docid_) most += weight_of(m);
        }
        return most >= reach_;
    }

    std::shared_ptr<const TermScoring> keep_alive_;  // the query's leaf only
    const TermScoring* scoring_;
    // In the chain's order. Mutable: a skip leaves the optional members where they were, and
    // asking for the weight brings them to the document.
    mutable std::vector<Member> members_;
    std::vector<std::size_t> by_bound_;
    std::vector<double> bounds_below_;
    Xapian::doccount termfreq_est_ = 0, termfreq_min_ = 0, termfreq_max_ = 0;
    Xapian::docid docid_ = 0;
    double reach_ = 0;          // the weight last asked for, less the margin
    std::size_t optional_ = 0;  // members by_bound_[0, optional_) could not reach it together
    bool weighed_ = false;      // docid_ is known to reach it, and every member is at or past it
    mutable std::optional<double> weight_;  // the document's, once asked for
    bool at_end_ = false;
};

}  // namespace

TermScoring::TermScoring(const Xapian::Database& db, double k1,
                         std::shared_ptr<const GenerationCopy::Postings> copied)
    : lengths_(db.get_lastdocid() + 1, 0),
      copied_(std::move(copied)),
      documents_(db.get_doccount()),
      bm25_{k1,
            kBm25B,
            kBm25MinNormlen,
            0,
            db.get_doclength_lower_bound(),
            db.get_doclength_upper_bound()} {
    for (auto it = db.postlist_begin(std::string()); it != db.postlist_end(std::string()); ++it) {
        lengths_[*it] = it.get_doclength();
    }
    // Xapian's average length: the total length over the documents, as a double.
    if (documents_ != 0) {
        const double average = static_cast<double>(db.get_total_length()) / documents_;
        if (average != 0) bm25_.length_factor = 1 / average;
    }
}

double TermScoring::term_weight(Xapian::doccount termfreq, double factor) const {
    // Xapian::BM25Weight::init without relevance information, with k3 = 1 and a wqf of 1.
    constexpr double k3 = 1;
    constexpr double wqf = 1;
    double tw = (documents_ - termfreq + 0.5) / (termfreq + 0.5);
    if (tw < 2) tw = tw * 0.5 + 1;
    double weight = std::log(tw) * factor;
    weight *= (k3 + 1) * wqf / (k3 + wqf);
    return weight * (bm25_.k1 + 1);
}

double TermScoring::saturation(Xapian::termcount wdf, Xapian::termcount length) const {
    return bm25_.saturation(wdf, length);
}

double TermScoring::bound(double term_weight, Xapian::termcount wdf_bound, Xapian::termcount cf,
                          Xapian::doccount termfreq) const {
    // Xapian::BM25Weight::get_maxpart is the term weight times this saturation.
    return bm25_.tighter(term_weight * bm25_.saturation(wdf_bound), wdf_bound, cf, termfreq);
}

Xapian::Query TermScoring::leaf(const std::shared_ptr<const TermScoring>& scoring,
                                const std::string& term, Xapian::doccount termfreq,
                                Xapian::termcount cf, double factor) {
    const double weight = scoring->term_weight(termfreq, factor);
    Xapian::PostingSource* source = nullptr;
    if (scoring->copied_) {
        const GenerationCopy::Postings& kept = *scoring->copied_;
        if (const auto found = kept.find(term); found != kept.end()) {
            source = new TermSource<CopyCursor>(scoring, CopyCursor(found->first, found->second),
                                                termfreq, cf, weight);
        }
    }
    if (!source) {
        source =
            new TermSource<DatabaseCursor>(scoring, DatabaseCursor(term), termfreq, cf, weight);
    }
    return Xapian::Query(source->release());
}

namespace {

// A UnionSource of `terms`, each member's cursor made by `cursor_of`.
template <typename Cursor, typename CursorOf>
Xapian::PostingSource* union_source(const std::shared_ptr<const TermScoring>& scoring,
                                    const std::vector<TermScoring::UnionTerm>& terms,
                                    CursorOf cursor_of) {
    std::vector<typename UnionSource<Cursor>::Member> members;
    members.reserve(terms.size());
    for (const auto& t : terms) {
        members.push_back({cursor_of(t), scoring->term_weight(t.termfreq, t.factor), t.termfreq,
                           t.cf, std::nullopt});
    }
    return new UnionSource<Cursor>(scoring, std::move(members));
}

}  // namespace

Xapian::Query TermScoring::union_leaf(const std::shared_ptr<const TermScoring>& scoring,
                                      const std::vector<UnionTerm>& terms) {
    if (terms.empty()) return Xapian::Query();
    const GenerationCopy::Postings* kept = scoring->copied_.get();
    const auto copied = [&](const UnionTerm& t) { return kept && kept->contains(t.term); };
    Xapian::PostingSource* source =
        std::all_of(terms.begin(), terms.end(), copied)
            ? union_source<CopyCursor>(scoring, terms,
                                       [&](const UnionTerm& t) {
                                           const auto found = kept->find(t.term);
                                           return CopyCursor(found->first, found->second);
                                       })
            : union_source<DatabaseCursor>(
                  scoring, terms, [](const UnionTerm& t) { return DatabaseCursor(t.term); });
    return Xapian::Query(source->release());
}

namespace {

// The inside of a scored leaf's description, "TermSource(term" or "TermUnion(t0␟t1…", read back
// from the query (Xapian 1.4 shows a query's posting source in nothing else).
std::optional<std::string> source_description(const Xapian::Query& query) {
    if (query.get_type() != Xapian::Query::LEAF_POSTING_SOURCE) return std::nullopt;
    const std::string description = query.get_description();
    const std::string_view d(description);
    if (d.size() < kQueryPrefix.size() + kQuerySuffix.size() || !d.starts_with(kQueryPrefix) ||
        !d.ends_with(kQuerySuffix)) {
        return std::nullopt;
    }
    return std::string(
        d.substr(kQueryPrefix.size(), d.size() - kQueryPrefix.size() - kQuerySuffix.size()));
}

}  // namespace

std::optional<std::string> scored_term(const Xapian::Query& query) {
    const auto inside = source_description(query);
    if (!inside || !inside->starts_with(kSourceName)) return std::nullopt;
    return inside->substr(kSourceName.size());
}

std::optional<std::vector<std::string>> scored_terms(const Xapian::Query& query) {
    const auto inside = source_description(query);
    if (!inside) return std::nullopt;
    if (inside->starts_with(kSourceName)) {
        return std::vector<std::string>{inside->substr(kSourceName.size())};
    }
    if (!inside->starts_with(kUnionName)) return std::nullopt;
    std::string_view rest = std::string_view(*inside).substr(kUnionName.size());
    std::vector<std::string> terms;
    for (std::size_t end; (end = rest.find(kTermSeparator)) != std::string_view::npos;) {
        terms.emplace_back(rest.substr(0, end));
        rest.remove_prefix(end + 1);
    }
    terms.emplace_back(rest);
    return terms;
}

}  // namespace yrkesok::search
