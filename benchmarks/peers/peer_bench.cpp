// Runs the judged queries against one system — our engine in-process, our HTTP server,
// PostgreSQL full-text search (libpq) or SQLite FTS5 (C API) — either once each, writing a run
// file (`query-id<TAB>id id ...`) for `yrkesok eval --run`, or in a loop from N client threads
// for a number of seconds, printing throughput and p50/p99 latency as JSON.
//
//   peer_bench --system engine --index DIR [--no-facets] [--snippets] [--prefix] [--engines N]
//              [--in-memory MIB]
//   peer_bench --system http --port PORT
//   peer_bench --system postgres --conninfo STR [--or] [--page]
//   peer_bench --system sqlite --db FILE [--or]
// each followed by --queries FILE and a mode: --write-run FILE | --clients N --seconds S
// [--slowest N]
//
// --engines N (engine only): the clients share N engines, a query borrowing whichever is free and
// waiting when none is, as `yrkesok serve` shares its --concurrent-searches engines among its
// connections; the default is one engine per client. Before the timed loop every engine (every
// client of the other systems) answers each query once, so that no row counts cold caches.
// --no-facets: the engine skips its disjunctive facet counts (SearchRequest::facets), which
// neither peer computes; by default it counts them, as /api/search does. --snippets: the engine
// also cuts each hit's highlighted snippet, as /api/search does (the same work as over HTTP but
// for the JSON and the socket, with --prefix). --prefix: the last query word also matches as the
// beginning of a word, as /api/search does unless asked not to (search as you type). --page:
// PostgreSQL answers the whole page a website shows, as /api/search does: the top 10 with each
// summary highlighted by ts_headline, and both facets' disjunctive counts over every match (one
// GROUP BY per facet, each under the other facet's filter): three prepared statements a search.
// --in-memory MIB (engine only): a generation whose files take at most MIB is searched in memory,
// as `yrkesok serve` does with the same option and default (16); 0 searches the files.
// --slowest N: how many of the queries with the highest mean time the report lists (default 5;
// 0 lists every query), to compare where time goes between sizes or builds.
//
// The SQL of both peers lives here and in benchmarks/peers/*.sql (schemas), nowhere else.
#include <httplib.h>
#include <libpq-fe.h>
#include <sqlite3.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <exception>
#include <fstream>
#include <functional>
#include <iostream>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "yrkesok/analyzers/analyzer.h"
#include "yrkesok/editorial/evaluation.h"
#include "yrkesok/searcher/search_engine.h"

namespace {

using yrkesok::eval::JudgedQuery;
using Ids = std::vector<std::string>;

struct Options {
    std::string system, queries, index, conninfo, db, write_run;
    int port = 0;
    bool or_words = false;
    bool facets = true;
    bool snippets = false;
    bool prefix = false;
    bool page = false;
    int clients = 1;
    int engines = 0;  // 0: one per client
    long long in_memory_mib = static_cast<long long>(yrkesok::search::kServeInMemoryMaxBytes >> 20);
    bool in_memory_given = false;
    int slowest = 5;  // 0: every query
    double seconds = 5;
    std::string label;
};

// One connection or engine; not shared between threads.
class Client {
  public:
    virtual ~Client() = default;
    virtual Ids search(const JudgedQuery& q) = 0;
};

class EngineClient : public Client {
  public:
    EngineClient(const std::string& index,
                 std::shared_ptr<const yrkesok::analyzers::Analyzer> analyzer, bool facets,
                 bool snippets, bool prefix, std::size_t in_memory_max_bytes)
        : engine_(index, std::move(analyzer), engine_options(in_memory_max_bytes)),
          facets_(facets),
          snippets_(snippets),
          prefix_(prefix) {}
    Ids search(const JudgedQuery& q) override {
        yrkesok::search::SearchRequest request;
        request.query = q.query;
        request.sectors = q.sectors;
        request.education_levels = q.education_levels;
        request.per_page = 10;
        request.snippets = snippets_;
        request.facets = facets_;
        request.prefix = prefix_;
        Ids ids;
        for (const auto& hit : engine_.search(request).hits) ids.push_back(hit.id);
        return ids;
    }

