// `yrkesok explain` and the Explainer behind it: the rank and score agree with the engine, the
// per-term contributions add up to the score, each term carries its analysis and field, and
// the command's table, JSON, exit codes and errors.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "support/bundled_index.h"
#include "support/cli_run.h"
#include "support/pattern.h"
#include "yrkesok/editorial/explain.h"
#include "yrkesok/searcher/search_engine.h"

namespace {

using yrkesok::testing::Pattern;

using yrkesok::search::Explainer;
using yrkesok::search::Explanation;
using yrkesok::search::SearchEngine;
using yrkesok::search::SearchError;
using yrkesok::search::SearchRequest;
using yrkesok::testing::bundled_index;
using yrkesok::testing::run_cli;

double contribution_sum(const Explanation& e) {
    double sum = e.exact_title_bonus;
    for (const auto& c : e.contributions) sum += c.weight + c.bonus;
    return sum;
}

const yrkesok::search::TermContribution* find(const Explanation& e, const std::string& term,
                                              const std::string& field) {
    for (const auto& c : e.contributions) {
        if (c.term == term && c.field == field) return &c;
    }
    return nullptr;
}

TEST(Explainer, RankAndScoreAgreeWithTheEngineAndContributionsAddUpToTheScore) {
    SearchEngine engine(bundled_index().index_dir(), bundled_index().analyzer);
    Explainer explainer(bundled_index().index_dir(), bundled_index().analyzer);
    const std::vector<std::string> queries = {"hjerte lungemaskin", "sykepleiere",
                                              "sjukepleiar",        "dokter",
                                              "kirurg -hjerte",     "\"hjerte- og lungemaskin\"",
                                              "snekker OR tømrer",  "bake brød",
                                              "perfusjonist"};
    for (const auto& query : queries) {
        SearchRequest request;
        request.query = query;
        request.per_page = 5;
        request.snippets = false;
        auto response = engine.search(request);
        ASSERT_FALSE(response.hits.empty()) << query;
        for (std::size_t i = 0; i < response.hits.size(); ++i) {
            const auto& hit = response.hits[i];
            Explanation e = explainer.explain(query, hit.id);
            SCOPED_TRACE(query + " / " + hit.id);
            EXPECT_TRUE(e.matches);
            EXPECT_EQ(e.rank, i + 1);
            EXPECT_EQ(e.total, response.total);
            EXPECT_NEAR(e.score, hit.score, 1e-9 * std::max(1.0, hit.score));
            EXPECT_NEAR(contribution_sum(e), e.score, 1e-6 * std::max(1.0, e.score));
            for (const auto& c : e.contributions) {
                EXPECT_NEAR(c.weight, c.bm25 * c.factor, 1e-9 * std::max(1.0, c.weight));
            }
        }
    }
}

TEST(Explainer, HjerteLungemaskinShowsWholeWordAndCompoundPartsPerField) {
    Explainer explainer(bundled_index().index_dir(), bundled_index().analyzer);
    Explanation e = explainer.explain("hjerte lungemaskin", "perfusjonist");
    EXPECT_EQ(e.title, "Perfusjonist");
    EXPECT_EQ(e.rank, 1u);
    ASSERT_EQ(e.words.size(), 2u);
    EXPECT_EQ(e.words[0].word, "hjerte");
    EXPECT_EQ(e.words[1].word, "lungemaskin");
    EXPECT_TRUE(e.words[0].matched);
    EXPECT_TRUE(e.words[1].matched);
    const auto* whole = find(e, "lungemaskin", "text");
    ASSERT_NE(whole, nullptr);
    EXPECT_EQ(whole->kind, "surface");
    EXPECT_EQ(whole->word, "lungemaskin");
    EXPECT_EQ(whole->index_term, "XDlungemaskin");
    EXPECT_GT(whole->wdf, 0u);
    EXPECT_GT(whole->bonus, 0);  // both words match: the every-word bonus applies
    const auto* part = find(e, "lunge", "text");
    ASSERT_NE(part, nullptr);
    EXPECT_EQ(part->kind, "part");
    EXPECT_EQ(part->index_term, "XDPlunge");
    // A part is weighed lower than the whole word in the same field.
    EXPECT_LT(part->factor, whole->factor);
    EXPECT_GT(e.all_words_bonus, 0);
    EXPECT_EQ(e.exact_title_bonus, 0);
}

// A whole query word found as a part of a title's compound is named as such, not as one of the
// word's own compound parts.
TEST(Explainer, WholeWordAsATitlesCompoundPartIsNamedSo) {
    Explainer explainer(bundled_index().index_dir(), bundled_index().analyzer);
    Explanation e = explainer.explain("ingeniør", "dataingenior");
    const auto* in_title = find(e, "ingeniør", "title");
    ASSERT_NE(in_title, nullptr);
    EXPECT_EQ(in_title->kind, "word-as-part");
    EXPECT_EQ(in_title->word, "ingeniør");
}

TEST(Explainer, SynonymContributionNamesTheWordItCameFrom) {
    Explainer explainer(bundled_index().index_dir(), bundled_index().analyzer);
    Explanation e = explainer.explain("dokter", "lege");
    ASSERT_TRUE(e.matches);
    ASSERT_FALSE(e.contributions.empty());
    for (const auto& c : e.contributions) {
        EXPECT_EQ(c.word, "dokter");
        EXPECT_EQ(c.kind, "synonym") << c.index_term;
        EXPECT_EQ(c.via, "dokter");
    }
    ASSERT_NE(find(e, "lege", "title"), nullptr);
}

TEST(Explainer, ExactTitleQueryGetsTheFixedBonus) {
    Explainer explainer(bundled_index().index_dir(), bundled_index().analyzer);
    Explanation e = explainer.explain("perfusjonist", "perfusjonist");
    EXPECT_EQ(e.rank, 1u);
    EXPECT_GE(e.exact_title_bonus, yrkesok::search::RankingOptions{}.exact_title_factor);
    ASSERT_NE(find(e, "perfusjonist", "title"), nullptr);
}

TEST(Explainer, WordThatDoesNotMatchIsListedWithItsTerms) {
    Explainer explainer(bundled_index().index_dir(), bundled_index().analyzer);
    Explanation e = explainer.explain("lungemaskin bakeri", "perfusjonist");
    ASSERT_TRUE(e.matches);
    ASSERT_EQ(e.words.size(), 2u);
    EXPECT_TRUE(e.words[0].matched);
    EXPECT_FALSE(e.words[1].matched);
    EXPECT_TRUE(e.words[1].known);
    EXPECT_EQ(e.words[1].weight, 0);
    EXPECT_NE(std::find(e.words[1].unmatched_terms.begin(), e.words[1].unmatched_terms.end(),
                        "bakeri (surface)"),
              e.words[1].unmatched_terms.end());
    EXPECT_EQ(e.all_words_bonus, 0);  // not every word matched
}

TEST(Explainer, DocumentThatDoesNotMatchHasNoRank) {
    Explainer explainer(bundled_index().index_dir(), bundled_index().analyzer);
    Explanation e = explainer.explain("perfusjonist", "baker");
    EXPECT_FALSE(e.matches);
    EXPECT_EQ(e.rank, 0u);
    EXPECT_GT(e.total, 0u);
    EXPECT_TRUE(e.contributions.empty());
}

TEST(Explainer, UnknownIdAndEmptyQueryAreErrors) {
    Explainer explainer(bundled_index().index_dir(), bundled_index().analyzer);
    EXPECT_THROW(explainer.explain("lege", "astronaut"), SearchError);
    EXPECT_THROW(explainer.explain("", "lege"), SearchError);
}

TEST(ExplainCommand, TableShowsRankContributionsAndTheirSum) {
    auto run = run_cli(
        {"explain", "hjerte lungemaskin", "perfusjonist", "--index", bundled_index().index_dir()});
    ASSERT_EQ(run.exit_code, 0) << run.err;
    const auto heading =
        Pattern(
            "^Perfusjonist \\[perfusjonist\\] for \"hjerte lungemaskin\": rank 1 of "
            "[0-9]+, score ([0-9.]+)\n")
            .first_match(run.out);
    ASSERT_TRUE(heading) << run.out;
    const std::string score = (*heading)[1];
    EXPECT_NE(run.out.find("\nQuery words\n"), std::string::npos);
    EXPECT_TRUE(Pattern("\n  word +role +in document +total +analysis\n").found_in(run.out));
    EXPECT_TRUE(Pattern("\n  lungemaskin +word +yes +[0-9.]+ +lungemaskin \\(surface\\), lunge "
                        "\\(part\\), maskin \\(part\\)\n")
                    .found_in(run.out))
        << run.out;
    EXPECT_TRUE(Pattern("\n  word +term +analysis +field +wdf +bm25 +factor +weight +bonus\n")
                    .found_in(run.out));
    // A part in the summary and body weighs the text weight (1.75) times the part weight (0.45).
    EXPECT_TRUE(
        Pattern("\n  lungemaskin +lunge +part +text +[0-9]+ +[0-9.]+ +0\\.787 ").found_in(run.out))
        << run.out;
    const auto sum = Pattern(
                         "\n  words ([0-9.]+) \\+ every-word bonus ([0-9.]+) \\+ exact-title bonus "
                         "([0-9.]+) = ([0-9.]+) \\(score ([0-9.]+)\\)\n")
                         .first_match(run.out);
    ASSERT_TRUE(sum) << run.out;
    const auto& m = *sum;
    EXPECT_EQ(m[4], score);
    EXPECT_EQ(m[5], score);
    EXPECT_NEAR(std::stod(m[1]) + std::stod(m[2]) + std::stod(m[3]), std::stod(score), 2e-4);
}

TEST(ExplainCommand, JsonCarriesTheSameExplanation) {
    // Options after the positional arguments.
    auto run =
        run_cli({"explain", "dokter", "lege", "--json", "--index", bundled_index().index_dir()});
    ASSERT_EQ(run.exit_code, 0) << run.err;
    auto j = nlohmann::json::parse(run.out);
    EXPECT_EQ(j["id"], "lege");
    EXPECT_EQ(j["query"], "dokter");
    EXPECT_EQ(j["matches"], true);
    EXPECT_GE(j["rank"].get<int>(), 1);
    for (const char* key : {"total", "score", "words_weight", "all_words_bonus",
                            "exact_title_bonus", "words", "contributions"}) {
        EXPECT_TRUE(j.contains(key)) << key;
    }
    ASSERT_EQ(j["words"].size(), 1u);
    EXPECT_EQ(j["words"][0]["word"], "dokter");
    EXPECT_EQ(j["words"][0]["known"], false);  // only in the synonym table
    ASSERT_FALSE(j["contributions"].empty());
    const auto& c = j["contributions"][0];
    for (const char* key : {"word", "term", "kind", "via", "field", "index_term", "wdf", "bm25",
                            "factor", "weight", "bonus"}) {
        EXPECT_TRUE(c.contains(key)) << key;
    }
    EXPECT_EQ(c["kind"], "synonym");
    double sum = j["exact_title_bonus"].get<double>();
    for (const auto& item : j["contributions"]) {
        sum += item["weight"].get<double>() + item["bonus"].get<double>();
    }
    EXPECT_NEAR(sum, j["score"].get<double>(), 1e-6);
}

TEST(ExplainCommand, DefaultIndexComesFromTheEnvironment) {
    auto run =
        run_cli({"explain", "hjerte lungemaskin", "perfusjonist"},
                "YRKESOK_INDEX=" + yrkesok::testing::shell_quoted(bundled_index().index_dir()));
    EXPECT_EQ(run.exit_code, 0) << run.err;
    EXPECT_NE(run.out.find("rank 1 of"), std::string::npos);
}

TEST(ExplainCommand, ErrorsAreMessagesWithExitCodes) {
    auto unknown =
        run_cli({"explain", "lege", "astronaut", "--index", bundled_index().index_dir()});
    EXPECT_EQ(unknown.exit_code, 1);
    EXPECT_NE(unknown.err.find("no occupation with id \"astronaut\""), std::string::npos)
        << unknown.err;

    yrkesok::testing::TempDir empty("cli-explain-empty");
    auto missing =
        run_cli({"explain", "lege", "lege", "--index", (empty.path() / "nothing").string()});
    EXPECT_EQ(missing.exit_code, 1);
    EXPECT_NE(missing.err.find("no index directory here"), std::string::npos) << missing.err;

    auto not_an_index = run_cli({"explain", "lege", "lege", "--index", empty.path().string()});
    EXPECT_EQ(not_an_index.exit_code, 1);
    EXPECT_NE(not_an_index.err.find("no index here"), std::string::npos) << not_an_index.err;

    auto usage = run_cli({"explain", "lege", "--index", bundled_index().index_dir()});
    EXPECT_EQ(usage.exit_code, 2);
    EXPECT_NE(usage.err.find("Usage: yrkesok explain"), std::string::npos);

    auto help = run_cli({"explain", "--help"});
    EXPECT_EQ(help.exit_code, 0);
    EXPECT_NE(help.out.find("--index DIR"), std::string::npos);
    EXPECT_NE(help.out.find("--json"), std::string::npos);
    for (const auto* run : {&unknown, &missing, &not_an_index, &usage}) {
        EXPECT_EQ(run->err.find("terminate"), std::string::npos) << run->err;
    }
}

}  // namespace

namespace {

// A missing argument is named from the usage line (QUERY ID), not just "missing argument".
TEST(ExplainCommand, MissingArgumentIsNamed) {
    auto no_id = run_cli({"explain", "lege"});
    EXPECT_EQ(no_id.exit_code, 2);
    EXPECT_NE(no_id.err.find("missing argument ID"), std::string::npos) << no_id.err;
    auto nothing = run_cli({"explain"});
    EXPECT_EQ(nothing.exit_code, 2);
    EXPECT_NE(nothing.err.find("missing argument QUERY"), std::string::npos) << nothing.err;
}

}  // namespace
