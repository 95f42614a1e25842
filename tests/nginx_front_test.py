#!/usr/bin/env python3
"""deploy/nginx/yrkesok.conf in front of `yrkesok serve`, as a site on the open internet runs
it: nginx (Debian's) with that configuration in a temporary prefix on a free loopback port,
yrkesok behind it on another.

Checks that the API, the Meilisearch routes and the page pass through with their ETags, 304s
and gzip; that other paths do not; and that 200 slow connections from 20 source addresses
(127.0.0.2 to 127.0.0.21, benchmarks/slow_clients.py) leave ordinary searches through nginx
answered without an error.

Needs YRKESOK_BIN (the yrkesok executable) and nginx; run from the repository root.
"""
import gzip
import json
import os
import pathlib
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

ROOT = pathlib.Path(__file__).resolve().parent.parent
failures = []


def check(condition, what):
    print(("ok   " if condition else "FAIL ") + what)
    if not condition:
        failures.append(what)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url, seconds=30):
    until = time.monotonic() + seconds
    while time.monotonic() < until:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return True
        except (urllib.error.URLError, OSError):
            time.sleep(0.2)
    return False


def request(url, headers=None, data=None):
    req = urllib.request.Request(url, headers=headers or {}, data=data)
    try:
        with urllib.request.urlopen(req, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def site_config(upstream_port, listen_port):
    text = (ROOT / "deploy/nginx/yrkesok.conf").read_text(encoding="utf-8")
    for old, new in (("server 127.0.0.1:8080;", f"server 127.0.0.1:{upstream_port};"),
                     ("listen 80;", f"listen 127.0.0.1:{listen_port};"),
                     ("listen [::]:80;", "")):
        if old not in text:
            raise SystemExit(f"deploy/nginx/yrkesok.conf: no '{old}' to point at the test ports")
        text = text.replace(old, new)
    return text


def main_config(prefix, site):
    user = "user root;\n" if os.geteuid() == 0 else ""
    temp = "\n".join(f"    {kind}_temp_path {prefix}/{kind};"
                     for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    return f"""{user}worker_processes 1;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log warn;
events {{ worker_connections 2048; }}
http {{
    access_log off;
{temp}
    include {site};
}}
"""


def check_routes(base):
    status, headers, body = request(base + "/api/search?q=hjerte%20lungemaskin")
    check(status == 200 and json.loads(body)["hits"][0]["id"] == "perfusjonist",
          "the flagship search passes through nginx")
    tag = headers.get("ETag")
    check(bool(tag), "its ETag passes through")
    status, _, _ = request(base + "/api/search?q=hjerte%20lungemaskin", {"If-None-Match": tag})
    check(status == 304, "If-None-Match gets 304 through nginx")
    status, headers, body = request(base + "/api/search?q=lege", {"Accept-Encoding": "gzip"})
    check(status == 200 and headers.get("Content-Encoding") == "gzip" and
          json.loads(gzip.decompress(body))["total"] > 0, "gzip from yrkesok passes through")
    status, _, body = request(base + "/indexes/yrker/search", {"Content-Type": "application/json"},
                              json.dumps({"q": "kokk"}).encode())
    check(status == 200 and json.loads(body)["hits"], "the Meilisearch route passes through")
    status, _, body = request(base + "/")
    check(status == 200 and b"<html" in body.lower(), "the page passes through")
    check(request(base + "/app.js")[0] == 200, "the page's script passes through")
    check(request(base + "/etc/passwd")[0] == 404, "other paths are not forwarded")
    check(request(base + "/", data=b"x")[0] == 403, "the page takes GET only")


def main():
    binary = os.environ.get("YRKESOK_BIN", str(ROOT / "build/bin/yrkesok"))
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    if not os.path.exists(nginx):
        print("nginx_front_test: nginx is not installed (scripts/install-deps installs it)")
        return 1
    with tempfile.TemporaryDirectory(prefix="yrkesok-nginx-") as scratch:
        scratch = pathlib.Path(scratch)
        os.chmod(scratch, 0o755)
        subprocess.run([binary, "index", "--corpus", str(ROOT / "corpus/occupations.jsonl"),
                        "--index", str(scratch / "index")], check=True,
                       stdout=subprocess.DEVNULL)
        upstream, listen = free_port(), free_port()
        prefix = scratch / "nginx"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"):
            (prefix / kind).mkdir(parents=True)
        (prefix / "yrkesok.conf").write_text(site_config(upstream, listen), encoding="utf-8")
        (prefix / "nginx.conf").write_text(main_config(prefix, prefix / "yrkesok.conf"),
                                           encoding="utf-8")
        server = subprocess.Popen([binary, "serve", "--index", str(scratch / "index"),
                                   "--port", str(upstream), "--web", str(ROOT / "web")],
                                  stdout=subprocess.DEVNULL)
        front = None
        try:
            config = ["-p", str(prefix), "-c", str(prefix / "nginx.conf")]
            test = subprocess.run([nginx, "-t", *config], capture_output=True, text=True)
            check(test.returncode == 0, "nginx -t accepts deploy/nginx/yrkesok.conf: " +
                  test.stderr.strip().replace("\n", " | "))
            front = subprocess.Popen([nginx, *config, "-g", "daemon off;"])
            base = f"http://127.0.0.1:{listen}"
            check(wait_for(f"http://127.0.0.1:{upstream}/health"), "yrkesok serve is up")
            check(wait_for(base + "/health"), "nginx answers in front of it")
            if not failures:
                check_routes(base)
                attack = subprocess.run(
                    [sys.executable, str(ROOT / "benchmarks/slow_clients.py"), "--port",
                     str(listen), "--slow", "200", "--attacker", "127.0.0.2-21", "--drip", "3",
                     "--seconds", "12", "--visitor", "127.0.0.100", "--visitors", "1",
                     "--pause", "0.1", "--visitor-timeout", "5"],
                    capture_output=True, text=True, check=True)
                report = json.loads(attack.stdout)
                print("slow-client attack through nginx:", attack.stdout.strip())
                check(report["visitor_requests"] > 20 and report["visitor_errors"] == 0,
                      f"ordinary searches through nginx all answered during the attack "
                      f"(p99 {report['visitor_p99_ms']} ms)")
        finally:
            if front:
                front.terminate()
                front.wait(timeout=10)
            server.terminate()
            server.wait(timeout=10)
    if failures:
        print(f"nginx_front_test: {len(failures)} failed")
        return 1
    print("nginx_front_test: passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
