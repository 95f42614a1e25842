#include "yrkesok/searcher/filter.h"

#include <utility>

namespace yrkesok::search::filter {
namespace {

Expr joined(Expr::Kind kind, std::vector<Expr> children) {
    if (children.size() == 1) return std::move(children.front());
    Expr e;
    e.kind = kind;
    e.children = std::move(children);
    return e;
}

std::string quoted(const std::string& text) {
    std::string out = "\"";
    for (char c : text) {
        if (c == '"' || c == '\\') out += '\\';
        out += c;
    }
    return out + "\"";
}

}  // namespace

Expr Expr::condition(std::string attribute, std::vector<std::string> values) {
    Expr e;
    e.kind = Kind::condition;
    e.attribute = std::move(attribute);
    e.values = std::move(values);
    return e;
}

Expr Expr::all(std::vector<Expr> children) {
    return joined(Kind::all_of, std::move(children));
}

Expr Expr::any(std::vector<Expr> children) {
    return joined(Kind::any_of, std::move(children));
}

Expr Expr::negate(Expr child) {
    Expr e;
    e.kind = Kind::negation;
    e.children.push_back(std::move(child));
    return e;
}

std::string to_string(const Expr& expr) {
    switch (expr.kind) {
        case Expr::Kind::condition: {
            std::string out = expr.attribute + " IN [";
            for (std::size_t i = 0; i < expr.values.size(); ++i) {
                out += (i ? ", " : "") + quoted(expr.values[i]);
            }
            return out + "]";
        }
        case Expr::Kind::negation:
            return "NOT " + to_string(expr.children.front());
        case Expr::Kind::all_of:
        case Expr::Kind::any_of: {
            const char* op = expr.kind == Expr::Kind::all_of ? " AND " : " OR ";
            std::string out = "(";
            for (std::size_t i = 0; i < expr.children.size(); ++i) {
                out += (i ? op : "") + to_string(expr.children[i]);
            }
            return out + ")";
        }
    }
    return {};
}

}  // namespace yrkesok::search::filter
