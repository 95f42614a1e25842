// The project's one UTF-8 helper, on ICU's U8_NEXT: validation for the edges (corpus reader,
// HTTP parameters, filters, queries) and decoding for the analysis chain. Well-formed means
// what ICU and the Unicode standard say: no overlong forms, no surrogates, nothing past
// U+10FFFF.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace yrkesok::utf8 {

// The byte offset of the first byte that does not start a well-formed sequence, or nullopt
// when all of `text` is well-formed.
std::optional<std::size_t> find_invalid(std::string_view text);

inline bool is_valid(std::string_view text) {
    return !find_invalid(text);
}

// Decodes the code point starting at byte `at` into `code_point` and returns how many bytes it
// took. An ill-formed sequence yields U+FFFD and one byte, so every bad byte is one
// replacement character.
std::size_t decode(std::string_view text, std::size_t at, char32_t& code_point);

// The number of code points in well-formed `text` (every byte that is not a continuation byte).
std::size_t length(std::string_view text);

// `text` with ICU's full Unicode case folding ("Helse og Sosial" and "HELSE OG SOSIAL" fold
// alike; æ, ø and å stay distinct letters), for comparing values without regard to case.
std::string fold_case(std::string_view text);

}  // namespace yrkesok::utf8
