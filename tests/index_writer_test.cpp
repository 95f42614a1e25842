// The indexer against a real on-disk index: every test builds into its own temporary directory
// from the fixture corpus in tests/fixtures/index/, then opens DIR/current with Xapian and checks
// what a searcher would see: field prefixes and term classes, facets, stored data, metadata,
// the spelling and synonym tables, and the generation switching of build, update and delete.
#include "yrkesok/indexer/index_writer.h"

#include <gtest/gtest.h>
#include <xapian.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "support/pattern.h"
#include "support/temp_dir.h"
#include "yrkesok/analyzers/analyzer.h"
#include "yrkesok/format/layout.h"
#include "yrkesok/format/profile.h"
#include "yrkesok/format/schema.h"
#include "yrkesok/format/words.h"
#include "yrkesok/indexer/corpus.h"

namespace {

using yrkesok::testing::Pattern;

namespace fs = std::filesystem;
namespace s = yrkesok::format;
using yrkesok::analyzers::Analyzer;
using yrkesok::format::IndexLayout;
using yrkesok::index::build_index;
using yrkesok::index::delete_from_index;
using yrkesok::index::IndexBuildOptions;
using yrkesok::index::IndexError;
using yrkesok::index::IndexStats;
using yrkesok::index::Occupation;
using yrkesok::index::update_index;
using yrkesok::index::Vocabularies;

const fs::path kSource = YRKESOK_SOURCE_DIR;
const fs::path kFixtures = kSource / "tests/fixtures/index";
const fs::path kCorpusV1 = kFixtures / "occupations.jsonl";
const fs::path kCorpusV2 = kFixtures / "occupations_v2.jsonl";

std::vector<Occupation> load(const fs::path& file) {
    auto result = yrkesok::index::read_corpus(file, Vocabularies::load(kSource / "corpus"));
    if (!result.ok()) throw std::runtime_error(result.issues.front().to_string());
    return result.records;
}

const Occupation& find_record(const std::vector<Occupation>& records, const std::string& id) {
    auto it = std::find_if(records.begin(), records.end(),
                           [&](const Occupation& o) { return o.id == id; });
    if (it == records.end()) throw std::runtime_error("no fixture record " + id);
    return *it;
}

class IndexTest : public testing::Test {
  public:
    static void SetUpTestSuite() {
        // One Analyzer (about half a second to load) for every suite in this binary.
        if (!analyzer_) analyzer_ = new Analyzer();
        if (v1_.empty()) {
            v1_ = load(kCorpusV1);
            v2_ = load(kCorpusV2);
        }
    }

  protected:
    IndexBuildOptions options() const {
        IndexBuildOptions o;
        o.synonyms_file = kFixtures / "synonyms.tsv";
        o.corpus_checksum = yrkesok::index::file_checksum(kCorpusV1);
        return o;
    }
    IndexStats build(const std::vector<Occupation>& records) {
        return build_index(records, dir_, *analyzer_, options());
    }
    // A build that keeps each record's term list, which updates and deletes then change in
    // place instead of rebuilding.
    IndexStats build_with_term_lists(const std::vector<Occupation>& records) {
        auto o = options();
        o.term_lists = true;
        return build_index(records, dir_, *analyzer_, o);
    }
    // What an update from v1 to v2 reports, in place or by a rebuild.
    static void expect_counts_of_v1_to_v2(const IndexStats& stats) {
        EXPECT_EQ(stats.added, 1u);      // jordmor
        EXPECT_EQ(stats.updated, 1u);    // bakar
        EXPECT_EQ(stats.deleted, 1u);    // anleggsmaskinforer
        EXPECT_EQ(stats.unchanged, 4u);  // the rest
        EXPECT_EQ(stats.documents, 6u);
    }
    bool keeps_term_lists() const { return fs::exists(dir_ / "current" / "termlist.glass"); }
    // Every term of the current generation with its frequency, and the stored records by id:
    // what a search can see of an index.
    std::map<std::string, Xapian::doccount> term_frequencies() const {
        const auto db = open();
        std::map<std::string, Xapian::doccount> out;
        for (auto t = db.allterms_begin(); t != db.allterms_end(); ++t) out[*t] = t.get_termfreq();
        return out;
    }
    std::map<std::string, std::string> stored_records() const {
        const auto db = open();
        std::map<std::string, std::string> out;
        for (auto d = db.postlist_begin(""); d != db.postlist_end(""); ++d) {
            const std::string data = db.get_document(*d).get_data();
            out[nlohmann::json::parse(data)["id"].get<std::string>()] = data;
        }
        return out;
    }
    Xapian::Database open() const { return Xapian::Database((dir_ / "current").string()); }
    std::string current() const { return IndexLayout(dir_).current_generation().value_or(""); }

