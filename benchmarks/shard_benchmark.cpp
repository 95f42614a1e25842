// Query latency and throughput of one index laid out as 1, 2 and 4 local shards and as 2 remote
// shards (xapian-tcpsrv on 127.0.0.1), over the queries of benchmarks/queries.txt.
//
//   shard_benchmark --corpus FILE [--work DIR] [--rounds N] [--threads N]
//
// Run from the repository root. Indexes are built under --work (default /tmp/yrkesok-shards)
// with the library's build_index and reused when they hold the corpus' record count. Latency:
// one engine, every query --rounds times after a warm-up round, p50/p95/mean per query.
// Throughput: --threads engines (one per thread, as the server's pool) running the same rounds;
// queries per second of wall time. The xapian-tcpsrv processes are killed on exit.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "yrkesok/format/layout.h"
#include "yrkesok/indexer/corpus.h"
#include "yrkesok/indexer/index_writer.h"
#include "yrkesok/searcher/search_engine.h"

namespace {

namespace fs = std::filesystem;
using namespace yrkesok;
using Clock = std::chrono::steady_clock;

std::vector<search::SearchRequest> load_queries(const fs::path& file) {
    std::vector<search::SearchRequest> out;
    std::ifstream in(file);
    for (std::string line; std::getline(in, line);) {
        if (line.empty() || line[0] == '#') continue;
        search::SearchRequest r;
        auto amp = line.find(" &");
        r.query = line.substr(0, amp);
        if (amp != std::string::npos) {
            std::string params = line.substr(amp + 2);
            std::size_t start = 0;
            while (start < params.size()) {
                auto end = params.find('&', start);
                auto kv = params.substr(start, end == std::string::npos ? end : end - start);
                auto eq = kv.find('=');
                if (kv.substr(0, eq) == "sector") r.sectors.push_back(kv.substr(eq + 1));
                if (kv.substr(0, eq) == "education")
                    r.education_levels.push_back(kv.substr(eq + 1));
                if (end == std::string::npos) break;
                start = end + 1;
            }
        }
        out.push_back(r);
    }
    return out;
}

int free_port() {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    socklen_t len = sizeof addr;
    getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
    close(fd);
    return ntohs(addr.sin_port);
}

struct Servers {
    std::vector<pid_t> pids;
    ~Servers() {
        for (pid_t pid : pids) {
            ::kill(-pid, SIGKILL);
            waitpid(pid, nullptr, 0);
        }
    }
    std::string start(const fs::path& database) {
        const int port = free_port();
        pid_t pid = fork();
        if (pid == 0) {
            setpgid(0, 0);
            const std::string p = std::to_string(port);
            execlp("xapian-tcpsrv", "xapian-tcpsrv", "--quiet", "--interface", "127.0.0.1",
                   "--port", p.c_str(), database.c_str(), static_cast<char*>(nullptr));
            _exit(127);
        }
        setpgid(pid, pid);
        pids.push_back(pid);
        std::this_thread::sleep_for(std::chrono::milliseconds(500));
        return "tcp://127.0.0.1:" + std::to_string(port);
    }
};

fs::path ensure_index(const std::vector<index::Occupation>& records, const fs::path& dir,
                      std::size_t shards, const analyzers::Analyzer& analyzer) {
    format::IndexLayout layout(dir);
    if (auto current = layout.current_generation()) {
        search::SearchEngine probe(dir.string(), std::make_shared<analyzers::Analyzer>());
        if (probe.info().documents == records.size()) return layout.generation_path(*current);
    }
    index::IndexBuildOptions options;
    options.synonyms_file = "corpus/synonyms.tsv";
    options.shards = shards;
    auto started = Clock::now();
    auto stats = index::build_index(records, dir, analyzer, options);
    std::cerr << "built " << dir << " (" << shards << " shards): " << stats.documents
              << " documents in " << std::chrono::duration<double>(Clock::now() - started).count()
              << " s\n";
    return layout.generation_path(*layout.current_generation());
}

struct Row {
    std::string shape;
    double p50 = 0, p95 = 0, mean = 0, qps = 0, open_s = 0;
};

Row measure(const std::string& shape, const std::string& dir, search::EngineOptions options,
            const std::vector<search::SearchRequest>& queries, int rounds, int threads,
            std::shared_ptr<const analyzers::Analyzer> analyzer) {
    Row row;
    row.shape = shape;
    auto opened = Clock::now();
    std::vector<std::unique_ptr<search::SearchEngine>> engines;
    for (int t = 0; t < threads; ++t) {
        engines.push_back(std::make_unique<search::SearchEngine>(dir, analyzer, options));
    }
    row.open_s = std::chrono::duration<double>(Clock::now() - opened).count() / threads;
    auto& engine = *engines[0];
    for (const auto& q : queries) engine.search(q);  // warm-up
    std::vector<double> ms;
    for (int r = 0; r < rounds; ++r) {
        for (const auto& q : queries) {
            auto start = Clock::now();
            engine.search(q);
            ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
        }
    }
    std::sort(ms.begin(), ms.end());
    row.p50 = ms[ms.size() / 2];
    row.p95 = ms[ms.size() * 95 / 100];
    for (double m : ms) row.mean += m / static_cast<double>(ms.size());

    auto started = Clock::now();
    std::vector<std::thread> workers;
    for (int t = 0; t < threads; ++t) {
        workers.emplace_back([&, t] {
            for (int r = 0; r < rounds; ++r) {
                for (const auto& q : queries) engines[t]->search(q);
            }
        });
    }
    for (auto& w : workers) w.join();
    const double seconds = std::chrono::duration<double>(Clock::now() - started).count();
    row.qps = static_cast<double>(threads) * rounds * static_cast<double>(queries.size()) / seconds;
    return row;
}

}  // namespace

