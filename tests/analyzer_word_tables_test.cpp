// Word tables: a word list written as a table and mapped back holds the same words; a table
// written from another source file, by another recipe, or damaged is refused and the list is
// parsed again; the analyzer gives the same terms with the build's tables as without them.
#include <gtest/gtest.h>

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
    return {.source_size = 1234, .source_modified_ns = 5678, .recipe = 9};
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
    other.recipe += 1;
    EXPECT_FALSE(WordList::map_table(table, other).has_value()) << "recipe";
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
}

TEST(WordTable, DamagedSlotsAreReadOnlyInsideTheTable) {
    TempDir dir("word-table");
    const fs::path table = dir.path() / "list.words";
    WordList::from_words(kWords).save_table(table.string(), stamp());
    std::string damaged = read_file(table);
    // Every slot (after the 64-byte header) points far past the words, with every tag.
    constexpr std::size_t kHeader = 64;
    const std::size_t slots_end = damaged.find("lege\n");
    ASSERT_NE(slots_end, std::string::npos);
    for (std::size_t i = kHeader; i < slots_end; ++i) damaged[i] = static_cast<char>(0x7f);
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
    yrkesok::analyzers::write_word_tables(lists.options, lists.options.word_table_dir);
    EXPECT_TRUE(yrkesok::analyzers::detail::unusable_word_tables(lists.options).empty());

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
    EXPECT_THROW(yrkesok::analyzers::detail::full_form_list(lists.options, "nynorsk"),
                 yrkesok::analyzers::AnalyzerError);
}

// The build writes the tables of this machine's lists beside its programs, and the analyzer
// gives the same terms with them as when it parses every list.
TEST(WordTables, TheBuildsTablesAreCurrentAndChangeNoTerm) {
    const AnalyzerOptions with_tables;
    ASSERT_FALSE(with_tables.word_table_dir.empty());
    const auto unusable = yrkesok::analyzers::detail::unusable_word_tables(with_tables);
    EXPECT_TRUE(unusable.empty()) << unusable.size() << " unusable, the first "
                                  << (unusable.empty() ? "" : unusable.front());
    AnalyzerOptions parsing;
    parsing.word_table_dir.clear();
    const yrkesok::analyzers::Analyzer mapped(with_tables);
    const yrkesok::analyzers::Analyzer parsed(parsing);
    const std::string text =
        "Sjukepleiarar og bilmekanikarar, tømrerfaget og hjerte- og lungemaskin: rørleggeren "
        "arbeider i helsevesenet med operasjonssykepleie, anleggsmaskinførere og laerere.";
    for (const auto language : {yrkesok::analyzers::Language::nb, yrkesok::analyzers::Language::nn,
                                yrkesok::analyzers::Language::both}) {
        const auto a = mapped.analyze(text, language);
        const auto b = parsed.analyze(text, language);
        ASSERT_EQ(a.size(), b.size());
        for (std::size_t i = 0; i < a.size(); ++i) {
            ASSERT_EQ(a[i].terms.size(), b[i].terms.size()) << i;
            for (std::size_t t = 0; t < a[i].terms.size(); ++t) {
                EXPECT_EQ(a[i].terms[t].text, b[i].terms[t].text);
                EXPECT_EQ(a[i].terms[t].kind, b[i].terms[t].kind);
            }
        }
    }
}

}  // namespace
