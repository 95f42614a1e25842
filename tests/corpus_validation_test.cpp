// The corpus reader reports each kind of problem as FILE:LINE: field, and accepts good records.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "yrkesok/indexer/corpus.h"

namespace {

using yrkesok::index::read_corpus;
using yrkesok::index::Vocabularies;

const std::filesystem::path kSource = YRKESOK_SOURCE_DIR;
const std::filesystem::path kFixtures = kSource / "tests/fixtures/corpus";
const std::filesystem::path kStyrkMapping =
    kSource / "tests/fixtures/styrk08-nav/styrk_category_mapping.csv";

Vocabularies vocabularies() {
    return Vocabularies::load(kSource / "corpus");
}

TEST(CorpusReader, AcceptsValidFixture) {
    auto result = read_corpus(kFixtures / "valid.jsonl", vocabularies());
    EXPECT_TRUE(result.ok()) << (result.issues.empty() ? "" : result.issues[0].to_string());
    ASSERT_EQ(result.records.size(), 3u);
    EXPECT_EQ(result.records[0].id, "perfusjonist");
    EXPECT_EQ(result.records[2].title, "Røyrleggjar");
    EXPECT_EQ(result.records[2].sectors.size(), 2u);
    EXPECT_EQ(result.records[2].line, 3u);
}

struct BrokenFixture {
    std::string file;
    std::size_t line;
    std::string field;
    std::string message_part;
};

class BrokenCorpus : public testing::TestWithParam<BrokenFixture> {};

TEST_P(BrokenCorpus, ReportsFileLineAndField) {
    const auto& expected = GetParam();
    auto path = kFixtures / expected.file;
    auto result = read_corpus(path, vocabularies());
    ASSERT_FALSE(result.ok());
    const auto& issue = result.issues.front();
    EXPECT_EQ(issue.line, expected.line);
    EXPECT_EQ(issue.field, expected.field);
    EXPECT_NE(issue.message.find(expected.message_part), std::string::npos) << issue.message;
    std::string prefix =
        path.string() + ":" + std::to_string(expected.line) + ": " + expected.field + ": ";
    EXPECT_EQ(issue.to_string().rfind(prefix, 0), 0u) << issue.to_string();
    // The good record before the broken one is still read.
    EXPECT_GE(result.records.size(), 1u);
}

INSTANTIATE_TEST_SUITE_P(
    EachKindOfProblem, BrokenCorpus,
    testing::Values(BrokenFixture{"invalid_json.jsonl", 2, "record", "invalid JSON"},
                    BrokenFixture{"invalid_utf8.jsonl", 2, "record", "invalid UTF-8"},
                    BrokenFixture{"not_object.jsonl", 2, "record", "expected a JSON object"},
                    BrokenFixture{"missing_field.jsonl", 2, "title", "missing"},
                    BrokenFixture{"empty_field.jsonl", 2, "summary", "empty"},
                    BrokenFixture{"wrong_type.jsonl", 2, "sectors", "expected a list"},
                    BrokenFixture{"unknown_sector.jsonl", 2, "sectors", "unknown sector"},
                    BrokenFixture{"unknown_education.jsonl", 2, "education_levels",
                                  "unknown education level"},
                    BrokenFixture{"bad_language.jsonl", 2, "language", "not one of nb, nn"},
                    BrokenFixture{"bad_date.jsonl", 2, "updated", "not a date"},
                    BrokenFixture{"bad_id.jsonl", 2, "id", "not a slug"},
                    BrokenFixture{"long_title.jsonl", 2, "title", "too long"},
                    BrokenFixture{"unknown_field.jsonl", 2, "salary", "unknown field"},
                    BrokenFixture{"bad_styrk.jsonl", 2, "styrk08", "not a 4- or 7-digit"},
                    BrokenFixture{"duplicate_id.jsonl", 3, "id", "first on line 1"}),
    [](const testing::TestParamInfo<BrokenFixture>& info) {
        std::string name = info.param.file.substr(0, info.param.file.find('.'));
        for (auto& c : name) c = c == '-' ? '_' : c;
        return name;
    });

TEST(CorpusReader, ReportsEveryProblemNotJustTheFirst) {
    auto result = read_corpus(kFixtures / "duplicate_id.jsonl", vocabularies());
    EXPECT_EQ(result.issues.size(), 1u);
    std::vector<yrkesok::index::ValidationIssue> issues;
    Vocabularies v = vocabularies();
    auto record = yrkesok::index::parse_record(
        R"({"id":"A B","title":"","styrk08":"x","sectors":[],"education_levels":["X"],)"
        R"("summary":"s","body":"b","language":"de","updated":"2025-13-01"})",
        7, "f.jsonl", v, {}, issues);
    EXPECT_FALSE(record.has_value());
    EXPECT_GE(issues.size(), 7u);
    for (const auto& issue : issues) EXPECT_EQ(issue.line, 7u);
}

// A real feed may not state sectors or education levels: such a record is read, with one
// warning per facet it lacks (empty list or missing field), unless facets are required.
TEST(CorpusReader, RecordsWithoutFacetsAreReadWithWarnings) {
    const auto path = kFixtures / "no_facets.jsonl";
    auto result = read_corpus(path, vocabularies());
    EXPECT_TRUE(result.ok()) << (result.issues.empty() ? "" : result.issues[0].to_string());
    ASSERT_EQ(result.records.size(), 3u);
    EXPECT_TRUE(result.records[1].sectors.empty());
    EXPECT_TRUE(result.records[2].education_levels.empty());
    ASSERT_EQ(result.warnings.size(), 4u);
    const std::vector<std::pair<std::size_t, std::string>> expected = {
        {2, "sectors"}, {2, "education_levels"}, {3, "sectors"}, {3, "education_levels"}};
    for (std::size_t i = 0; i < expected.size(); ++i) {
        const auto& warning = result.warnings[i];
        EXPECT_EQ(warning.line, expected[i].first);
        EXPECT_EQ(warning.field, expected[i].second);
        EXPECT_EQ(warning.severity, yrkesok::index::Severity::warning);
        const std::string prefix = path.string() + ":" + std::to_string(expected[i].first) + ": " +
                                   expected[i].second + ": warning: ";
        EXPECT_EQ(warning.to_string().rfind(prefix, 0), 0u) << warning.to_string();
        EXPECT_NE(warning.message.find("--strict"), std::string::npos) << warning.message;
    }
    EXPECT_NE(result.warnings[0].message.find("empty list"), std::string::npos);
    EXPECT_NE(result.warnings[2].message.find("missing"), std::string::npos);
}

TEST(CorpusReader, StrictRefusesRecordsWithoutFacets) {
    yrkesok::index::CorpusLimits strict;
    strict.facets_required = true;
    auto result = read_corpus(kFixtures / "no_facets.jsonl", vocabularies(), strict);
    EXPECT_FALSE(result.ok());
    EXPECT_TRUE(result.warnings.empty());
    ASSERT_EQ(result.records.size(), 1u);
    EXPECT_EQ(result.records[0].id, "hovslager");
    ASSERT_EQ(result.issues.size(), 4u);
    EXPECT_EQ(result.issues[0].to_string().rfind(
                  (kFixtures / "no_facets.jsonl").string() + ":2: sectors: empty list", 0),
              0u)
        << result.issues[0].to_string();
    EXPECT_EQ(result.issues[2].field, "sectors");
    EXPECT_EQ(result.issues[2].message, "missing");
}

TEST(CorpusReader, MissingFileThrowsWithItsName) {
    try {
        read_corpus(kFixtures / "no-such-file.jsonl", vocabularies());
        FAIL() << "expected an exception";
    } catch (const std::runtime_error& e) {
        EXPECT_NE(std::string(e.what()).find("no-such-file.jsonl"), std::string::npos);
    }
}

TEST(CorpusReader, StyrkMappingRejectsUnknownCodeAndSectorMismatch) {
    Vocabularies v = vocabularies();
    v.load_styrk_mapping(kStyrkMapping);
    EXPECT_EQ(v.styrk_sectors.at("2223"), "Helse og sosial");
    EXPECT_EQ(v.styrk_sectors.at("2250"), "Natur og miljø");  // trailing space trimmed
    std::vector<yrkesok::index::ValidationIssue> issues;
    std::string base = R"({"id":"a","title":"T","sectors":["IT"],"education_levels":["Master"],)"
                       R"("summary":"s","body":"b","language":"nb","updated":"2025-01-01",)";
    EXPECT_FALSE(
        yrkesok::index::parse_record(base + R"("styrk08":["9999"]})", 1, "f", v, {}, issues));
    EXPECT_NE(issues.back().message.find("unknown STYRK-08 code"), std::string::npos);
    EXPECT_FALSE(
        yrkesok::index::parse_record(base + R"("styrk08":["2223"]})", 2, "f", v, {}, issues));
    EXPECT_NE(issues.back().message.find("belongs to sector \"Helse og sosial\""),
              std::string::npos);
    EXPECT_TRUE(
        yrkesok::index::parse_record(base + R"("styrk08":["2511"]})", 3, "f", v, {}, issues));
}

TEST(Vocabularies, LoadsThirteenSectorsAndMapsEducationToNus2000) {
    auto v = vocabularies();
    EXPECT_EQ(v.sectors.size(), 13u);
    ASSERT_TRUE(v.has_education_level("Master"));
    for (const auto& level : v.education_levels) {
        EXPECT_GE(level.nus2000_level, 0);
        EXPECT_LE(level.nus2000_level, 8);
        if (level.label == "Bachelor") {
            EXPECT_EQ(level.nus2000_level, 6);
        }
    }
}

TEST(BundledCorpus, Validates) {
    Vocabularies v = vocabularies();
    if (std::filesystem::exists(kStyrkMapping)) v.load_styrk_mapping(kStyrkMapping);
    auto result = read_corpus(kSource / "corpus/occupations.jsonl", v);
    for (const auto& issue : result.issues) ADD_FAILURE() << issue.to_string();
    for (const auto& warning : result.warnings) ADD_FAILURE() << warning.to_string();
    EXPECT_GE(result.records.size(), 30u);
}

}  // namespace

