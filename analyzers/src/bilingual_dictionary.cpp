#include "bilingual_dictionary.h"

#include <lttoolbox/fst_processor.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>

#include "yrkesok/analyzers/analyzer.h"

namespace yrkesok::analyzers::detail {
namespace {

// The readings a lemma is looked up under: the dictionary keys nouns by gender and adjectives
// by their comparison class ("sint": -ere, -est), and a word the analyzer has no part of speech
// for may be any of these.
constexpr std::u16string_view kReadings[] = {u"<n><m>",  u"<n><f>",     u"<n><nt>",
                                             u"<vblex>", u"<adj><pst>", u"<adj><sint><pst>"};

std::unique_ptr<FSTProcessor> load_transducer(const std::filesystem::path& file) {
    if (!std::filesystem::is_regular_file(file)) {
        throw AnalyzerError("missing bilingual dictionary " + file.string() +
                            " (Debian package apertium-nno-nob)");
    }
    std::unique_ptr<FILE, int (*)(FILE*)> in(std::fopen(file.c_str(), "rb"), &std::fclose);
    if (!in) throw AnalyzerError("cannot read bilingual dictionary " + file.string());
    auto fst = std::make_unique<FSTProcessor>();
    fst->load(in.get());
    fst->initBiltrans();
    if (!fst->valid()) throw AnalyzerError("invalid bilingual dictionary " + file.string());
    return fst;
}

UString to_ustring(std::string_view utf8) {
    const icu::UnicodeString u = icu::UnicodeString::fromUTF8(
        icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
    return UString(reinterpret_cast<const UChar*>(u.getBuffer()),
                   static_cast<std::size_t>(u.length()));
}

std::string to_utf8(std::u16string_view s) {
    std::string out;
    icu::UnicodeString(s.data(), static_cast<int32_t>(s.size())).toUTF8String(out);
    return out;
}

// The lemmas in a biltrans answer ("^lege<n><m>/rettleder<n><m>$"; "^@word<n><m>$" when the
// dictionary has no entry): the text before each alternative's tags, single words only.
std::vector<std::string> lemmas_of(std::u16string_view answer) {
    std::vector<std::string> out;
    if (answer.starts_with(u"^")) answer.remove_prefix(1);
    if (answer.ends_with(u"$")) answer.remove_suffix(1);
    while (!answer.empty()) {
        const std::size_t slash = answer.find(u'/');
        std::u16string_view alternative = answer.substr(0, slash);
        answer =
            slash == std::u16string_view::npos ? std::u16string_view{} : answer.substr(slash + 1);
        if (alternative.starts_with(u"@")) continue;
        alternative = alternative.substr(0, alternative.find(u'<'));
        const bool one_word = !alternative.empty() &&
                              std::none_of(alternative.begin(), alternative.end(), [](char16_t c) {
                                  return c == u' ' || c == u'#' || c == u'+' || c == u'_';
                              });
        if (one_word) out.push_back(to_utf8(alternative));
    }
    return out;
}

}  // namespace

BilingualDictionary::BilingualDictionary(const std::string& dir)
    : nn_to_nb_(load_transducer(std::filesystem::path(dir) / "nno-nob.autobil.bin")),
      nb_to_nn_(load_transducer(std::filesystem::path(dir) / "nob-nno.autobil.bin")) {}

BilingualDictionary::~BilingualDictionary() = default;

std::vector<std::string> BilingualDictionary::translations(std::string_view lemma,
                                                           Direction dir) const {
    constexpr std::size_t kMaxRemembered = 1 << 20;
    Answers& answers = remembered_[dir == Direction::nn_to_nb ? 0 : 1];
    const std::string key(lemma);
    {
        const std::shared_lock read(remembered_mutex_);
        if (const auto it = answers.find(key); it != answers.end()) return it->second;
    }
    std::vector<std::string> out = look_up(lemma, dir);
    const std::unique_lock write(remembered_mutex_);
    if (answers.size() >= kMaxRemembered) answers.clear();
    answers.emplace(key, out);
    return out;
}

std::vector<std::string> BilingualDictionary::look_up(std::string_view lemma, Direction dir) const {
    std::vector<std::string> out;
    // The stream format's own symbols would be read as markup; no lemma holds them.
    if (lemma.empty() || lemma.find_first_of("^$/\\<>@*{}[]#+ ") != std::string_view::npos) {
        return out;
    }
    const UString word = to_ustring(lemma);
    FSTProcessor& fst = dir == Direction::nn_to_nb ? *nn_to_nb_ : *nb_to_nn_;
    const std::lock_guard lock(transducer_mutex_);
    for (const std::u16string_view reading : kReadings) {
        UString query = u"^" + word;
        query += reading;
        query += u"$";
        for (std::string& t : lemmas_of(fst.biltrans(query))) {
            // A word the other standard writes the same way in one reading is that word there;
            // its other readings' counterparts would turn it into another word (lege, the
            // doctor, into the verb for heal).
            if (t == lemma) return {};
            if (std::find(out.begin(), out.end(), t) == out.end()) out.push_back(std::move(t));
        }
    }
    return out;
}

}  // namespace yrkesok::analyzers::detail
