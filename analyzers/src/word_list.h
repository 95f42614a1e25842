// WordList: a read-only set of lowercase word forms from a Debian full-form list
// (/usr/share/dict/bokmaal or nynorsk, ISO-8859-1, one form a line), used by the compound
// splitter and the bokmål/nynorsk variant check. Capitalised entries (names, abbreviations)
// are left out. Stored as one UTF-8 buffer plus an open-addressing table of offsets: about
// 20 MB for bokmål, loaded in well under a second. Immutable after load, so thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace yrkesok::analyzers::detail {

class WordList {
  public:
    WordList() = default;
    // Throws AnalyzerError when the file cannot be read.
    static WordList load(const std::string& path);
    // The entries of a hunspell .dic file (ISO-8859-1, "word/FLAGS"): the dictionary's
    // headwords, mostly base forms. Throws AnalyzerError when the file cannot be read.
    static WordList load_hunspell_entries(const std::string& dic_path);
    // The same, and in `flagged` the entries that carry at least one of `flags` (one character
    // each, as in nb_NO and nn_NO), from the same single read of the file.
    static WordList load_hunspell_entries(const std::string& dic_path, std::string_view flags,
                                          WordList& flagged);
    // Builds a list from UTF-8 words (tests).
    static WordList from_words(const std::vector<std::string>& words);

    bool contains(std::string_view word) const;
    std::size_t size() const { return count_; }

  private:
    // One word a line, cut at `field_end` when it is not '\0'. With `flagged`, the words whose
    // line holds one of `flags` after `field_end` also go there.
    static WordList load_lines(const std::string& path, char field_end, std::string_view flags,
                               WordList* flagged);

    static constexpr std::uint64_t kTagBits = 0xFFFFFFFF00000000ULL;

    void build_index();
    std::string_view word_at(std::uint64_t slot, std::size_t size) const;

    std::string data_;  // words, each followed by '\n'
    // Per slot: high 32 bits = hash tag, low 32 bits = 1 + offset of the word in data_;
    // 0 = empty. The tag lets a probe skip non-matching words without touching data_.
    std::vector<std::uint64_t> slots_;
    std::size_t count_ = 0;
};

}  // namespace yrkesok::analyzers::detail
