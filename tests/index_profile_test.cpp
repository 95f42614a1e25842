// Ranking profiles (format/profile.h) on real indexes: the profile a build records, how updates
// keep or change it, and that searches of an index analyse and weigh as its profile says.
#include <gtest/gtest.h>
#include <xapian.h>

#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "support/temp_dir.h"
#include "yrkesok/analyzers/analyzer.h"
#include "yrkesok/format/open.h"
#include "yrkesok/format/profile.h"
#include "yrkesok/format/schema.h"
#include "yrkesok/format/words.h"
#include "yrkesok/indexer/index_writer.h"
#include "yrkesok/searcher/search_engine.h"

namespace {

namespace fs = std::filesystem;
using yrkesok::analyzers::Analyzer;
using yrkesok::analyzers::analyzer_options_for;
using yrkesok::format::kOccupationsProfile;
using yrkesok::format::kPassagesProfile;
using yrkesok::format::Profile;
using yrkesok::index::IndexBuildOptions;
using yrkesok::index::Occupation;
using yrkesok::search::SearchEngine;
using yrkesok::search::SearchRequest;
using yrkesok::testing::TempDir;

Occupation record(std::string id, std::string title, std::string body) {
    Occupation o;
    o.id = std::move(id);
    o.title = std::move(title);
    o.summary = "En kort omtale.";
    o.body = std::move(body);
    o.language = "nb";
    o.updated = "2026-12-04";
    return o;
}

// "kran" in one record's title and many times in another's body, among records without it:
// titles first puts the first ahead, the body first the second.
std::vector<Occupation> records() {
    std::vector<Occupation> out = {
        record("tittel", "Kran og lager", "Arbeid med varer på et lager hver dag."),
        record("tekst", "Lagerarbeider",
               "En kran løfter tungt. Med kran flyttes varer, og kran brukes hver dag."),
    };
    for (int i = 0; i < 6; ++i) {
        out.push_back(record("fyll-" + std::to_string(i), "Kontor " + std::to_string(i),
                             "Arbeid med papir, telefon og kunder."));
    }
    return out;
}

const Profile& recorded_profile(const fs::path& dir) {
    const auto opened = yrkesok::format::open_current_generation(dir.string());
    return yrkesok::format::profile_of(opened.db, dir.string());
}

// One analyzer per profile for the whole binary (each takes about a second to load).
std::shared_ptr<const Analyzer> analyzer_for(const Profile& profile) {
    static const auto occupations =
        std::make_shared<const Analyzer>(analyzer_options_for(kOccupationsProfile));
    static const auto passages =
        std::make_shared<const Analyzer>(analyzer_options_for(kPassagesProfile));
    return profile.name == kPassagesProfile.name ? passages : occupations;
}

std::string first_hit(const fs::path& dir, const std::string& query) {
    SearchEngine engine(dir.string(), analyzer_for(recorded_profile(dir)));
    SearchRequest request;
    request.query = query;
    const auto response = engine.search(request);
    return response.hits.empty() ? "" : response.hits.front().id;
}

fs::path build(const TempDir& tmp, const std::string& profile) {
    const fs::path dir = tmp.path() / ("index-" + (profile.empty() ? "default" : profile));
    IndexBuildOptions options;
    options.profile = profile;
    const auto analyzer = analyzer_for(
        yrkesok::format::profile_named(yrkesok::index::profile_for_build(dir, options)));
    yrkesok::index::build_index(records(), dir, *analyzer, options);
    return dir;
}

TEST(IndexProfile, ANewIndexRecordsTheOccupationsProfile) {
    TempDir tmp("profile");
    EXPECT_EQ(recorded_profile(build(tmp, "")).name, "occupations");
}

TEST(IndexProfile, TheFieldWeightsOfTheRecordedProfileRankTheHits) {
    TempDir tmp("profile");
    EXPECT_EQ(first_hit(build(tmp, "occupations"), "kran"), "tittel");
    EXPECT_EQ(first_hit(build(tmp, "passages"), "kran"), "tekst");
}

TEST(IndexProfile, QueriesOfAnIndexAreAnalysedAsItsProfileSays) {
    TempDir tmp("profile");
    const fs::path passages = build(tmp, "passages");
    EXPECT_EQ(recorded_profile(passages).name, "passages");
    const auto analyzer = yrkesok::search::analyzer_for_index(passages.string());
    EXPECT_FALSE(analyzer->options().lemmas);
    EXPECT_FALSE(analyzer->options().variants);
    EXPECT_TRUE(yrkesok::search::analyzer_for_index(build(tmp, "").string())->options().lemmas);
}

TEST(IndexProfile, AnUpdateKeepsTheProfileAndAnotherProfileRebuilds) {
    TempDir tmp("profile");
    const fs::path dir = build(tmp, "passages");
    IndexBuildOptions keep;  // no profile asked: the index's own
    EXPECT_EQ(yrkesok::index::profile_for_build(dir, keep), "passages");
    const auto kept =
        yrkesok::index::update_index(records(), dir, *analyzer_for(kPassagesProfile), keep);
    EXPECT_EQ(kept.added, 0u);
    EXPECT_EQ(recorded_profile(dir).name, "passages");

    IndexBuildOptions change;
    change.profile = "occupations";
    const auto rebuilt =
        yrkesok::index::update_index(records(), dir, *analyzer_for(kOccupationsProfile), change);
    EXPECT_EQ(rebuilt.added, records().size()) << "another profile analyses every record anew";
    EXPECT_EQ(recorded_profile(dir).name, "occupations");
    EXPECT_EQ(first_hit(dir, "kran"), "tittel");
}

// The summary and the body share one term space, where a summary word counts as the profile's
// summary_repeat body words (format/schema.h, kText).
Xapian::termcount wdf_in(const fs::path& dir, const std::string& id, const std::string& term) {
    const auto opened = yrkesok::format::open_current_generation(dir.string());
    const auto posting = opened.db.postlist_begin("Q" + id);
    return yrkesok::format::wdf_in_document(opened.db, *posting, term).value_or(0);
}

std::string recorded_summary_repeat(const fs::path& dir) {
    return yrkesok::format::open_current_generation(dir.string())
        .db.get_metadata(std::string(yrkesok::format::kMetaSummaryRepeat));
}

TEST(IndexProfile, ASummaryWordCountsAsTheProfilesRepeatOfBodyWords) {
    TempDir tmp("profile");
    const fs::path occupations = build(tmp, "occupations");
    // "omtale" is in every summary, "kran" three times in one body.
    EXPECT_EQ(wdf_in(occupations, "tekst", "XDomtale"), kOccupationsProfile.summary_repeat);
    EXPECT_EQ(wdf_in(occupations, "tekst", "XDkran"), 3u);
    EXPECT_EQ(recorded_summary_repeat(occupations),
              std::to_string(kOccupationsProfile.summary_repeat));
    const fs::path passages = build(tmp, "passages");
    EXPECT_EQ(wdf_in(passages, "tekst", "XDomtale"), kPassagesProfile.summary_repeat);
}

TEST(IndexProfile, AnUpdateKeepsTheSummaryRepeatAndAnotherOneRebuilds) {
    TempDir tmp("profile");
    const fs::path dir = build(tmp, "occupations");
    const auto analyzer = analyzer_for(kOccupationsProfile);
    IndexBuildOptions keep;
    EXPECT_EQ(yrkesok::index::update_index(records(), dir, *analyzer, keep).added, 0u);
    EXPECT_EQ(recorded_summary_repeat(dir), std::to_string(kOccupationsProfile.summary_repeat));

    IndexBuildOptions change;
    change.summary_repeat = 2;
    EXPECT_EQ(yrkesok::index::update_index(records(), dir, *analyzer, change).added,
              records().size())
        << "another repeat weighs every record anew";
    EXPECT_EQ(recorded_summary_repeat(dir), "2");
    EXPECT_EQ(wdf_in(dir, "tekst", "XDomtale"), 2u);
    // Asking for none is asking for the profile's: back to it, again by a rebuild.
    EXPECT_EQ(yrkesok::index::update_index(records(), dir, *analyzer, keep).added,
              records().size());
    EXPECT_EQ(recorded_summary_repeat(dir), std::to_string(kOccupationsProfile.summary_repeat));
}

TEST(IndexProfile, AnUnknownProfileIsRefusedByName) {
    TempDir tmp("profile");
    IndexBuildOptions options;
    options.profile = "nyheter";
    try {
        yrkesok::index::profile_for_build(tmp.path() / "index", options);
        FAIL() << "an unknown profile must be refused";
    } catch (const std::invalid_argument& e) {
        const std::string message = e.what();
        EXPECT_NE(message.find("\"nyheter\""), std::string::npos) << message;
        EXPECT_NE(message.find("occupations, passages"), std::string::npos) << message;
    }
}

// An index whose current generation records "nyheter", a profile no build knows (as one made
// by a later version might).
fs::path build_recording_unknown_profile(const TempDir& tmp) {
    const fs::path dir = build(tmp, "");
    const auto opened = yrkesok::format::open_current_generation(dir.string());
    Xapian::WritableDatabase db(opened.path, Xapian::DB_OPEN | Xapian::DB_NO_TERMLIST);
    db.set_metadata(std::string(yrkesok::format::kMetaProfile), "nyheter");
    db.commit();
    return dir;
}

TEST(IndexProfile, AnIndexRecordingAProfileThisBuildDoesNotKnowIsNotOpened) {
    TempDir tmp("profile");
    const fs::path dir = build_recording_unknown_profile(tmp);
    EXPECT_THROW(SearchEngine(dir.string(), analyzer_for(kOccupationsProfile)),
                 yrkesok::format::IndexOpenError);
}

TEST(IndexProfile, AnUpdateOfAnIndexRecordingAnUnknownProfileAsksForOneAndThenRebuilds) {
    TempDir tmp("profile");
    const fs::path dir = build_recording_unknown_profile(tmp);
    try {
        yrkesok::index::update_index(records(), dir, *analyzer_for(kOccupationsProfile),
                                     IndexBuildOptions{});
        FAIL() << "an update must not guess the profile of an index it cannot read";
    } catch (const yrkesok::index::IndexError& e) {
        const std::string message = e.what();
        EXPECT_NE(message.find("\"nyheter\""), std::string::npos) << message;
        EXPECT_NE(message.find("--profile"), std::string::npos) << message;
    }
    IndexBuildOptions named;
    named.profile = "occupations";
    const auto rebuilt =
        yrkesok::index::update_index(records(), dir, *analyzer_for(kOccupationsProfile), named);
    EXPECT_EQ(rebuilt.added, records().size());
    EXPECT_EQ(recorded_profile(dir).name, "occupations");
}

TEST(IndexProfile, EvaluationsMayKeepTheirOwnFieldWeights) {
    yrkesok::search::RankingOptions asked;
    asked.title_weight = 7;
    const auto from_index = yrkesok::search::ranking_for_index(asked, kPassagesProfile);
    EXPECT_EQ(from_index.title_weight, kPassagesProfile.title_weight);
    EXPECT_EQ(from_index.text_weight, kPassagesProfile.text_weight);
    EXPECT_EQ(from_index.bm25_k1, kPassagesProfile.bm25_k1);
    asked.field_weights_from_index = false;
    EXPECT_EQ(yrkesok::search::ranking_for_index(asked, kPassagesProfile).title_weight, 7);
}

}  // namespace
