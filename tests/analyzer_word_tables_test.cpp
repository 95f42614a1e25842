// Word tables: a word list written as a table and mapped back holds the same words; a table
// written from another source file or by another recipe, or one whose header or length is wrong,
// is refused and the list is parsed again; damage inside a table is read only inside it; the
// build's tables are current and hold the words parsing gives.
#include <gtest/gtest.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "support/temp_dir.h"
#include "word_list.h"
#include "word_tables.h"
#include "yrkesok/analyzers/analyzer.h"

namespace {

using yrkesok::analyzers::AnalyzerOptions;
using yrkesok::analyzers::WordTableRefresh;
using yrkesok::analyzers::detail::kTableHeaderBytes;
using yrkesok::analyzers::detail::TableStamp;
using yrkesok::analyzers::detail::WordList;
using yrkesok::testing::TempDir;
namespace fs = std::filesystem;

const std::vector<std::string> kWords = {"lege", "sjåfør", "bilmekaniker", "bil", "rør", "øl"};

void write_file(const fs::path& path, const std::string& bytes) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << bytes;
    ASSERT_TRUE(out.good()) << path;
}

std::string read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

TableStamp stamp() {
    return {.source_size = 1234,
            .source_modified_ns = 5678,
            .source_changed_ns = 91011,
            .source_inode = 1213,
            .recipe = 9};
}

// The header ends with the slot count and the words' size (word_list.cpp, TableHeader).
constexpr std::size_t kSlotCountAt = kTableHeaderBytes - 16;
constexpr std::size_t kDataSizeAt = kTableHeaderBytes - 8;

std::uint64_t read_u64(const std::string& bytes, std::size_t at) {
    std::uint64_t v = 0;
    std::memcpy(&v, bytes.data() + at, sizeof v);
    return v;
}

void write_u64(std::string& bytes, std::size_t at, std::uint64_t v) {
    std::memcpy(bytes.data() + at, &v, sizeof v);
}

TEST(WordTable, MapsBackTheSameWords) {
    TempDir dir("word-table");
    const std::string table = (dir.path() / "list.words").string();
    const WordList list = WordList::from_words(kWords);
    list.save_table(table, stamp());
    const auto mapped = WordList::map_table(table, stamp());
    ASSERT_TRUE(mapped.has_value());
    EXPECT_EQ(mapped->size(), list.size());
    for (const auto& word : kWords) EXPECT_TRUE(mapped->contains(word)) << word;
    for (const std::string absent : {"leg", "leger", "bilmekanike", "", "sjåfø"}) {
        EXPECT_FALSE(mapped->contains(absent)) << absent;
    }
    // No temporary file is left beside the table.
    EXPECT_EQ(std::distance(fs::directory_iterator(dir.path()), fs::directory_iterator()), 1);
}

TEST(WordTable, AnEmptyListMapsToAnEmptyList) {
    TempDir dir("word-table");
    const std::string table = (dir.path() / "empty.words").string();
    WordList().save_table(table, stamp());
    const auto mapped = WordList::map_table(table, stamp());
    ASSERT_TRUE(mapped.has_value());
    EXPECT_EQ(mapped->size(), 0u);
    EXPECT_FALSE(mapped->contains("lege"));
}

TEST(WordTable, IsRefusedWhenItsSourceOrRecipeChanged) {
    TempDir dir("word-table");
    const std::string table = (dir.path() / "list.words").string();
    WordList::from_words(kWords).save_table(table, stamp());
    TableStamp other = stamp();
    other.source_size += 1;
    EXPECT_FALSE(WordList::map_table(table, other).has_value()) << "source size";
    other = stamp();
    other.source_modified_ns += 1;
    EXPECT_FALSE(WordList::map_table(table, other).has_value()) << "source time";
    other = stamp();
    other.source_changed_ns += 1;
    EXPECT_FALSE(WordList::map_table(table, other).has_value()) << "source change time";
    other = stamp();
    other.source_inode += 1;
    EXPECT_FALSE(WordList::map_table(table, other).has_value()) << "source inode";
    other = stamp();
    other.recipe += 1;
    EXPECT_FALSE(WordList::map_table(table, other).has_value()) << "recipe";
    EXPECT_TRUE(WordList::map_table(table, stamp()).has_value()) << "the same stamp";
}

TEST(WordTable, IsRefusedWhenMissingOrNotWhole) {
    TempDir dir("word-table");
    const fs::path table = dir.path() / "list.words";
    EXPECT_FALSE(WordList::map_table(table.string(), stamp()).has_value()) << "missing";
    WordList::from_words(kWords).save_table(table.string(), stamp());
    const std::string whole = read_file(table);

    write_file(table, whole.substr(0, whole.size() - 1));
    EXPECT_FALSE(WordList::map_table(table.string(), stamp()).has_value()) << "cut short";
    write_file(table, whole + "x");
    EXPECT_FALSE(WordList::map_table(table.string(), stamp()).has_value()) << "too long";
    write_file(table, "");
    EXPECT_FALSE(WordList::map_table(table.string(), stamp()).has_value()) << "empty";
    std::string other_format = whole;
    other_format[7] = '0';
    write_file(table, other_format);
    EXPECT_FALSE(WordList::map_table(table.string(), stamp()).has_value()) << "format";

    // A slot count whose size in bytes wraps round to the file's length is no table.
    std::string wrapping = whole;
    const std::uint64_t body = whole.size() - kTableHeaderBytes;
    write_u64(wrapping, kSlotCountAt, std::uint64_t{1} << 61);
    write_u64(wrapping, kDataSizeAt, body);
    write_file(table, wrapping);
    EXPECT_FALSE(WordList::map_table(table.string(), stamp()).has_value()) << "wrapping count";
}

