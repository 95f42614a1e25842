// A Xapian index of the bundled corpus (with its synonyms) in a fresh temporary directory, and
// the analyzer that built it: built once per test binary, removed when the binary exits.
#pragma once

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

struct BundledIndex {
    TempDir scratch;
    const std::filesystem::path dir = scratch.path();  // the index itself is dir / "index"
    std::shared_ptr<const analyzers::Analyzer> analyzer;
    std::vector<index::Occupation> records;
    index::IndexBuildOptions options;

    explicit BundledIndex(const std::string& name) : scratch(name) {
        namespace fs = std::filesystem;
        const fs::path source = YRKESOK_SOURCE_DIR;
        analyzer = std::make_shared<const analyzers::Analyzer>();
        auto vocabularies = index::Vocabularies::load(source / "corpus");
        auto corpus = index::read_corpus(source / "corpus/occupations.jsonl", vocabularies);
        if (!corpus.ok()) throw std::runtime_error(corpus.issues.front().to_string());
        records = std::move(corpus.records);
        options.synonyms_file = source / "corpus/synonyms.tsv";
        index::build_index(records, dir / "index", *analyzer, options);
    }
};

}  // namespace yrkesok::testing