  private:
    static yrkesok::search::EngineOptions engine_options(std::size_t in_memory_max_bytes) {
        yrkesok::search::EngineOptions options;
        options.in_memory_max_bytes = in_memory_max_bytes;
        return options;
    }

    yrkesok::search::SearchEngine engine_;
    bool facets_;
    bool snippets_;
    bool prefix_;
};

// Engines lent to the clients one query at a time; a client that finds none free waits.
class EngineShelf {
  public:
    explicit EngineShelf(std::vector<std::unique_ptr<Client>> engines)
        : engines_(std::move(engines)) {
        for (auto& engine : engines_) free_.push_back(engine.get());
    }
    Ids search(const JudgedQuery& q) {
        Client* engine = nullptr;
        {
            std::unique_lock lock(mutex_);
            returned_.wait(lock, [&] { return !free_.empty(); });
            engine = free_.back();
            free_.pop_back();
        }
        struct GiveBack {
            EngineShelf& shelf;
            Client* engine;
            ~GiveBack() {
                {
                    std::lock_guard lock(shelf.mutex_);
                    shelf.free_.push_back(engine);
                }
                shelf.returned_.notify_one();
            }
        } give_back{*this, engine};
        return engine->search(q);
    }

  private:
    std::vector<std::unique_ptr<Client>> engines_;
    std::vector<Client*> free_;
    std::mutex mutex_;
    std::condition_variable returned_;
};

class ShelfClient : public Client {
  public:
    explicit ShelfClient(std::shared_ptr<EngineShelf> shelf) : shelf_(std::move(shelf)) {}
    Ids search(const JudgedQuery& q) override { return shelf_->search(q); }

  private:
    std::shared_ptr<EngineShelf> shelf_;
};

std::string url_encode(const std::string& s) {
    std::string out;
    for (unsigned char c : s) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
            out += static_cast<char>(c);
        } else {
            char buf[4];
            std::snprintf(buf, sizeof buf, "%%%02X", c);
            out += buf;
        }
    }
    return out;
}

class HttpClient : public Client {
  public:
    // Under load (`read_ids` false) the answer is checked for its status only: parsing ~5 KB of
    // JSON per query would take CPU from the server on the same cores, and the ids go unused.
    HttpClient(int port, bool read_ids) : client_("127.0.0.1", port), read_ids_(read_ids) {
        client_.set_keep_alive(true);
        client_.set_tcp_nodelay(true);
    }
    Ids search(const JudgedQuery& q) override {
        std::string path = "/api/search?per_page=10&q=" + url_encode(q.query);
        for (const auto& s : q.sectors) path += "&sector=" + url_encode(s);
        for (const auto& e : q.education_levels) path += "&education=" + url_encode(e);
        auto res = client_.Get(path);
        if (!res || res->status != 200) {
            throw std::runtime_error(
                "GET " + path + " failed: " +
                (res ? std::to_string(res->status) : httplib::to_string(res.error())));
        }
        Ids ids;
        if (!read_ids_) return ids;
        for (const auto& hit : nlohmann::json::parse(res->body)["hits"]) ids.push_back(hit["id"]);
        return ids;
    }

  private:
    httplib::Client client_;
    bool read_ids_;
};

// An array literal for text[]: {"a","b"}; NULL (no filter) when empty.
std::string pg_array(const std::vector<std::string>& values) {
    std::string out = "{";
    for (const auto& v : values) {
        out += out.size() > 1 ? ",\"" : "\"";
        for (char c : v) {
            if (c == '"' || c == '\\') out += '\\';
            out += c;
        }
        out += '"';
    }
    return out + "}";
}

