// The spelling correction of a query: which words the spelling table would replace, and
// whether the correction is sure enough to answer in place of the query as typed.
#pragma once

#include <xapian.h>

#include <optional>
#include <string>

#include "yrkesok/analyzers/analyzer.h"
#include "yrkesok/searcher/query_parser.h"

namespace yrkesok::search {

// The query with its misspelt words replaced from the spelling table. `sure` when every
// replaced word is one neither word list knows, with no synonym entry, and none is the word
// still being typed: then the corrected query is answered even when the misspelt one found
// something through its compound parts ("rørleger" finds the -lege records through "leger").
struct SpellingCorrection {
    std::string text;
    bool sure = false;
};

// A correction is offered only for a finished word that matches nothing in `db`, or for the
// word still being typed (the last, with `prefix`) when no indexed word begins with it:
// "hjert" is on its way to "hjerte", not a misspelling of "hvert". Suggestions and synonyms
// come from `lexicon`. It depends on the query alone, not on what the query finds.
std::optional<SpellingCorrection> spelling_correction(const ParsedQuery& parsed, bool prefix,
                                                      const Xapian::Database& db,
                                                      const Xapian::Database& lexicon,
                                                      const analyzers::Analyzer& analyzer);

}  // namespace yrkesok::search
