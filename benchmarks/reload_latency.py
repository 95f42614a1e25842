#!/usr/bin/env python3
"""How long /api/search answers take while a served index is rebuilt, for one or more `yrkesok`
binaries in alternating rounds (this machine is shared and noisy: compare within a round).

Each run copies the index, starts `BIN serve --index COPY --port P --warm-up 0`, warms every
engine with 8 connections for 3 s, and then:
  steady  8 keep-alive connections for 25 s while `BIN index` rebuilds the copy 3 times, 3 s
          apart (every engine is busy when a new generation goes live);
  burst   one rebuild, then 1 connection for 4 s (it meets the new generation), then 8.
Each connection cycles a few one- and two-word queries and times every answer. Prints, per run,
the requests, p50, p99, the slowest answer and how many took over 100 and 250 ms.

Usage: benchmarks/reload_latency.py --index DIR [--scenario steady|burst|both] [--rounds N]
                                    [--port P] BIN [BIN...]
  DIR must be an index of the bundled corpus built by the binaries' versions; the rebuilds index
  corpus/occupations.jsonl as `yrkesok index` does by default.
"""
import argparse
import http.client
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
QUERIES = ["sykepleier", "lege", "hjerte lungemaskin", "kokk", "snekker", "elektriker",
           "barnehagelærer", "frisør"]


def timed_load(port, seconds, connections):
    """Answer times in seconds of `connections` keep-alive clients over `seconds`."""
    times, lock = [], threading.Lock()

    def client(first):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine, n, end = [], first, time.time() + seconds
        while time.time() < end:
            query = urllib.parse.quote_plus(QUERIES[n % len(QUERIES)])
            n += 1
            started = time.perf_counter()
            conn.request("GET", "/api/search?q=" + query)
            response = conn.getresponse()
            response.read()
            if response.status != 200:
                raise RuntimeError(f"/api/search answered {response.status}")
            mine.append(time.perf_counter() - started)
        with lock:
            times.extend(mine)

    threads = [threading.Thread(target=client, args=(i,)) for i in range(connections)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return times


def summary(label, times):
    times = sorted(times)
    n = len(times)
    if n == 0:
        return f"{label}: no answers"
    return (f"{label}: {n} requests, p50 {times[n // 2] * 1e3:.2f} ms, "
            f"p99 {times[int(n * 0.99)] * 1e3:.1f} ms, max {times[-1] * 1e3:.0f} ms, "
            f"over 100 ms: {sum(t > 0.1 for t in times)}, over 250 ms: {sum(t > 0.25 for t in times)}")


def rebuild(binary, index):
    subprocess.run([binary, "index", "--corpus", os.path.join(REPO, "corpus/occupations.jsonl"),
                    "--vocab", os.path.join(REPO, "corpus"), "--synonyms",
                    os.path.join(REPO, "corpus/synonyms.tsv"), "--index", index],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def wait_for_health(port, server):
    for _ in range(300):
        if server.poll() is not None:
            raise RuntimeError("the server exited at start")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
            conn.request("GET", "/health")
            if conn.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.1)
    raise RuntimeError("the server did not answer /health within 30 s")


def run(binary, index, port, scenario):
    work = tempfile.mkdtemp(prefix="reload_latency.")
    copy = os.path.join(work, "index")
    shutil.copytree(index, copy, symlinks=True)
    server = subprocess.Popen([binary, "serve", "--index", copy, "--port", str(port),
                               "--warm-up", "0"], stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    try:
        wait_for_health(port, server)
        timed_load(port, 3, 8)  # every engine opened, and on the first generation
        if scenario == "steady":
            def rebuilds():
                for _ in range(3):
                    time.sleep(3)
                    rebuild(binary, copy)
            builder = threading.Thread(target=rebuilds)
            builder.start()
            times = timed_load(port, 25, 8)
            builder.join()
            print(summary(f"{binary} steady, 8 connections, 3 rebuilds", times), flush=True)
        else:
            rebuild(binary, copy)
            print(summary(f"{binary} burst, 1 connection", timed_load(port, 4, 1)), flush=True)
            print(summary(f"{binary} burst, then 8", timed_load(port, 4, 8)), flush=True)
    finally:
        server.terminate()
        server.wait()
        shutil.rmtree(work)


def main():
    parser = argparse.ArgumentParser(usage=__doc__)
    parser.add_argument("--index", required=True)
    parser.add_argument("--scenario", choices=["steady", "burst", "both"], default="both")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--port", type=int, default=18121)
    parser.add_argument("binaries", nargs="+")
    args = parser.parse_args()
    scenarios = ["steady", "burst"] if args.scenario == "both" else [args.scenario]
    for round_ in range(1, args.rounds + 1):
        print(f"== round {round_} ({time.strftime('%H:%M:%SZ', time.gmtime())})", flush=True)
        for scenario in scenarios:
            for binary in args.binaries:
                run(os.path.abspath(binary), args.index, args.port, scenario)
    return 0


if __name__ == "__main__":
    sys.exit(main())
