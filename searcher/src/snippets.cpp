#include "snippets.h"

#include <algorithm>
#include <bitset>
#include <cstdint>
#include <string_view>
#include <unordered_map>

#include "yrkesok/searcher/passage.h"

namespace yrkesok::search {

std::string html_escape(std::string_view text) {
    std::string out;
    out.reserve(text.size() + 16);
    for (char c : text) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            case '\'':
                out += "&#39;";
                break;
            default:
                out += c;
        }
    }
    return out;
}

namespace {

// Renders tokens [first, last] of `text` with matched tokens marked.
std::string render(const std::string& text, const std::vector<analyzers::Token>& tokens,
                   std::size_t first, std::size_t last, const std::vector<bool>& matched) {
    std::string out;
    if (first > 0) out += "… ";
    std::size_t cursor = tokens[first].start;
    for (std::size_t i = first; i <= last; ++i) {
        out += html_escape(std::string_view(text).substr(cursor, tokens[i].start - cursor));
        std::string_view word =
            std::string_view(text).substr(tokens[i].start, tokens[i].end - tokens[i].start);
        if (matched[i]) {
            out += "<mark>" + html_escape(word) + "</mark>";
        } else {
            out += html_escape(word);
        }
        cursor = tokens[i].end;
    }
    // Keep sentence-final punctuation that directly follows the last word.
    if (cursor < text.size() &&
        (text[cursor] == '.' || text[cursor] == '!' || text[cursor] == '?')) {
        out += text[cursor];
    }
    if (last + 1 < tokens.size()) out += " …";
    return out;
}

}  // namespace

namespace {

std::uint64_t term_hash(std::string_view term) {
    return std::hash<std::string_view>{}(term);
}

}  // namespace

TermHashes TermHashes::of(const std::vector<analyzers::Token>& tokens) {
    TermHashes out;
    out.offsets.reserve(tokens.size() + 1);
    out.offsets.push_back(0);
    for (const auto& token : tokens) {
        if (!token.stopword) {
            for (const auto& term : token.terms) {
                out.hashes.push_back(term_hash(term.text));
                out.text += term.text;
                out.ends.push_back(static_cast<std::uint32_t>(out.text.size()));
            }
        }
        out.offsets.push_back(static_cast<std::uint32_t>(out.hashes.size()));
    }
    return out;
}

std::string make_snippet(const std::string& text, const std::vector<analyzers::Token>& tokens,
                         const std::unordered_set<std::string>& query_terms,
                         const SnippetOptions& options) {
    return make_snippet(text, tokens, TermHashes::of(tokens), query_terms, options);
}

std::string make_snippet(const std::string& text, const std::vector<analyzers::Token>& tokens,
                         const TermHashes& hashes,
                         const std::unordered_set<std::string>& query_terms,
                         const SnippetOptions& options) {
    if (tokens.empty()) return {};
    // Each query term gets a number; a token's matched terms are listed by number (flat, with
    // offsets), so the windows below count distinct terms without comparing strings again. A
    // hash match is confirmed on the string, so a collision never marks a word.
    std::unordered_map<std::uint64_t, std::vector<std::pair<const std::string*, std::uint32_t>>>
        numbers;
    std::bitset<1024> filter;
    std::uint32_t count = 0;
    for (const auto& term : query_terms) {
        const std::uint64_t h = term_hash(term);
        numbers[h].emplace_back(&term, count++);
        filter.set(h % 1024);
    }
    WordMatches matches;
    matches.term_count = count;
    matches.offsets.assign(tokens.size() + 1, 0);
    bool any = false;
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        for (std::uint32_t k = hashes.offsets[i]; k < hashes.offsets[i + 1]; ++k) {
            const std::uint64_t h = hashes.hashes[k];
            if (!filter.test(h % 1024)) continue;
            auto it = numbers.find(h);
            if (it == numbers.end()) continue;
            const std::string_view text_term = hashes.term(k);
            for (const auto& [query_term, number] : it->second) {
                if (*query_term == text_term) matches.terms.push_back(number);
            }
        }
        matches.offsets[i + 1] = matches.terms.size();
        any = any || matches.matched(i);
    }
    if (!any) return {};
    const std::size_t window =
        std::max<std::size_t>(1, std::min(options.window_tokens, tokens.size()));
    const std::size_t best_start = best_window(matches, window).start;
    std::vector<bool> matched(tokens.size());
    for (std::size_t i = 0; i < tokens.size(); ++i) matched[i] = matches.matched(i);
    // Start a few words before the window for context, at a sentence start if close, but
    // never so far back that a marked word of the window falls off its end.
    std::size_t last_match = best_start;
    for (std::size_t i = best_start; i < best_start + window; ++i) {
        if (matched[i]) last_match = i;
    }
    const std::size_t context =
        std::min<std::size_t>({4, best_start, best_start + window - 1 - last_match});
    std::size_t first = best_start - context;
    for (std::size_t i = best_start; i > first; --i) {
        std::string_view gap =
            std::string_view(text).substr(tokens[i - 1].end, tokens[i].start - tokens[i - 1].end);
        if (gap.find_first_of(".!?\n") != std::string_view::npos) {
            first = i;
            break;
        }
    }
    std::size_t last = std::min(tokens.size() - 1, first + window - 1);
    return render(text, tokens, first, last, matched);
}

std::string leading_passage(const std::string& text, const std::vector<analyzers::Token>& tokens,
                            std::size_t max_tokens) {
    if (tokens.empty()) return html_escape(text);
    std::vector<bool> none(tokens.size(), false);
    return render(text, tokens, 0, std::min(tokens.size(), max_tokens) - 1, none);
}

}  // namespace yrkesok::search
