#include "spelling_correction.h"

#include <algorithm>

#include "yrkesok/format/words.h"

namespace yrkesok::search {

std::optional<SpellingCorrection> spelling_correction(const ParsedQuery& parsed, bool prefix,
                                                      const Xapian::Database& db,
                                                      const Xapian::Database& lexicon,
                                                      const analyzers::Analyzer& analyzer) {
    const std::optional<std::size_t> typing = prefix ? unfinished_word(parsed) : std::nullopt;
    SpellingCorrection corrected{parsed.text, true};
    bool changed = false;
    // Replace from the end so earlier offsets stay valid.
    for (auto it = parsed.classified.rbegin(); it != parsed.classified.rend(); ++it) {
        const auto& token = *it->token;
        if (it->kind == UnitKind::excluded || token.stopword || token.terms.empty()) continue;
        const auto position = static_cast<std::size_t>(parsed.classified.rend() - it - 1);
        const std::string& word = token.terms.front().text;
        const bool being_typed = typing.has_value() && typing.value() == position;
        if (being_typed && format::holds_word_beginning_with(db, word)) continue;
        bool known = std::any_of(token.terms.begin(), token.terms.end(), [&](const auto& t) {
            return t.kind != analyzers::TermKind::part && t.kind != analyzers::TermKind::stem &&
                   format::holds_word(db, t.text);
        });
        if (known) continue;
        std::string suggestion = lexicon.get_spelling_suggestion(word, 2);
        if (suggestion.empty()) continue;
        corrected.text.replace(token.start, token.end - token.start, suggestion);
        changed = true;
        const bool has_synonyms = lexicon.synonyms_begin(word) != lexicon.synonyms_end(word);
        if (analyzer.knows_word(word) || has_synonyms || being_typed) corrected.sure = false;
    }
    if (!changed) return std::nullopt;
    return corrected;
}

}  // namespace yrkesok::search
