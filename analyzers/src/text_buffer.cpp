#include "text_buffer.h"

#include "yrkesok/analyzers/utf8.h"

namespace yrkesok::analyzers::detail {

TextBuffer::TextBuffer(std::string_view utf8) {
    offsets_.reserve(utf8.size() + 1);
    std::u16string units;
    units.reserve(utf8.size());
    std::size_t i = 0;
    while (i < utf8.size()) {
        char32_t cp = 0;
        const std::size_t n = utf8::decode(utf8, i, cp);
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
        const std::size_t n = utf8::decode(utf8, i, cp);
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

}  // namespace yrkesok::analyzers::detail
