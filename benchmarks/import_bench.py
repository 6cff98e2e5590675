"""Benchmark `trackrecord import` against a sequential feedparser loop, in the same run.

500 feeds are served on 127.0.0.1 by a threaded server that delays every answer by 200 ms.

1. `trackrecord import` (the real command, in a subprocess, start-up included) fetches all 500
   into a fresh reviews/ folder.                                       Target: <= 10 s.
2. The same command again: every feed answers 304 Not Modified.        Target: <= 3 s.
3. The baseline: `for url in urls: feedparser.parse(url)`, one after another, as a naive
   aggregator would. It is measured in full unless --baseline-sample N is given; then N feeds
   are timed and the time for all of them is extrapolated, and the table says so.

Run:  .venv/bin/python benchmarks/import_bench.py
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import feedparser
from rich.console import Console
from rich.table import Table

DELAY = 0.2
ROOT = Path(__file__).resolve().parents[1]
TRACKRECORD = Path(sys.executable).with_name("trackrecord")


def feed_body(n: int) -> bytes:
    items = "".join(
        f"<item><title>Post {k} of feed {n}: Acme Air kept me on hold</title>"
        f"<link>https://feed{n}.example/posts/{k}</link><guid>https://feed{n}.example/posts/{k}</guid>"
        f"<pubDate>Mon, 0{k + 1} Apr 2024 10:00:00 GMT</pubDate>"
        f"<description>&lt;p&gt;Customer {n} waited {k + 1} hours for an answer.&lt;/p&gt;</description></item>"
        for k in range(3)
    )
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Feed {n}</title>'
            f"<link>https://feed{n}.example/</link>{items}</channel></rss>").encode()


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as a real server would offer

    def do_GET(self) -> None:  # noqa: N802 - http.server naming
        time.sleep(DELAY)
        n = int(self.path.rsplit("/", 1)[-1].removesuffix(".xml"))
        etag = f'"feed-{n}-v1"'
        if self.headers.get("If-None-Match") == etag:
            self.send_response(304)
            self.send_header("ETag", etag)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        body = feed_body(n)
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml; charset=utf-8")
        self.send_header("ETag", etag)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 2048


def make_reviews(root: Path, urls: list[str]) -> Path:
    reviews = root / "reviews"
    (reviews / "companies").mkdir(parents=True)
    (reviews / "companies" / "acme-air.yml").write_text('name: "Acme Air"\nindustry: airline\n', "utf-8")
    lines = ["feeds:"] + [f'  - url: "{u}"\n    name: "Feed {i}"' for i, u in enumerate(urls)]
    (reviews / "feeds.yml").write_text("\n".join(lines) + "\n", "utf-8")
    return reviews


def timed_import(reviews: Path) -> tuple[float, float, str]:
    """Wall seconds, CPU seconds (the command and its worker processes), and its last line."""
    cpu = _children_cpu()
    started = time.perf_counter()
    # The import refuses loopback addresses unless told otherwise; the feeds here are on 127.0.0.1.
    env = {**os.environ, "TRACKRECORD_IMPORT_ALLOW_HOSTS": "127.0.0.1"}
    done = subprocess.run([str(TRACKRECORD), "import", "--reviews", str(reviews), "--strict"],
                          capture_output=True, text=True, check=False, env=env)
    elapsed = time.perf_counter() - started
    cpu = _children_cpu() - cpu
    if done.returncode != 0:
        raise SystemExit(f"import failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
    return elapsed, cpu, done.stdout.strip().splitlines()[-1]


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--feeds", type=int, default=500)
    parser.add_argument("--baseline-sample", type=int, default=0,
                        help="time only this many feeds sequentially and extrapolate (default: all)")
    args = parser.parse_args()

    server = _Server(("127.0.0.1", 0), _Handler)
    threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
    urls = [f"http://127.0.0.1:{server.server_address[1]}/feed/{n}.xml" for n in range(args.feeds)]
    work = Path(tempfile.mkdtemp(prefix="import-bench-"))
    try:
        reviews = make_reviews(work, urls)
        first, first_cpu, first_summary = timed_import(reviews)
        second, second_cpu, second_summary = timed_import(reviews)
        posts = len(list((reviews / "posts").rglob("*.yml")))

        sample = urls[: args.baseline_sample] if args.baseline_sample else urls
        started = time.perf_counter()
        entries = sum(len(feedparser.parse(url)["entries"]) for url in sample)
        measured = time.perf_counter() - started
        baseline = measured * len(urls) / len(sample)
    finally:
        server.shutdown()
        shutil.rmtree(work, ignore_errors=True)

    full = len(sample) == len(urls)
    how = f"measured, all {len(sample)} feeds" if full else f"EXTRAPOLATED from {len(sample)} feeds ({measured:.1f} s)"
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    table = Table(title=f"{args.feeds} feeds on 127.0.0.1, every answer delayed {DELAY * 1000:.0f} ms; "
                        f"{os.cpu_count()} CPUs, load average {load}", title_justify="left")
    for name, justify in (("Run", "left"), ("Wall s", "right"), ("CPU s", "right"), ("Target", "left"),
                          ("Met", "left"), ("Notes", "left")):
        table.add_column(name, justify=justify)  # type: ignore[arg-type]
    table.add_row("trackrecord import, first run (all 200)", f"{first:.2f}", f"{first_cpu:.2f}", "<= 10 s",
                  _met(first <= 10), f"{first_summary}; {posts} post files")
    table.add_row("trackrecord import, again (all 304)", f"{second:.2f}", f"{second_cpu:.2f}", "<= 3 s",
                  _met(second <= 3), second_summary)
    table.add_row("sequential feedparser.parse(url) loop", f"{baseline:.2f}", "", ">= 100 s",
                  _met(baseline >= 100), f"{how}; {entries} entries")
    console = Console(width=160)
    console.print(table)
    console.print(f"Sequential loop / first import: {baseline / first:.1f}x "
                  f"({'both measured in full' if full else 'baseline extrapolated'}, in the same run)")


def _met(ok: bool) -> str:
    return "yes" if ok else "NO"


if __name__ == "__main__":
    main()
