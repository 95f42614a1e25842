#include "document_builder.h"

#include <unicode/coll.h>
#include <unicode/locid.h>
#include <unicode/sortkey.h>
#include <unicode/tblcoll.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>

#include "yrkesok/format/checksum.h"
#include "yrkesok/format/schema.h"

namespace yrkesok::index {
namespace {

using analyzers::TermKind;
namespace s = format;

std::string joined(const std::vector<std::string>& values) {
    std::string out;
    for (const auto& v : values) {
        if (!out.empty()) out += s::kValueSeparator;
        out += v;
    }
    return out;
}

bool is_word_for_spelling(const std::string& term) {
    if (term.size() < 3) return false;
    for (unsigned char c : term) {
        if (c < 0x80 && !(c >= 'a' && c <= 'z') && c != '-') return false;
    }
    return true;
}

// Whether `token` has a lemma: then its lemmas carry its position, else its surface form.
bool has_lemma(const analyzers::Token& token) {
    for (const auto& term : token.terms) {
        if (term.kind == TermKind::lemma) return true;
    }
    return false;
}

// Adds one field's terms to `doc` (when given) and its words to `spelling`. Every term of a word
// counts in its within-document frequency, but only some carry the word's position: its lemmas
// (its surface form when it has none) and its forms in the other written standard. A quoted
// phrase asks for every whole-word form of each of its words, and a query word shares a lemma
// with each inflection of itself, so phrases still match across inflections; the variants stay
// positioned because the mapping between the standards runs one way for some words ("veien" has
// the nynorsk "veg", "vegen" has no bokmål form). Positions on every form made the position table
// more than half of the index.
//
// Each term adds `repeat` to its within-document frequency: the summary's words count more than
// the body's in the term space the two share.
unsigned add_field(Xapian::Document* doc, const std::vector<analyzers::Token>& tokens,
                   std::string_view field, unsigned position_base, SpellingCounts* spelling,
                   Xapian::termcount repeat = 1) {
    unsigned last = 0;
    for (const auto& token : tokens) {
        const unsigned position = position_base + token.position + 1;
        last = position;
        const TermKind positioned = has_lemma(token) ? TermKind::lemma : TermKind::surface;
        for (const auto& term : token.terms) {
            if (!doc) break;
            switch (term.kind) {
                case TermKind::surface:
                case TermKind::lemma:
                case TermKind::variant:
                case TermKind::expansion:
                    if (term.kind == positioned || term.kind == TermKind::variant) {
                        doc->add_posting(s::field_term(field, "", term.text), position, repeat);
                    } else {
                        doc->add_term(s::field_term(field, "", term.text), repeat);
                    }
                    break;
                case TermKind::part:
                    doc->add_term(s::field_term(field, s::kPartClass, term.text), repeat);
                    break;
                case TermKind::stem:
                    doc->add_term(s::field_term(field, s::kStemClass, term.text), repeat);
                    break;
            }
        }
        if (spelling && !token.stopword && !token.terms.empty() &&
            is_word_for_spelling(token.terms.front().text)) {
            ++(*spelling)[token.terms.front().text];
        }
    }
    return last;
}

// The whole-word terms of `tokens` (see kLengthTerm).
unsigned whole_word_terms(const std::vector<analyzers::Token>& tokens) {
    unsigned n = 0;
    for (const auto& token : tokens) {
        for (const auto& term : token.terms) {
            n += analyzers::is_whole_word(term.kind);
        }
    }
    return n;
}

}  // namespace

struct DocumentBuilder::Collation {
    std::unique_ptr<icu::Collator> collator;
};

DocumentBuilder::DocumentBuilder(const analyzers::Analyzer& analyzer, unsigned summary_repeat)
    : analyzer_(analyzer),
      summary_repeat_(std::max(summary_repeat, 1u)),
      collation_(std::make_unique<Collation>()) {
    UErrorCode status = U_ZERO_ERROR;
    // Norwegian order (æ, ø, å after z) without the nb locale's rule that sorts "aa" as "å":
    // that rule suits names like Aasen but puts "Dataanalytiker" after "Dataingeniør".
    collation_->collator = std::make_unique<icu::RuleBasedCollator>(
        icu::UnicodeString::fromUTF8("&z<æ<<<Æ<<ä<<<Ä<ø<<<Ø<<ö<<<Ö<å<<<Å"), status);
    if (U_FAILURE(status)) throw std::runtime_error("cannot create the nb collator");
}

DocumentBuilder::~DocumentBuilder() = default;

std::string DocumentBuilder::record_json(const Occupation& o) {
    nlohmann::ordered_json j = {{"id", o.id},
                                {"title", o.title},
                                {"styrk08", o.styrk08},
                                {"sectors", o.sectors},
                                {"education_levels", o.education_levels},
                                {"summary", o.summary},
                                {"body", o.body},
                                {"language", o.language},
                                {"updated", o.updated}};
    return j.dump();
}

Occupation DocumentBuilder::record_from_json(const std::string& document_data) {
    const auto j = nlohmann::json::parse(document_data, nullptr, false);
    if (!j.is_object() || !j.contains("id") || !j["id"].is_string()) {
        throw std::runtime_error("a stored document is not a record: " +
                                 document_data.substr(0, 80));
    }
    Occupation o;
    o.id = j["id"].get<std::string>();
    o.title = j.value("title", "");
    o.styrk08 = j.value("styrk08", std::vector<std::string>{});
    o.sectors = j.value("sectors", std::vector<std::string>{});
    o.education_levels = j.value("education_levels", std::vector<std::string>{});
    o.summary = j.value("summary", "");
    o.body = j.value("body", "");
    o.language = j.value("language", "");
    o.updated = j.value("updated", "");
    return o;
}

std::string DocumentBuilder::record_checksum(const Occupation& o) {
    return fnv1a_hex(record_json(o));
}

SpellingCounts DocumentBuilder::spelling_words(const std::string& document_data) const {
    SpellingCounts words;
    auto j = nlohmann::json::parse(document_data, nullptr, false);
    if (!j.is_object()) return words;
    const auto language =
        j.value("language", "nb") == "nn" ? analyzers::Language::nn : analyzers::Language::nb;
    for (const char* field : {"title", "summary", "body"}) {
        add_field(nullptr, analyzer_.analyze(j.value(field, ""), language), "", 0, &words);
    }
    return words;
}

Xapian::Document DocumentBuilder::build(const Occupation& o, SpellingCounts& spelling) const {
    using analyzers::Language;
    const Language language = o.language == "nn" ? Language::nn : Language::nb;
    Xapian::Document doc;

    auto title = analyzer_.analyze(o.title, language);
    auto summary = analyzer_.analyze(o.summary, language);
    auto body = analyzer_.analyze(o.body, language);
    unsigned pos = add_field(&doc, title, s::kTitle, 0, &spelling);
    pos =
        add_field(&doc, summary, s::kText, pos + s::kFieldPositionGap, &spelling, summary_repeat_);
    add_field(&doc, body, s::kText, pos + s::kFieldPositionGap, &spelling);
    const unsigned words =
        whole_word_terms(title) + whole_word_terms(summary) + whole_word_terms(body);
    if (words > 0) doc.add_term(std::string(s::kLengthTerm), words);

    std::string exact;
    for (const auto& token : title) {
        if (token.terms.empty()) continue;
        if (!exact.empty()) exact += ' ';
        exact += token.terms.front().text;
    }
    if (!exact.empty() && exact.size() <= 200) {
        doc.add_boolean_term(std::string(s::kExactTitle) + exact);
    }

    doc.add_boolean_term(std::string(s::kIdTerm) + o.id);
    for (const auto& v : o.sectors) doc.add_boolean_term(std::string(s::kSectorTerm) + v);
    for (const auto& v : o.education_levels) {
        doc.add_boolean_term(std::string(s::kEducationTerm) + v);
    }
    doc.add_boolean_term(std::string(s::kLanguageTerm) + o.language);
    std::set<std::string> codes;  // a 7-digit NAV code is filed under its 4-digit group too
    for (const auto& code : o.styrk08) {
        codes.insert(code);
        codes.insert(code.substr(0, 4));
    }
    for (const auto& code : codes) doc.add_boolean_term(std::string(s::kStyrkTerm) + code);
    doc.add_value(s::kStyrkSlot, joined({codes.begin(), codes.end()}));

    doc.add_value(s::kSectorsSlot, joined(o.sectors));
    doc.add_value(s::kEducationSlot, joined(o.education_levels));
    doc.add_value(s::kLanguageSlot, o.language);
    doc.add_value(s::kUpdatedSlot, o.updated);
    // The stored record and its checksum (record_checksum) from one serialisation.
    std::string data = record_json(o);
    doc.add_value(s::kChecksumSlot, fnv1a_hex(data));
    icu::CollationKey key;
    UErrorCode status = U_ZERO_ERROR;
    collation_->collator->getCollationKey(icu::UnicodeString::fromUTF8(o.title), key, status);
    int32_t length = 0;
    const uint8_t* bytes = key.getByteArray(length);
    std::string title_key;
    if (U_SUCCESS(status) && bytes) {
        title_key.assign(reinterpret_cast<const char*>(bytes), static_cast<std::size_t>(length));
        doc.add_value(s::kTitleSortSlot, title_key);
    }
    if (title_key.empty() || title_key.back() != '\0') title_key += '\0';
    doc.add_value(s::kOrderSlot, title_key + o.id);
    doc.set_data(std::move(data));
    return doc;
}

}  // namespace yrkesok::index