int main(int argc, char** argv) {
    std::string corpus_file;
    fs::path work = "/tmp/yrkesok-shards";
    int rounds = 5;
    int threads = 2;
    for (int i = 1; i + 1 < argc; i += 2) {
        std::string a = argv[i];
        if (a == "--corpus")
            corpus_file = argv[i + 1];
        else if (a == "--work")
            work = argv[i + 1];
        else if (a == "--rounds")
            rounds = std::stoi(argv[i + 1]);
        else if (a == "--threads")
            threads = std::stoi(argv[i + 1]);
    }
    if (corpus_file.empty()) {
        std::cerr
            << "usage: shard_benchmark --corpus FILE [--work DIR] [--rounds N] [--threads N]\n";
        return 2;
    }
    auto vocab = index::Vocabularies::load("corpus");
    auto corpus = index::read_corpus(corpus_file, vocab);
    if (!corpus.ok()) {
        std::cerr << corpus.issues.front().to_string() << "\n";
        return 1;
    }
    auto analyzer = std::make_shared<const analyzers::Analyzer>();
    const auto queries = load_queries("benchmarks/queries.txt");
    fs::create_directories(work);
    std::vector<std::pair<std::size_t, fs::path>> generations;
    for (std::size_t shards : {1u, 2u, 4u}) {
        generations.emplace_back(
            shards, ensure_index(corpus.records, work / ("shards-" + std::to_string(shards)),
                                 shards, *analyzer));
    }

    std::vector<Row> rows;
    for (const auto& [shards, gen] : generations) {
        rows.push_back(measure(std::to_string(shards) + " local shard" + (shards > 1 ? "s" : ""),
                               (work / ("shards-" + std::to_string(shards))).string(), {}, queries,
                               rounds, threads, analyzer));
    }
    {
        Servers servers;
        search::EngineOptions options;
        const fs::path gen = generations[1].second;
        options.shards = {servers.start(gen / "shard-0"), servers.start(gen / "shard-1")};
        options.lexicon = gen.string();
        rows.push_back(measure("2 remote shards (127.0.0.1)", "remote", options, queries, rounds,
                               threads, analyzer));
    }

    std::printf("%zu documents, %zu queries x %d rounds, %d threads for throughput\n\n",
                corpus.records.size(), queries.size(), rounds, threads);
    std::printf("| shape | p50 ms | p95 ms | mean ms | queries/s (%d threads) | engine open s |\n",
                threads);
    std::printf("|---|---:|---:|---:|---:|---:|\n");
    for (const auto& r : rows) {
        std::printf("| %s | %.2f | %.2f | %.2f | %.1f | %.2f |\n", r.shape.c_str(), r.p50, r.p95,
                    r.mean, r.qps, r.open_s);
    }
    return 0;
}
