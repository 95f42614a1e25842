#include "lemmatizer.h"

#include <xapian.h>

#include <algorithm>
#include <filesystem>
#include <hunspell/hunspell.hxx>

#include "text_buffer.h"
#include "yrkesok/analyzer.h"

namespace yrkesok::analyzers::detail {
namespace {

void lower_latin1(std::string& s) {
    for (char& c : s) {
        const auto b = static_cast<unsigned char>(c);
        if ((b >= 'A' && b <= 'Z') || (b >= 0xC0 && b <= 0xDE && b != 0xD7)) {
            c = static_cast<char>(b + 0x20);
        }
    }
}

}  // namespace

struct Lemmatizer::StemmerHolder {
    Xapian::Stem stem{"norwegian"};
};

bool plausible_lemma(std::string_view word, std::string_view lemma) {
    if (lemma.empty()) return false;
    const std::size_t wl = utf8_length(word);
    const std::size_t ll = utf8_length(lemma);
    std::size_t common = 0;  // in bytes; Norwegian letters are at most 2 bytes, close enough
    while (common < word.size() && common < lemma.size() && word[common] == lemma[common]) {
        ++common;
    }
    const std::size_t common_cp = utf8_length(word.substr(0, common));
    const std::size_t shorter = std::min(wl, ll);
    if (common_cp == 0) return false;
    if (shorter > 3 && common_cp + 3 < shorter) return false;
    if (wl >= 8 && ll * 2 < wl) return false;
    return true;
}

Lemmatizer::Lemmatizer(const std::string& dir, const std::string& dict) {
    const std::filesystem::path base = std::filesystem::path(dir) / dict;
    const std::string aff = base.string() + ".aff";
    const std::string dic = base.string() + ".dic";
    for (const auto& f : {aff, dic}) {
        if (!std::filesystem::is_regular_file(f)) throw AnalyzerError("missing dictionary " + f);
    }
    hunspell_ = std::make_unique<Hunspell>(aff.c_str(), dic.c_str());
    stemmer_ = std::make_unique<StemmerHolder>();
}

Lemmatizer::~Lemmatizer() = default;

std::vector<std::string> Lemmatizer::lemmas(std::string_view word) const {
    std::vector<std::string> out;
    const auto latin1 = utf8_to_latin1(word);
    if (!latin1 || latin1->empty() || latin1->size() > 100) return out;
    std::vector<std::string> raw;
    {
        const std::lock_guard lock(mutex_);
        raw = hunspell_->stem(*latin1);
    }
    for (std::string& r : raw) {
        lower_latin1(r);
        std::string lemma = latin1_to_utf8(r);
        if (!plausible_lemma(word, lemma)) continue;
        if (std::find(out.begin(), out.end(), lemma) == out.end()) out.push_back(std::move(lemma));
    }
    // The word's own form first: when it is a lemma itself, that is the likeliest reading.
    const auto self = std::find(out.begin(), out.end(), word);
    if (self != out.end()) std::rotate(out.begin(), self, self + 1);
    return out;
}

bool Lemmatizer::known(std::string_view word) const {
    const auto latin1 = utf8_to_latin1(word);
    if (!latin1 || latin1->empty() || latin1->size() > 100) return false;
    const std::lock_guard lock(mutex_);
    return hunspell_->spell(*latin1);
}

std::string Lemmatizer::stem(std::string_view word) const {
    const std::lock_guard lock(mutex_);
    return stemmer_->stem(std::string(word));
}

}  // namespace yrkesok::analyzers::detail
