// An editor's own corpus file, anywhere on disk: `validate` and `index` use the vocabularies
// and synonyms beside it when it has them, else the product's own compiled into the binary;
// --vocab and --synonyms override, and a bad override names the option.
#include <gtest/gtest.h>
#include <xapian.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "support/cli_run.h"
#include "support/temp_dir.h"

namespace {

namespace fs = std::filesystem;
using yrkesok::testing::read_text;
using yrkesok::testing::run_cli;
using yrkesok::testing::TempDir;

const fs::path kSource = YRKESOK_SOURCE_DIR;

// A folder holding only a copy of the six-record fixture corpus.
struct LoneCorpus {
    TempDir dir{"own-corpus"};
    fs::path corpus = dir.path() / "mine.jsonl";
    LoneCorpus() { fs::copy_file(kSource / "tests/fixtures/cli/occupations.jsonl", corpus); }
};

TEST(OwnCorpus, ValidatesWithOnlyTheCorpusFileInItsFolder) {
    LoneCorpus lone;
    const auto run = run_cli({"validate", lone.corpus.string()});
    EXPECT_EQ(run.exit_code, 0) << run.err;
    EXPECT_NE(run.out.find("6 valid records, 0 problems"), std::string::npos) << run.out;
}

TEST(OwnCorpus, IndexesWithTheProductsOwnSynonyms) {
    LoneCorpus lone;
    const fs::path index = lone.dir.path() / "idx";
    const auto run =
        run_cli({"index", "--corpus", lone.corpus.string(), "--index", index.string()});
    ASSERT_EQ(run.exit_code, 0) << run.err;

    // corpus/synonyms.tsv maps "fødselshjelper" to "jordmor"; the built-in copy must be there.
    Xapian::Database db((index / "current").string());
    EXPECT_NE(db.synonyms_begin("fødselshjelper"), db.synonyms_end("fødselshjelper"));
    const auto search = run_cli({"search", "--index", index.string(), "--json", "fødselshjelper"});
    ASSERT_EQ(search.exit_code, 0) << search.err;
    EXPECT_NE(search.out.find("\"jordmor\""), std::string::npos) << search.out;
}

TEST(OwnCorpus, VocabulariesBesideTheCorpusComeFirst) {
    LoneCorpus lone;
    // A folder whose own sector list lacks "IT", which the fixture's systemutvikler uses.
    std::ofstream(lone.dir.path() / "sectors.txt") << "Helse og sosial\nHåndverkere\n"
                                                      "Bygg og anlegg\nReiseliv og mat\n"
                                                      "Industri og produksjon\n";
    fs::copy_file(kSource / "corpus/education_levels.tsv",
                  lone.dir.path() / "education_levels.tsv");
    const auto run = run_cli({"validate", lone.corpus.string()});
    EXPECT_EQ(run.exit_code, 1);
    EXPECT_NE((run.out + run.err).find("unknown sector \"IT\""), std::string::npos) << run.out;

    // --vocab points back at the product's folder.
    const auto with_vocab =
        run_cli({"validate", lone.corpus.string(), "--vocab", (kSource / "corpus").string()});
    EXPECT_EQ(with_vocab.exit_code, 0) << with_vocab.err;
}

// tests/fixtures/corpus/no_facets.jsonl: hovslager has a sector, smed has empty facet lists,
// gjortlar has no facet fields at all.
TEST(OwnCorpus, RecordsWithoutFacetsWarnAreIndexedAndMatchNoFacetFilter) {
    const fs::path corpus = kSource / "tests/fixtures/corpus/no_facets.jsonl";
    const auto validate = run_cli({"validate", corpus.string()});
    EXPECT_EQ(validate.exit_code, 0) << validate.out << validate.err;
    EXPECT_NE(validate.out.find(corpus.string() + ":2: sectors: warning: empty list"),
              std::string::npos)
        << validate.out;
    EXPECT_NE(validate.out.find(corpus.string() + ":3: education_levels: warning: missing"),
              std::string::npos)
        << validate.out;
    EXPECT_NE(validate.out.find("3 valid records, 0 problems, 4 warnings"), std::string::npos)
        << validate.out;

    TempDir dir("no-facets");
    const fs::path index = dir.path() / "idx";
    const auto build = run_cli({"index", "--corpus", corpus.string(), "--index", index.string()});
    ASSERT_EQ(build.exit_code, 0) << build.err;
    EXPECT_NE(build.err.find("4 warning(s)"), std::string::npos) << build.err;

    const auto unfiltered = run_cli({"search", "--index", index.string(), "--json", "smed"});
    ASSERT_EQ(unfiltered.exit_code, 0) << unfiltered.err;
    EXPECT_NE(unfiltered.out.find("\"smed\""), std::string::npos) << unfiltered.out;
    const auto nynorsk = run_cli({"search", "--index", index.string(), "--json", "messing"});
    EXPECT_NE(nynorsk.out.find("\"gjortlar\""), std::string::npos) << nynorsk.out;

    // Under a sector filter only the record that states the sector is found.
    const auto filtered =
        run_cli({"search", "--index", index.string(), "--json", "--sector", "Håndverkere", "jern"});
    ASSERT_EQ(filtered.exit_code, 0) << filtered.err;
    EXPECT_NE(filtered.out.find("\"hovslager\""), std::string::npos) << filtered.out;
    EXPECT_EQ(filtered.out.find("\"smed\""), std::string::npos) << filtered.out;
}

TEST(OwnCorpus, StrictMakesMissingFacetsErrorsAndIndexesNothing) {
    const fs::path corpus = kSource / "tests/fixtures/corpus/no_facets.jsonl";
    const auto validate = run_cli({"validate", "--strict", corpus.string()});
    EXPECT_EQ(validate.exit_code, 1);
    EXPECT_NE(validate.out.find(corpus.string() + ":2: sectors: empty list"), std::string::npos)
        << validate.out;
    EXPECT_NE(validate.out.find("1 valid records, 4 problems"), std::string::npos) << validate.out;

    TempDir dir("no-facets-strict");
    const fs::path index = dir.path() / "idx";
    const auto build =
        run_cli({"index", "--strict", "--corpus", corpus.string(), "--index", index.string()});
    EXPECT_EQ(build.exit_code, 1);
    EXPECT_NE(build.err.find("nothing was indexed"), std::string::npos) << build.err;
    EXPECT_FALSE(fs::exists(index / "current"));
}

TEST(OwnCorpus, BadVocabFolderNamesTheOption) {
    LoneCorpus lone;
    const auto run = run_cli(
        {"validate", lone.corpus.string(), "--vocab", (lone.dir.path() / "nowhere").string()});
    EXPECT_EQ(run.exit_code, 1);
    EXPECT_NE(run.err.find("--vocab"), std::string::npos) << run.err;
    EXPECT_NE(run.err.find("sectors.txt"), std::string::npos) << run.err;
    ASSERT_FALSE(run.err.empty());
    EXPECT_EQ(run.err.back(), '\n');
}

TEST(OwnCorpus, MissingSynonymsFileNamesTheOptionAndIndexesNothing) {
    LoneCorpus lone;
    const fs::path index = lone.dir.path() / "idx";
    const auto run = run_cli({"index", "--corpus", lone.corpus.string(), "--index", index.string(),
                              "--synonyms", (lone.dir.path() / "none.tsv").string()});
    EXPECT_EQ(run.exit_code, 1);
    EXPECT_NE(run.err.find("--synonyms"), std::string::npos) << run.err;
    ASSERT_FALSE(run.err.empty());
    EXPECT_EQ(run.err.back(), '\n');
    EXPECT_FALSE(fs::exists(index / "current"));
}

}  // namespace