class PostgresClient : public Client {
  public:
    PostgresClient(const std::string& conninfo, bool or_words, bool page) : page_(page) {
        conn_ = PQconnectdb(conninfo.c_str());
        if (PQstatus(conn_) != CONNECTION_OK) {
            std::string message = PQerrorMessage(conn_);
            PQfinish(conn_);
            throw std::runtime_error("PostgreSQL: " + message);
        }
        PQsetNoticeProcessor(
            conn_, [](void*, const char*) {}, nullptr);  // stop-word notices
        // websearch_to_tsquery is PostgreSQL's own reading of what a visitor types (words
        // AND-ed); the OR variant joins the same lexemes with |.
        const std::string tsquery =
            or_words ? "replace(websearch_to_tsquery('norwegian', $1)::text, ' & ', ' | ')::tsquery"
                     : "websearch_to_tsquery('norwegian', $1)";
        // The matches of $1, FROM `tables` (occupations, and a facet's values when counting).
        const auto matches = [&](const std::string& tables) {
            return " FROM " + tables + ", (SELECT " + tsquery + " AS q) AS t WHERE doc @@ t.q";
        };
        const std::string sector_filter = " AND ($2::text[] IS NULL OR sectors && $2::text[])";
        const std::string education_filter = " AND ($3::text[] IS NULL OR education && $3::text[])";
        const std::string highlight = page ? ", ts_headline('norwegian', summary, t.q)" : "";
        prepare("search", "SELECT id" + highlight + matches("occupations") + sector_filter +
                              education_filter +
                              " ORDER BY ts_rank_cd(doc, t.q) DESC, id LIMIT 10");
        if (page) {
            // Each facet counted under the other facet's filter only.
            prepare("sector_counts", "SELECT s, count(*)" +
                                         matches("occupations, unnest(sectors) AS s") +
                                         education_filter + " GROUP BY s");
            prepare("education_counts", "SELECT e, count(*)" +
                                            matches("occupations, unnest(education) AS e") +
                                            sector_filter + " GROUP BY e");
        }
    }
    ~PostgresClient() override { PQfinish(conn_); }

    Ids search(const JudgedQuery& q) override {
        const std::string sectors = pg_array(q.sectors), education = pg_array(q.education_levels);
        const char* params[3] = {q.query.c_str(), q.sectors.empty() ? nullptr : sectors.c_str(),
                                 q.education_levels.empty() ? nullptr : education.c_str()};
        PGresult* res = PQexecPrepared(conn_, "search", 3, params, nullptr, nullptr, 0);
        check(res, PGRES_TUPLES_OK, false);
        Ids ids;
        for (int i = 0; i < PQntuples(res); ++i) ids.emplace_back(PQgetvalue(res, i, 0));
        PQclear(res);
        if (page_) {
            for (const char* counts : {"sector_counts", "education_counts"}) {
                check(PQexecPrepared(conn_, counts, 3, params, nullptr, nullptr, 0),
                      PGRES_TUPLES_OK);
            }
        }
        return ids;
    }

  private:
    // Parameters: $1 the query text, $2 the sector filter, $3 the education filter (text[]).
    void prepare(const char* name, const std::string& sql) {
        const Oid types[3] = {25, 1009, 1009};  // text, text[], text[]
        check(PQprepare(conn_, name, sql.c_str(), 3, types), PGRES_COMMAND_OK);
    }
    void check(PGresult* res, ExecStatusType want, bool clear = true) {
        if (PQresultStatus(res) != want) {
            std::string message = PQresultErrorMessage(res);
            PQclear(res);
            throw std::runtime_error("PostgreSQL: " + message);
        }
        if (clear) PQclear(res);
    }
    PGconn* conn_ = nullptr;
    bool page_;
};

