#!/usr/bin/env python3
"""A slow-client ("slowloris") attack on a running server, and what it does to everyone else.

SLOW connections from one or more source addresses (ATTACKER: a loopback address such as
127.0.0.2, or a range such as 127.0.0.2-21, the connections spread over them) each send a request line, then one header line every DRIP seconds and never finish. Meanwhile
ordinary searches from another source address (VISITOR) are timed. Prints one JSON line: the
visitors' p50/p99/max latency and errors, and what became of the slow connections (refused
with 429, closed by the server, still open at the end).

    benchmarks/slow_clients.py --port 8080 [--slow 200] [--drip 3] [--seconds 20]

Start the server first, e.g.
    build/bin/yrkesok serve --index var/index --port 8080 --max-connections-per-address 16
"""
import argparse
import json
import socket
import statistics
import threading
import time


def addresses(text):
    """127.0.0.2 -> [127.0.0.2]; 127.0.0.2-21 -> [127.0.0.2, ..., 127.0.0.21]."""
    if "-" not in text:
        return [text]
    first, last = text.split("-")
    prefix, start = first.rsplit(".", 1)
    return [f"{prefix}.{n}" for n in range(int(start), int(last) + 1)]


def slow_connection(args, source, outcome, lock):
    try:
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.bind((source, 0))
        sock.settimeout(args.seconds + 10)
        sock.connect((args.host, args.port))
        sock.sendall(b"GET /api/search?q=lege HTTP/1.1\r\nHost: x\r\n")
    except OSError:
        with lock:
            outcome["connect_failed"] += 1
        return
    deadline = time.monotonic() + args.seconds
    result = "open_at_end"
    sock.setblocking(False)
    while time.monotonic() < deadline:
        try:
            data = sock.recv(4096)
            if data.startswith(b"HTTP/1.1 429"):
                result = "refused_429"
                break
            if not data:
                result = "closed_by_server"
                break
        except BlockingIOError:
            pass
        except OSError:
            result = "closed_by_server"
            break
        try:
            sock.send(b"X-Slow: 1\r\n")
        except OSError:
            result = "closed_by_server"
            break
        time.sleep(args.drip)
    sock.close()
    with lock:
        outcome[result] += 1


def visitor(args, latencies, errors, stop):
    while not stop.is_set():
        started = time.monotonic()
        try:
            sock = socket.create_connection((args.host, args.port), timeout=args.visitor_timeout,
                                            source_address=(args.visitor, 0))
            sock.sendall(b"GET /api/search?q=lege HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            data = b""
            while True:
                chunk = sock.recv(65536)
                if not chunk:
                    break
                data += chunk
            sock.close()
            if not data.startswith(b"HTTP/1.1 200"):
                errors.append(data[:40].decode("latin-1"))
            else:
                latencies.append(time.monotonic() - started)
        except OSError as error:
            errors.append(str(error))
        time.sleep(args.pause)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--slow", type=int, default=200, help="slow connections")
    parser.add_argument("--drip", type=float, default=3.0, help="seconds between header lines")
    parser.add_argument("--seconds", type=float, default=20.0, help="length of the attack")
    parser.add_argument("--attacker", default="127.0.0.2",
                        help="the slow connections' source address, or a range a.b.c.N-M")
    parser.add_argument("--visitor", default="127.0.0.3", help="the ordinary searches' source")
    parser.add_argument("--visitors", type=int, default=4, help="visitor threads")
    parser.add_argument("--pause", type=float, default=0.05,
                        help="seconds each visitor waits between searches")
    parser.add_argument("--visitor-timeout", type=float, default=10.0,
                        help="seconds a visitor waits for an answer before counting an error")
    args = parser.parse_args()

    outcome = {"refused_429": 0, "closed_by_server": 0, "open_at_end": 0, "connect_failed": 0}
    lock = threading.Lock()
    sources = addresses(args.attacker)
    slow = [threading.Thread(target=slow_connection,
                             args=(args, sources[i % len(sources)], outcome, lock))
            for i in range(args.slow)]
    for thread in slow:
        thread.start()
    time.sleep(1.0)  # let the attack take hold
    latencies, errors, stop = [], [], threading.Event()
    visitors = [threading.Thread(target=visitor, args=(args, latencies, errors, stop))
                for _ in range(args.visitors)]
    for thread in visitors:
        thread.start()
    time.sleep(max(1.0, args.seconds - 2))
    stop.set()
    for thread in visitors + slow:
        thread.join()
    latencies.sort()
    report = {
        "slow_connections": args.slow,
        "attacker_addresses": len(sources),
        "drip_seconds": args.drip,
        "visitor_requests": len(latencies) + len(errors),
        "visitor_errors": len(errors),
        "visitor_p50_ms": round(statistics.median(latencies) * 1000, 1) if latencies else None,
        "visitor_p99_ms": round(latencies[int(len(latencies) * 0.99) - 1] * 1000, 1)
        if latencies else None,
        "visitor_max_ms": round(latencies[-1] * 1000, 1) if latencies else None,
        "slow_outcome": outcome,
        "first_errors": errors[:3],
    }
    print(json.dumps(report))


if __name__ == "__main__":
    main()
