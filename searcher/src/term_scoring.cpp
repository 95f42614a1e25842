#include "term_scoring.h"

#include <algorithm>
#include <cmath>
#include <string_view>
#include <utility>

namespace yrkesok::search {
namespace {

// How a TermSource describes itself; scored_term reads the term back from a query's description
// (Xapian 1.4 shows a query's posting source in nothing else).
constexpr std::string_view kSourceName = "yrkesok::TermSource(";
constexpr std::string_view kQueryPrefix = "Query(PostingSource(";
constexpr std::string_view kQuerySuffix = ")))";

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

    // RankingWeight's bound on the term's weight, from the wdf bound Xapian's on-disk posting
    // list gives: the collection frequency less the first posting's wdf, or that wdf if larger.
    double bound(Xapian::termcount first_wdf) const {
        const Xapian::termcount wdf_bound = std::max(cf_ - first_wdf, first_wdf);
        return scoring_->bound(term_weight_, wdf_bound, cf_, termfreq_);
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

std::optional<std::string> scored_term(const Xapian::Query& query) {
    if (query.get_type() != Xapian::Query::LEAF_POSTING_SOURCE) return std::nullopt;
    const std::string description = query.get_description();
    const std::string_view d(description);
    const std::size_t prefix = kQueryPrefix.size() + kSourceName.size();
    if (d.size() < prefix + kQuerySuffix.size() || !d.starts_with(kQueryPrefix) ||
        d.substr(kQueryPrefix.size(), kSourceName.size()) != kSourceName ||
        !d.ends_with(kQuerySuffix)) {
        return std::nullopt;
    }
    return std::string(d.substr(prefix, d.size() - prefix - kQuerySuffix.size()));
}

}  // namespace yrkesok::search
