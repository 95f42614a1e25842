#include "text_files.h"

#include <fstream>
#include <sstream>

#include "yrkesok/indexer/corpus.h"

namespace yrkesok::index {
namespace {

std::string trim(const std::string& s) {
    auto begin = s.find_first_not_of(" \t\r");
    if (begin == std::string::npos) return {};
    auto end = s.find_last_not_of(" \t\r");
    return s.substr(begin, end - begin + 1);
}

}  // namespace

std::vector<TableRow> read_table(const std::filesystem::path& file, char separator) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw VocabularyError(file.string() + ": cannot open");
    return read_table(in, file.string(), separator);
}

std::vector<TableRow> read_table_text(std::string_view text, const std::string& name,
                                      char separator) {
    std::istringstream in{std::string(text)};
    return read_table(in, name, separator);
}

std::vector<TableRow> read_table(std::istream& in, const std::string& name, char separator) {
    std::vector<TableRow> rows;
    std::string line;
    std::size_t number = 0;
    while (std::getline(in, line)) {
        ++number;
        std::string trimmed = trim(line);
        if (trimmed.empty() || trimmed.front() == '#') continue;
        TableRow row{name, number, {}};
        std::size_t start = 0;
        while (true) {
            auto end = trimmed.find(separator, start);
            row.fields.push_back(trim(trimmed.substr(start, end - start)));
            if (end == std::string::npos) break;
            start = end + 1;
        }
        rows.push_back(std::move(row));
    }
    return rows;
}

}  // namespace yrkesok::index
