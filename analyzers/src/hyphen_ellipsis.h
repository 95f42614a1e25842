// HyphenEllipsis: restores compounds that Norwegian writes with a shared part left out.
//   "hjerte- og lungemaskin"          -> hjerte gets hjertemaskin (head of the last word)
//   "el-, tele- og automatiseringsfag" -> el gets elfag, tele gets telefag
//   "barnehagelærer og -assistent"     -> assistent gets barnehageassistent (modifier of the
//                                         first word)
// Rule: in a run of words joined only by spaces, commas, hyphens and og/eller/samt, each word
// written X- gets X + the head (last compound part) of the run's final word; each word written
// -Y gets the modifier (all but the head) of the run's first word + Y. Needs the compound
// split of the neighbouring words, so it runs after the word-level stages.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace yrkesok::analyzers::detail {

struct EllipsisWord {
    std::string surface;                         // normalised, hyphens of joined words removed
    std::vector<std::string> forms;              // surface + lemmas
    std::size_t head_start = std::string::npos;  // byte offset of the compound head in surface
    std::vector<std::string> head_forms;         // head as written + its lemmas
    bool trailing_hyphen = false;
    bool leading_hyphen = false;
    bool list_gap_before = false;
    bool conjunction = false;  // og, eller, samt
};

struct Expansion {
    std::size_t word = 0;            // index into the input
    std::vector<std::string> terms;  // restored compounds
    std::vector<std::string> parts;  // their parts that the word does not already carry
    // For a word written X-: the index of the run's final word, whose head completes it.
    std::optional<std::size_t> completed_by;
};

class HyphenEllipsis {
  public:
    static bool is_conjunction(const std::string& normalised);
    static std::vector<Expansion> expand(const std::vector<EllipsisWord>& words);
};

}  // namespace yrkesok::analyzers::detail