// FTS5 query syntax from visitor text: every word quoted (so no character is taken as an
// operator), AND-ed (FTS5's default) or OR-ed.
std::string fts5_match(const std::string& text, bool or_words) {
    std::vector<std::string> words;
    std::string word;
    auto flush = [&] {
        if (!word.empty()) words.push_back("\"" + word + "\"");
        word.clear();
    };
    for (unsigned char c : text) {
        if (std::isalnum(c) || c >= 0x80) {
            word += static_cast<char>(c);
        } else {
            flush();
        }
    }
    flush();
    std::string out;
    for (const auto& w : words) out += (out.empty() ? "" : or_words ? " OR " : " ") + w;
    return out;
}

std::string json_array(const std::vector<std::string>& values) {
    return nlohmann::json(values).dump();
}

class SqliteClient : public Client {
  public:
    SqliteClient(const std::string& file, bool or_words) : or_words_(or_words) {
        if (sqlite3_open_v2(file.c_str(), &db_, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX,
                            nullptr) != SQLITE_OK) {
            throw std::runtime_error("SQLite: cannot open " + file);
        }
        const char* sql =
            "SELECT o.id FROM occupations_fts f JOIN occupations o ON o.rowid = f.rowid "
            "WHERE occupations_fts MATCH ?1 "
            "AND (?2 IS NULL OR EXISTS (SELECT 1 FROM json_each(o.sectors) s "
            "WHERE s.value IN (SELECT value FROM json_each(?2)))) "
            "AND (?3 IS NULL OR EXISTS (SELECT 1 FROM json_each(o.education) e "
            "WHERE e.value IN (SELECT value FROM json_each(?3)))) "
            "ORDER BY bm25(occupations_fts, 4.0, 1.5, 1.0), o.id LIMIT 10";
        if (sqlite3_prepare_v2(db_, sql, -1, &stmt_, nullptr) != SQLITE_OK) {
            throw std::runtime_error(std::string("SQLite: ") + sqlite3_errmsg(db_));
        }
    }
    ~SqliteClient() override {
        sqlite3_finalize(stmt_);
        sqlite3_close(db_);
    }

    Ids search(const JudgedQuery& q) override {
        Ids ids;
        const std::string match = fts5_match(q.query, or_words_);
        if (match.empty()) return ids;  // nothing to match: FTS5 would reject the expression
        const std::string sectors = json_array(q.sectors),
                          education = json_array(q.education_levels);
        sqlite3_reset(stmt_);
        sqlite3_bind_text(stmt_, 1, match.c_str(), -1, SQLITE_TRANSIENT);
        if (q.sectors.empty()) {
            sqlite3_bind_null(stmt_, 2);
        } else {
            sqlite3_bind_text(stmt_, 2, sectors.c_str(), -1, SQLITE_TRANSIENT);
        }
        if (q.education_levels.empty()) {
            sqlite3_bind_null(stmt_, 3);
        } else {
            sqlite3_bind_text(stmt_, 3, education.c_str(), -1, SQLITE_TRANSIENT);
        }
        int rc;
        while ((rc = sqlite3_step(stmt_)) == SQLITE_ROW) {
            ids.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(stmt_, 0)));
        }
        if (rc != SQLITE_DONE) {
            throw std::runtime_error(std::string("SQLite: ") + sqlite3_errmsg(db_) + " for " +
                                     match);
        }
        return ids;
    }

  private:
    sqlite3* db_ = nullptr;
    sqlite3_stmt* stmt_ = nullptr;
    bool or_words_;
};

std::function<std::unique_ptr<Client>()> client_factory(const Options& o) {
    if (o.system == "engine") {
        auto analyzer = std::make_shared<const yrkesok::analyzers::Analyzer>();
        return [o, analyzer] {
            return std::make_unique<EngineClient>(o.index, analyzer, o.facets, o.snippets, o.prefix,
                                                  static_cast<std::size_t>(o.in_memory_mib) << 20);
        };
    }
    if (o.system == "http") {
        return [o] { return std::make_unique<HttpClient>(o.port, !o.write_run.empty()); };
    }
    if (o.system == "postgres") {
        return [o] { return std::make_unique<PostgresClient>(o.conninfo, o.or_words, o.page); };
    }
    if (o.system == "sqlite") {
        return [o] { return std::make_unique<SqliteClient>(o.db, o.or_words); };
    }
    throw std::runtime_error("--system must be engine, http, postgres or sqlite");
}

