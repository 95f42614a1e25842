#!/usr/bin/env python3
"""Search as you type, measured over HTTP: every title of the corpus cut after 4 to 8 letters,
sent to /api/search with prefix matching on and off; prints the share whose title is in the
top 3 and how many answers came back "corrected".

    benchmarks/prefix_titles.py [--corpus corpus/occupations.jsonl] [--url http://127.0.0.1:8080]

Needs a running `yrkesok serve` over an index of that corpus.
"""

import argparse
import collections
import json
import urllib.parse
import urllib.request


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--corpus", default="corpus/occupations.jsonl")
    parser.add_argument("--url", default="http://127.0.0.1:8080")
    args = parser.parse_args()
    titles = [json.loads(line)["title"] for line in open(args.corpus, encoding="utf-8")]
    stats = collections.defaultdict(lambda: [0, 0, 0])
    for title in titles:
        low = title.lower()
        for letters in range(4, 9):
            if letters >= len(low) or not low[letters - 1].isalpha():
                continue
            typed = low[:letters]
            for prefix in (True, False):
                query = urllib.parse.urlencode(
                    {"q": typed, "per_page": 5, "prefix": "true" if prefix else "false"})
                with urllib.request.urlopen(f"{args.url}/api/search?{query}") as response:
                    body = json.load(response)
                top = [hit["title"] for hit in body["hits"][:3]]
                entry = stats[(letters, prefix)]
                entry[0] += 1
                entry[1] += title in top
                entry[2] += bool(body.get("corrected_query"))
    print("| letters | prefix | prefixes | title in top 3 | corrected |")
    print("|---:|---|---:|---:|---:|")
    for (letters, prefix), (n, found, corrected) in sorted(stats.items()):
        print(f"| {letters} | {'on' if prefix else 'off'} | {n} | {100 * found / n:.1f} % | {corrected} |")


if __name__ == "__main__":
    main()