    // Names in the index directory other than `current`, sorted.
    std::vector<std::string> entries() const {
        std::vector<std::string> names;
        for (const auto& entry : fs::directory_iterator(dir_)) {
            names.push_back(entry.path().filename().string());
        }
        std::sort(names.begin(), names.end());
        return names;
    }

    static Xapian::Document document(const Xapian::Database& db, const std::string& id) {
        auto term = std::string(s::kIdTerm) + id;
        auto it = db.postlist_begin(term);
        if (it == db.postlist_end(term)) throw std::runtime_error("no document " + id);
        return db.get_document(*it);
    }
    static Xapian::docid docid(const Xapian::Database& db, const std::string& id) {
        return document(db, id).get_docid();
    }
    static std::set<std::string> synonyms(const Xapian::Database& db, const std::string& key) {
        return {db.synonyms_begin(key), db.synonyms_end(key)};
    }
    // A term of a document of the current generation, read from the term's posting list (a
    // generation keeps no term lists unless built with term_lists): its wdf, none when the
    // document lacks it.
    std::optional<Xapian::termcount> wdf(const Xapian::Document& doc,
                                         const std::string& term) const {
        return yrkesok::format::wdf_in_document(open(), doc.get_docid(), term);
    }
    bool has_term(const Xapian::Document& doc, const std::string& term) const {
        return wdf(doc, term).has_value();
    }
    std::vector<Xapian::termpos> positions(const Xapian::Document& doc,
                                           const std::string& term) const {
        if (!has_term(doc, term)) return {};
        const auto db = open();
        return {db.positionlist_begin(doc.get_docid(), term),
                db.positionlist_end(doc.get_docid(), term)};
    }

