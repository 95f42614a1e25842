#include "yrkesok/meili/routes.h"

#include <algorithm>
#include <cctype>
#include <iostream>
#include <nlohmann/json.hpp>

#include "search.h"
#include "yrkesok/analyzers/utf8.h"
#include "yrkesok/server/engine_pool.h"
#include "yrkesok/server/http_server.h"
#include "yrkesok/server/params.h"
#include "yrkesok/server/route_set.h"

namespace yrkesok::meili {
namespace {

using http::EnginePool;
using http::HttpServerOptions;
using httplib::Request;
using httplib::Response;
using nlohmann::json;
using nlohmann::ordered_json;

constexpr const char* kJson = "application/json";

// The paths of the Meilisearch API. The set owns each and everything below it (CORS, errors,
// metrics); what this server does not serve is answered with an error on the path itself and,
// where Meilisearch has routes below it, on those too, so a client never mistakes them for
// something else.
struct Namespace {
    std::string_view prefix;
    bool has_subpaths;
};
constexpr Namespace kNamespaces[] = {{"/indexes", true},
                                     {"/multi-search", false},
                                     {"/tasks", true},
                                     {"/batches", true},
                                     {"/keys", true},
                                     {"/stats", false},
                                     {"/version", false},
                                     {"/dumps", true},
                                     {"/snapshots", true},
                                     {"/swap-indexes", false},
                                     {"/experimental-features", false},
                                     {"/network", true},
                                     {"/webhooks", true},
                                     {"/chats", true}};

void send(Response& res, const ordered_json& body, int status = 200) {
    res.status = status;
    res.set_content(body.dump(-1, ' ', false, ordered_json::error_handler_t::replace), kJson);
}

void send_error(Response& res, const MeiliError& error) {
    send(res, error_json(error), error.status());
}

void check_index(const std::string& uid) {
    const bool valid =
        !uid.empty() && uid.size() <= 400 && std::all_of(uid.begin(), uid.end(), [](char c) {
            return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_';
        });
    if (!valid) {
        throw MeiliError(400, "invalid_index_uid",
                         "`" + uid.substr(0, 100) +
                             "` is not a valid index uid. Index uid can be an integer or a string "
                             "containing only alphanumeric characters, hyphens (-) and "
                             "underscores (_), and can not be more than 512 bytes.");
    }
    if (uid != kIndexUid) {
        throw MeiliError(
            404, "index_not_found",
            "Index `" + uid + "` not found. This server holds one index, `" + kIndexUid + "`.");
    }
}

json parse_body(const Request& req) {
    const auto type = req.get_header_value("Content-Type");
    if (type.empty()) {
        throw MeiliError(415, "missing_content_type",
                         "A Content-Type header is missing. Accepted values for the Content-Type "
                         "header are: `application/json`");
    }
    if (!type.starts_with(kJson)) {
        throw MeiliError(415, "invalid_content_type",
                         "The Content-Type `" + type.substr(0, 100) +
                             "` is invalid. Accepted values for the Content-Type header are: "
                             "`application/json`");
    }
    if (req.body.empty()) {
        throw MeiliError(400, "missing_payload", "A json payload is missing.");
    }
    auto body = json::parse(req.body, nullptr, false);
    if (body.is_discarded()) {
        throw MeiliError(400, "malformed_payload",
                         "The json payload provided is malformed: it is not valid JSON.");
    }
    return body;
}

std::string timestamp(const search::IndexInfo& info) {
    auto found = info.metadata.find("build_time");
    return found == info.metadata.end() ? "1970-01-01T00:00:00Z" : found->second;
}

ordered_json index_json(const search::IndexInfo& info) {
    ordered_json json;
    json["uid"] = kIndexUid;
    json["createdAt"] = timestamp(info);
    json["updatedAt"] = timestamp(info);
    json["primaryKey"] = kPrimaryKey;
    return json;
}

class Routes {
  public:
    Routes(EnginePool& pool, const HttpServerOptions& options) : pool_(pool) {
        limits_.max_query_bytes = options.engine.max_query_bytes;
        limits_.max_total_hits = options.engine.max_offset_window;
    }

    ordered_json run(const json& body, bool multi) {
        auto query = parse_search(body, limits_, multi);
        auto engine = pool_.borrow();
        return search_response(query, engine->search(query.request));
    }

