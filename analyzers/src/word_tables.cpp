#include "word_tables.h"

#include <filesystem>
#include <string>

namespace yrkesok::analyzers {
namespace {

using detail::TableStamp;
using detail::WordList;

// The hunspell flags (nb_NO, nn_NO) of an entry that may begin a compound: z is the .aff file's
// COMPOUNDFLAG; \, _ and ` mark the linking forms with -s, -e and -nings (redning\ gives
// rednings-, sjuk_ gives sjuke-), named in rules the .aff file keeps commented out.
constexpr std::string_view kCompoundModifierFlags = "z\\_`";

// How each kind of table reads its source (TableStamp::recipe): a change to the reading or the
// flags must make old tables stale.
const std::string kFullFormRecipe = "full-form list, one word a line";
const std::string kEntriesRecipe =
    "hunspell entries cut at '/', flags " + std::string(kCompoundModifierFlags);
const std::string kModifiersRecipe = kEntriesRecipe + ", flagged ones";

// The lists the analyzer reads (analyzer.cpp loads each by name).
constexpr std::string_view kFullFormLists[] = {"bokmaal", "nynorsk"};
constexpr std::string_view kDictionaries[] = {"nb_NO", "nn_NO"};

std::string full_form_source(const AnalyzerOptions& options, std::string_view name) {
    return options.wordlist_dir + "/" + std::string(name);
}

std::string dictionary_source(const AnalyzerOptions& options, std::string_view dictionary) {
    return options.hunspell_dir + "/" + std::string(dictionary) + ".dic";
}

std::string table_path(const std::string& dir, std::string_view name, std::string_view kind) {
    return dir + "/" + std::string(name) + "." + std::string(kind);
}

// The table `name`.`kind` of options.word_table_dir, when it was written from `source` as it
// is now and read by `recipe`.
std::optional<WordList> mapped(const AnalyzerOptions& options, std::string_view name,
                               std::string_view kind, const std::string& source,
                               const std::string& recipe) {
    if (options.word_table_dir.empty()) return std::nullopt;
    const auto stamp = TableStamp::of(source, recipe);
    if (!stamp) return std::nullopt;  // parsing the source reports the missing file
    return WordList::map_table(table_path(options.word_table_dir, name, kind), *stamp);
}

// Writes `list`, read from `source` by `recipe`, as the table `name`.`kind` of `dir`.
void save(const WordList& list, const std::string& dir, std::string_view name,
          std::string_view kind, const std::string& source, const std::string& recipe) {
    const auto stamp = TableStamp::of(source, recipe);
    if (!stamp) throw AnalyzerError("cannot read word list " + source);
    list.save_table(table_path(dir, name, kind), *stamp);
}

}  // namespace

namespace detail {

WordList full_form_list(const AnalyzerOptions& options, std::string_view name) {
    const std::string source = full_form_source(options, name);
    if (auto table = mapped(options, name, "words", source, kFullFormRecipe)) {
        return std::move(*table);
    }
    return WordList::load(source);
}

WordList hunspell_entries(const AnalyzerOptions& options, std::string_view dictionary,
                          WordList& compound_modifiers) {
    const std::string source = dictionary_source(options, dictionary);
    auto entries = mapped(options, dictionary, "entries", source, kEntriesRecipe);
    auto modifiers = mapped(options, dictionary, "modifiers", source, kModifiersRecipe);
    if (entries && modifiers) {
        compound_modifiers = std::move(*modifiers);
        return std::move(*entries);
    }
    return WordList::load_hunspell_entries(source, kCompoundModifierFlags, compound_modifiers);
}

std::vector<std::string> unusable_word_tables(const AnalyzerOptions& options) {
    std::vector<std::string> unusable;
    const auto check = [&](std::string_view name, std::string_view kind, const std::string& source,
                           const std::string& recipe) {
        if (!mapped(options, name, kind, source, recipe)) {
            unusable.push_back(table_path(options.word_table_dir, name, kind));
        }
    };
    for (const std::string_view name : kFullFormLists) {
        check(name, "words", full_form_source(options, name), kFullFormRecipe);
    }
    for (const std::string_view dictionary : kDictionaries) {
        const std::string source = dictionary_source(options, dictionary);
        check(dictionary, "entries", source, kEntriesRecipe);
        check(dictionary, "modifiers", source, kModifiersRecipe);
    }
    return unusable;
}

}  // namespace detail

std::string default_word_table_dir() {
    std::error_code error;
    const auto program = std::filesystem::read_symlink("/proc/self/exe", error);
    if (error || !program.has_parent_path()) return {};
    return (program.parent_path().parent_path() / "share" / "yrkesok" / "word-tables").string();
}

void write_word_tables(const AnalyzerOptions& options, const std::string& dir) {
    std::error_code error;
    std::filesystem::create_directories(dir, error);
    if (error)
        throw AnalyzerError("cannot create the word-table folder " + dir + ": " + error.message());
    for (const std::string_view name : kFullFormLists) {
        const std::string source = full_form_source(options, name);
        save(WordList::load(source), dir, name, "words", source, kFullFormRecipe);
    }
    for (const std::string_view dictionary : kDictionaries) {
        const std::string source = dictionary_source(options, dictionary);
        WordList modifiers;
        const WordList entries =
            WordList::load_hunspell_entries(source, kCompoundModifierFlags, modifiers);
        save(entries, dir, dictionary, "entries", source, kEntriesRecipe);
        save(modifiers, dir, dictionary, "modifiers", source, kModifiersRecipe);
    }
}

}  // namespace yrkesok::analyzers