    static Analyzer* analyzer_;
    static std::vector<Occupation> v1_;
    static std::vector<Occupation> v2_;
    yrkesok::testing::TempDir tmp_{"index-test"};
    const fs::path dir_ = tmp_.path() / "index";
};

Analyzer* IndexTest::analyzer_ = nullptr;
std::vector<Occupation> IndexTest::v1_;
std::vector<Occupation> IndexTest::v2_;

class IndexBuild : public IndexTest {};
class IndexUpdate : public IndexTest {};
class IndexDelete : public IndexTest {};
class IndexGenerations : public IndexTest {};

// --- build: what a document looks like ---

TEST_F(IndexBuild, WritesTitleTermsAndSummaryAndBodyTermsUnderTheirPrefixes) {
    build(v1_);
    auto db = open();
    auto doc = document(db, "lungemaskinist");
    EXPECT_TRUE(has_term(doc, "XTlungemaskinist"));
    EXPECT_TRUE(has_term(doc, "XDoperasjoner"));  // summary
    EXPECT_TRUE(has_term(doc, "XDkirurgen"));     // body
    // Body words are not title words.
    EXPECT_FALSE(has_term(doc, "XTkirurgen"));
    EXPECT_EQ(wdf(doc, "XTlungemaskinist"), 1u);
    // Each word is one term per field: no unprefixed copy of the words.
    EXPECT_FALSE(has_term(doc, "lungemaskinist"));
    EXPECT_FALSE(has_term(doc, "kirurgen"));
}

TEST_F(IndexBuild, WritesWholeWordPositionsPerFieldWithGaps) {
    build(v1_);
    auto db = open();
    auto doc = document(db, "lungemaskinist");
    // The title word is at position 1; the summary starts past the field gap.
    auto title = positions(doc, "XTlungemaskinist");
    ASSERT_FALSE(title.empty());
    EXPECT_EQ(title.front(), 1u);
    auto summary = positions(doc, "XDoperasjon");  // "operasjoner": on its lemma
    ASSERT_EQ(summary.size(), 1u);
    EXPECT_GT(summary.front(), 1u + s::kFieldPositionGap);
    auto body = positions(doc, "XDkirurg");  // "kirurgen"
    ASSERT_EQ(body.size(), 1u);
    EXPECT_GT(body.front(), summary.front() + s::kFieldPositionGap);
    // A phrase matches within a field: "en lungemaskinist" opens the summary, but the title
    // word followed by the summary's first word is no phrase in any field.
    auto phrase_hits = [&](const std::string& first, const std::string& second) {
        std::vector<Xapian::Query> in_fields;
        for (const std::string_view field : s::kTextFields) {
            const std::vector<std::string> phrase{s::field_term(field, "", first),
                                                  s::field_term(field, "", second)};
            in_fields.emplace_back(Xapian::Query::OP_PHRASE, phrase.begin(), phrase.end());
        }
        Xapian::Enquire enquire(db);
        enquire.set_query(Xapian::Query(Xapian::Query::OP_OR, in_fields.begin(), in_fields.end()));
        return enquire.get_mset(0, 10).size();
    };
    EXPECT_EQ(phrase_hits("en", "lungemaskinist"), 1u);
    EXPECT_EQ(phrase_hits("lungemaskinist", "en"), 0u);
}

TEST_F(IndexBuild, KeepsPositionsOnLemmasOrTheSurfaceFormAndOnVariantsOnly) {
    build(v1_);
    auto db = open();
    auto doc = document(db, "lungemaskinist");
    // "operasjoner" has a lemma: the lemma and the nynorsk form carry its position, the
    // inflected surface form only counts.
    ASSERT_TRUE(has_term(doc, "XDoperasjoner"));
    EXPECT_TRUE(positions(doc, "XDoperasjoner").empty());
    const auto lemma = positions(doc, "XDoperasjon");
    ASSERT_EQ(lemma.size(), 1u);
    EXPECT_EQ(positions(doc, "XDoperasjonar"), lemma);
    // Both forms still count towards the document's weight for the word: once in the summary,
    // which counts as the profile's repeat of body words.
    for (const char* form : {"XDoperasjoner", "XDoperasjon"}) {
        EXPECT_EQ(wdf(doc, form), yrkesok::format::kOccupationsProfile.summary_repeat) << form;
    }
    // A word with no lemma keeps its position on the surface form.
    EXPECT_EQ(positions(doc, "XTlungemaskinist"), std::vector<Xapian::termpos>{1u});
}

TEST_F(IndexBuild, WritesCompoundPartsUnderPartClassWithoutPositions) {
    build(v1_);
    auto db = open();
    auto doc = document(db, "lungemaskinist");
    ASSERT_TRUE(has_term(doc, "XTPlunge"));
    EXPECT_TRUE(has_term(doc, "XTPmaskinist"));
    EXPECT_TRUE(positions(doc, "XTPlunge").empty());
    EXPECT_GE(db.get_termfreq("XTPlunge"), 1u);
    // The part class is its own term: "XTP" + "lunge" is not the title word "plunge".
    EXPECT_EQ(db.get_termfreq("XTplunge"), 0u);
    auto other = document(db, "anleggsmaskinforer");
    EXPECT_TRUE(has_term(other, "XTPanlegg"));
}

TEST_F(IndexBuild, WritesStemClassTermsWithoutPositions) {
    build(v1_);
    auto db = open();
    std::size_t stems = 0;
    for (auto t = db.allterms_begin("XDZ"); t != db.allterms_end("XDZ"); ++t) {
        ++stems;
        for (auto p = db.postlist_begin(*t); p != db.postlist_end(*t); ++p) {
            EXPECT_EQ(db.positionlist_begin(*p, *t), db.positionlist_end(*p, *t)) << *t;
        }
    }
    EXPECT_GT(stems, 0u) << "no Snowball stem terms in any body";
}

TEST_F(IndexBuild, WritesFacetsAsBooleanTermsAndValues) {
    build(v1_);
    auto db = open();
    auto doc = document(db, "tomrer");
    for (const char* term : {"XS:Håndverkere", "XS:Bygg og anlegg", "XE:Fagbrev", "XL:nb",
                             "XC:7115", "Qtomrer", "XQtømrer"}) {
        ASSERT_TRUE(has_term(doc, term)) << term;
        EXPECT_EQ(wdf(doc, term), 0u) << term << " should be a boolean term";
    }
    EXPECT_EQ(db.get_termfreq("XS:Bygg og anlegg"), 2u);  // tømrer, anleggsmaskinfører
    EXPECT_EQ(db.get_termfreq("XS:Helse og sosial"), 2u);
    EXPECT_EQ(db.get_termfreq("XL:nn"), 2u);
    EXPECT_EQ(db.get_termfreq("XL:nb"), 4u);
    // A 7-digit NAV code also files the record under its 4-digit unit group.
    auto lunge = document(db, "lungemaskinist");
    EXPECT_TRUE(has_term(lunge, "XC:3211125"));
    EXPECT_TRUE(has_term(lunge, "XC:3211"));

    const std::string sep(1, s::kValueSeparator);
    EXPECT_EQ(doc.get_value(s::kSectorsSlot), "Håndverkere" + sep + "Bygg og anlegg");
    EXPECT_EQ(doc.get_value(s::kEducationSlot), "Fagbrev");
    EXPECT_EQ(doc.get_value(s::kLanguageSlot), "nb");
    EXPECT_EQ(doc.get_value(s::kUpdatedSlot), "2025-03-03");
    EXPECT_EQ(doc.get_value(s::kChecksumSlot).size(), 16u);
    auto bakar = document(db, "bakar");
    EXPECT_EQ(bakar.get_value(s::kEducationSlot), "Videregående skole" + sep + "Fagbrev");
    EXPECT_EQ(bakar.get_value(s::kLanguageSlot), "nn");
}

TEST_F(IndexBuild, TitleSortKeysFollowNorwegianCollation) {
    build(v1_);
    auto db = open();
    // The slot holds an ICU nb collation key: byte order of the keys is title order.
    auto key = [&](const std::string& id) { return document(db, id).get_value(s::kTitleSortSlot); };
    EXPECT_FALSE(key("tomrer").empty());
    EXPECT_LT(key("anleggsmaskinforer"), key("bakar"));
    EXPECT_LT(key("bakar"), key("lungemaskinist"));
    EXPECT_LT(key("systemutvikler"), key("tomrer"));
    // Sorting by the slot gives the titles in Norwegian order.
    Xapian::Enquire enquire(db);
    enquire.set_query(Xapian::Query::MatchAll);
    enquire.set_sort_by_value(s::kTitleSortSlot, false);
    std::vector<std::string> ids;
    auto mset = enquire.get_mset(0, 10);
    for (auto m = mset.begin(); m != mset.end(); ++m) {
        ids.push_back(nlohmann::json::parse(m.get_document().get_data())["id"]);
    }
    EXPECT_EQ(ids, (std::vector<std::string>{"anleggsmaskinforer", "bakar", "lungemaskinist",
                                             "sjukepleiar", "systemutvikler", "tomrer"}));
}

TEST_F(IndexBuild, StoresRecordJsonThatRoundTripsEveryField) {
    build(v1_);
    auto db = open();
    ASSERT_EQ(db.get_doccount(), v1_.size());
    for (const auto& record : v1_) {
        auto data = nlohmann::json::parse(document(db, record.id).get_data());
        EXPECT_EQ(data.size(), 9u) << record.id;
        EXPECT_EQ(data.at("id"), record.id);
        EXPECT_EQ(data.at("title"), record.title);
        EXPECT_EQ(data.at("styrk08").get<std::vector<std::string>>(), record.styrk08);
        EXPECT_EQ(data.at("sectors").get<std::vector<std::string>>(), record.sectors);
        EXPECT_EQ(data.at("education_levels").get<std::vector<std::string>>(),
                  record.education_levels);
        EXPECT_EQ(data.at("summary"), record.summary);
        EXPECT_EQ(data.at("body"), record.body);  // paragraph breaks included
        EXPECT_EQ(data.at("language"), record.language);
        EXPECT_EQ(data.at("updated"), record.updated);
    }
}

TEST_F(IndexBuild, RecordsMetadataForTheSearcher) {
    auto stats = build(v1_);
    auto db = open();
    EXPECT_EQ(db.get_metadata(std::string(s::kMetaAnalyzerVersion)),
              std::string(yrkesok::format::kAnalyzerVersion));
    EXPECT_EQ(db.get_metadata(std::string(s::kMetaSchemaVersion)),
              std::to_string(yrkesok::format::kSchemaVersion));
    EXPECT_EQ(db.get_metadata(std::string(s::kMetaCorpusChecksum)),
              yrkesok::index::file_checksum(kCorpusV1));
    EXPECT_EQ(db.get_metadata(std::string(s::kMetaDocumentCount)), "6");
    EXPECT_EQ(db.get_metadata(std::string(s::kMetaTermLists)), "false");
    EXPECT_TRUE(Pattern(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)")
                    .matches_all(db.get_metadata(std::string(s::kMetaBuildTime))))
        << db.get_metadata(std::string(s::kMetaBuildTime));
    EXPECT_EQ(db.get_metadata(std::string(s::kMetaGeneration)), stats.generation);
    EXPECT_EQ(stats.generation, current());
}

TEST_F(IndexBuild, ReportsExactStats) {
    auto stats = build(v1_);
    auto db = open();
    EXPECT_EQ(stats.documents, 6u);
    EXPECT_EQ(stats.added, 6u);
    EXPECT_EQ(stats.updated, 0u);
    EXPECT_EQ(stats.deleted, 0u);
    EXPECT_EQ(stats.unchanged, 0u);
    std::size_t terms = 0;
    for (auto t = db.allterms_begin(); t != db.allterms_end(); ++t) ++terms;
    EXPECT_EQ(stats.terms, terms);
    EXPECT_GT(stats.bytes, 0u);
    EXPECT_GT(stats.seconds, 0.0);
}

TEST_F(IndexBuild, FillsSpellingTableFromTheText) {
    build(v1_);
    auto db = open();
    EXPECT_EQ(db.get_spelling_suggestion("lungemaskinst"), "lungemaskinist");
    EXPECT_EQ(db.get_spelling_suggestion("sjukepleiiar"), "sjukepleiar");
    EXPECT_EQ(db.get_spelling_suggestion("tømmrer"), "tømrer");
    // A word that is in the table is not "corrected".
    EXPECT_EQ(db.get_spelling_suggestion("bakar"), "");
}

TEST_F(IndexBuild, LoadsSynonymsFromTheSynonymsFile) {
    build(v1_);
    auto db = open();
    EXPECT_EQ(synonyms(db, "snekker"), (std::set<std::string>{"tømrer"}));
    // Values are trimmed of the spaces after commas.
    EXPECT_EQ(synonyms(db, "programmerer"), (std::set<std::string>{"systemutvikler", "utvikler"}));
    EXPECT_TRUE(synonyms(db, "doktor").empty());
}

TEST_F(IndexBuild, WithoutSynonymsFileHasEmptySynonymTable) {
    auto opts = options();
    opts.synonyms_file.clear();
    build_index(v1_, dir_, *analyzer_, opts);
    auto db = open();
    EXPECT_EQ(db.synonym_keys_begin(), db.synonym_keys_end());
}

TEST_F(IndexBuild, RejectsMalformedSynonymsFileAndKeepsPreviousGeneration) {
    build(v1_);
    const auto before = current();
    auto bad = dir_.parent_path() / "bad_synonyms.tsv";
    std::ofstream(bad) << "snekker\ttømrer\nno tab on this line\n";
    auto opts = options();
    opts.synonyms_file = bad;
    try {
        build_index(v1_, dir_, *analyzer_, opts);
        FAIL() << "expected IndexError";
    } catch (const IndexError& e) {
        EXPECT_NE(std::string(e.what()).find("bad_synonyms.tsv:2"), std::string::npos) << e.what();
    }
    EXPECT_EQ(current(), before);
    EXPECT_EQ(open().get_doccount(), 6u);
}

// --- failure and generations ---

TEST_F(IndexGenerations, InterruptedBuildLeavesPreviousGenerationCurrentAndIntact) {
    build(v1_);
    const auto before = current();
    const auto checksum_before = document(open(), "bakar").get_value(s::kChecksumSlot);

    auto opts = options();
    opts.progress = [](std::size_t done, std::size_t) {
        if (done == 3) throw std::runtime_error("injected failure after 3 documents");
    };
    EXPECT_THROW(build_index(v2_, dir_, *analyzer_, opts), std::runtime_error);
    EXPECT_EQ(current(), before);
    auto db = open();
    EXPECT_EQ(db.get_doccount(), 6u);
    EXPECT_EQ(db.get_metadata(std::string(s::kMetaGeneration)), before);
    EXPECT_EQ(document(db, "bakar").get_value(s::kChecksumSlot), checksum_before);
    EXPECT_EQ(db.get_termfreq("Qanleggsmaskinforer"), 1u);

    // The next successful build leaves no .partial behind and switches over.
    auto stats = build(v2_);
    EXPECT_NE(stats.generation, before);
    EXPECT_EQ(current(), stats.generation);
    for (const auto& name : entries()) {
        EXPECT_FALSE(name.ends_with(".partial")) << name;
        EXPECT_FALSE(name.starts_with("current.next-")) << name;
    }
}

TEST_F(IndexGenerations, InterruptedUpdateLeavesPreviousGenerationCurrentAndIntact) {
    build(v1_);
    const auto before = current();
    auto opts = options();
    opts.progress = [](std::size_t done, std::size_t) {
        if (done == 2) throw std::runtime_error("injected failure");
    };
    EXPECT_THROW(update_index(v2_, dir_, *analyzer_, opts), std::runtime_error);
    EXPECT_EQ(current(), before);
    auto db = open();
    EXPECT_EQ(db.get_doccount(), 6u);
    EXPECT_EQ(db.get_termfreq("Qjordmor"), 0u);
    EXPECT_EQ(db.get_termfreq("Qanleggsmaskinforer"), 1u);
}

TEST_F(IndexGenerations, KeepsExactlyCurrentAndPreviousGeneration) {
    std::vector<std::string> made;
    for (int i = 0; i < 4; ++i) made.push_back(build(i % 2 ? v2_ : v1_).generation);
    EXPECT_EQ(made,
              (std::vector<std::string>{"gen-000001", "gen-000002", "gen-000003", "gen-000004"}));
    EXPECT_EQ(current(), "gen-000004");
    EXPECT_EQ(IndexLayout(dir_).generations(),
              (std::vector<std::string>{"gen-000003", "gen-000004"}));
    EXPECT_EQ(entries(), (std::vector<std::string>{"current", "gen-000003", "gen-000004"}));
    // The previous generation is complete and still opens.
    Xapian::Database previous((dir_ / "gen-000003").string());
    EXPECT_EQ(previous.get_doccount(), 6u);
    EXPECT_EQ(previous.get_termfreq("Qanleggsmaskinforer"), 1u);
}

TEST_F(IndexGenerations, KeepGenerationsOneKeepsOnlyCurrent) {
    auto opts = options();
    opts.keep_generations = 1;
    build_index(v1_, dir_, *analyzer_, opts);
    build_index(v2_, dir_, *analyzer_, opts);
    EXPECT_EQ(entries(), (std::vector<std::string>{"current", "gen-000002"}));
}

TEST_F(IndexGenerations, NextBuildRemovesLeftoverPartialDirectories) {
    build(v1_);
    // What a crash (kill -9) mid-build leaves behind.
    fs::create_directories(dir_ / "gen-000009.partial");
    std::ofstream(dir_ / "gen-000009.partial" / "postlist.glass") << "half-written";
    fs::create_directory_symlink("gen-000001", dir_ / "current.next-gen-000009");
    EXPECT_EQ(current(), "gen-000001");  // a reader still sees the old one

    auto stats = build(v2_);
    EXPECT_EQ(current(), stats.generation);
    EXPECT_EQ(entries(), (std::vector<std::string>{"current", "gen-000001", stats.generation}));
    EXPECT_EQ(open().get_doccount(), 6u);
}

TEST_F(IndexGenerations, CommitEveryDoesNotChangeTheResult) {
    auto opts = options();
    opts.commit_every = 2;
    build_index(v1_, dir_, *analyzer_, opts);
    auto db = open();
    EXPECT_EQ(db.get_doccount(), 6u);
    EXPECT_EQ(db.get_metadata(std::string(s::kMetaDocumentCount)), "6");
    EXPECT_EQ(synonyms(db, "snekker"), (std::set<std::string>{"tømrer"}));
}

// --- update ---

TEST_F(IndexUpdate, ReplacesChangedRecordAddsNewDeletesVanishedKeepsOthers) {
    build_with_term_lists(v1_);
    const auto before = current();
    auto db1 = open();
    const auto bakar_checksum = document(db1, "bakar").get_value(s::kChecksumSlot);
    const auto tomrer_docid = docid(db1, "tomrer");
    const auto tomrer_checksum = document(db1, "tomrer").get_value(s::kChecksumSlot);

    auto stats = update_index(v2_, dir_, *analyzer_, options());
    expect_counts_of_v1_to_v2(stats);
    EXPECT_FALSE(stats.full_build);
    EXPECT_NE(stats.generation, before);
    EXPECT_EQ(current(), stats.generation);

    auto db = open();
    EXPECT_EQ(db.get_doccount(), 6u);
    EXPECT_EQ(db.get_metadata(std::string(s::kMetaDocumentCount)), "6");
    EXPECT_EQ(db.get_metadata(std::string(s::kMetaGeneration)), stats.generation);
    // Changed: new checksum, new text, old-only words gone from the field.
    auto bakar = document(db, "bakar");
    EXPECT_NE(bakar.get_value(s::kChecksumSlot), bakar_checksum);
    EXPECT_EQ(bakar.get_value(s::kUpdatedSlot), "2025-09-01");
    EXPECT_TRUE(has_term(bakar, "XDkonditorvarer"));
    EXPECT_EQ(db.get_termfreq("XDbollar"), 0u);
    EXPECT_EQ(nlohmann::json::parse(bakar.get_data())["summary"],
              find_record(v2_, "bakar").summary);
    // Unchanged: same document, same checksum.
    EXPECT_EQ(docid(db, "tomrer"), tomrer_docid);
    EXPECT_EQ(document(db, "tomrer").get_value(s::kChecksumSlot), tomrer_checksum);
    // Added and deleted, facets included.
    EXPECT_EQ(db.get_termfreq("Qjordmor"), 1u);
    EXPECT_EQ(db.get_termfreq("Qanleggsmaskinforer"), 0u);
    EXPECT_EQ(db.get_termfreq("XS:Bygg og anlegg"), 1u);
    EXPECT_EQ(db.get_termfreq("XC:8342"), 0u);
    EXPECT_EQ(db.get_termfreq("XC:2222"), 1u);
    EXPECT_EQ(db.get_termfreq("XL:nn"), 3u);
    EXPECT_EQ(db.get_termfreq("XTanleggsmaskinfører"), 0u);
    // The previous generation is untouched.
    Xapian::Database previous((dir_ / before).string());
    EXPECT_EQ(previous.get_termfreq("Qanleggsmaskinforer"), 1u);
    EXPECT_EQ(document(previous, "bakar").get_value(s::kChecksumSlot), bakar_checksum);
}

// Without term lists (the default) an update is a full build of the corpus: it reports what
// changed as one in place does, and leaves what a fresh build of the corpus would.
TEST_F(IndexUpdate, WithoutTermListsRebuildsAndReportsWhatChanged) {
    build(v1_);
    ASSERT_FALSE(keeps_term_lists());
    const auto before = current();
    auto stats = update_index(v2_, dir_, *analyzer_, options());
    expect_counts_of_v1_to_v2(stats);
    EXPECT_TRUE(stats.full_build);
    EXPECT_EQ(current(), stats.generation);
    EXPECT_FALSE(keeps_term_lists());
    const auto updated_terms = term_frequencies();
    const auto updated_records = stored_records();
    EXPECT_EQ(updated_terms.count("XDbollar"), 0u);
    EXPECT_EQ(updated_terms.at("Qjordmor"), 1u);
    // The previous generation is untouched.
    EXPECT_EQ(Xapian::Database((dir_ / before).string()).get_termfreq("Qanleggsmaskinforer"), 1u);

    fs::remove_all(dir_);
    build(v2_);
    EXPECT_EQ(updated_terms, term_frequencies());
    EXPECT_EQ(updated_records, stored_records());
}

// An index built with term lists keeps them through an update.
TEST_F(IndexUpdate, KeepsTheTermListsOfAnIndexBuiltWithThem) {
    build_with_term_lists(v1_);
    update_index(v2_, dir_, *analyzer_, options());
    EXPECT_TRUE(keeps_term_lists());
    EXPECT_EQ(open().get_metadata(std::string(s::kMetaTermLists)), "true");
}

TEST_F(IndexUpdate, SameCorpusLeavesEveryRecordUnchanged) {
    build(v1_);
    auto stats = update_index(v1_, dir_, *analyzer_, options());
    EXPECT_EQ(stats.unchanged, 6u);
    EXPECT_EQ(stats.added, 0u);
    EXPECT_EQ(stats.updated, 0u);
    EXPECT_EQ(stats.deleted, 0u);
    EXPECT_EQ(stats.documents, 6u);
    EXPECT_EQ(open().get_doccount(), 6u);
}

TEST_F(IndexUpdate, FallsBackToFullBuildWithoutAnIndex) {
    auto stats = update_index(v1_, dir_, *analyzer_, options());
    EXPECT_EQ(stats.added, 6u);
    EXPECT_EQ(stats.generation, "gen-000001");
    EXPECT_EQ(open().get_doccount(), 6u);
}

TEST_F(IndexUpdate, ReplacesTheSynonymTable) {
    build(v1_);
    auto opts = options();
    opts.synonyms_file = kFixtures / "synonyms_v2.tsv";
    update_index(v1_, dir_, *analyzer_, opts);
    auto db = open();
    EXPECT_EQ(synonyms(db, "doktor"), (std::set<std::string>{"lege"}));
    EXPECT_TRUE(synonyms(db, "snekker").empty());
    EXPECT_TRUE(synonyms(db, "programmerer").empty());
}

TEST_F(IndexUpdate, AddsSpellingForNewRecords) {
    build(v1_);
    update_index(v2_, dir_, *analyzer_, options());
    EXPECT_EQ(open().get_spelling_suggestion("jordmorr"), "jordmor");
}

// Words of deleted or changed records must leave the spelling table, or the searcher would
// "correct" a query to a word no document contains any more.
TEST_F(IndexUpdate, ForgetsSpellingOfDeletedRecords) {
    build(v1_);
    update_index(v2_, dir_, *analyzer_, options());
    auto db = open();
    ASSERT_EQ(db.get_termfreq("anleggsmaskinfører"), 0u);
    EXPECT_EQ(db.get_spelling_suggestion("anleggsmaskinførr"), "");
}

// Terms from another analyzer version must not be mixed with ours.
TEST_F(IndexUpdate, RebuildsFullyWhenAnalyzerVersionDiffers) {
    build(v1_);
    {
        Xapian::WritableDatabase db((dir_ / "current").string(),
                                    Xapian::DB_OPEN | Xapian::DB_NO_TERMLIST);
        db.set_metadata(std::string(s::kMetaAnalyzerVersion), "0");
        db.commit();
    }
    auto stats = update_index(v2_, dir_, *analyzer_, options());
    EXPECT_EQ(stats.unchanged, 0u);
    EXPECT_EQ(stats.added, 6u);
    auto db = open();
    EXPECT_EQ(db.get_doccount(), 6u);
    EXPECT_EQ(db.get_metadata(std::string(s::kMetaAnalyzerVersion)),
              std::string(yrkesok::format::kAnalyzerVersion));
}

// The same holds for the schema version (the term and value layout): an index of another
// schema must not keep its old layout for unchanged records.
TEST_F(IndexUpdate, RebuildsFullyWhenSchemaVersionDiffers) {
    build(v1_);
    {
        Xapian::WritableDatabase db((dir_ / "current").string(),
                                    Xapian::DB_OPEN | Xapian::DB_NO_TERMLIST);
        db.set_metadata(std::string(s::kMetaSchemaVersion), "0");
        db.commit();
    }
    auto stats = update_index(v2_, dir_, *analyzer_, options());
    EXPECT_EQ(stats.unchanged, 0u);
    EXPECT_EQ(stats.added, 6u);
}

// --- delete ---

TEST_F(IndexDelete, RemovesTheIdAndKeepsTheOthers) {
    build_with_term_lists(v1_);
    const auto before = current();
    const auto bakar = docid(open(), "bakar");
    auto stats = delete_from_index({"tomrer"}, dir_, *analyzer_, options());
    EXPECT_EQ(stats.deleted, 1u);
    EXPECT_EQ(stats.documents, 5u);
    EXPECT_NE(current(), before);
    auto db = open();
    EXPECT_EQ(db.get_doccount(), 5u);
    EXPECT_EQ(db.get_termfreq("Qtomrer"), 0u);
    EXPECT_EQ(db.get_termfreq("XS:Håndverkere"), 0u);
    EXPECT_EQ(db.get_termfreq("XTtømrer"), 0u);
    EXPECT_EQ(docid(db, "bakar"), bakar);
    EXPECT_EQ(db.get_metadata(std::string(s::kMetaDocumentCount)), "5");
}

// Without term lists a delete builds the other records again from what the index stores, with
// the index's synonyms and corpus checksum: the index a fresh build of them would be.
TEST_F(IndexDelete, WithoutTermListsRebuildsTheOtherRecordsAsAFreshBuildWould) {
    build(v1_);
    ASSERT_FALSE(keeps_term_lists());
    const auto checksum = open().get_metadata(std::string(s::kMetaCorpusChecksum));
    ASSERT_FALSE(synonyms(open(), "snekker").empty());
    auto stats = delete_from_index({"tomrer"}, dir_, *analyzer_, IndexBuildOptions{});
    EXPECT_EQ(stats.deleted, 1u);
    EXPECT_EQ(stats.added, 0u);
    EXPECT_EQ(stats.documents, 5u);
    auto db = open();
    EXPECT_EQ(db.get_termfreq("Qtomrer"), 0u);
    EXPECT_EQ(db.get_metadata(std::string(s::kMetaCorpusChecksum)), checksum);
    EXPECT_EQ(db.get_metadata(std::string(s::kMetaDocumentCount)), "5");
    EXPECT_FALSE(synonyms(db, "snekker").empty());
    const auto deleted_terms = term_frequencies();
    const auto deleted_records = stored_records();

    fs::remove_all(dir_);
    std::vector<Occupation> others;
    for (const auto& record : v1_) {
        if (record.id != "tomrer") others.push_back(record);
    }
    build(others);
    EXPECT_EQ(deleted_terms, term_frequencies());
    EXPECT_EQ(deleted_records, stored_records());
}

TEST_F(IndexDelete, ThrowsOnUnknownIdAndLeavesIndexUntouched) {
    build(v1_);
    const auto before = current();
    try {
        delete_from_index({"tomrer", "astronaut"}, dir_, *analyzer_, options());
        FAIL() << "expected IndexError";
    } catch (const IndexError& e) {
        EXPECT_NE(std::string(e.what()).find("astronaut"), std::string::npos) << e.what();
    }
    EXPECT_EQ(current(), before);
    auto db = open();
    EXPECT_EQ(db.get_doccount(), 6u);
    EXPECT_EQ(db.get_termfreq("Qtomrer"), 1u);  // nothing of the batch was applied
    EXPECT_EQ(entries(), (std::vector<std::string>{"current", before}));
}

TEST_F(IndexDelete, ForgetsSpellingOfTheDeletedRecord) {
    build(v1_);
    ASSERT_EQ(open().get_spelling_suggestion("tømrerr"), "tømrer");
    delete_from_index({"tomrer"}, dir_, *analyzer_, options());
    EXPECT_EQ(open().get_spelling_suggestion("tømrerr"), "");
}

// A delete rewrites no document, so it must not relabel an index of another analyzer
// version as current: the searcher's version check would then pass on terms it cannot match.
TEST_F(IndexDelete, KeepsTheAnalyzerVersionOfTheIndex) {
    build_with_term_lists(v1_);
    {
        Xapian::WritableDatabase db((dir_ / "current").string(),
                                    Xapian::DB_OPEN | Xapian::DB_NO_TERMLIST);
        db.set_metadata(std::string(s::kMetaAnalyzerVersion), "0");
        db.commit();
    }
    delete_from_index({"tomrer"}, dir_, *analyzer_, options());
    EXPECT_EQ(open().get_metadata(std::string(s::kMetaAnalyzerVersion)), "0");
}

// Two writers in one directory would pick the same generation and clean up each other's work.
TEST_F(IndexGenerations, RefusesASecondWriterWhileOneIsWriting) {
    build(v1_);
    const auto before = current();
    auto opts = options();
    bool second_refused = false;
    opts.progress = [&](std::size_t done, std::size_t) {
        if (done != 1) return;
        try {
            update_index(v2_, dir_, *analyzer_, options());
        } catch (const IndexError& e) {
            second_refused =
                std::string(e.what()).find("another yrkesok index") != std::string::npos;
        }
    };
    build_index(v2_, dir_, *analyzer_, opts);
    EXPECT_TRUE(second_refused);
    EXPECT_NE(current(), before);
    EXPECT_EQ(open().get_doccount(), v2_.size());
}

TEST_F(IndexDelete, ThrowsWhenThereIsNoIndex) {
    EXPECT_THROW(delete_from_index({"tomrer"}, dir_, *analyzer_, options()), IndexError);
}

}  // namespace
