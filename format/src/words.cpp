#include "yrkesok/format/words.h"

#include <algorithm>
#include <string>

#include "yrkesok/format/schema.h"

namespace yrkesok::format {

bool holds_word(const Xapian::Database& db, std::string_view word) {
    return std::any_of(kTextFields.begin(), kTextFields.end(), [&](std::string_view field) {
        return db.term_exists(field_term(field, {}, word));
    });
}

bool holds_word_beginning_with(const Xapian::Database& db, std::string_view start) {
    return std::any_of(kTextFields.begin(), kTextFields.end(), [&](std::string_view field) {
        const std::string prefix = field_term(field, {}, start);
        return db.allterms_begin(prefix) != db.allterms_end(prefix);
    });
}

std::optional<Xapian::termcount> wdf_in_document(const Xapian::Database& db, Xapian::docid doc,
                                                 const std::string& term) {
    auto posting = db.postlist_begin(term);
    if (posting != db.postlist_end(term)) posting.skip_to(doc);
    if (posting == db.postlist_end(term) || *posting != doc) return std::nullopt;
    return posting.get_wdf();
}

bool has_spelling_table(const Xapian::Database& db) {
    return db.spellings_begin() != db.spellings_end();
}

}  // namespace yrkesok::format
