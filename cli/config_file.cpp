#include "config_file.h"

#include <algorithm>
#include <fstream>

namespace yrkesok::cli {
namespace {

std::string trimmed(const std::string& text) {
    const auto first = text.find_first_not_of(" \t\r");
    if (first == std::string::npos) return {};
    const auto last = text.find_last_not_of(" \t\r");
    return text.substr(first, last - first + 1);
}

// "yrkesok serve or yrkesok index".
std::string commands_named(const std::vector<CommandSpec>& readers) {
    std::string out;
    for (const auto& reader : readers)
        out += (out.empty() ? "" : " or ") + ("yrkesok " + reader.name);
    return out;
}

}  // namespace

std::vector<ConfigEntry> read_config(const std::filesystem::path& file, const CommandSpec& command,
                                     const std::vector<CommandSpec>& readers) {
    std::ifstream in(file);
    if (!in) throw UsageError("--config " + file.string() + ": cannot read the file");
    std::vector<ConfigEntry> entries;
    std::string section;  // empty: before any section
    std::string line;
    for (std::size_t number = 1; std::getline(in, line); ++number) {
        const std::string where = file.string() + ":" + std::to_string(number);
        if (auto hash = line.find('#'); hash != std::string::npos) line.erase(hash);
        line = trimmed(line);
        if (line.empty()) continue;
        if (line.front() == '[') {
            section = trimmed(line.substr(1, line.find(']') - 1));
            const bool known = line.back() == ']' &&
                               std::any_of(readers.begin(), readers.end(),
                                           [&](const CommandSpec& r) { return r.name == section; });
            if (!known) {
                std::string names;
                for (const auto& reader : readers) names += " [" + reader.name + "]";
                throw UsageError(where + ": unknown section " + line + "; sections are" + names);
            }
            continue;
        }
        const auto eq = line.find('=');
        if (eq == std::string::npos || trimmed(line.substr(0, eq)).empty()) {
            throw UsageError(where + ": expected KEY = VALUE, got \"" + line + "\"");
        }
        ConfigEntry entry{trimmed(line.substr(0, eq)), trimmed(line.substr(eq + 1)), where};
        if (entry.key.starts_with("--")) entry.key.erase(0, 2);
        // Before any section, an option of some reader; in a section, one of that command.
        const bool known = std::any_of(readers.begin(), readers.end(), [&](const CommandSpec& r) {
            return (section.empty() || r.name == section) && r.option(entry.key) != nullptr;
        });
        if (!known || entry.key == "config") {
            throw UsageError(where + ": unknown key \"" + entry.key + "\"" +
                             (section.empty() ? "" : " in [" + section + "]") +
                             "; keys are the long options of " +
                             (section.empty() ? commands_named(readers) : "yrkesok " + section) +
                             " (see --help)");
        }
        const bool applies =
            section.empty() ? command.option(entry.key) != nullptr : section == command.name;
        if (applies) entries.push_back(std::move(entry));
    }
    return entries;
}

}  // namespace yrkesok::cli
