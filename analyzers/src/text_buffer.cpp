#include "text_buffer.h"

namespace yrkesok::analyzers::detail {
namespace {

constexpr char32_t kReplacement = 0xFFFD;

// Decodes one code point starting at `i`; returns the number of bytes consumed (1 for an
// invalid byte, which yields U+FFFD).
std::size_t decode_one(std::string_view s, std::size_t i, char32_t& cp) {
    const auto b0 = static_cast<unsigned char>(s[i]);
    if (b0 < 0x80) {
        cp = b0;
        return 1;
    }
    std::size_t need = 0;
    char32_t min = 0;
    if (b0 >= 0xC2 && b0 <= 0xDF) {
        need = 1;
        cp = b0 & 0x1F;
        min = 0x80;
    } else if (b0 >= 0xE0 && b0 <= 0xEF) {
        need = 2;
        cp = b0 & 0x0F;
        min = 0x800;
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
        need = 3;
        cp = b0 & 0x07;
        min = 0x10000;
    } else {
        cp = kReplacement;
        return 1;
    }
    if (i + need >= s.size()) {
        cp = kReplacement;
        return 1;
    }
    for (std::size_t k = 1; k <= need; ++k) {
        const auto b = static_cast<unsigned char>(s[i + k]);
        if ((b & 0xC0) != 0x80) {
            cp = kReplacement;
            return 1;
        }
        cp = (cp << 6) | (b & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
        cp = kReplacement;
        return 1;
    }
    return need + 1;
}

}  // namespace

TextBuffer::TextBuffer(std::string_view utf8) {
    offsets_.reserve(utf8.size() + 1);
    std::u16string units;
    units.reserve(utf8.size());
    std::size_t i = 0;
    while (i < utf8.size()) {
        char32_t cp = 0;
        const std::size_t n = decode_one(utf8, i, cp);
        if (cp >= 0x10000) {
            const char32_t v = cp - 0x10000;
            units.push_back(static_cast<char16_t>(0xD800 + (v >> 10)));
            units.push_back(static_cast<char16_t>(0xDC00 + (v & 0x3FF)));
            offsets_.push_back(i);
            offsets_.push_back(i);
        } else {
            units.push_back(static_cast<char16_t>(cp));
            offsets_.push_back(i);
        }
        i += n;
    }
    offsets_.push_back(utf8.size());
    text_ = icu::UnicodeString(units.data(), static_cast<int32_t>(units.size()));
}

std::optional<std::string> utf8_to_latin1(std::string_view utf8) {
    std::string out;
    out.reserve(utf8.size());
    std::size_t i = 0;
    while (i < utf8.size()) {
        char32_t cp = 0;
        const std::size_t n = decode_one(utf8, i, cp);
        if (cp > 0xFF) return std::nullopt;
        out.push_back(static_cast<char>(cp));
        i += n;
    }
    return out;
}

std::string latin1_to_utf8(std::string_view latin1) {
    std::string out;
    out.reserve(latin1.size() + latin1.size() / 8);
    for (const char c : latin1) {
        const auto b = static_cast<unsigned char>(c);
        if (b < 0x80) {
            out.push_back(c);
        } else {
            out.push_back(static_cast<char>(0xC0 | (b >> 6)));
            out.push_back(static_cast<char>(0x80 | (b & 0x3F)));
        }
    }
    return out;
}

std::size_t utf8_length(std::string_view utf8) {
    std::size_t n = 0;
    for (const char c : utf8) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    return n;
}

}  // namespace yrkesok::analyzers::detail