    void search_post(const Request& req, Response& res) {
        check_index(req.matches[1].str());
        send(res, run(parse_body(req), false));
    }

    void search_get(const Request& req, Response& res) {
        check_index(req.matches[1].str());
        for (const auto& [name, value] : req.params) {
            if (!utf8::is_valid(name) || !utf8::is_valid(value)) {
                throw MeiliError(400, "bad_request", "A query parameter is not valid UTF-8.");
            }
        }
        send(res, run(query_string_to_body(req.params), false));
    }

    void multi_search(const Request& req, Response& res) {
        auto body = parse_body(req);
        if (!body.is_object() || !body.contains("queries") || !body["queries"].is_array()) {
            throw MeiliError(400, "bad_request",
                             "Missing field `queries`: the body is {\"queries\": [ … ]}.");
        }
        for (const auto& [name, value] : body.items()) {
            if (name != "queries") {
                throw MeiliError(400, "bad_request",
                                 "Unknown field `" + name +
                                     "`: expected one of `queries`. Federated search is not "
                                     "supported.");
            }
        }
        ordered_json results = ordered_json::array();
        const auto& queries = body["queries"];
        for (std::size_t i = 0; i < queries.size(); ++i) {
            const std::string where = "Inside `.queries[" + std::to_string(i) + "]`: ";
            try {
                const auto& query = queries[i];
                if (!query.is_object() || !query.contains("indexUid") ||
                    !query["indexUid"].is_string()) {
                    throw MeiliError(400, "missing_index_uid", "Missing field `indexUid`.");
                }
                const auto uid = query["indexUid"].get<std::string>();
                check_index(uid);
                ordered_json result;
                result["indexUid"] = uid;
                result.update(run(query, true));
                results.push_back(std::move(result));
            } catch (const MeiliError& e) {
                throw MeiliError(e.status(), e.code(), where + e.what(), e.type());
            } catch (const search::SearchError& e) {
                throw MeiliError(400, "bad_request", where + e.what());
            }
        }
        ordered_json json;
        json["results"] = std::move(results);
        send(res, json);
    }

    void list_indexes(const Request& req, Response& res) {
        std::size_t offset = 0, limit = 20;
        for (const auto& [name, value] : req.params) {
            std::size_t* target = name == "offset" ? &offset : name == "limit" ? &limit : nullptr;
            if (!target) {
                throw MeiliError(
                    400, "bad_request",
                    "Unknown parameter `" + name + "`: expected one of `offset`, `limit`.");
            }
            try {
                std::size_t used = 0;
                *target = std::stoul(value, &used);
                if (used != value.size() || value.starts_with("-")) throw std::invalid_argument("");
            } catch (const std::exception&) {
                throw MeiliError(400,
                                 name == "offset" ? "invalid_index_offset" : "invalid_index_limit",
                                 "Invalid value in parameter `" + name + "`: could not parse `" +
                                     value.substr(0, 40) + "` as a positive integer.");
            }
        }
        ordered_json results = ordered_json::array();
        if (offset == 0 && limit > 0)
            results.push_back(index_json(pool_.borrow_without_waiting()->info()));
        ordered_json json;
        json["results"] = std::move(results);
        json["offset"] = offset;
        json["limit"] = limit;
        json["total"] = 1;
        send(res, json);
    }

    void get_index(const Request& req, Response& res) {
        no_parameters(req);
        check_index(req.matches[1].str());
        send(res, index_json(pool_.borrow_without_waiting()->info()));
    }

    void version(const Request& req, Response& res) {
        no_parameters(req);
        ordered_json json;
        json["commitSha"] = "unknown";
        json["commitDate"] = "unknown";
        json["pkgVersion"] = kCompatibleVersion;
        send(res, json);
    }

    static void no_parameters(const Request& req) {
        if (!req.params.empty()) {
            throw MeiliError(
                400, "bad_request",
                "Unknown parameter `" + req.params.begin()->first + "`: this route takes none.");
        }
    }

