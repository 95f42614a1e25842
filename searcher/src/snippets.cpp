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

// Renders tokens [first, last] of `text` with the `matched` tokens (ascending) marked.
std::string render(const std::string& text, const std::vector<analyzers::Token>& tokens,
                   std::size_t first, std::size_t last, const std::vector<std::uint32_t>& matched) {
    std::string out;
    out.reserve(tokens[last].end - tokens[first].start + 64);
    if (first > 0) out += "… ";
    std::size_t cursor = tokens[first].start;
    const std::string_view all(text);
    auto next_match = std::lower_bound(matched.begin(), matched.end(), first);
    for (std::size_t i = first; i <= last; ++i) {
        append_html_escaped(out, all.substr(cursor, tokens[i].start - cursor));
        const std::string_view word = all.substr(tokens[i].start, tokens[i].end - tokens[i].start);
        const bool marked = next_match != matched.end() && *next_match == i;
        if (marked) {
            out += "<mark>";
            ++next_match;
        }
        append_html_escaped(out, word);
        if (marked) out += "</mark>";
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
    std::sort(terms_.begin(), terms_.end(),
              [](const Term& a, const Term& b) { return a.hash < b.hash; });
}

std::string make_snippet(const std::string& text, const std::vector<analyzers::Token>& tokens,
                         const std::unordered_set<std::string>& query_terms,
                         const SnippetOptions& options) {
    return make_snippet(text, tokens, TermHashes::of(tokens), SnippetTerms(query_terms), options);
}

namespace {

// The first entry at or after `from` whose hash is not below `hash`: a galloping search, since
// the query's terms are looked up in ascending order of hash and each starts where the last
// ended.
std::vector<TermHashes::Entry>::const_iterator first_not_below(
    std::vector<TermHashes::Entry>::const_iterator from,
    std::vector<TermHashes::Entry>::const_iterator end, std::uint64_t hash) {
    std::size_t step = 1;
    auto low = from;
    while (static_cast<std::size_t>(end - low) > step && (low + step)->hash < hash) {
        low += step;
        step *= 2;
    }
    const auto high = static_cast<std::size_t>(end - low) > step ? low + step + 1 : end;
    return std::lower_bound(low, high, hash, [](const TermHashes::Entry& entry, std::uint64_t h) {
        return entry.hash < h;
    });
}

// Each matched token with the numbers of the query terms it matched, in token order. A hash
// match is confirmed on the string, so a collision never marks a word.
WordMatches word_matches(std::size_t token_count, const TermHashes& hashes,
                         const SnippetTerms& query_terms) {
    std::vector<std::pair<std::uint32_t, std::uint32_t>> found;  // (token, term number)
    auto it = hashes.by_hash.begin();
    for (const auto& term : query_terms.terms()) {  // ascending by hash
        it = first_not_below(it, hashes.by_hash.end(), term.hash);
        for (auto same = it; same != hashes.by_hash.end() && same->hash == term.hash; ++same) {
            if (hashes.term(*same) == *term.text) found.emplace_back(same->token, term.number);
        }
    }
    std::sort(found.begin(), found.end());
    WordMatches matches;
    std::vector<std::uint32_t> numbers;  // of the token found[i] is in
    for (std::size_t i = 0; i < found.size(); ++i) {
        numbers.push_back(found[i].second);
        if (i + 1 == found.size() || found[i + 1].first != found[i].first) {
            matches.add_word(found[i].first, numbers);
            numbers.clear();
        }
    }
    matches.words = token_count;
    matches.term_count = query_terms.count();
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
    const auto& matched = matches.matched;
    // Start a few words before the window for context, at a sentence start if close, but
    // never so far back that a marked word of the window falls off its end.
    std::size_t last_match = best_start;
    const auto past_window = std::lower_bound(matched.begin(), matched.end(), best_start + window);
    if (past_window != matched.begin() && *(past_window - 1) >= best_start) {
        last_match = *(past_window - 1);
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
    return render(text, tokens, 0, std::min(tokens.size(), max_tokens) - 1, {});
}

}  // namespace yrkesok::search
