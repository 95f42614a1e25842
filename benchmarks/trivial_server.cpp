// The ceiling of our HTTP stack: a cpp-httplib server with the same settings as
// `yrkesok serve` (server/src/server.cpp, HttpServer::Impl::configure) that answers
// GET /api/search with a constant JSON body shaped and sized like a real search response.
// benchmarks/http_load.sh runs it next to the real server; the ratio of the two throughputs is
// how much of the stack's capacity the search itself leaves.
//
//   trivial_server [--host 127.0.0.1] [--port 8081] [--threads 32]

#include <httplib.h>

#include <csignal>
#include <cstdlib>
#include <iostream>
#include <string>
#include <string_view>

namespace {

// Ten hits shaped like a real /api/search response (api::search_response_to_json): the
// response for q=sykepleier is 4,846 bytes; this body is about the same size.
std::string make_body() {
    std::string body =
        R"J({"query":"sykepleier","total":32,"page":1,"per_page":10,"took_ms":0.25,)J"
        R"J("corrected_query":null,"suggestion":null,"hits":[)J";
    for (int i = 0; i < 10; ++i) {
        if (i > 0) body += ',';
        body +=
            R"J({"id":"sykepleier-)J" + std::to_string(i) + R"J(","title":"Sykepleier )J" +
            std::to_string(i) + R"J(","score":)J" + std::to_string(135.36665141094252 - 10 * i) +
            R"J(,"snippet":"… sykehus og i kommunehelsetjenesten. Etter fullført bachelor )J"
            R"J(søker du om autorisasjon fra Helsedirektoratet. Senere kan du ta videreutdanning )J"
            R"J(eller master og bli for eksempel <mark>intensivsykepleier</mark>, jordmor eller )J"
            R"J(<mark>helsesykepleier</mark>.","sectors":["Helse og sosial"],)J"
            R"J("education_levels":["Bachelor","Master"],"styrk08":["2223"]})J";
    }
    body +=
        R"J(],"facets":{"sectors":{"Helse og sosial":30,"Utdanning":4,"Industri og )J"
        R"J(produksjon":3,"Salg og service":2,"Sikkerhet og beredskap":2,"Kontor og økonomi":1,)J"
        R"J("Kultur og kreative yrker":1,"Reiseliv og mat":1},"education_levels":{"Master":25,)J"
        R"J("Bachelor":17,"Doktorgrad":4,"Fagbrev":3,"Fagskole":2,"Ingen formelle krav":2}}})J";
    return body;
}

httplib::Server* g_server = nullptr;

void on_signal(int) {
    if (g_server != nullptr) g_server->stop();
}

}  // namespace

int main(int argc, char** argv) {
    std::string host = "127.0.0.1";
    int port = 8081;
    long threads = 32;  // HttpServerOptions::threads default
    for (int i = 1; i < argc; ++i) {
        std::string_view arg = argv[i];
        auto value = [&]() -> const char* {
            if (i + 1 >= argc) {
                std::cerr << "trivial_server: " << arg << " needs a value\n";
                std::exit(2);
            }
            return argv[++i];
        };
        if (arg == "--port") {
            port = std::atoi(value());
        } else if (arg == "--threads") {
            threads = std::atol(value());
        } else if (arg == "--host") {
            host = value();
        } else {
            std::cerr << "usage: trivial_server [--host H] [--port P] [--threads N]\n";
            return arg == "--help" ? 0 : 2;
        }
    }
    if (threads < 1 || port < 0 || port > 65535) {
        std::cerr << "trivial_server: bad --threads or --port\n";
        return 2;
    }

    const std::string body = make_body();
    httplib::Server server;
    // Same as HttpServer::Impl::configure() with HttpServerOptions defaults.
    const auto pool_size = static_cast<std::size_t>(threads);
    server.new_task_queue = [pool_size] { return new httplib::ThreadPool(pool_size); };
    server.set_tcp_nodelay(true);
    server.set_keep_alive_timeout(2);
    server.set_keep_alive_max_count(1000);
    server.set_read_timeout(5);
    server.set_write_timeout(5);
    server.set_payload_max_length(64 * 1024);
    server.set_default_headers({{"X-Content-Type-Options", "nosniff"}});

    server.Get("/api/search", [&body](const httplib::Request&, httplib::Response& res) {
        res.set_content(body, "application/json");
    });
    server.Get("/health", [](const httplib::Request&, httplib::Response& res) {
        res.set_content(R"J({"status":"ok"})J", "application/json");
    });

    g_server = &server;
    std::signal(SIGINT, on_signal);
    std::signal(SIGTERM, on_signal);
    if (!server.bind_to_port(host, port)) {
        std::cerr << "trivial_server: cannot listen on " << host << ":" << port << "\n";
        return 1;
    }
    std::cerr << "trivial_server: " << body.size() << "-byte body on " << host << ":" << port
              << ", " << threads << " threads\n";
    server.listen_after_bind();
    return 0;
}