TEST(WordTable, DamagedSlotsAreReadOnlyInsideTheTable) {
    TempDir dir("word-table");
    const fs::path table = dir.path() / "list.words";
    WordList::from_words(kWords).save_table(table.string(), stamp());
    std::string damaged = read_file(table);
    // No slot is empty and every one points far past the words: a probe must stop, and read
    // nothing outside the table.
    const std::size_t slots_end = damaged.find("lege\n");
    ASSERT_NE(slots_end, std::string::npos);
    for (std::size_t i = kTableHeaderBytes; i < slots_end; ++i) {
        damaged[i] = static_cast<char>(0x7f);
    }
    write_file(table, damaged);
    const auto mapped = WordList::map_table(table.string(), stamp());
    ASSERT_TRUE(mapped.has_value());
    for (const auto& word : kWords) EXPECT_FALSE(mapped->contains(word)) << word;
}

TEST(WordTable, AWordPastTheEndOfTheTableIsNotRead) {
    TempDir dir("word-table");
    const fs::path table = dir.path() / "list.words";
    WordList::from_words(kWords).save_table(table.string(), stamp());
    std::string damaged = read_file(table);
    // Each word's slot keeps its tag but points at the last byte of the words, so a probe
    // finds the right tag and must not read a word running past the table's end.
    const std::uint64_t slots = read_u64(damaged, kSlotCountAt);
    const std::uint64_t last_byte = read_u64(damaged, kDataSizeAt);  // its offset + 1
    for (std::uint64_t i = 0; i < slots; ++i) {
        const std::size_t at = kTableHeaderBytes + i * 8;
        const std::uint64_t slot = read_u64(damaged, at);
        if (slot != 0) write_u64(damaged, at, (slot & 0xFFFFFFFF00000000ULL) | last_byte);
    }
    write_file(table, damaged);
    const auto mapped = WordList::map_table(table.string(), stamp());
    ASSERT_TRUE(mapped.has_value());
    for (const auto& word : kWords) EXPECT_FALSE(mapped->contains(word)) << word;
}

// A folder of small lists in the layout the analyzer reads: dict/bokmaal and nynorsk (Latin-1,
// one form a line), hunspell/nb_NO.dic and nn_NO.dic ("word/FLAGS").
struct SmallLists {
    TempDir dir{"word-lists"};
    AnalyzerOptions options;

    SmallLists() {
        fs::create_directories(dir.path() / "dict");
        fs::create_directories(dir.path() / "hunspell");
        options.wordlist_dir = (dir.path() / "dict").string();
        options.hunspell_dir = (dir.path() / "hunspell").string();
        options.word_table_dir = (dir.path() / "tables").string();
        write_file(dir.path() / "dict" / "bokmaal",
                   "lege\nleger\nsj\xe5"
                   "f\xf8r\nOslo\n");
        write_file(dir.path() / "dict" / "nynorsk", "lege\nsjukepleiar\n");
        write_file(dir.path() / "hunspell" / "nb_NO.dic", "3\nbil/z\nlege/A\nr\xf8r/_\n");
        write_file(dir.path() / "hunspell" / "nn_NO.dic", "1\nsjuk/_\n");
    }
};

TEST(WordTables, TheAnalyzersListsComeFromFreshTables) {
    SmallLists lists;
    EXPECT_EQ(yrkesok::analyzers::detail::unusable_word_tables(lists.options).size(), 6u);
    EXPECT_EQ(yrkesok::analyzers::write_word_tables(lists.options, lists.options.word_table_dir,
                                                    WordTableRefresh::stale)
                  .size(),
              6u);
    EXPECT_TRUE(yrkesok::analyzers::detail::unusable_word_tables(lists.options).empty());
    EXPECT_TRUE(yrkesok::analyzers::write_word_tables(lists.options, lists.options.word_table_dir,
                                                      WordTableRefresh::stale)
                    .empty())
        << "nothing left to write";

    const WordList bokmaal = yrkesok::analyzers::detail::full_form_list(lists.options, "bokmaal");
    EXPECT_TRUE(bokmaal.contains("sjåfør"));
    EXPECT_TRUE(bokmaal.contains("leger"));
    EXPECT_FALSE(bokmaal.contains("oslo")) << "capitalised entries are left out";
    WordList modifiers;
    const WordList entries =
        yrkesok::analyzers::detail::hunspell_entries(lists.options, "nb_NO", modifiers);
    EXPECT_TRUE(entries.contains("lege"));
    EXPECT_TRUE(modifiers.contains("bil"));
    EXPECT_TRUE(modifiers.contains("rør"));
    EXPECT_FALSE(modifiers.contains("lege"));
}

