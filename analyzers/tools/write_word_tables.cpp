// Build step: writes the word tables the analyzer maps at start (analyzer.h, write_word_tables)
// into the folder given: those missing, stale or older than this program, or every one with
// --every. The word lists are read from the analyzer's default places, the ones every program
// of the build reads, or from the folders given after the output folder.
//
//   yrkesok_word_tables [--every] OUT_DIR [HUNSPELL_DIR WORDLIST_DIR]
#include <cstdio>
#include <exception>
#include <string_view>

#include "yrkesok/analyzers/analyzer.h"

int main(int argc, char** argv) {
    using yrkesok::analyzers::WordTableRefresh;
    WordTableRefresh refresh = WordTableRefresh::stale;
    int first = 1;
    if (argc > 1 && std::string_view(argv[1]) == "--every") {
        refresh = WordTableRefresh::every;
        ++first;
    }
    const int operands = argc - first;
    if (operands != 1 && operands != 3) {
        std::fprintf(stderr, "usage: %s [--every] OUT_DIR [HUNSPELL_DIR WORDLIST_DIR]\n", argv[0]);
        return 2;
    }
    yrkesok::analyzers::AnalyzerOptions options;
    if (operands == 3) {
        options.hunspell_dir = argv[first + 1];
        options.wordlist_dir = argv[first + 2];
    }
    try {
        for (const auto& table : write_word_tables(options, argv[first], refresh)) {
            std::printf("wrote %s\n", table.c_str());
        }
    } catch (const std::exception& e) {
        std::fprintf(stderr, "yrkesok_word_tables: %s\n", e.what());
        return 1;
    }
    return 0;
}
