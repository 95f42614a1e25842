// Fuzz target: the analysis chain on arbitrary bytes, in both languages and merged.
//
// Checks the analyzer's own promises besides "no crash": every token's offsets lie inside the
// input, its text is exactly the bytes at those offsets, every token has at
// least one term, no term is empty or longer than Xapian accepts, and analysing twice gives
// the same tokens.
#include <cstdlib>
#include <string_view>

#include "fuzz_target.h"
#include "yrkesok/analyzers/analyzer.h"

YRKESOK_DECLARE_FUZZ_TARGET(analysis_chain)

namespace yrkesok::fuzz::analysis_chain {
namespace {

constexpr std::size_t kMaxXapianTermBytes = 245;

void check(bool condition) {
    if (!condition) std::abort();
}

void check_tokens(std::string_view text, const std::vector<analyzers::Token>& tokens) {
    for (const auto& token : tokens) {
        check(token.start <= token.end && token.end <= text.size());
        check(text.substr(token.start, token.end - token.start) == token.text);
        check(!token.terms.empty());
        for (const auto& term : token.terms) {
            check(!term.text.empty() && term.text.size() <= kMaxXapianTermBytes);
        }
    }
}

bool same_tokens(const std::vector<analyzers::Token>& a, const std::vector<analyzers::Token>& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (a[i].text != b[i].text || a[i].start != b[i].start || a[i].end != b[i].end ||
            a[i].position != b[i].position || a[i].stopword != b[i].stopword ||
            a[i].terms != b[i].terms) {
            return false;
        }
    }
    return true;
}

}  // namespace

int fuzz_one_input(const std::uint8_t* data, std::size_t size) {
    static const analyzers::Analyzer analyzer;
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    for (auto language :
         {analyzers::Language::nb, analyzers::Language::nn, analyzers::Language::both}) {
        auto tokens = analyzer.analyze(text, language);
        check_tokens(text, tokens);
        check(same_tokens(analyzer.analyze(text, language), tokens));
    }
    return 0;
}

}  // namespace yrkesok::fuzz::analysis_chain
