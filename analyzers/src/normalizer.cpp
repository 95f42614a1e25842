#include "normalizer.h"

#include "yrkesok/analyzers/analyzer.h"

namespace yrkesok::analyzers::detail {

Normalizer::Normalizer() {
    UErrorCode status = U_ZERO_ERROR;
    nfkc_cf_ = icu::Normalizer2::getNFKCCasefoldInstance(status);
    if (U_FAILURE(status) || nfkc_cf_ == nullptr) {
        throw AnalyzerError(std::string("ICU NFKC_Casefold: ") + u_errorName(status));
    }
}

std::string Normalizer::normalize(const TextBuffer& text, Span span) const {
    const icu::UnicodeString src(text.text(), span.start, span.end - span.start);
    UErrorCode status = U_ZERO_ERROR;
    icu::UnicodeString folded;
    if (nfkc_cf_->isNormalized(src, status) && U_SUCCESS(status)) {
        folded = src;
    } else {
        status = U_ZERO_ERROR;
        nfkc_cf_->normalize(src, folded, status);
        if (U_FAILURE(status)) folded = src;
    }
    std::string out;
    folded.toUTF8String(out);
    return out;
}

}  // namespace yrkesok::analyzers::detail
