// The HTTP answers for the judged and the dev queries, byte for byte, against answers recorded
// in tests/fixtures/answers/bundled-corpus.tsv: a guard for changes meant to leave behaviour
// alone (moves, refactors, speed work). Every query goes to the native route, the Meilisearch
// route (with facets, highlighting, cropping and match positions) and the suggest route; only
// the time fields (`took_ms`, `processingTimeMs`) are set to 0 before comparing.
//
// The fixture keeps, per request, the status, the body's length and its FNV-1a 64 hash (the
// bodies themselves are some 2 MB): equal hashes and lengths mean equal bytes but for a 2^-64
// chance. A change that is meant to alter answers (ranking, analysis, snippets) re-records
// them; to see what moved, dump the whole bodies before and after and diff the two files:
//   YRKESOK_RECORD_ANSWERS=1 build/tests/api_answers_test
//   YRKESOK_ANSWERS_DUMP=/tmp/answers-before.tsv build/tests/api_answers_test
#include <gtest/gtest.h>
#include <httplib.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "support/bundled_index.h"
#include "support/running_server.h"
#include "yrkesok/editorial/evaluation.h"
#include "yrkesok/format/checksum.h"
#include "yrkesok/meili/routes.h"

namespace {

using nlohmann::json;

const std::string kAnswersFile =
    std::string(YRKESOK_SOURCE_DIR) + "/tests/fixtures/answers/bundled-corpus.tsv";

struct Query {
    std::string text;
    std::vector<std::string> sectors;
    std::vector<std::string> education_levels;
};

// The judged set and the dev set, read by the evaluation's own reader (both formats).
std::vector<Query> queries_of(const std::string& file) {
    std::vector<Query> out;
    for (auto& judged :
         yrkesok::eval::read_judged_queries(std::string(YRKESOK_SOURCE_DIR) + "/" + file)) {
        out.push_back({std::move(judged.query), std::move(judged.sectors),
                       std::move(judged.education_levels)});
    }
    return out;
}

std::string native_target(const Query& query) {
    httplib::Params params{{"q", query.text}};
    for (const auto& sector : query.sectors) params.emplace("sector", sector);
    for (const auto& level : query.education_levels) params.emplace("education", level);
    return httplib::append_query_params("/api/search", params);
}

std::string suggest_target(const Query& query) {
    return httplib::append_query_params("/api/suggest", {{"q", query.text}});
}

std::string meili_body(const Query& query) {
    std::string filter;
    const auto add = [&](const char* attribute, const std::vector<std::string>& values) {
        for (const auto& value : values) {
            if (!filter.empty()) filter += " AND ";
            filter += std::string(attribute) + " = " + json(value).dump();
        }
    };
    add("sectors", query.sectors);
    add("education_levels", query.education_levels);
    json body = {{"q", query.text},
                 {"facets", {"sectors", "education_levels"}},
                 {"attributesToRetrieve", {"id", "title", "summary", "sectors"}},
                 {"attributesToHighlight", {"title", "summary"}},
                 {"attributesToCrop", {"summary"}},
                 {"cropLength", 12},
                 {"showMatchesPosition", true}};
    if (!filter.empty()) body["filter"] = filter;
    return body.dump();
}

// The body with the value of each time field replaced by 0; everything else byte for byte.
std::string without_times(std::string body) {
    for (const std::string key : {"\"took_ms\":", "\"processingTimeMs\":"}) {
        for (auto at = body.find(key); at != std::string::npos; at = body.find(key, at + 1)) {
            const auto start = at + key.size();
            auto end = start;
            while (end < body.size() && body[end] != ',' && body[end] != '}') ++end;
            body.replace(start, end - start, "0");
        }
    }
    return body;
}

struct Answer {
    std::string request;  // e.g. "GET /api/search?q=..." or "POST /indexes/yrker/search {...}"
    std::string body;     // the status, a space, the body without times
};

// What the fixture keeps of an answer: "STATUS LENGTH HASH".
std::string fingerprint(const std::string& body) {
    return std::to_string(body.size()) + " " + yrkesok::fnv1a_hex(body);
}

std::vector<Answer> current_answers() {
    yrkesok::testing::BundledIndex index("api-answers");
    yrkesok::http::HttpServerOptions options;
    options.route_sets.push_back(yrkesok::meili::route_set());
    options.index_dir = (index.dir / "index").string();
    options.port = 0;
    options.threads = 2;
    options.web_dir = (index.dir / "no-web").string();
    options.warm_up_documents = 0;
    yrkesok::testing::RunningServer server(options);
    auto client = server.client();

    std::vector<Query> queries = queries_of("benchmarks/relevance/queries.tsv");
    for (auto& query : queries_of("tests/fixtures/eval/dev-queries.tsv")) {
        queries.push_back(std::move(query));
    }
    std::vector<Answer> out;
    const auto record = [&](std::string request, const httplib::Result& result) {
        if (!result) throw std::runtime_error(request + ": no response");
        out.push_back({std::move(request),
                       std::to_string(result->status) + " " + without_times(result->body)});
    };
    for (const auto& query : queries) {
        const auto native = native_target(query);
        record("GET " + native, client.Get(native));
        const auto meili = meili_body(query);
        record("POST /indexes/yrker/search " + meili,
               client.Post("/indexes/yrker/search", meili, "application/json"));
        const auto suggest = suggest_target(query);
        record("GET " + suggest, client.Get(suggest));
    }
    return out;
}

std::vector<Answer> recorded_answers() {
    std::ifstream in(kAnswersFile);
    std::vector<Answer> out;
    std::string line;
    while (std::getline(in, line)) {
        const auto tab = line.find('\t');
        if (tab == std::string::npos) continue;
        out.push_back({line.substr(0, tab), line.substr(tab + 1)});
    }
    return out;
}

TEST(ApiAnswers, AreTheRecordedOnesByteForByte) {
    const auto answers = current_answers();
    ASSERT_GT(answers.size(), 600u);
    if (const char* dump = std::getenv("YRKESOK_ANSWERS_DUMP")) {
        std::ofstream out(dump, std::ios::trunc);
        for (const auto& answer : answers) out << answer.request << '\t' << answer.body << '\n';
        ASSERT_TRUE(out.good()) << dump;
    }
    if (std::getenv("YRKESOK_RECORD_ANSWERS") != nullptr) {
        {
            std::ofstream out(kAnswersFile, std::ios::trunc);
            for (const auto& answer : answers) {
                out << answer.request << '\t' << fingerprint(answer.body) << '\n';
            }
            ASSERT_TRUE(out.good()) << kAnswersFile;
        }
        // The comparison below then reads back what was written, so a failed write shows.
        std::printf("recorded %zu answers in %s\n", answers.size(), kAnswersFile.c_str());
    }
    const auto recorded = recorded_answers();
    ASSERT_EQ(recorded.size(), answers.size())
        << kAnswersFile << " holds another set of requests; re-record it (see the file's test)";
    std::size_t differing = 0;
    for (std::size_t i = 0; i < answers.size(); ++i) {
        ASSERT_EQ(recorded[i].request, answers[i].request) << "line " << i + 1;
        if (recorded[i].body == fingerprint(answers[i].body)) continue;
        if (++differing <= 3) {
            ADD_FAILURE() << answers[i].request << "\n  recorded: " << recorded[i].body
                          << "\n  now:      " << fingerprint(answers[i].body) << "\n  "
                          << answers[i].body;
        }
    }
    EXPECT_EQ(differing, 0u) << "of " << answers.size()
                             << " answers differ from the recorded ones; if the change is meant "
                                "to alter answers, re-record with YRKESOK_RECORD_ANSWERS=1";
}

}  // namespace
