#!/usr/bin/env python3
"""A burst of new connections against a running `yrkesok serve` (issue 18).

Opens N connections at once (keep-alive off: each sends one GET /api/search with
"Connection: close" and reads the whole answer), then reports how many were answered and
with which status, the time each took from connect to the last byte (p50, p99, max), and
the kernel's listen-queue counters over the burst (/proc/net/netstat: ListenOverflows,
ListenDrops, TCPReqQFullDoCookies, TCPReqQFullDrop). A counter that moves means the kernel
dropped or SYN-cookied a connection: the listen backlog was too short.

All connections come from 127.0.0.1, so a server with the default per-address cap answers
most of them 429 (that is its protection against one client taking every worker); serve with
`--max-connections-per-address 0` to measure the burst itself.

Usage: benchmarks/connection_burst.py [--port 8080] [--connections 1000] [--query sykepleier]
Python 3 standard library only.
"""

import argparse
import asyncio
import json
import time
import urllib.parse

COUNTERS = ("ListenOverflows", "ListenDrops", "TCPReqQFullDoCookies", "TCPReqQFullDrop")


def listen_counters():
    """The TcpExt counters named in COUNTERS, from /proc/net/netstat."""
    with open("/proc/net/netstat", encoding="ascii") as f:
        lines = f.read().splitlines()
    for names, values in zip(lines[::2], lines[1::2]):
        if names.startswith("TcpExt:"):
            table = dict(zip(names.split()[1:], map(int, values.split()[1:])))
            return {name: table.get(name, 0) for name in COUNTERS}
    return {name: 0 for name in COUNTERS}


async def one_request(host, port, target, timeout):
    """(status or None, seconds, error or None) of one connection's request."""
    start = time.perf_counter()
    try:
        reader, writer = await asyncio.wait_for(asyncio.open_connection(host, port), timeout)
        writer.write(f"GET {target} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
                     .encode("ascii"))
        await writer.drain()
        data = await asyncio.wait_for(reader.read(), timeout)
        writer.close()
        status_line = data.split(b"\r\n", 1)[0].split()
        status = int(status_line[1]) if len(status_line) > 1 else None
        return status, time.perf_counter() - start, None if status else "no status line"
    except (OSError, asyncio.TimeoutError) as e:
        return None, time.perf_counter() - start, type(e).__name__


def percentile(sorted_values, p):
    if not sorted_values:
        return 0.0
    return sorted_values[min(len(sorted_values) - 1, int(p / 100 * len(sorted_values)))]


async def burst(args):
    target = "/api/search?q=" + urllib.parse.quote(args.query)
    before = listen_counters()
    start = time.perf_counter()
    results = await asyncio.gather(*(one_request(args.host, args.port, target, args.timeout)
                                     for _ in range(args.connections)))
    wall = time.perf_counter() - start
    after = listen_counters()
    statuses = {}
    errors = {}
    for status, _, error in results:
        if status:
            statuses[str(status)] = statuses.get(str(status), 0) + 1
        else:
            errors[error] = errors.get(error, 0) + 1
    times = sorted(seconds for status, seconds, _ in results if status)
    return {
        "connections": args.connections,
        "answered": sum(statuses.values()),
        "statuses": statuses,
        "errors": errors,
        "wall_s": round(wall, 3),
        "p50_ms": round(percentile(times, 50) * 1000, 1),
        "p99_ms": round(percentile(times, 99) * 1000, 1),
        "max_ms": round((times[-1] if times else 0) * 1000, 1),
        "kernel": {name: after[name] - before[name] for name in COUNTERS},
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8080)
    parser.add_argument("--connections", type=int, default=1000)
    parser.add_argument("--query", default="sykepleier")
    parser.add_argument("--timeout", type=float, default=30.0,
                        help="seconds a connection may take (default 30)")
    args = parser.parse_args()
    print(json.dumps(asyncio.run(burst(args))))


if __name__ == "__main__":
    main()