  private:
    EnginePool& pool_;
    MeiliLimits limits_;
};

template <typename Handler>
httplib::Server::Handler guarded(std::shared_ptr<Routes> routes, Handler handler) {
    return [routes, handler](const Request& req, Response& res) {
        try {
            ((*routes).*handler)(req, res);
        } catch (const MeiliError& e) {
            send_error(res, e);
        } catch (const search::SearchError& e) {
            send_error(res, MeiliError(400, "bad_request", e.what()));
        } catch (const search::IndexOpenError& e) {
            std::cerr << "yrkesok serve: index unavailable: " << e.what() << std::endl;
            send_error(res, MeiliError(503, "index_not_accessible", "The index cannot be opened.",
                                       "internal"));
        }
    };
}

void not_served(const Request& req, Response& res) {
    const bool read = req.method == "GET" || req.method == "HEAD";
    if (!read) res.set_header("Allow", "GET, POST");
    send_error(res, MeiliError(read ? 404 : 405, "bad_request",
                               req.method + " " + req.path.substr(0, 200) +
                                   " is not served: this server answers searches over the "
                                   "read-only index `yrker` (POST /indexes/yrker/search, POST "
                                   "/multi-search, GET /indexes, /indexes/yrker, /version, "
                                   "/health); the index is built with `yrkesok index`."));
}

class MeiliRouteSet final : public http::RouteSet {
  public:
    void install(httplib::Server& server, EnginePool& pool,
                 const HttpServerOptions& options) const override {
        auto routes = std::make_shared<Routes>(pool, options);
        server.Post(R"(/indexes/([^/]+)/search)", guarded(routes, &Routes::search_post));
        server.Get(R"(/indexes/([^/]+)/search)", guarded(routes, &Routes::search_get));
        server.Post("/multi-search", guarded(routes, &Routes::multi_search));
        server.Get("/indexes", guarded(routes, &Routes::list_indexes));
        server.Get(R"(/indexes/([^/]+))", guarded(routes, &Routes::get_index));
        server.Get("/version", guarded(routes, &Routes::version));
        for (const auto& space : kNamespaces) {
            const std::string pattern =
                std::string(space.prefix) + (space.has_subpaths ? "(/.*)?" : "");
            server.Get(pattern, not_served);
            server.Post(pattern, not_served);
            server.Put(pattern, not_served);
            server.Patch(pattern, not_served);
            server.Delete(pattern, not_served);
        }
    }

    bool owns(const std::string& path) const override {
        return std::any_of(std::begin(kNamespaces), std::end(kNamespaces), [&](const auto& space) {
            return path.starts_with(space.prefix) &&
                   (path.size() == space.prefix.size() || path[space.prefix.size()] == '/');
        });
    }

    std::string allowed_methods() const override { return "GET, POST, OPTIONS"; }

    // By shape: the index uid is not a label's business.
    std::string route_label(const std::string& path) const override {
        if (path.starts_with("/indexes/")) {
            const auto rest = std::string_view(path).substr(9);
            const auto slash = rest.find('/');
            if (slash == std::string_view::npos) return "/indexes/{uid}";
            if (rest.substr(slash) == "/search") return "/indexes/{uid}/search";
            return "/indexes/other";
        }
        if (path == "/multi-search" || path == "/version" || path == "/indexes") return path;
        return "other";
    }

    void error_response(const Request&, Response& response) const override {
        const int status = response.status;
        std::string code = "bad_request";
        std::string message =
            "The request could not be read: a request with a body needs a "
            "Content-Length header or a chunked body.";
        if (status == 413) {
            code = "payload_too_large";
            message = "The provided payload is larger than this server accepts.";
        } else if (status == 414) {
            message = "The request target is too long.";
        } else if (status == 404) {
            message = "Not found.";
        } else if (status >= 500) {
            send_error(response,
                       MeiliError(status, "internal", "Internal server error.", "internal"));
            return;
        }
        send_error(response, MeiliError(status, code, message));
    }

    // Meilisearch's client libraries name themselves in X-Meilisearch-Client and expect
    // {"status":"available"}.
    std::optional<nlohmann::ordered_json> health(const Request& request) const override {
        if (!request.has_header("X-Meilisearch-Client")) return std::nullopt;
        return ordered_json{{"status", "available"}};
    }
};

}  // namespace

std::shared_ptr<const http::RouteSet> route_set() {
    return std::make_shared<MeiliRouteSet>();
}

}  // namespace yrkesok::meili
