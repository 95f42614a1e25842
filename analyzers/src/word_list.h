// WordList: a read-only set of lowercase word forms from a Debian full-form list
// (/usr/share/dict/bokmaal or nynorsk, ISO-8859-1, one form a line), used by the compound
// splitter and the bokmål/nynorsk variant check. Capitalised entries (names, abbreviations)
// are left out. Stored as one UTF-8 buffer plus an open-addressing table of offsets: about
// 20 MB for bokmål. Parsing a list costs a few hundred milliseconds at every start of a
// program, so the build writes each list as a table file too (word_tables.h) that a later
// start maps instead. Immutable after load, so thread-safe.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace yrkesok::analyzers::detail {

// What a table file was written from: its source file (size, modification and change times,
// inode) and how the source was read (`recipe`: the cut character and flags). A table is mapped
// only while all of them still match, so an upgraded Debian list, a copy over it (which sets
// the change time, whatever it does to the modification time), or a changed way of reading it
// makes the program parse the source again instead of answering from an old table.
struct TableStamp {
    std::uint64_t source_size = 0;
    std::int64_t source_modified_ns = 0;
    std::int64_t source_changed_ns = 0;
    std::uint64_t source_inode = 0;
    std::uint64_t recipe = 0;
    bool operator==(const TableStamp&) const = default;

    // The stamp of `source_path` read by `recipe`; nullopt when the file cannot be stat'ed.
    static std::optional<TableStamp> of(const std::string& source_path, std::string_view recipe);
    // The same source read by another recipe.
    TableStamp with_recipe(std::string_view other) const;
};

// The size of a table file's header, before its slots.
inline constexpr std::size_t kTableHeaderBytes = 80;

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

    // Writes the list to the table file `path`, stamped with `stamp`: into a temporary file
    // beside it, renamed into place, so a reader sees the old table or the whole new one.
    // Throws AnalyzerError naming the file when it cannot be written.
    void save_table(const std::string& path, const TableStamp& stamp) const;
    // The list in the table file `path`, mapped read-only, when a build with the same table
    // format and hash wrote it with the same `stamp`; nullopt when the file is missing, stale,
    // of another format, or of another length than its header says. The words and slots inside
    // are not checked (that would read the whole file at every start): a table damaged there
    // answers wrongly, but a probe never reads outside the mapping nor loops.
    static std::optional<WordList> map_table(const std::string& path, const TableStamp& stamp);

    bool contains(std::string_view word) const;
    std::size_t size() const { return count_; }
    // The words, each followed by '\n', in the source's order (a repeated word again).
    std::string_view text() const { return data_; }

  private:
    // One word a line, cut at `field_end` when it is not '\0'. With `flagged`, the words whose
    // line holds one of `flags` after `field_end` also go there. A change to how a line becomes
    // a word must bump the table format (kTableMagic), or old tables would still be mapped.
    static WordList load_lines(const std::string& path, char field_end, std::string_view flags,
                               WordList* flagged);
    // A list that owns `words` (each followed by '\n') and the table it builds over them.
    static WordList owning(std::string words);

    // What data_ and slots_ point into: the parsed buffers, or a mapped table file.
    std::shared_ptr<const void> storage_;
    std::string_view data_;  // words, each followed by '\n'
    // Per slot: high 32 bits = hash tag, low 32 bits = 1 + offset of the word in data_;
    // 0 = empty. The tag lets a probe skip non-matching words without touching data_.
    std::span<const std::uint64_t> slots_;
    std::size_t count_ = 0;
};

}  // namespace yrkesok::analyzers::detail
