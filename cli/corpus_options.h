// The options every corpus-reading subcommand shares (validate, index, eval): where the
// vocabularies are, optionally NAV's STYRK-08 mapping for checking codes against sectors, and
// whether records must state their facets.
#pragma once

#include <filesystem>
#include <vector>

#include "args.h"
#include "yrkesok/format/profile.h"
#include "yrkesok/indexer/corpus.h"
#include "yrkesok/indexer/index_writer.h"

namespace yrkesok::cli {

std::vector<OptionSpec> corpus_option_specs();

// Loads the vocabularies named by --vocab, else those beside the corpus file, else the
// product's own (built in).
index::Vocabularies vocabularies_from_options(const std::filesystem::path& corpus,
                                              const ParsedArgs& args);

// Sets the synonyms of a build: --synonyms FILE, else synonyms.tsv beside the corpus file,
// else the product's own (built in).
void synonyms_from_options(const std::filesystem::path& corpus, const ParsedArgs& args,
                           index::IndexBuildOptions& options);

// The reading rules: --strict makes a record without sectors or education levels an error.
index::CorpusLimits corpus_limits_from_options(const ParsedArgs& args);

// The ranking profile called `name` (what --profile gave); a name no profile has is a usage
// error that lists the known ones.
const format::Profile& profile_option(std::string_view name);

index::CorpusReadResult read_corpus_with_options(const std::filesystem::path& corpus,
                                                 const ParsedArgs& args);

}  // namespace yrkesok::cli
