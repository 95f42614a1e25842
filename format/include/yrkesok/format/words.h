// Looking up whole words in an index: a word is held when some field holds it as a whole-word
// term (schema.h). The one place that knows a word has no term of its own across fields.
#pragma once

#include <xapian.h>

#include <optional>
#include <string>
#include <string_view>

namespace yrkesok::format {

// Whether some field of some document holds `word` as a whole word.
bool holds_word(const Xapian::Database& db, std::string_view word);

// Whether some field of some document holds a whole word that begins with `start`.
bool holds_word_beginning_with(const Xapian::Database& db, std::string_view start);

// The within-document frequency of `term` in document `doc`, read from the term's posting list
// (a generation need not keep each document's term list: indexer's term_lists); nullopt when
// the document does not hold the term (a boolean term it holds has wdf 0).
std::optional<Xapian::termcount> wdf_in_document(const Xapian::Database& db, Xapian::docid doc,
                                                 const std::string& term);

// Whether the spelling table of `db` holds any word. A sharded generation keeps its whole table
// in its first shard (indexer/index_shards.h), so its other shards hold none.
bool has_spelling_table(const Xapian::Database& db);

}  // namespace yrkesok::format
