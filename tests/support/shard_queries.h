// The requests the shard tests ask of a sharded and a single index: the dev query fixture plus
// typos, filters, browsing, page 2, phrases, exclusions and OR, and the comparable JSON of an
// answer (everything but the time it took).
#pragma once

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <vector>

#include "yrkesok/indexer/corpus.h"
#include "yrkesok/searcher/search_engine.h"
#include "yrkesok/server/api_json.h"

namespace yrkesok::testing {

inline std::vector<search::SearchRequest> shard_test_requests(
    const std::vector<index::Occupation>& records) {
    std::vector<std::string> queries;
    const auto file =
        std::filesystem::path(YRKESOK_SOURCE_DIR) / "tests/fixtures/eval/dev-queries.tsv";
    std::ifstream in(file);
    if (!in) throw std::runtime_error(file.string() + ": cannot open (a test fixture)");
    for (std::string line; std::getline(in, line);) {
        if (line.empty() || line[0] == '#') continue;
        queries.push_back(line.substr(0, line.find('\t')));
    }
    for (const char* q : {"sykeplier", "lærar", "tannlge", "hjerte lungemaskn", "ingeniør",
                          "\"hjerte- og lungemaskin\"", "lege -tannlege", "buss OR tog", "arbeid",
                          "barn", "qqqzzz", "sjukepleiar på sjukehus", "e-post"}) {
        queries.push_back(q);
    }
    std::vector<search::SearchRequest> requests;
    for (const auto& q : queries) {
        search::SearchRequest r;
        r.query = q;
        requests.push_back(r);
    }
    // Filters (one and two values, both facets), browsing, deep pages and small pages.
    const std::string sector = records.at(0).sectors.at(0);
    const std::string other_sector = records.at(records.size() / 2).sectors.at(0);
    const std::string education = records.at(0).education_levels.at(0);
    for (const char* q : {"", "arbeid", "lege", "sykepleier"}) {
        search::SearchRequest r;
        r.query = q;
        r.sectors = {sector};
        requests.push_back(r);
        r.sectors = {sector, other_sector};
        r.education_levels = {education};
        requests.push_back(r);
        r.sectors.clear();
        r.page = 2;
        requests.push_back(r);
        search::SearchRequest deep;
        deep.query = q;
        deep.per_page = 7;
        for (std::size_t page = 1; page <= 6; ++page) {
            deep.page = page;
            requests.push_back(deep);
        }
    }
    return requests;
}

inline std::string describe(const search::SearchRequest& r) {
    std::string out = "q=\"" + r.query + "\" page=" + std::to_string(r.page) +
                      " per_page=" + std::to_string(r.per_page);
    for (const auto& s : r.sectors) out += " sector=" + s;
    for (const auto& e : r.education_levels) out += " education=" + e;
    return out;
}

// The answer as the API shows it, without took_ms, scores to 12 significant digits: Xapian
// builds each shard's OR tree in the order of that shard's term frequencies, so a score's sum
// can differ from one database's in the last bit or two (e.g. 22.33182439567516 against
// 22.331824395675163). Order, ids and everything else are compared exactly.
inline std::string comparable(const search::SearchResponse& response) {
    auto json = api::search_response_to_json(response);
    json.erase("took_ms");
    for (auto& hit : json["hits"]) {
        char buffer[32];
        std::snprintf(buffer, sizeof buffer, "%.12g", hit["score"].get<double>());
        hit["score"] = std::string(buffer);
    }
    return json.dump(2);
}

}  // namespace yrkesok::testing
