// The options every corpus-reading subcommand shares (validate, index, coverage): where the
// vocabularies are and, optionally, NAV's STYRK-08 mapping for checking codes against sectors.
#pragma once

#include <filesystem>
#include <vector>

#include "args.h"
#include "yrkesok/corpus.h"

namespace yrkesok::cli {

std::vector<OptionSpec> corpus_option_specs();

// Loads the vocabularies named by the options (default: the corpus file's own directory).
index::Vocabularies vocabularies_from_options(const std::filesystem::path& corpus,
                                              const ParsedArgs& args);

index::CorpusReadResult read_corpus_with_options(const std::filesystem::path& corpus,
                                                 const ParsedArgs& args);

}  // namespace yrkesok::cli
