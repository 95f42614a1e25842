#include "word_tables.h"

#include <filesystem>
#include <optional>
#include <string>

namespace yrkesok::analyzers {
namespace {

using detail::TableStamp;
using detail::WordList;
namespace fs = std::filesystem;

// The hunspell flags (nb_NO, nn_NO) of an entry that may begin a compound: z is the .aff file's
// COMPOUNDFLAG; \, _ and ` mark the linking forms with -s, -e and -nings (redning\ gives
// rednings-, sjuk_ gives sjuke-), named in rules the .aff file keeps commented out.
constexpr std::string_view kCompoundModifierFlags = "z\\_`";

// One table: its file name's ending and how its words are read from the source
// (TableStamp::recipe), so a change to the reading or the flags makes old tables stale.
struct TableKind {
    std::string_view ending;
    std::string recipe;
};

// A source file the analyzer reads and the tables one parse of it gives.
struct Source {
    std::string_view name;  // "bokmaal", "nb_NO": also the start of its tables' names
    std::string path;
    bool hunspell = false;  // a .dic file (entries, compound modifiers), else a full-form list

    std::vector<TableKind> tables() const {
        if (!hunspell) return {{"words", "full-form list, one word a line"}};
        const std::string entries =
            "hunspell entries cut at '/', flags " + std::string(kCompoundModifierFlags);
        return {{"entries", entries}, {"modifiers", entries + ", flagged ones"}};
    }

    // The lists of tables(), in the same order, parsed from the source.
    std::vector<WordList> parse() const {
        if (!hunspell) return {WordList::load(path)};
        std::vector<WordList> lists(2);
        lists[0] = WordList::load_hunspell_entries(path, kCompoundModifierFlags, lists[1]);
        return lists;
    }
};

Source full_form_source(const AnalyzerOptions& options, std::string_view name) {
    return {name, options.wordlist_dir + "/" + std::string(name), false};
}

Source dictionary_source(const AnalyzerOptions& options, std::string_view dictionary) {
    return {dictionary, options.hunspell_dir + "/" + std::string(dictionary) + ".dic", true};
}

// Every source the analyzer reads (analyzer.cpp loads each by name).
std::vector<Source> all_sources(const AnalyzerOptions& options) {
    return {full_form_source(options, "bokmaal"), full_form_source(options, "nynorsk"),
            dictionary_source(options, "nb_NO"), dictionary_source(options, "nn_NO")};
}

std::string table_path(const std::string& dir, const Source& source, const TableKind& kind) {
    return dir + "/" + std::string(source.name) + "." + std::string(kind.ending);
}

// The table `kind` of `source` in `dir`, when it was written from the source as it is now.
std::optional<WordList> mapped(const std::string& dir, const Source& source,
                               const TableKind& kind) {
    if (dir.empty()) return std::nullopt;
    const auto stamp = TableStamp::of(source.path, kind.recipe);
    if (!stamp) return std::nullopt;  // parsing the source reports the missing file
    return WordList::map_table(table_path(dir, source, kind), *stamp);
}

// The lists of `source`: all mapped from `dir` when every one of its tables is fresh, else all
// parsed.
std::vector<WordList> load(const std::string& dir, const Source& source) {
    std::vector<WordList> lists;
    for (const TableKind& kind : source.tables()) {
        auto table = mapped(dir, source, kind);
        if (!table) return source.parse();
        lists.push_back(std::move(*table));
    }
    return lists;
}

// When the running program's file was last written: a table older than it was written by
// older code. Unknown: now, so that every table counts as older.
fs::file_time_type program_time() {
    std::error_code error;
    const auto time = fs::last_write_time("/proc/self/exe", error);
    return error ? fs::file_time_type::clock::now() : time;
}

// Whether the tables of `source` in `dir` are all fresh and written after `program`.
bool up_to_date(const std::string& dir, const Source& source, fs::file_time_type program) {
    for (const TableKind& kind : source.tables()) {
        std::error_code error;
        const auto written = fs::last_write_time(table_path(dir, source, kind), error);
        if (error || written < program || !mapped(dir, source, kind)) return false;
    }
    return true;
}

}  // namespace

namespace detail {

WordList full_form_list(const AnalyzerOptions& options, std::string_view name) {
    return std::move(load(options.word_table_dir, full_form_source(options, name)).front());
}

WordList hunspell_entries(const AnalyzerOptions& options, std::string_view dictionary,
                          WordList& compound_modifiers) {
    auto lists = load(options.word_table_dir, dictionary_source(options, dictionary));
    compound_modifiers = std::move(lists[1]);
    return std::move(lists[0]);
}

std::vector<std::string> unusable_word_tables(const AnalyzerOptions& options) {
    std::vector<std::string> unusable;
    for (const Source& source : all_sources(options)) {
        for (const TableKind& kind : source.tables()) {
            if (!mapped(options.word_table_dir, source, kind)) {
                unusable.push_back(table_path(options.word_table_dir, source, kind));
            }
        }
    }
    return unusable;
}

}  // namespace detail

std::string default_word_table_dir() {
    std::error_code error;
    const auto program = fs::read_symlink("/proc/self/exe", error);
    if (error || !program.has_parent_path()) return {};
    return (program.parent_path().parent_path() / "share" / "yrkesok" / "word-tables").string();
}

std::vector<std::string> write_word_tables(const AnalyzerOptions& options, const std::string& dir,
                                           WordTableRefresh refresh) {
    std::error_code error;
    fs::create_directories(dir, error);
    if (error) {
        throw AnalyzerError("cannot create the word-table folder " + dir + ": " + error.message());
    }
    const fs::file_time_type program = program_time();
    std::vector<std::string> written;
    for (const Source& source : all_sources(options)) {
        if (!fs::exists(source.path, error)) continue;  // the analyzer reports it when it starts
        if (refresh == WordTableRefresh::stale && up_to_date(dir, source, program)) continue;
        const auto tables = source.tables();
        // Stamped as read: the source's stamp before the parse must still hold after it, or the
        // table could hold one file's words under another's stamp.
        const auto before = TableStamp::of(source.path, "");
        const std::vector<WordList> lists = source.parse();
        if (!before || TableStamp::of(source.path, "") != before) {
            throw AnalyzerError("word list " + source.path +
                                " changed while it was read; build again");
        }
        for (std::size_t i = 0; i < tables.size(); ++i) {
            const std::string path = table_path(dir, source, tables[i]);
            lists[i].save_table(path, before->with_recipe(tables[i].recipe));
            written.push_back(path);
        }
    }
    return written;
}

}  // namespace yrkesok::analyzers
