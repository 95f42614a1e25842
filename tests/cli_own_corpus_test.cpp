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
