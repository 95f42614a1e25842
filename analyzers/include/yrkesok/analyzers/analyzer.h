// The Norwegian analysis chain shared by indexing and querying.
//
// Text goes through one pipeline: ICU word breaking -> NFKC case folding -> hunspell lemmas
// (Snowball stem as fallback) -> compound splitting -> hyphen ellipsis -> bokmål/nynorsk
// variants -> stop-word marking. Each token keeps the byte offsets of its source span; no
// stage changes them, so snippets can highlight the original text.
//
// An Analyzer loads its dictionaries once at construction (a few hundred milliseconds) and is
// then safe to call from several threads at once: dictionary lookups are cached behind a lock.
// Construction throws AnalyzerError when a dictionary cannot be read.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "yrkesok/format/profile.h"

namespace yrkesok::analyzers {

enum class Language { nb, nn, both };

// How a term was derived from its token. The order is also the trust order used in ranking:
// a surface or lemma match is worth more than a part or a stem.
enum class TermKind {
    surface,    // the normalised (NFKC case-folded) token itself
    lemma,      // a hunspell lemma of the surface form
    stem,       // Snowball stem, used where hunspell does not know the word
    part,       // a part of a compound ("lunge", "maskin" of "lungemaskin")
    expansion,  // a compound restored from hyphen ellipsis ("hjertemaskin")
    variant,    // the bokmål/nynorsk counterpart of a lemma ("sykepleier" for "sjukepleiar")
};

std::string_view to_string(TermKind kind);

// A term that stands for the whole word (surface, lemma, variant, expansion), as opposed to a
// compound part or a stem: the forms a phrase, an exclusion or a synonym works on.
constexpr bool is_whole_word(TermKind kind) {
    return kind == TermKind::surface || kind == TermKind::lemma || kind == TermKind::variant ||
           kind == TermKind::expansion;
}

struct Term {
    std::string text;
    TermKind kind = TermKind::surface;

    friend bool operator==(const Term&, const Term&) = default;
};

// A hyphen-joined token ("e-post", "hjerte-lungemaskin") carries two surface terms: as written
// and with the hyphens removed (epost, hjertelungemaskin); its components are part terms even
// when compound splitting is off (they come from the text, not from a dictionary).
struct Token {
    std::string text;            // the source bytes of the token, unchanged
    std::size_t start = 0;       // byte offset of the first byte in the analysed text
    std::size_t end = 0;         // byte offset one past the last byte
    std::uint32_t position = 0;  // 0-based word position; parts and expansions share it
    bool stopword = false;       // marked only; dropping is the caller's decision
    std::vector<Term> terms;     // distinct terms, surface first
    // A word written shortened before a part it shares with a later word ("vann-" of "vann- og
    // avløpsanlegg", hyphen ellipsis): the position of that word, whose head completes it.
    std::optional<std::uint32_t> completed_by;
};

// The folder of prebuilt word tables beside the running program,
// <program's folder>/../share/yrkesok/word-tables: build/share/… for every program of a build
// tree (bin/, tests/, benchmarks/), where the build writes them. (The Debian package carries
// none: an installed program finds no tables and parses the lists.) Empty when the program's
// path cannot be read.
std::string default_word_table_dir();

// Every stage can be switched off, so the relevance evaluation can measure each one.
struct AnalyzerOptions {
    bool lemmas = true;             // hunspell lemmatisation
    bool snowball_fallback = true;  // Snowball stem when there is no hunspell lemma (for
                                    // every word when `lemmas` is off)
    bool compounds = true;          // compound splitting
    bool hyphen_ellipsis = true;    // "hjerte- og lungemaskin" -> hjertemaskin
    bool variants = true;           // bokmål <-> nynorsk counterparts
    bool drop_stopwords = false;    // false: stop words are kept and marked; dropped ones
                                    // leave gaps in the positions
    std::string hunspell_dir = "/usr/share/hunspell";
    std::string wordlist_dir = "/usr/share/dict";
    // Apertium's nynorsk <-> bokmål pair (Debian's apertium-nno-nob): irregular counterparts.
    std::string bilingual_dictionary_dir = "/usr/share/apertium/apertium-nno-nob";
    // Prebuilt tables of the word lists above (write_word_tables), mapped at start instead of
    // parsing the lists: a table is used only when it was written from the very file the list
    // option names (same size and modification time), so a missing or stale table costs the
    // parse and changes no word. Empty: always parse.
    std::string word_table_dir = default_word_table_dir();
    // Distinct (word, language) analyses kept in memory; past it, cache shards are emptied.
    std::size_t cache_capacity = 500000;
    // Tokens whose normalised form is longer are skipped entirely (no position): Xapian
    // refuses terms over 245 bytes, and no Norwegian word comes near this.
    std::size_t max_token_bytes = 160;
};

// Which word tables write_word_tables writes: every one, or only those a start could not map
// (missing, stale, damaged in their header) or that are older than the running program (written
// by older code): what the build runs, so a list Debian upgraded with an older file time is
// still rewritten.
enum class WordTableRefresh { every, stale };

// Writes the tables of the word lists `options` names into `dir` (created when missing), for
// analyzers whose word_table_dir is `dir`, and returns the files written. A list whose file is
// missing is skipped (the analyzer reports it when it starts). Throws AnalyzerError naming the
// list or table that cannot be read or written, or a list that changed while it was read.
std::vector<std::string> write_word_tables(const AnalyzerOptions& options, const std::string& dir,
                                           WordTableRefresh refresh = WordTableRefresh::every);

// The analysis stages of a ranking profile (format/profile.h), every other option its default.
AnalyzerOptions analyzer_options_for(const format::Profile& profile);

class AnalyzerError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

class Analyzer {
  public:
    explicit Analyzer(AnalyzerOptions options = {});
    ~Analyzer();
    Analyzer(const Analyzer&) = delete;
    Analyzer& operator=(const Analyzer&) = delete;
    Analyzer(Analyzer&&) noexcept;
    Analyzer& operator=(Analyzer&&) noexcept;

    // Analyses `text` (UTF-8; invalid sequences are replaced by U+FFFD before breaking, and
    // offsets still refer to the input bytes). `language` picks the dictionaries; `both`
    // analyses with nb and nn and merges the terms (the query side, where the language is
    // unknown). Parity: with the same options, analysing a text twice gives identical tokens,
    // and `both` gives the same tokens (offsets, positions) as nb or nn with a superset of
    // their terms; stop-word marks under `both` are the union of the two lists.
    std::vector<Token> analyze(std::string_view text, Language language) const;

    const AnalyzerOptions& options() const;

    // Whether the bokmål or nynorsk word list holds `word` (lowercase UTF-8, as a surface
    // term): a word of the language, as opposed to a misspelling or a name.
    bool knows_word(std::string_view word) const;

    // Forgets every cached word analysis (benchmarks measure the cold path with it).
    void clear_cache() const;

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace yrkesok::analyzers