Options parse(int argc, char** argv) {
    Options o;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        auto next = [&]() -> std::string {
            if (i + 1 >= argc) throw std::runtime_error(a + " needs a value");
            return argv[++i];
        };
        if (a == "--system")
            o.system = next();
        else if (a == "--queries")
            o.queries = next();
        else if (a == "--index")
            o.index = next();
        else if (a == "--port")
            o.port = std::stoi(next());
        else if (a == "--conninfo")
            o.conninfo = next();
        else if (a == "--db")
            o.db = next();
        else if (a == "--or")
            o.or_words = true;
        else if (a == "--no-facets")
            o.facets = false;
        else if (a == "--snippets")
            o.snippets = true;
        else if (a == "--prefix")
            o.prefix = true;
        else if (a == "--page")
            o.page = true;
        else if (a == "--write-run")
            o.write_run = next();
        else if (a == "--clients")
            o.clients = std::stoi(next());
        else if (a == "--slowest")
            o.slowest = std::stoi(next());
        else if (a == "--engines")
            o.engines = std::stoi(next());
        else if (a == "--in-memory") {
            o.in_memory_mib = std::stoll(next());
            o.in_memory_given = true;
        } else if (a == "--seconds")
            o.seconds = std::stod(next());
        else if (a == "--label")
            o.label = next();
        else
            throw std::runtime_error("unknown option " + a);
    }
    if (o.queries.empty()) throw std::runtime_error("--queries FILE is required");
    if (o.clients < 1 || o.clients > 256) throw std::runtime_error("--clients must be 1-256");
    if (o.engines < 0 || o.engines > 256) throw std::runtime_error("--engines must be 1-256");
    if (o.in_memory_mib < 0 || o.in_memory_mib > (1 << 16)) {
        throw std::runtime_error("--in-memory must be 0-65536 (MiB)");
    }
    if (o.slowest < 0) throw std::runtime_error("--slowest must be 0 or more");
    if (o.in_memory_given && o.system != "engine") {
        throw std::runtime_error("--in-memory is for --system engine only");
    }
    if (o.engines > 0 && o.system != "engine") {
        throw std::runtime_error("--engines is for --system engine only");
    }
    return o;
}

int write_run(const Options& o, const std::vector<JudgedQuery>& queries) {
    auto client = client_factory(o)();
    std::ofstream out(o.write_run);
    if (!out) throw std::runtime_error("cannot write " + o.write_run);
    for (const auto& q : queries) {
        auto ids = client->search(q);
        out << q.id << "\t";
        for (std::size_t i = 0; i < ids.size(); ++i) out << (i ? " " : "") << ids[i];
        out << "\n";
    }
    return 0;
}

