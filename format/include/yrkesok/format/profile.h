// Ranking profiles: how an index's texts are analysed and its fields weighed, chosen when the
// index is built (`yrkesok index --profile NAME`), recorded in its metadata and read by every
// engine and tool that opens it, so its queries are analysed as its texts were.
//
// "occupations" (the default) is tuned on the occupation descriptions: titles weigh most, and
// hunspell lemmas and bokmål/nynorsk counterparts widen every word. "passages" is for
// collections of passages searched with their own words (question answering over NorQuAD, say):
// the answer lies in the body, and lemmas and counterparts only blur the words a question
// shares with its passage (benchmarks/RESULTS.md, "NorQuAD: a passage configuration").
#pragma once

#include <xapian.h>

#include <array>
#include <string>
#include <string_view>

namespace yrkesok::format {

struct Profile {
    std::string_view name;
    std::string_view description;
    bool lemmas = true;    // hunspell lemmas in the analysis (else Snowball stems)
    bool variants = true;  // bokmål/nynorsk counterparts in the analysis
    // Query-time weights of the two term spaces (schema.h): the title, and the summary and body.
    double title_weight = 4.0;
    double text_weight = 1.75;
    // Index-time: how many body words one summary word counts as in the shared term space.
    unsigned summary_repeat = 6;
    // BM25's k1: how slowly a term's weight saturates with its frequency. The summary's repeat
    // needs room above it: at Xapian's default of 1, a word in the summary and the body weighed
    // hardly more than the same word repeated in the body (benchmarks/RESULTS.md).
    double bm25_k1 = 3.0;
};

inline constexpr Profile kOccupationsProfile{
    .name = "occupations",
    .description = "occupation descriptions: titles first, lemmas and bokmål/nynorsk counterparts",
    .lemmas = true,
    .variants = true,
    .title_weight = 4.0,
    .text_weight = 1.75,
    .summary_repeat = 6,
    .bm25_k1 = 3.0};
inline constexpr Profile kPassagesProfile{
    .name = "passages",
    .description = "passages searched with their own words: the body first, words as written",
    .lemmas = false,
    .variants = false,
    .title_weight = 1.0,
    .text_weight = 2.0,
    .summary_repeat = 1,
    .bm25_k1 = 1.0};
inline constexpr std::array<Profile, 2> kProfiles = {kOccupationsProfile, kPassagesProfile};

inline constexpr std::string_view kMetaProfile = "yrkesok.profile";

// The profile called `name`. Throws std::invalid_argument naming the known profiles.
const Profile& profile_named(std::string_view name);

// The known profiles' names, comma-separated (for help texts and errors).
std::string profile_names();

// The profile an index was built with: its metadata's, or "occupations" for an index built
// before profiles were recorded. Throws IndexOpenError for a profile this build does not know.
const Profile& profile_of(const Xapian::Database& db, const std::string& where);

}  // namespace yrkesok::format