TEST(WordTables, AChangedListIsParsedAgain) {
    SmallLists lists;
    yrkesok::analyzers::write_word_tables(lists.options, lists.options.word_table_dir);
    // An upgraded list: other words and another size.
    write_file(lists.dir.path() / "dict" / "bokmaal", "tannlege\nlegevakt\n");
    const auto unusable = yrkesok::analyzers::detail::unusable_word_tables(lists.options);
    ASSERT_EQ(unusable.size(), 1u);
    EXPECT_TRUE(unusable.front().ends_with("bokmaal.words")) << unusable.front();
    const WordList bokmaal = yrkesok::analyzers::detail::full_form_list(lists.options, "bokmaal");
    EXPECT_TRUE(bokmaal.contains("tannlege"));
    EXPECT_FALSE(bokmaal.contains("sjåfør"));
    // The build's step rewrites that table alone.
    const auto rewritten = yrkesok::analyzers::write_word_tables(
        lists.options, lists.options.word_table_dir, WordTableRefresh::stale);
    ASSERT_EQ(rewritten.size(), 1u);
    EXPECT_TRUE(rewritten.front().ends_with("bokmaal.words")) << rewritten.front();
    EXPECT_TRUE(yrkesok::analyzers::detail::unusable_word_tables(lists.options).empty());

    // The same length and modification time, other words (a copy that keeps the file time):
    // the change time still tells.
    const fs::path nynorsk = lists.dir.path() / "dict" / "nynorsk";
    const auto time = fs::last_write_time(nynorsk);
    write_file(nynorsk, "lage\nsjukepleiar\n");
    fs::last_write_time(nynorsk, time);
    EXPECT_FALSE(
        yrkesok::analyzers::detail::full_form_list(lists.options, "nynorsk").contains("lege"));
    // A damaged table is parsed past too.
    write_file(lists.dir.path() / "tables" / "nb_NO.modifiers", "not a table");
    WordList modifiers;
    yrkesok::analyzers::detail::hunspell_entries(lists.options, "nb_NO", modifiers);
    EXPECT_TRUE(modifiers.contains("bil"));
}

TEST(WordTables, AMissingListIsStillAnError) {
    SmallLists lists;
    yrkesok::analyzers::write_word_tables(lists.options, lists.options.word_table_dir);
    fs::remove(lists.dir.path() / "dict" / "nynorsk");
    // Writing skips it; starting reports it.
    EXPECT_EQ(
        yrkesok::analyzers::write_word_tables(lists.options, lists.options.word_table_dir).size(),
        5u);
    EXPECT_THROW(yrkesok::analyzers::detail::full_form_list(lists.options, "nynorsk"),
                 yrkesok::analyzers::AnalyzerError);
}

// The build writes the tables of this machine's lists beside its programs, and each holds the
// words parsing its list gives, in the same order.
TEST(WordTables, TheBuildsTablesAreCurrentAndHoldTheParsedWords) {
    const AnalyzerOptions with_tables;
    ASSERT_FALSE(with_tables.word_table_dir.empty());
    const auto unusable = yrkesok::analyzers::detail::unusable_word_tables(with_tables);
    EXPECT_TRUE(unusable.empty()) << unusable.size() << " unusable, the first "
                                  << (unusable.empty() ? "" : unusable.front());
    AnalyzerOptions parsing;
    parsing.word_table_dir.clear();
    for (const std::string_view name : {"bokmaal", "nynorsk"}) {
        const WordList mapped = yrkesok::analyzers::detail::full_form_list(with_tables, name);
        const WordList parsed = yrkesok::analyzers::detail::full_form_list(parsing, name);
        EXPECT_GT(parsed.size(), 100000u) << name;
        EXPECT_EQ(mapped.size(), parsed.size()) << name;
        EXPECT_TRUE(mapped.text() == parsed.text()) << name;
    }
    for (const std::string_view dictionary : {"nb_NO", "nn_NO"}) {
        WordList mapped_modifiers;
        WordList parsed_modifiers;
        const WordList mapped =
            yrkesok::analyzers::detail::hunspell_entries(with_tables, dictionary, mapped_modifiers);
        const WordList parsed =
            yrkesok::analyzers::detail::hunspell_entries(parsing, dictionary, parsed_modifiers);
        EXPECT_EQ(mapped.size(), parsed.size()) << dictionary;
        EXPECT_TRUE(mapped.text() == parsed.text()) << dictionary;
        EXPECT_GT(parsed_modifiers.size(), 100u) << dictionary;
        EXPECT_EQ(mapped_modifiers.size(), parsed_modifiers.size()) << dictionary;
        EXPECT_TRUE(mapped_modifiers.text() == parsed_modifiers.text()) << dictionary;
    }
}

}  // namespace