int load(const Options& o, const std::vector<JudgedQuery>& queries) {
    auto factory = client_factory(o);
    std::vector<std::unique_ptr<Client>> clients;
    if (o.engines > 0) {
        std::vector<std::unique_ptr<Client>> engines;
        for (int i = 0; i < o.engines; ++i) engines.push_back(factory());
        for (const auto& engine : engines) {
            for (const auto& q : queries) engine->search(q);  // warm-up
        }
        auto shelf = std::make_shared<EngineShelf>(std::move(engines));
        for (int i = 0; i < o.clients; ++i) clients.push_back(std::make_unique<ShelfClient>(shelf));
    } else {
        for (int i = 0; i < o.clients; ++i) clients.push_back(factory());
        // Warm-up: one pass over the queries on every client (engine, connection), the clients
        // at once, so that a server opens the engines it keeps for that many before the clock
        // starts (it opens one per core ahead, the others when that many searches run at once).
        std::vector<std::thread> warming;
        std::vector<std::exception_ptr> errors(clients.size());
        for (std::size_t c = 0; c < clients.size(); ++c) {
            warming.emplace_back([&, c] {
                try {
                    for (const auto& q : queries) clients[c]->search(q);
                } catch (...) {
                    errors[c] = std::current_exception();
                }
            });
        }
        for (auto& thread : warming) thread.join();
        for (const auto& error : errors) {
            if (error) std::rethrow_exception(error);
        }
    }

    using clock = std::chrono::steady_clock;
    std::vector<std::vector<double>> latencies(o.clients);
    // Per client and query: total milliseconds and count, for the slowest-queries report.
    std::vector<std::vector<std::pair<double, int>>> per_query(
        o.clients, std::vector<std::pair<double, int>>(queries.size()));
    std::atomic<bool> failed{false};
    std::string failure;
    const auto start = clock::now();
    const auto stop = start + std::chrono::duration_cast<clock::duration>(
                                  std::chrono::duration<double>(o.seconds));
    std::vector<std::thread> threads;
    for (int t = 0; t < o.clients; ++t) {
        threads.emplace_back([&, t] {
            std::size_t next = queries.size() * t / o.clients;
            try {
                while (clock::now() < stop) {
                    const std::size_t i = next++ % queries.size();
                    const auto begin = clock::now();
                    clients[t]->search(queries[i]);
                    const double ms =
                        std::chrono::duration<double, std::milli>(clock::now() - begin).count();
                    latencies[t].push_back(ms);
                    per_query[t][i].first += ms;
                    per_query[t][i].second += 1;
                }
            } catch (const std::exception& e) {
                if (!failed.exchange(true)) failure = e.what();
            }
        });
    }
    for (auto& th : threads) th.join();
    const double elapsed = std::chrono::duration<double>(clock::now() - start).count();
    if (failed) throw std::runtime_error(failure);
    std::vector<double> all;
    for (const auto& l : latencies) all.insert(all.end(), l.begin(), l.end());
    std::sort(all.begin(), all.end());
    auto pct = [&](double p) {
        return all.empty()
                   ? 0.0
                   : all[std::min(all.size() - 1, static_cast<std::size_t>(p * all.size()))];
    };
    std::vector<std::pair<double, std::string>> means;
    for (std::size_t i = 0; i < queries.size(); ++i) {
        double total = 0;
        int count = 0;
        for (const auto& client : per_query) {
            total += client[i].first;
            count += client[i].second;
        }
        if (count > 0) means.emplace_back(total / count, queries[i].query);
    }
    std::sort(means.rbegin(), means.rend());
    nlohmann::ordered_json slowest = nlohmann::ordered_json::array();
    const std::size_t listed = o.slowest > 0 ? static_cast<std::size_t>(o.slowest) : means.size();
    for (std::size_t i = 0; i < means.size() && i < listed; ++i) {
        slowest.push_back({{"query", means[i].second}, {"mean_ms", means[i].first}});
    }
    nlohmann::ordered_json j = {
        {"system", o.label.empty() ? o.system : o.label},
        {"clients", o.clients},
        {"engines", o.system == "engine" ? (o.engines > 0 ? o.engines : o.clients) : 0},
        {"in_memory_mib", o.system == "engine" ? o.in_memory_mib : 0},
        {"queries", all.size()},
        {"seconds", elapsed},
        {"qps", all.size() / elapsed},
        {"p50_ms", pct(0.50)},
        {"p99_ms", pct(0.99)},
        {"mean_ms", all.empty() ? 0.0 : elapsed * o.clients * 1000 / all.size()},
        {"slowest", slowest}};
    std::cout << j.dump() << "\n";
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    try {
        const Options o = parse(argc, argv);
        const auto queries = yrkesok::eval::read_judged_queries(o.queries);
        return o.write_run.empty() ? load(o, queries) : write_run(o, queries);
    } catch (const std::exception& e) {
        std::cerr << "peer_bench: " << e.what() << "\n";
        return 1;
    }
}
