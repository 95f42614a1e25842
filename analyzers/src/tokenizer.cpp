#include "tokenizer.h"

#include <unicode/locid.h>
#include <unicode/uchar.h>

#include <algorithm>

#include "yrkesok/analyzers/analyzer.h"

namespace yrkesok::analyzers::detail {
namespace {

struct Segment {
    Span span;
    int32_t status = 0;  // ICU rule status: >= UBRK_WORD_NUMBER for words and numbers
    bool is_word() const { return status >= UBRK_WORD_NUMBER; }
};

bool is_hyphen(char16_t c) {
    return c == u'-' || c == u'\u2010' || c == u'\u2011';
}

bool is_single_hyphen(const TextBuffer& t, const Segment& s) {
    return s.span.end - s.span.start == 1 && is_hyphen(t.at(s.span.start));
}

bool is_email_local_char(char16_t c) {
    return u_isalnum(c) || c == u'.' || c == u'_' || c == u'%' || c == u'+' || c == u'-';
}

bool is_email_domain_char(char16_t c) {
    return u_isalnum(c) || c == u'.' || c == u'-';
}

// E-mail addresses as UTF-16 spans, found around each '@' independently of ICU's breaks.
std::vector<Span> find_emails(const TextBuffer& t) {
    std::vector<Span> out;
    const int32_t n = t.length();
    for (int32_t at = 0; at < n; ++at) {
        if (t.at(at) != u'@') continue;
        int32_t l = at;
        while (l > 0 && is_email_local_char(t.at(l - 1))) --l;
        while (l < at && !u_isalnum(t.at(l))) ++l;
        int32_t r = at + 1;
        while (r < n && is_email_domain_char(t.at(r))) ++r;
        while (r > at + 1 && !u_isalnum(t.at(r - 1))) --r;
        if (l == at || r == at + 1) continue;
        bool dot = false;
        for (int32_t k = at + 2; k < r - 1; ++k) dot |= t.at(k) == u'.';
        if (!dot || !u_isalnum(t.at(at + 1))) continue;
        if (!out.empty() && out.back().end > l) continue;  // "a@b.no@c.no": keep the first
        out.push_back({l, r});
        at = r - 1;
    }
    return out;
}

bool has_alnum(const TextBuffer& t, Span s) {
    for (int32_t k = s.start; k < s.end; ++k) {
        if (u_isalnum(t.at(k))) return true;
    }
    return false;
}

bool list_gap(const TextBuffer& t, int32_t from, int32_t to) {
    for (int32_t k = from; k < to; ++k) {
        const char16_t c = t.at(k);
        if (!(u_isUWhiteSpace(c) || c == u',' || is_hyphen(c))) return false;
    }
    return true;
}

}  // namespace

Tokenizer::Tokenizer() {
    UErrorCode status = U_ZERO_ERROR;
    prototype_.reset(icu::BreakIterator::createWordInstance(icu::Locale("nb"), status));
    if (U_FAILURE(status) || !prototype_) {
        throw AnalyzerError(std::string("ICU word break iterator: ") + u_errorName(status));
    }
}

Tokenizer::~Tokenizer() = default;

std::vector<RawToken> Tokenizer::tokenize(const TextBuffer& text) const {
    std::unique_ptr<icu::BreakIterator> it(prototype_->clone());
    it->setText(text.text());

    std::vector<Segment> segs;
    int32_t prev = it->first();
    for (int32_t next = it->next(); next != icu::BreakIterator::DONE; next = it->next()) {
        segs.push_back({{prev, next}, it->getRuleStatus()});
        prev = next;
    }

    const std::vector<Span> emails = find_emails(text);
    std::size_t email_i = 0;

    std::vector<RawToken> out;
    int32_t last_end = 0;
    const std::size_t n = segs.size();
    for (std::size_t i = 0; i < n; ++i) {
        const Segment& s = segs[i];
        while (email_i < emails.size() && emails[email_i].end <= s.span.start) ++email_i;
        if (email_i < emails.size() && emails[email_i].start < s.span.end) {
            const Span e = emails[email_i++];
            RawToken tok;
            tok.span = e;
            tok.shape = Shape::email;
            tok.list_gap_before = !out.empty() && list_gap(text, last_end, e.start);
            out.push_back(std::move(tok));
            last_end = e.end;
            while (i + 1 < n && segs[i + 1].span.start < e.end) ++i;
            continue;
        }
        if (!s.is_word() || !has_alnum(text, s.span)) continue;

        RawToken tok;
        tok.shape = s.status < UBRK_WORD_LETTER ? Shape::number : Shape::word;
        tok.span = s.span;
        tok.components.push_back(s.span);
        std::size_t j = i;
        while (j + 2 < n && is_single_hyphen(text, segs[j + 1]) && segs[j + 2].is_word()) {
            j += 2;
            tok.components.push_back(segs[j].span);
        }
        if (j > i) {
            tok.shape = Shape::hyphenated;
            tok.span.end = segs[j].span.end;
        } else {
            tok.components.clear();
        }
        tok.trailing_hyphen = j + 1 < n && is_single_hyphen(text, segs[j + 1]) &&
                              (j + 2 == n || !segs[j + 2].is_word());
        tok.leading_hyphen =
            i >= 1 && is_single_hyphen(text, segs[i - 1]) && (i == 1 || !segs[i - 2].is_word());
        tok.list_gap_before = !out.empty() && list_gap(text, last_end, tok.span.start);
        last_end = tok.span.end;
        out.push_back(std::move(tok));
        i = j;
    }
    return out;
}

}  // namespace yrkesok::analyzers::detail
