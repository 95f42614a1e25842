// The word lists the analyzer reads from Debian's files: the bokmål and nynorsk full-form lists,
// and each hunspell dictionary's entries with those that may begin a compound. Each is mapped
// from its prebuilt table (write_word_tables in analyzer.h) when one was written from the same
// source file, else parsed from the source, with the same words either way.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "word_list.h"
#include "yrkesok/analyzers/analyzer.h"

namespace yrkesok::analyzers::detail {

// The full-form list `name` ("bokmaal", "nynorsk") of options.wordlist_dir.
WordList full_form_list(const AnalyzerOptions& options, std::string_view name);

// The entries of the hunspell dictionary `dictionary` ("nb_NO", "nn_NO") of
// options.hunspell_dir, and in `compound_modifiers` those flagged to begin a compound.
WordList hunspell_entries(const AnalyzerOptions& options, std::string_view dictionary,
                          WordList& compound_modifiers);

// The tables of options.word_table_dir that a start could not map: missing, written from another
// source file or by another recipe, or damaged. Each such list is parsed instead.
std::vector<std::string> unusable_word_tables(const AnalyzerOptions& options);

}  // namespace yrkesok::analyzers::detail