namespace {

// A near miss of a vocabulary value or a field name gets the value it probably meant.
TEST(CorpusReader, NearMissesGetDidYouMean) {
    const auto v = yrkesok::index::Vocabularies::builtin();
    std::vector<yrkesok::index::ValidationIssue> issues;
    const std::string record =
        R"({"id":"a","title":"T","styrk08":["2511"],"sectors":["Transportt"],)"
        R"("education_levels":["master"],"summary":"s","body":"b","language":"nb",)"
        R"("updated":"2025-01-01","sektor":1})";
    EXPECT_FALSE(yrkesok::index::parse_record(record, 1, "f", v, {}, issues));
    std::string all;
    for (const auto& issue : issues) all += issue.message + "\n";
    EXPECT_NE(all.find("unknown sector \"Transportt\"; did you mean \"Transport og lager\"?"),
              std::string::npos)
        << all;
    EXPECT_NE(all.find("unknown education level \"master\"; did you mean \"Master\"?"),
              std::string::npos)
        << all;
    EXPECT_NE(all.find("unknown field; did you mean \"sectors\"?"), std::string::npos) << all;
    // Far from every value: no guess.
    issues.clear();
    EXPECT_FALSE(yrkesok::index::parse_record(
        R"({"id":"a","title":"T","styrk08":["2511"],"sectors":["Romfart"],)"
        R"("education_levels":["Master"],"summary":"s","body":"b","language":"nb",)"
        R"("updated":"2025-01-01"})",
        1, "f", v, {}, issues));
    ASSERT_FALSE(issues.empty());
    EXPECT_EQ(issues.back().message.find("did you mean"), std::string::npos)
        << issues.back().message;
}

}  // namespace
