// VariantMapper: bokmål <-> nynorsk counterparts of a lemma by spelling rules; the analyzer asks
// Apertium's bilingual dictionary first (bilingual_dictionary.h: lækjar -> lege, which no rule
// reaches) and these rules for the rest, chiefly compounds (sjukepleiar <-> sykepleier,
// lærar <-> lærer, røyrleggjar <-> rørlegger). Candidates come from regular correspondences
// (-ar/-er, -leggjar/-legger, -leg/-lig, -heit/-het, sjuk/syk, røyr/rør, kv/hv, ...) applied in
// every combination, then at most one sound change (au/ø, øy/ø, ju/y, -kje/-ke, final n/nn and
// t/tt) on each. A candidate is accepted only when the other language's full-form list holds it
// and, when a check is given, it is a base form there (the analyzer: an entry of its hunspell
// dictionary). A sound change is accepted once per word, and only when the caller allows it
// (the analyzer forbids it for words both standards list: bok would become buk).
//
// Measured (tests/analyzer_variants_test.cpp), before -> after the sound changes, the whole-
// compound counterparts and the base-form check (2026-12-04): the design sample of 57 pairs
// nn->nb 35 -> 37, nb->nn 34 -> 36; the held-out list of 85 pairs (written before that change)
// nn->nb 35 -> 51, nb->nn 34 -> 48, linked either way (what search needs, as documents and
// queries both get variants) 53 (62 %); the blind list of 47 pairs 9 -> 12 and 9 -> 16, linked
// 16 (34 %). What stays unreached is mostly irregular (lækjar/lege, veke/uke, gjere/gjøre,
// rettleiar/veileder) or a word both dictionaries list (løn, skule, gard), where a sound change
// is refused. Precision, judged by hand on 50 random variants the change added for the bundled
// corpus: 43/50 (86 %); the wrong ones are compound heads mapped to a verb (kunstverk ->
// kunstvirk) and modifier guesses (driftsleder -> driftsledar). Single vowel swaps (u/o, å/a,
// i/e) were tried, also only on agent nouns, and dropped: most of what they found were other
// words (kontroll -> kontrull, leiar -> leer).
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "word_list.h"

namespace yrkesok::analyzers::detail {

enum class Direction { nn_to_nb, nb_to_nn };

class VariantMapper {
  public:
    using BaseFormCheck = std::function<bool(std::string_view)>;

    // `nb_words` / `nn_words`: the target lists; must outlive the mapper.
    VariantMapper(const WordList& nb_words, const WordList& nn_words)
        : nb_(nb_words), nn_(nn_words) {}

    // Whether candidates made with sound changes (au/ø, ju/y, n/nn, ...) may be accepted; the
    // caller forbids them for a word the other standard spells the same way (lege, bok).
    enum class SoundChanges { allowed, forbidden };

    // Counterparts of `lemma` in the other language, at most 3, never `lemma` itself.
    // `is_target_base_form` (optional) confirms a candidate is a base form of the target language.
    std::vector<std::string> variants(std::string_view lemma, Direction dir,
                                      const BaseFormCheck& is_target_base_form = {},
                                      SoundChanges sound_changes = SoundChanges::allowed) const;

    // A spelling the rules make of a lemma, and whether a sound change (kSoundChanges in the
    // .cpp) made it rather than regular correspondences alone.
    struct Candidate {
        std::string text;
        bool sound_change = false;
    };
    // Candidates before the word-list check, sound changes last (tests, measurements).
    static std::vector<Candidate> candidates(std::string_view lemma, Direction dir);

  private:
    const WordList& nb_;
    const WordList& nn_;
};

}  // namespace yrkesok::analyzers::detail
