// Lemmatizer: hunspell lemmas for one language (nb_NO or nn_NO), with Snowball as the fallback
// for words hunspell does not know. Takes and returns lowercase UTF-8; the Latin-1 conversion
// that hunspell-no needs happens inside. Hunspell and Xapian::Stem objects are not thread-safe,
// so calls are serialised by an internal mutex (the Analyzer caches results per word, so this
// lock is taken once per distinct word, not once per token).
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

class Hunspell;

namespace yrkesok::analyzers::detail {

class Lemmatizer {
  public:
    // `dir` holds <dict>.aff and <dict>.dic (dict = "nb_NO" or "nn_NO"). Throws AnalyzerError
    // when either file is missing.
    Lemmatizer(const std::string& dir, const std::string& dict);
    ~Lemmatizer();

    // Guarded hunspell lemmas of `word`. Empty when hunspell does not know the word (or it is
    // not representable in Latin-1).
    //
    // Multi-lemma choice: every lemma that passes the guard is kept, the word's own form first
    // (jobber -> jobber, jobbe, jobb; lærere -> lærere, lærer). We tried keeping only the word
    // when it is one of its lemmas: hunspell-no lists many plurals as their own stems
    // (lærere, mekanikere), so that lost lærer and mekaniker. Picking one reading would need
    // POS context we do not have; the same chain runs on queries, so extra lemmas widen
    // recall symmetrically, and they rank below surface matches.
    // The guard drops compound junk: a lemma must share its first letters with the word
    // (common prefix >= min length - 3) and must not be less than half as long as a word of
    // 8+ letters (hunspell's stem() sometimes returns just a compound's first part).
    // A word that is a dictionary entry or a form of one keeps no stem that a derivational
    // rule (-ning, -else, -het, …; not the verbal noun in plain -ing) reduced it to:
    // dronning, dronningen -> dronning, not drone.
    std::vector<std::string> lemmas(std::string_view word) const;

    // True when hunspell accepts `word` as written.
    bool known(std::string_view word) const;

    // Snowball ("norwegian") stem.
    std::string stem(std::string_view word) const;

  private:
    std::unique_ptr<Hunspell> hunspell_;
    struct StemmerHolder;
    std::unique_ptr<StemmerHolder> stemmer_;
    std::string derivational_flags_;  // of the .aff file's derivational suffix rules
    mutable std::mutex mutex_;
};

// The guard above, exposed for tests.
bool plausible_lemma(std::string_view word, std::string_view lemma);

}  // namespace yrkesok::analyzers::detail
