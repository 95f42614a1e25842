// Build step: writes the word tables the analyzer maps at start (analyzer.h, write_word_tables)
// into the folder given, reading the word lists from the analyzer's default places or from the
// folders given after it.
//
//   yrkesok_word_tables OUT_DIR [HUNSPELL_DIR WORDLIST_DIR]
#include <cstdio>
#include <exception>

#include "yrkesok/analyzers/analyzer.h"

int main(int argc, char** argv) {
    if (argc != 2 && argc != 4) {
        std::fprintf(stderr, "usage: %s OUT_DIR [HUNSPELL_DIR WORDLIST_DIR]\n", argv[0]);
        return 2;
    }
    yrkesok::analyzers::AnalyzerOptions options;
    if (argc == 4) {
        options.hunspell_dir = argv[2];
        options.wordlist_dir = argv[3];
    }
    try {
        yrkesok::analyzers::write_word_tables(options, argv[1]);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "yrkesok_word_tables: %s\n", e.what());
        return 1;
    }
    return 0;
}
