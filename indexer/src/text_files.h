// Small delimited text tables (the vocabularies, NAV's STYRK mapping): one row a line, '#'
// comments and blank lines skipped, fields trimmed of surrounding spaces.
#pragma once

#include <filesystem>
#include <istream>
#include <string>
#include <string_view>
#include <vector>

namespace yrkesok::index {

struct TableRow {
    std::string file;
    std::size_t line = 0;
    std::vector<std::string> fields;

    std::string where() const { return file + ":" + std::to_string(line); }
};

// Throws VocabularyError when the file cannot be read.
std::vector<TableRow> read_table(const std::filesystem::path& file, char separator);
// The same for text already in memory (the built-in tables); `name` stands for the file.
std::vector<TableRow> read_table_text(std::string_view text, const std::string& name,
                                      char separator);
std::vector<TableRow> read_table(std::istream& in, const std::string& name, char separator);

}  // namespace yrkesok::index
