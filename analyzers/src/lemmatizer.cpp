#include "lemmatizer.h"

#include <xapian.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <hunspell/hunspell.hxx>
#include <sstream>

#include "text_buffer.h"
#include "yrkesok/analyzers/analyzer.h"
#include "yrkesok/analyzers/utf8.h"

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

// Suffixes that make a new word whose meaning can drift from its base (dronning is no drone,
// kvalitet no "kval…"): a suffix rule of the dictionary whose added text begins with one of
// these is derivational. The verbal noun in plain -ing is left out on purpose: every verb has
// one and it names the verb's act (regulering is regulating), so it keeps its verb.
constexpr std::string_view kDerivationalSuffixes[] = {"ning", "else", "het", "heit",
                                                      "itet", "sjon", "skap"};

// The flags of the .aff file's derivational suffix rules ("SFX y e ning e": flag y).
std::string derivational_flags(const std::string& aff) {
    std::ifstream in(aff, std::ios::binary);
    std::string flags;
    for (std::string line; std::getline(in, line);) {
        std::istringstream fields(line);
        std::string kind, flag, strip, add;
        if (!(fields >> kind >> flag >> strip >> add) || kind != "SFX" || flag.size() != 1)
            continue;
        if (strip == "Y" || strip == "N") continue;  // the rule group's header line
        add = add.substr(0, add.find('/'));
        const bool derivational =
            std::any_of(std::begin(kDerivationalSuffixes), std::end(kDerivationalSuffixes),
                        [&](std::string_view suffix) { return add.starts_with(suffix); });
        if (derivational && flags.find(flag[0]) == std::string::npos) flags += flag[0];
    }
    return flags;
}

// The stems that hunspell reached through a derivational rule, from its morphological
// analyses (" st:drone fl:y"); compound analyses (several st: fields) are left alone.
std::vector<std::string> derived_stems(const std::vector<std::string>& analyses,
                                       const std::string& flags) {
    std::vector<std::string> out;
    for (const std::string& analysis : analyses) {
        const auto st = analysis.find("st:");
        const auto fl = analysis.find("fl:");
        if (st == std::string::npos || fl == std::string::npos || fl + 3 >= analysis.size())
            continue;
        if (analysis.find("st:", st + 3) != std::string::npos) continue;
        if (flags.find(analysis[fl + 3]) == std::string::npos) continue;
        const auto begin = st + 3;
        const auto end = analysis.find(' ', begin);
        out.push_back(analysis.substr(begin, end == std::string::npos ? end : end - begin));
    }
    return out;
}

}  // namespace

struct Lemmatizer::StemmerHolder {
    Xapian::Stem stem{"norwegian"};
};

bool plausible_lemma(std::string_view word, std::string_view lemma) {
    if (lemma.empty()) return false;
    const std::size_t wl = utf8::length(word);
    const std::size_t ll = utf8::length(lemma);
    std::size_t common = 0;  // in bytes; Norwegian letters are at most 2 bytes, close enough
    while (common < word.size() && common < lemma.size() && word[common] == lemma[common]) {
        ++common;
    }
    const std::size_t common_cp = utf8::length(word.substr(0, common));
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
    derivational_flags_ = derivational_flags(aff);
}

Lemmatizer::~Lemmatizer() = default;

std::vector<std::string> Lemmatizer::lemmas(std::string_view word) const {
    std::vector<std::string> out;
    const auto latin1 = utf8_to_latin1(word);
    if (!latin1 || latin1->empty() || latin1->size() > 100) return out;
    std::vector<std::string> raw;
    std::vector<std::string> derived;
    {
        const std::lock_guard lock(mutex_);
        raw = hunspell_->stem(*latin1);
        if (raw.size() > 1)
            derived = derived_stems(hunspell_->analyze(*latin1), derivational_flags_);
    }
    // A word that is an entry of the dictionary, or a form of one, is that word, not a
    // derivation of another: dronning and dronningen are a queen, not drone + -ning. The
    // derived stems go whenever another reading remains.
    const auto is_derived = [&](const std::string& r) {
        return std::find(derived.begin(), derived.end(), r) != derived.end();
    };
    if (!std::all_of(raw.begin(), raw.end(), is_derived)) {
        raw.erase(std::remove_if(raw.begin(), raw.end(), is_derived), raw.end());
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
