#include "stop_words.h"

#include <algorithm>
#include <array>

namespace yrkesok::analyzers::detail {
namespace {

// Sorted (byte order) for binary search; a test checks the order.
constexpr std::array<std::string_view, 99> kBokmaal = {
    "alle",    "at",    "av",    "bare",    "begge",   "ble",    "blei",  "bli",  "blir",  "blitt",
    "både",    "da",    "de",    "deg",     "dem",     "den",    "denne", "der",  "dere",  "deres",
    "det",     "dette", "din",   "disse",   "ditt",    "du",     "eller", "en",   "enn",   "er",
    "et",      "ett",   "etter", "for",     "fordi",   "fra",    "før",   "ha",   "hadde", "han",
    "hans",    "har",   "henne", "hennes",  "her",     "hun",    "hva",   "hvem", "hver",  "hvilke",
    "hvilken", "hvis",  "hvor",  "hvordan", "hvorfor", "i",      "ikke",  "inn",  "jeg",   "kan",
    "kunne",   "man",   "med",   "meg",     "men",     "min",    "mitt",  "mot",  "mye",   "noe",
    "noen",    "nå",    "når",   "og",      "også",    "om",     "oss",   "på",   "samt",  "seg",
    "selv",    "sin",   "sine",  "sitt",    "skal",    "skulle", "slik",  "som",  "så",    "til",
    "uten",    "var",   "vi",    "vil",     "ville",   "vår",    "være",  "vært", "å"};

constexpr std::array<std::string_view, 95> kNynorsk = {
    "alle",   "at",     "av",    "berre", "blei",   "bli",    "blir",  "blitt", "både",  "da",
    "dei",    "deim",   "deira", "den",   "denne",  "der",    "desse", "det",   "dette", "du",
    "dykk",   "dykkar", "eg",    "ein",   "eit",    "eitt",   "eller", "elles", "enn",   "er",
    "etter",  "for",    "fordi", "frå",   "før",    "ha",     "hadde", "han",   "hans",  "har",
    "hennar", "henne",  "her",   "hjå",   "ho",     "i",      "ikkje", "inn",   "kan",   "korleis",
    "kunne",  "kva",    "kvar",  "kven",  "kvi",    "kvifor", "me",    "med",   "medan", "meg",
    "men",    "mi",     "min",   "mitt",  "mot",    "mykje",  "no",    "noko",  "nokon", "når",
    "og",     "også",   "om",    "oss",   "på",     "samt",   "seg",   "si",    "sidan", "sin",
    "sine",   "sitt",   "sjølv", "skal",  "skulle", "slik",   "som",   "så",    "til",   "utan",
    "var",    "vart",   "vere",  "vore",  "å"};

template <std::size_t N>
bool find(const std::array<std::string_view, N>& list, std::string_view w) {
    return std::binary_search(list.begin(), list.end(), w);
}

}  // namespace

bool StopWords::contains(std::string_view word, Language language) {
    switch (language) {
        case Language::nb:
            return find(kBokmaal, word);
        case Language::nn:
            return find(kNynorsk, word);
        case Language::both:
            return find(kBokmaal, word) || find(kNynorsk, word);
    }
    return false;
}

}  // namespace yrkesok::analyzers::detail
