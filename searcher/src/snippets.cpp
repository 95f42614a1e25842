#include "snippets.h"

#include <algorithm>
#include <cstdint>
#include <string_view>

#include "yrkesok/searcher/passage.h"

namespace yrkesok::search {

void append_html_escaped(std::string& out, std::string_view text) {
    std::size_t plain = 0;  // the start of the characters not yet copied
    for (std::size_t i = 0; i < text.size(); ++i) {
        std::string_view entity;
        switch (text[i]) {
            case '&':
                entity = "&amp;";
                break;
            case '<':
                entity = "&lt;";
                break;
            case '>':
                entity = "&gt;";
                break;
            case '"':
                entity = "&quot;";
                break;
            case '\'':
                entity = "&#39;";
                break;
            default:
                continue;
        }
        out.append(text.substr(plain, i - plain));
        out.append(entity);
        plain = i + 1;
    }
    out.append(text.substr(plain));
}

std::string html_escape(std::string_view text) {
    std::string out;
    out.reserve(text.size() + 16);
    append_html_escaped(out, text);
    return out;
}

namespace {

// Renders tokens [first, last] of `text` with matched tokens marked.
std::string render(const std::string& text, const std::vector<analyzers::Token>& tokens,
                   std::size_t first, std::size_t last, const std::vector<bool>& matched) {
    std::string out;
    out.reserve(tokens[last].end - tokens[first].start + 64);
    if (first > 0) out += "… ";
    std::size_t cursor = tokens[first].start;
    const std::string_view all(text);
    for (std::size_t i = first; i <= last; ++i) {
        append_html_escaped(out, all.substr(cursor, tokens[i].start - cursor));
        const std::string_view word = all.substr(tokens[i].start, tokens[i].end - tokens[i].start);
        if (matched[i]) out += "<mark>";
        append_html_escaped(out, word);
        if (matched[i]) out += "</mark>";
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
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        if (tokens[i].stopword) continue;
        for (const auto& term : tokens[i].terms) {
            out.by_hash.push_back({term_hash(term.text), static_cast<std::uint32_t>(i),
                                   static_cast<std::uint32_t>(out.ends.size())});
            out.text += term.text;
            out.ends.push_back(static_cast<std::uint32_t>(out.text.size()));
        }
    }
    std::sort(out.by_hash.begin(), out.by_hash.end(),
              [](const Entry& a, const Entry& b) { return a.hash < b.hash; });
    return out;
}

SnippetTerms::SnippetTerms(const std::unordered_set<std::string>& terms) {
    terms_.reserve(terms.size());
    for (const auto& term : terms) {
        terms_.push_back({term_hash(term), &term, static_cast<std::uint32_t>(terms_.size())});
    }
}

std::string make_snippet(const std::string& text, const std::vector<analyzers::Token>& tokens,
                         const std::unordered_set<std::string>& query_terms,
                         const SnippetOptions& options) {
    return make_snippet(text, tokens, TermHashes::of(tokens), SnippetTerms(query_terms), options);
}

namespace {

// Each matched token with the numbers of the query terms it matched, in token order. A hash
// match is confirmed on the string, so a collision never marks a word.
WordMatches word_matches(std::size_t token_count, const TermHashes& hashes,
                         const SnippetTerms& query_terms) {
    std::vector<std::pair<std::uint32_t, std::uint32_t>> found;  // (token, term number)
    const auto by_hash = [](const TermHashes::Entry& entry, std::uint64_t hash) {
        return entry.hash < hash;
    };
    for (const auto& term : query_terms.terms()) {
        auto it =
            std::lower_bound(hashes.by_hash.begin(), hashes.by_hash.end(), term.hash, by_hash);
        for (; it != hashes.by_hash.end() && it->hash == term.hash; ++it) {
            if (hashes.term(*it) == *term.text) found.emplace_back(it->token, term.number);
        }
    }
    std::sort(found.begin(), found.end());
    WordMatches matches;
    matches.term_count = query_terms.count();
    matches.offsets.assign(token_count + 1, 0);
    matches.terms.reserve(found.size());
    for (const auto& [token, number] : found) {
        ++matches.offsets[token + 1];
        matches.terms.push_back(number);
    }
    for (std::size_t i = 1; i < matches.offsets.size(); ++i) {
        matches.offsets[i] += matches.offsets[i - 1];
    }
    return matches;
}

}  // namespace

std::string make_snippet(const std::string& text, const std::vector<analyzers::Token>& tokens,
                         const TermHashes& hashes, const SnippetTerms& query_terms,
                         const SnippetOptions& options) {
    if (tokens.empty()) return {};
    const WordMatches matches = word_matches(tokens.size(), hashes, query_terms);
    if (matches.terms.empty()) return {};
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
