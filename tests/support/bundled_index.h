// A Xapian index of the bundled corpus (with its synonyms) in a fresh temporary directory, and
// the analyzer that built it: made once per test binary, removed when the binary exits. Under
// ctest it is a copy of the index the bundled_index_fixture test built with this build's
// `yrkesok index` (named by YRKESOK_BUNDLED_INDEX; tests/CMakeLists.txt): analysing the corpus
// once per run instead of once per binary saves minutes under the sanitizers. A binary run by
// hand builds its own.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "temp_dir.h"
#include "yrkesok/analyzers/analyzer.h"
#include "yrkesok/indexer/corpus.h"
#include "yrkesok/indexer/index_writer.h"

namespace yrkesok::testing {

// A copy of the index directory `from` at `to`: its generations and its `current` link, which is
// relative and so points into the copy.
inline std::filesystem::path copy_index(const std::filesystem::path& from,
                                        const std::filesystem::path& to) {
    namespace fs = std::filesystem;
    fs::copy(from, to, fs::copy_options::recursive | fs::copy_options::copy_symlinks);
    return to;
}

// The default analyzer, loaded once per test binary (a second or two under the sanitizers).
inline std::shared_ptr<const analyzers::Analyzer> shared_analyzer() {
    static const auto analyzer = std::make_shared<const analyzers::Analyzer>();
    return analyzer;
}

struct BundledIndex {
    TempDir scratch;
    const std::filesystem::path dir = scratch.path();  // the index itself is dir / "index"
    std::shared_ptr<const analyzers::Analyzer> analyzer;
    std::vector<index::Occupation> records;
    index::IndexBuildOptions options;

    explicit BundledIndex(const std::string& name) : scratch(name) {
        namespace fs = std::filesystem;
        const fs::path source = YRKESOK_SOURCE_DIR;
        analyzer = shared_analyzer();
        auto vocabularies = index::Vocabularies::load(source / "corpus");
        auto corpus = index::read_corpus(source / "corpus/occupations.jsonl", vocabularies);
        if (!corpus.ok()) throw std::runtime_error(corpus.issues.front().to_string());
        records = std::move(corpus.records);
        options.synonyms_file = source / "corpus/synonyms.tsv";
        if (const char* built = std::getenv("YRKESOK_BUNDLED_INDEX")) {
            if (!fs::is_directory(fs::path(built) / "current")) {
                throw std::runtime_error(std::string("YRKESOK_BUNDLED_INDEX=") + built +
                                         ": no index there; run the suite with ctest, which "
                                         "builds it in the bundled_index_fixture test");
            }
            copy_index(built, dir / "index");
        } else {
            index::build_index(records, dir / "index", *analyzer, options);
        }
    }

    std::string index_dir() const { return (dir / "index").string(); }
};

// The test binary's one bundled index, made on first use. Tests that change an index (new
// generations, other shards) work on a copy of it (`copy_index`) or make a BundledIndex of their
// own.
inline const BundledIndex& bundled_index() {
    static const BundledIndex index("bundled-index");
    return index;
}

}  // namespace yrkesok::testing
