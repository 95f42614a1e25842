// Plain-text tables for the editor commands: columns padded by characters, not bytes, so
// æ, ø and å line up.
#pragma once

#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

namespace yrkesok::cli {

// Characters (code points) in UTF-8 text.
inline std::size_t text_width(const std::string& text) {
    std::size_t n = 0;
    for (unsigned char c : text) n += (c & 0xC0) != 0x80;
    return n;
}

inline std::string fixed(double value, int decimals) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
    return buffer;
}

// Rows of cells; a column is left-aligned unless `right[column]` is set. Each row ends with a
// newline and has no trailing spaces.
inline std::string format_table(const std::vector<std::vector<std::string>>& rows,
                                const std::vector<bool>& right, const std::string& indent = "  ") {
    std::vector<std::size_t> widths;
    for (const auto& row : rows) {
        if (widths.size() < row.size()) widths.resize(row.size(), 0);
        for (std::size_t i = 0; i < row.size(); ++i) {
            widths[i] = std::max(widths[i], text_width(row[i]));
        }
    }
    std::string out;
    for (const auto& row : rows) {
        std::string line = indent;
        for (std::size_t i = 0; i < row.size(); ++i) {
            const std::string gap(widths[i] - text_width(row[i]), ' ');
            const bool align_right = i < right.size() && right[i];
            if (i > 0) line += "  ";
            line += align_right ? gap + row[i] : row[i] + gap;
        }
        while (!line.empty() && line.back() == ' ') line.pop_back();
        out += line + "\n";
    }
    return out;
}

inline std::string join(const std::vector<std::string>& values, const std::string& separator) {
    std::string out;
    for (const auto& v : values) out += (out.empty() ? "" : separator) + v;
    return out;
}

}  // namespace yrkesok::cli
