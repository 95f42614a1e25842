#include "yrkesok/editorial/coverage.h"

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

#include "yrkesok/analyzers/utf8.h"
#include "yrkesok/format/open.h"
#include "yrkesok/format/schema.h"
#include "yrkesok/format/words.h"
#include "yrkesok/searcher/query_parser.h"

namespace yrkesok::search {
namespace {

std::string trim(const std::string& text) {
    const char* space = " \t\r\n";
    auto begin = text.find_first_not_of(space);
    if (begin == std::string::npos) return "";
    auto end = text.find_last_not_of(space);
    return text.substr(begin, end - begin + 1);
}

bool is_id(const std::string& id) {
    if (id.empty() || id.front() == '-' || id.back() == '-') return false;
    return std::all_of(id.begin(), id.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    });
}

bool list_is_empty(const nlohmann::json& data, const char* key) {
    auto it = data.find(key);
    return it == data.end() || !it->is_array() || it->empty();
}

// A word the search can find: one of its whole-word terms occurs in some document, it has an
// entry in the synonym table, or it is a compound whose every part occurs as a word.
bool word_is_known(const Xapian::Database& db, const analyzers::Token& token) {
    using analyzers::TermKind;
    bool has_parts = false, all_parts_known = true;
    for (const auto& t : token.terms) {
        if (t.kind == TermKind::stem) continue;
        if (t.kind == TermKind::part) {
            has_parts = true;
            all_parts_known = all_parts_known && format::holds_word(db, t.text);
            continue;
        }
        if (format::holds_word(db, t.text)) return true;
        if (db.synonyms_begin(t.text) != db.synonyms_end(t.text)) return true;
    }
    return has_parts && all_parts_known;
}

}  // namespace

std::vector<CoverageQuery> read_coverage_queries(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw CoverageFileError(file.string() + ": cannot open the coverage file");
    std::vector<CoverageQuery> queries;
    std::string line;
    std::size_t number = 0;
    while (std::getline(in, line)) {
        ++number;
        auto fail = [&](const std::string& message) {
            throw CoverageFileError(file.string() + ":" + std::to_string(number) + ": " + message);
        };
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (auto bad = utf8::find_invalid(line)) {
            fail("invalid UTF-8 at byte " + std::to_string(*bad + 1));
        }
        if (trim(line).empty() || trim(line).starts_with("#")) continue;
        CoverageQuery query;
        query.line = number;
        auto tab = line.find('\t');
        query.query = trim(line.substr(0, tab));
        if (query.query.empty()) fail("empty query before the TAB");
        if (tab != std::string::npos) {
            std::string ids = line.substr(tab + 1);
            if (ids.find('\t') != std::string::npos) {
                fail("more than one TAB; expected QUERY or QUERY<TAB>ID[,ID...]");
            }
            if (trim(ids).empty()) fail("a TAB but no expected ids after it");
            std::size_t start = 0;
            while (true) {
                auto comma = ids.find(',', start);
                std::string id = trim(ids.substr(start, comma - start));
                if (id.empty()) fail("empty id in the list \"" + trim(ids) + "\"");
                if (!is_id(id)) {
                    fail("\"" + id + "\" is not an occupation id (a-z, 0-9 and inner -)");
                }
                if (std::find(query.expected.begin(), query.expected.end(), id) ==
                    query.expected.end()) {
                    query.expected.push_back(id);
                }
                if (comma == std::string::npos) break;
                start = comma + 1;
            }
        }
        queries.push_back(std::move(query));
    }
    if (in.bad()) throw CoverageFileError(file.string() + ": read error");
    return queries;
}

std::size_t CoverageReport::failed_queries() const {
    return std::count_if(queries.begin(), queries.end(), [](const auto& q) { return !q.passed(); });
}

std::size_t CoverageReport::zero_hit_queries() const {
    return std::count_if(queries.begin(), queries.end(),
                         [](const auto& q) { return q.total == 0; });
}

std::size_t CoverageReport::queries_with_expectations() const {
    return std::count_if(queries.begin(), queries.end(),
                         [](const auto& q) { return !q.query.expected.empty(); });
}

std::size_t CoverageReport::unknown_word_count() const {
    std::size_t n = 0;
    for (const auto& q : queries) n += q.unknown_words.size();
    return n;
}

CoverageReport run_coverage(const std::string& index_dir,
                            std::shared_ptr<const analyzers::Analyzer> analyzer,
                            const std::vector<CoverageQuery>& queries,
                            const CoverageOptions& options) {
    namespace s = format;
    if (options.top < 1 || options.top > 100) {
        throw SearchError("top must be from 1 to 100, got " + std::to_string(options.top));
    }
    SearchEngine engine(index_dir, analyzer);
    format::OpenedIndex opened = format::open_current_generation(index_dir);
    const Xapian::Database& db = opened.db;

    CoverageReport report;
    report.top = options.top;
    report.documents = db.get_doccount();

    // Every record's id, in index order, and its missing facet fields.
    std::vector<std::string> ids;
    for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it) {
        auto data = nlohmann::json::parse(db.get_document(*it).get_data(), nullptr, false);
        if (!data.is_object()) continue;
        std::string id = data.value("id", "");
        ids.push_back(id);
        IncompleteRecord record{id, {}};
        for (const char* field : {"sectors", "education_levels", "styrk08"}) {
            if (list_is_empty(data, field)) record.missing.push_back(field);
        }
        if (!record.missing.empty()) report.incomplete_records.push_back(std::move(record));
    }
    std::sort(ids.begin(), ids.end());

    std::set<std::string> reached;
    for (const auto& query : queries) {
        QueryCoverage result;
        result.query = query;
        SearchRequest request;
        request.query = query.query;
        request.per_page = 100;
        request.snippets = false;
        SearchResponse response;
        try {
            response = engine.search(request);
        } catch (const SearchError& e) {
            throw SearchError("query on line " + std::to_string(query.line) + ": " + e.what());
        }
        result.total = response.corrected_query ? 0 : response.total;
        result.corrected_query = response.corrected_query;
        for (std::size_t i = 0; i < response.hits.size() && i < options.top; ++i) {
            result.top_ids.push_back(response.hits[i].id);
            reached.insert(response.hits[i].id);
        }
        for (const auto& id : query.expected) {
            std::size_t rank = 0;
            for (std::size_t i = 0; i < response.hits.size(); ++i) {
                if (response.hits[i].id == id) {
                    rank = i + 1;
                    break;
                }
            }
            if (rank >= 1 && rank <= options.top) continue;
            MissedExpectation missed;
            missed.id = id;
            missed.rank = rank;
            missed.in_index = db.term_exists(std::string(s::kIdTerm) + id);
            result.missed.push_back(std::move(missed));
        }
        // Words the index has never seen: no whole-word term of theirs occurs anywhere.
        ParsedQuery parsed = parse_query(query.query, *analyzer);
        for (const auto& qt : parsed.classified) {
            const auto& token = *qt.token;
            if (qt.kind == UnitKind::excluded || token.stopword || token.terms.empty()) continue;
            if (!word_is_known(db, token)) result.unknown_words.push_back(token.text);
        }
        report.queries.push_back(std::move(result));
    }
    for (const auto& id : ids) {
        if (!reached.contains(id)) report.unreached_documents.push_back(id);
    }
    return report;
}

}  // namespace yrkesok::search
