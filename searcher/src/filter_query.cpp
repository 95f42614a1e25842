#include "filter_query.h"

#include <algorithm>

#include "yrkesok/analyzers/utf8.h"
#include "yrkesok/format/schema.h"
#include "yrkesok/searcher/query_builder.h"

namespace yrkesok::search {
namespace {

namespace s = format;

class Compiler {
  public:
    explicit Compiler(const Xapian::Database& db) : db_(db) {}

    Xapian::Query compile(const filter::Expr& expr) {
        using Kind = filter::Expr::Kind;
        switch (expr.kind) {
            case Kind::condition:
                return condition(expr);
            case Kind::negation:
                return Xapian::Query(Xapian::Query::OP_AND_NOT, match_all(),
                                     compile(expr.children.front()));
            case Kind::all_of:
            case Kind::any_of: {
                if (expr.children.empty()) {  // an empty AND holds, an empty OR does not
                    return expr.kind == Kind::all_of ? match_all() : Xapian::Query();
                }
                std::vector<Xapian::Query> parts;
                for (const auto& child : expr.children) parts.push_back(compile(child));
                return Xapian::Query(
                    expr.kind == Kind::all_of ? Xapian::Query::OP_AND : Xapian::Query::OP_OR,
                    parts.begin(), parts.end());
            }
        }
        return Xapian::Query();
    }

  private:
    Xapian::Query condition(const filter::Expr& expr) {
        const auto prefix = filter_prefix(expr.attribute);
        if (prefix.empty()) {
            throw SearchError("attribute \"" + expr.attribute +
                              "\" is not filterable; filterable are sectors, education_levels, "
                              "language and styrk08");
        }
        auto& terms = vocabulary(prefix);
        std::vector<Xapian::Query> matches;
        for (const auto& value : expr.values) {
            auto [first, last] = terms.equal_range(utf8::fold_case(value));
            for (auto it = first; it != last; ++it) matches.emplace_back(it->second);
        }
        if (matches.empty()) return Xapian::Query();  // matches nothing
        return Xapian::Query(Xapian::Query::OP_OR, matches.begin(), matches.end());
    }

    // Folded value -> term, for every term of the attribute in the index.
    const std::multimap<std::string, std::string>& vocabulary(std::string_view prefix) {
        auto& terms = vocabularies_[std::string(prefix)];
        if (!terms.empty()) return terms;
        const std::string p(prefix);
        for (auto it = db_.allterms_begin(p); it != db_.allterms_end(p); ++it) {
            terms.emplace(utf8::fold_case(std::string_view(*it).substr(p.size())), *it);
        }
        return terms;
    }

    const Xapian::Database& db_;
    std::map<std::string, std::multimap<std::string, std::string>> vocabularies_;
};

}  // namespace

std::string_view filter_prefix(std::string_view attribute) {
    if (attribute == "sectors") return s::kSectorTerm;
    if (attribute == "education_levels") return s::kEducationTerm;
    if (attribute == "language") return s::kLanguageTerm;
    if (attribute == "styrk08") return s::kStyrkTerm;
    return {};
}

Xapian::Query filter_query(const Xapian::Database& db, const filter::Expr& expr) {
    return Compiler(db).compile(expr);
}

std::optional<Xapian::valueno> distribution_slot(std::string_view attribute) {
    if (attribute == "sectors") return s::kSectorsSlot;
    if (attribute == "education_levels") return s::kEducationSlot;
    if (attribute == "language") return s::kLanguageSlot;
    if (attribute == "styrk08") return s::kStyrkSlot;
    return std::nullopt;
}

std::vector<WordSpan> word_spans(const std::vector<analyzers::Token>& tokens,
                                 const std::unordered_set<std::string>& terms) {
    std::vector<WordSpan> spans;
    spans.reserve(tokens.size());
    for (const auto& token : tokens) {
        WordSpan span;
        span.start = token.start;
        span.end = token.end;
        if (!token.stopword) {
            for (const auto& term : token.terms) {
                if (terms.contains(term.text)) span.terms.push_back(term.text);
            }
        }
        span.match = !span.terms.empty();
        spans.push_back(span);
    }
    return spans;
}

}  // namespace yrkesok::search
