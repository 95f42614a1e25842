// TextBuffer: the caller's UTF-8 text decoded to UTF-16 for ICU, with a map from every UTF-16
// unit back to the input byte it came from. Invalid UTF-8 becomes U+FFFD (one per bad byte),
// so ICU never sees broken input and offsets still point at the caller's bytes.
#pragma once

#include <unicode/unistr.h>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace yrkesok::analyzers::detail {

class TextBuffer {
  public:
    explicit TextBuffer(std::string_view utf8);

    const icu::UnicodeString& text() const { return text_; }
    int32_t length() const { return text_.length(); }
    // Input byte offset of UTF-16 unit `i`; `i == length()` gives the input size.
    std::size_t byte_offset(int32_t i) const { return offsets_[static_cast<std::size_t>(i)]; }
    char16_t at(int32_t i) const { return text_.charAt(i); }

  private:
    icu::UnicodeString text_;
    std::vector<std::size_t> offsets_;
};

// Hunspell's Norwegian dictionaries and Debian's word lists are ISO-8859-1. Returns nullopt
// when `utf8` holds a character outside Latin-1 (such a word cannot be in those files).
std::optional<std::string> utf8_to_latin1(std::string_view utf8);
std::string latin1_to_utf8(std::string_view latin1);

}  // namespace yrkesok::analyzers::detail
