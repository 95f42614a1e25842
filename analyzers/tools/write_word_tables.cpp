// Build step: writes the word tables the analyzer maps at start (analyzer.h, write_word_tables)
// into the folder given, those missing, stale or older than this program, from the word lists in
// the analyzer's default places, the ones every program of the build reads.
//
//   yrkesok_word_tables OUT_DIR
#include <cstdio>
#include <exception>

#include "yrkesok/analyzers/analyzer.h"

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: %s OUT_DIR\n", argv[0]);
        return 2;
    }
    try {
        for (const auto& table : yrkesok::analyzers::write_word_tables(
                 {}, argv[1], yrkesok::analyzers::WordTableRefresh::stale)) {
            std::printf("wrote %s\n", table.c_str());
        }
    } catch (const std::exception& e) {
        std::fprintf(stderr, "yrkesok_word_tables: %s\n", e.what());
        return 1;
    }
    return 0;
}
