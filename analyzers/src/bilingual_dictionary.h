// BilingualDictionary: the nynorsk <-> bokmål lemma pairs of Apertium's nno-nob language pair
// (Debian's apertium-nno-nob), read through lttoolbox. It reaches what no spelling rule can:
// irregular counterparts (lækjar -> lege, skodespelar -> skuespiller, veke -> uke, rettleiar ->
// veileder) and words both standards list in different senses (skule -> skole). The rules in
// VariantMapper stay for what the dictionary does not list (most compounds).
//
// lttoolbox's FSTProcessor is not thread-safe, so lookups are serialised by an internal mutex.
// The analyzer asks for the same forms many times (every lemma, compound part and head of every
// distinct word), so answers are remembered: a repeated form costs a shared lock and a hash
// lookup, not six transducer walks under the exclusive one.
#pragma once

#include <array>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "variant_mapper.h"

class FSTProcessor;

namespace yrkesok::analyzers::detail {

class BilingualDictionary {
  public:
    // `dir` holds nno-nob.autobil.bin and nob-nno.autobil.bin. Throws AnalyzerError when either
    // is missing or unreadable.
    explicit BilingualDictionary(const std::string& dir);
    ~BilingualDictionary();
    BilingualDictionary(const BilingualDictionary&) = delete;
    BilingualDictionary& operator=(const BilingualDictionary&) = delete;

    // The other standard's lemmas the dictionary pairs with `lemma` (lowercase UTF-8) read as
    // a noun of any gender, a verb or an adjective, in the dictionary's order; single words
    // only. None when one reading pairs `lemma` with itself: the word is shared by both
    // standards, and its other readings would map it to another word.
    std::vector<std::string> translations(std::string_view lemma, Direction dir) const;

  private:
    std::vector<std::string> look_up(std::string_view lemma, Direction dir) const;

    std::unique_ptr<FSTProcessor> nn_to_nb_;
    std::unique_ptr<FSTProcessor> nb_to_nn_;
    mutable std::mutex transducer_mutex_;
    // Answers by direction and form; emptied when it reaches kMaxRemembered forms.
    using Answers = std::unordered_map<std::string, std::vector<std::string>>;
    mutable std::array<Answers, 2> remembered_;
    mutable std::shared_mutex remembered_mutex_;
};

}  // namespace yrkesok::analyzers::detail
