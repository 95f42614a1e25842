// The index format: how an occupation is laid out in a Xapian document (term prefixes, value
// slots), the metadata keys of a generation, and the two versions an index is stamped with. The
// indexer writes this layout and the engine and editor tools read it; both include this header
// and nothing of each other. A change here bumps kSchemaVersion.
#pragma once

#include <array>
#include <string>
#include <string_view>

namespace yrkesok::format {

// The layout's version: an index written with another layout is rebuilt, not updated.
// 2: field terms carry no positions (only the free-text space does); the order slot.
// 3: no free-text space: whole-word field terms carry the positions, so each word of a field is
//    one posting instead of two (phrases and exclusions run over the three fields).
// 4: a word's position only on its lemmas (else its surface form) and its variants; its other
//    whole-word terms count without one.
// 5: a sharded generation's spelling table is in its first shard alone (indexer/index_shards.h).
// 6: the summary and the body share one term space (kText), a summary word counting as the
//    profile's summary_repeat body words: a query word is one posting list fewer.
// 7: a record's STYRK-08 codes also in a value (kStyrkSlot), so that counting them needs no
//    term list: a generation may be written without one (indexer's term_lists).
inline constexpr int kSchemaVersion = 7;

// The analysis chain's version (analyzers/): bumped whenever a change alters the terms produced
// for some text, since an index built by another version would not match this build's queries.
// 2: own entries keep no derivational stem.
// 3: bokmål/nynorsk variants by sound changes (au/ø, kje/ke, løn/lønn) and of whole compounds.
// 4: æ, ø, å typed as ae, oe, aa in a word neither list knows (laerer -> lærer).
// 5: a word the dictionary knows is cut only after a modifier its hunspell dictionary flags for
//    compounds (no list of lexicalised words).
// 6: counterparts from Apertium's nynorsk <-> bokmål dictionary before the spelling rules.
inline constexpr std::string_view kAnalyzerVersion = "6";

// Field prefixes. A term's class follows the field prefix: whole-word terms (surface, lemma,
// variant, expansion) directly, positioned as version 4 says; compound parts after "P" and Snowball
// stems after "Z", without. Terms are lowercase, so "XTP" + "lunge" cannot be confused with "XT" +
// "plunge".
//
// The title has terms of its own; the summary and the body share kText, where each term of the
// summary adds the profile's summary_repeat to the within-document frequency and each term of the
// body adds one (BM25F: fields weighed before BM25 saturates the frequency, not after). Every
// query word's form is then looked up in two fields, not three: on this corpus a query costs
// about the same for each posting list it opens, whatever the list's length
// (benchmarks/RESULTS.md, "one term space for the summary and the body").
inline constexpr std::string_view kTitle = "XT";
inline constexpr std::string_view kText = "XD";
inline constexpr std::array<std::string_view, 2> kTextFields = {kTitle, kText};
inline constexpr std::string_view kPartClass = "P";
inline constexpr std::string_view kStemClass = "Z";

inline constexpr std::string_view kIdTerm = "Q";           // Q<id>
inline constexpr std::string_view kExactTitle = "XQ";      // XQ<normalised title>
inline constexpr std::string_view kSectorTerm = "XS:";     // XS:<sector label>
inline constexpr std::string_view kEducationTerm = "XE:";  // XE:<education label>
inline constexpr std::string_view kLanguageTerm = "XL:";   // XL:nb
inline constexpr std::string_view kStyrkTerm = "XC:";      // XC:<code> and XC:<4-digit group>
// One term a document whose wdf is the number of whole-word terms of its fields. It is never
// queried; it keeps each document's length (the sum of its wdfs, which BM25 normalises by) what it
// was when every whole word was also indexed a second time, unprefixed, as layout 2 did: the
// ranking was tuned with those lengths, and dropping the copy is a storage change, not a ranking
// one. Since layout 6 a summary's repeat (kText) lengthens its document too; the weights of
// layout 6 were chosen with those lengths.
inline constexpr std::string_view kLengthTerm = "XN";

// Value slots. Multi-valued facets are stored joined by kValueSeparator.
inline constexpr unsigned kSectorsSlot = 0;
inline constexpr unsigned kEducationSlot = 1;
inline constexpr unsigned kLanguageSlot = 2;
inline constexpr unsigned kTitleSortSlot = 3;  // ICU nb collation key of the title
inline constexpr unsigned kChecksumSlot = 4;   // checksum of the record, for --update
inline constexpr unsigned kUpdatedSlot = 5;    // YYYY-MM-DD
// The title's collation key, a 0 byte, then the id: the order of equal scores and of browsing,
// a property of the records and not of document ids, which differ between one database and
// shards. (ICU sort keys hold no 0 byte but their last, so titles still sort first.)
inline constexpr unsigned kOrderSlot = 6;
// Every STYRK-08 code a record is filed under (kStyrkTerm: its codes and their unit groups),
// sorted and joined: what a distribution of the codes counts.
inline constexpr unsigned kStyrkSlot = 7;
inline constexpr char kValueSeparator = '\x1f';

// Gap between the position ranges of a document's fields. The summary and the body share their
// terms, so the gap is what keeps a phrase from running from the end of the summary into the
// body: a phrase's window is its number of words, far less than the gap.
inline constexpr unsigned kFieldPositionGap = 100;

// Metadata keys.
inline constexpr std::string_view kMetaAnalyzerVersion = "yrkesok.analyzer_version";
inline constexpr std::string_view kMetaSchemaVersion = "yrkesok.schema_version";
inline constexpr std::string_view kMetaCorpusChecksum = "yrkesok.corpus_checksum";
inline constexpr std::string_view kMetaDocumentCount = "yrkesok.document_count";
inline constexpr std::string_view kMetaBuildTime = "yrkesok.build_time";
inline constexpr std::string_view kMetaGeneration = "yrkesok.generation";
inline constexpr std::string_view kMetaShards = "yrkesok.shards";  // shards in the generation
// "true" when the generation keeps Xapian's term lists (indexer's term_lists: records updated in
// place, shards servable by xapian-tcpsrv), else "false"; absent in older generations.
inline constexpr std::string_view kMetaTermLists = "yrkesok.term_lists";
// How many body words a summary word counts as in kText (the profile's unless the build said
// otherwise); an update that wants another count rebuilds.
inline constexpr std::string_view kMetaSummaryRepeat = "yrkesok.summary_repeat";

inline std::string field_term(std::string_view field, std::string_view cls, std::string_view term) {
    std::string out;
    out.reserve(field.size() + cls.size() + term.size());
    out.append(field).append(cls).append(term);
    return out;
}

// The word of a whole-word field term ("XTlege" -> "lege"); empty for every other term (parts,
// stems, boolean terms).
inline std::string_view whole_word_of(std::string_view term) {
    for (const std::string_view field : kTextFields) {
        if (term.size() > field.size() && term.starts_with(field)) {
            const auto first = static_cast<unsigned char>(term[field.size()]);
            // Class letters are uppercase; a word starts with a lowercase letter, digit or UTF-8.
            if (first >= 'A' && first <= 'Z') return {};
            return term.substr(field.size());
        }
    }
    return {};
}

}  // namespace yrkesok::format
