#include "yrkesok/analyzers/utf8.h"

#include <unicode/unistr.h>
#include <unicode/utf8.h>

namespace yrkesok::utf8 {

std::optional<std::size_t> find_invalid(std::string_view text) {
    const auto* bytes = reinterpret_cast<const std::uint8_t*>(text.data());
    const auto size = static_cast<std::int32_t>(text.size());
    std::int32_t at = 0;
    while (at < size) {
        const std::int32_t start = at;
        UChar32 code_point;
        U8_NEXT(bytes, at, size, code_point);
        if (code_point < 0) return static_cast<std::size_t>(start);
    }
    return std::nullopt;
}

std::size_t decode(std::string_view text, std::size_t at, char32_t& code_point) {
    const auto* bytes = reinterpret_cast<const std::uint8_t*>(text.data());
    const auto size = static_cast<std::int32_t>(text.size());
    auto next = static_cast<std::int32_t>(at);
    UChar32 decoded;
    U8_NEXT(bytes, next, size, decoded);
    if (decoded < 0) {
        code_point = 0xFFFD;
        return 1;
    }
    code_point = static_cast<char32_t>(decoded);
    return static_cast<std::size_t>(next) - at;
}

std::size_t length(std::string_view text) {
    std::size_t count = 0;
    for (const char c : text) count += !U8_IS_TRAIL(static_cast<std::uint8_t>(c));
    return count;
}

std::string fold_case(std::string_view text) {
    std::string out;
    icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())))
        .foldCase()
        .toUTF8String(out);
    return out;
}

}  // namespace yrkesok::utf8
