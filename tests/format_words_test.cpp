// Whole words in the index layout: which terms are whole words of a field, and looking a word up
// across the fields, as the spelling check, the explain and coverage tools do.
#include <gtest/gtest.h>
#include <xapian.h>

#include <string>

#include "support/temp_dir.h"
#include "yrkesok/format/schema.h"
#include "yrkesok/format/words.h"

namespace {

namespace s = yrkesok::format;

TEST(WholeWordOf, GivesTheWordOfATitleOrTextTerm) {
    EXPECT_EQ(s::whole_word_of("XTlege"), "lege");
    EXPECT_EQ(s::whole_word_of("XDsjukepleiar"), "sjukepleiar");
    EXPECT_EQ(s::whole_word_of("XDøkonomi"), "økonomi");
    EXPECT_EQ(s::whole_word_of("XD3d"), "3d");
}

TEST(WholeWordOf, IsEmptyForPartsStemsAndBooleanTerms) {
    EXPECT_EQ(s::whole_word_of("XTPlunge"), "");
    EXPECT_EQ(s::whole_word_of("XDZsykepleie"), "");
    EXPECT_EQ(s::whole_word_of("XDPlunge"), "");
    EXPECT_EQ(s::whole_word_of("XS:Helse og sosial"), "");
    EXPECT_EQ(s::whole_word_of("Qlege"), "");
    EXPECT_EQ(s::whole_word_of("XT"), "");
    EXPECT_EQ(s::whole_word_of("lege"), "");
}

class HoldsWord : public testing::Test {
  protected:
    void SetUp() override {
        Xapian::WritableDatabase db(path_, Xapian::DB_CREATE);
        Xapian::Document doc;
        doc.add_posting(s::field_term(s::kTitle, "", "perfusjonist"), 1);
        doc.add_posting(s::field_term(s::kText, "", "hjertet"), 201);
        doc.add_term(s::field_term(s::kText, s::kPartClass, "lunge"));
        db.add_document(doc);
        db.commit();
    }
    yrkesok::testing::TempDir tmp_{"format-words-test"};
    const std::string path_ = (tmp_.path() / "db").string();
};

TEST_F(HoldsWord, FindsAWordInAnyField) {
    Xapian::Database db(path_);
    EXPECT_TRUE(s::holds_word(db, "perfusjonist"));
    EXPECT_TRUE(s::holds_word(db, "hjertet"));
    EXPECT_FALSE(s::holds_word(db, "kirurg"));
    // A compound part is no whole word.
    EXPECT_FALSE(s::holds_word(db, "lunge"));
}

TEST_F(HoldsWord, FindsTheBeginningOfAWordInAnyField) {
    Xapian::Database db(path_);
    EXPECT_TRUE(s::holds_word_beginning_with(db, "perfu"));
    EXPECT_TRUE(s::holds_word_beginning_with(db, "hjert"));
    EXPECT_FALSE(s::holds_word_beginning_with(db, "lung"));
    EXPECT_FALSE(s::holds_word_beginning_with(db, "hvert"));
}

}  // namespace
