#include "yrkesok/searcher/query_parser.h"

namespace yrkesok::search {
namespace {

struct Unit {
    std::size_t begin, end;  // byte range in the query
    UnitKind kind;
    bool or_with_previous;
};

bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

std::vector<Unit> split_units(std::string& blanked) {
    std::vector<Unit> units;
    bool pending_or = false;
    std::size_t i = 0;
    const std::size_t n = blanked.size();
    while (i < n) {
        if (is_space(blanked[i])) {
            ++i;
            continue;
        }
        bool excluded = false;
        if (blanked[i] == '-' && i + 1 < n && !is_space(blanked[i + 1])) {
            excluded = true;
            blanked[i] = ' ';
            ++i;
        }
        std::size_t begin = i;
        UnitKind kind = excluded ? UnitKind::excluded : UnitKind::plain;
        if (blanked[i] == '"') {
            blanked[i] = ' ';
            ++i;
            begin = i;
            while (i < n && blanked[i] != '"') ++i;
            std::size_t end = i;
            if (i < n) blanked[i++] = ' ';
            if (!excluded) kind = UnitKind::phrase;
            units.push_back({begin, end, kind, pending_or});
            pending_or = false;
            continue;
        }
        while (i < n && !is_space(blanked[i]) && blanked[i] != '"') ++i;
        if (!excluded && i - begin == 2 && blanked.compare(begin, 2, "OR") == 0 && !units.empty()) {
            pending_or = true;
            continue;
        }
        units.push_back({begin, i, kind, pending_or});
        pending_or = false;
    }
    return units;
}

}  // namespace

ParsedQuery parse_query(const std::string& query, const analyzers::Analyzer& analyzer) {
    ParsedQuery parsed;
    parsed.text = query;
    std::string blanked = query;
    auto units = split_units(blanked);
    // "OR" operators are blanked too, so they are not analysed as words.
    std::vector<bool> inside(blanked.size(), false);
    for (const auto& unit : units) {
        for (std::size_t k = unit.begin; k < unit.end; ++k) inside[k] = true;
    }
    for (std::size_t k = 0; k < blanked.size(); ++k) {
        if (!inside[k] && !is_space(blanked[k]) && static_cast<unsigned char>(blanked[k]) < 0x80) {
            blanked[k] = ' ';
        }
    }
    parsed.tokens = analyzer.analyze(blanked, analyzers::Language::both);
    std::size_t u = 0;
    for (const auto& token : parsed.tokens) {
        while (u < units.size() && units[u].end <= token.start) ++u;
        if (u == units.size()) break;
        if (token.start < units[u].begin) continue;
        parsed.classified.push_back({&token, units[u].kind, u, units[u].or_with_previous});
    }
    return parsed;
}

std::optional<std::size_t> unfinished_word(const ParsedQuery& parsed) {
    if (parsed.classified.empty()) return std::nullopt;
    const QueryToken& last = parsed.classified.back();
    if (last.kind != UnitKind::plain || last.token->terms.empty()) return std::nullopt;
    if (last.token->end != parsed.text.size()) return std::nullopt;
    return parsed.classified.size() - 1;
}

}  // namespace yrkesok::search
