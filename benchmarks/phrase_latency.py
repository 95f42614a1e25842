#!/usr/bin/env python3
"""Quoted phrases over HTTP, two servers side by side: phrases cut from a corpus's own texts (2 to
4 consecutive words of a title, summary or body, plus pairs of words four apart), each sent once
to every server in turn, cold (a phrase is not repeated). Prints each server's latency
percentiles, whether their totals agree, and the slowest phrases.

    benchmarks/phrase_latency.py --corpus C.jsonl --url A=http://127.0.0.1:8081 \
        --url B=http://127.0.0.1:8082 [--count 300] [--seed 5]

Needs a running `yrkesok serve` over an index of that corpus behind each --url.
"""

import argparse
import json
import random
import re
import time
import urllib.error
import urllib.parse
import urllib.request

WORD = re.compile(r"[\wæøåÆØÅ-]+")


def phrases(corpus: str, count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    records = [json.loads(line) for line in open(corpus, encoding="utf-8")]
    out: list[str] = []
    seen: set[str] = set()
    while len(out) < count:
        record = rng.choice(records)
        words = WORD.findall(record[rng.choice(["title", "summary", "body", "body", "body"])])
        n = min(rng.choice([2, 2, 3, 4]), len(words))
        if n < 2:
            continue
        start = rng.randrange(len(words) - n + 1)
        phrase = '"' + " ".join(words[start:start + n]) + '"'
        if len(words) > start + 4 and len(out) % 5 == 4:
            phrase = '"' + words[start] + " " + words[start + 4] + '"'
        if phrase not in seen:
            seen.add(phrase)
            out.append(phrase)
    return out


def search(url: str, query: str) -> tuple[float, int]:
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(url + "/api/search?" + urllib.parse.urlencode({"q": query}),
                                    timeout=120) as answer:
            total = json.load(answer)["total"]
    except (urllib.error.URLError, ConnectionError) as error:
        print("error:", url, query, error)
        total = -1
    return (time.perf_counter() - started) * 1000, total


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--corpus", required=True)
    parser.add_argument("--url", action="append", required=True, help="NAME=URL, twice or more")
    parser.add_argument("--count", type=int, default=300)
    parser.add_argument("--seed", type=int, default=5)
    args = parser.parse_args()
    servers = dict(u.split("=", 1) for u in args.url)
    queries = phrases(args.corpus, args.count, args.seed)
    times = {name: [] for name in servers}
    totals = {name: [] for name in servers}
    for query in queries:
        for name, url in servers.items():
            ms, total = search(url, query)
            times[name].append(ms)
            totals[name].append(total)
    for name, values in times.items():
        v = sorted(values)
        pick = lambda q: v[min(len(v) - 1, int(len(v) * q))]  # noqa: E731
        print(f"{name}: {len(v)} phrases, p50 {pick(0.5):.1f} ms, p90 {pick(0.9):.1f}, "
              f"p99 {pick(0.99):.1f}, max {v[-1]:.1f}, mean {sum(v) / len(v):.1f}")
    names = list(servers)
    agree = all(totals[n] == totals[names[0]] for n in names)
    print("totals agree:", agree, "| largest total:", max(totals[names[0]]))
    slowest = sorted(range(len(queries)), key=lambda i: -times[names[-1]][i])[:5]
    for i in slowest:
        print("  " + ", ".join(f"{n} {times[n][i]:.0f} ms" for n in names),
              f"total {totals[names[0]][i]}", queries[i])


if __name__ == "__main__":
    main()
