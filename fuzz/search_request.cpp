// Fuzz target: the search request path. The bytes are a request's query string (what follows
// `?`); they go the way GET /api/search and GET /api/suggest take them: httplib's query
// decoding -> the routes' own parameter mapping (yrkesok/server/params.h) -> SearchEngine over a real index
// of the bundled corpus -> the API's JSON shape -> serialised text.
//
// A RequestError or SearchError is the 400 a client gets and is fine; anything else thrown, a
// crash or a sanitizer report is a finding. The serialised answer must parse back as JSON and
// keep the documented keys.
#include <httplib.h>
#include <stdlib.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include "fuzz_target.h"
#include "yrkesok/analyzers/analyzer.h"
#include "yrkesok/indexer/corpus.h"
#include "yrkesok/indexer/index_writer.h"
#include "yrkesok/searcher/search_engine.h"
#include "yrkesok/server/api_json.h"
#include "yrkesok/server/params.h"

YRKESOK_DECLARE_FUZZ_TARGET(search_request)

namespace yrkesok::fuzz::search_request {
namespace {

void check(bool condition) {
    if (!condition) std::abort();
}

// An index of the bundled corpus in a temporary directory, built once per process.
struct Fixture {
    std::filesystem::path dir;
    std::shared_ptr<const analyzers::Analyzer> analyzer;
    search::EngineOptions options;
    std::unique_ptr<search::SearchEngine> engine;

    Fixture() {
        namespace fs = std::filesystem;
        const fs::path source = YRKESOK_SOURCE_DIR;
        std::string tmpl = (fs::temp_directory_path() / "yrkesok-fuzz-search-XXXXXX").string();
        if (!mkdtemp(tmpl.data())) std::abort();
        dir = tmpl;
        analyzer = std::make_shared<const analyzers::Analyzer>();
        auto vocabularies = index::Vocabularies::load(source / "corpus");
        auto corpus = index::read_corpus(source / "corpus/occupations.jsonl", vocabularies);
        if (!corpus.ok()) std::abort();
        index::IndexBuildOptions build;
        build.synonyms_file = source / "corpus/synonyms.tsv";
        index::build_index(corpus.records, dir / "index", *analyzer, build);
        engine =
            std::make_unique<search::SearchEngine>((dir / "index").string(), analyzer, options);
    }
    ~Fixture() {
        engine.reset();
        std::error_code ec;
        std::filesystem::remove_all(dir, ec);
    }
};

Fixture& fixture() {
    static Fixture instance;
    return instance;
}

void search(Fixture& f, const httplib::Params& raw) {
    const search::SearchRequest request = http::search_request_from(raw, f.options);
    auto response = f.engine->search(request);
    check(response.hits.size() <= request.per_page);
    auto json = api::search_response_to_json(response);
    auto text = json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    auto back = nlohmann::json::parse(text);
    check(back.contains("hits") && back.contains("facets") && back.contains("total"));
}

void suggest(Fixture& f, const httplib::Params& raw) {
    const auto [prefix, limit] = http::suggest_request_from(raw, f.options);
    if (prefix.empty()) return;
    auto suggestions = f.engine->suggest(prefix, limit);
    check(suggestions.size() <= limit);
    auto text = api::suggestions_to_json(suggestions)
                    .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    check(nlohmann::json::parse(text).contains("suggestions"));
}

}  // namespace

int fuzz_one_input(const std::uint8_t* data, std::size_t size) {
    auto& f = fixture();
    const std::string query_string(reinterpret_cast<const char*>(data), size);
    httplib::Params raw;
    httplib::detail::parse_query_text(query_string, raw);
    try {
        search(f, raw);
    } catch (const http::RequestError&) {
    } catch (const search::SearchError&) {
    }
    try {
        suggest(f, raw);
    } catch (const http::RequestError&) {
    } catch (const search::SearchError&) {
    }
    return 0;
}

}  // namespace yrkesok::fuzz::search_request
