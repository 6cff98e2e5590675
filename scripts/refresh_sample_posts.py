"""Rebuild the bundled sample posts (reviews/posts/) from the sample feeds in the test fixtures.

The machine that builds the sample has no internet, so each feed listed in reviews/feeds.yml
is served on 127.0.0.1 from tests/fixtures/sample-feeds/<host>.xml, and `trackrecord import`'s
own pipeline fetches it there (the import refuses loopback addresses, so this script allows
127.0.0.1 explicitly, as tests do). The configured URL stays the feed's identity: it is the base for
relative links and the key in reviews/posts/state.json. ETags are content hashes, so the result
is the same on every machine, and running this twice changes nothing.

Run:  .venv/bin/python scripts/refresh_sample_posts.py [--reviews reviews]
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

from generator.importer.config import load_companies, load_feeds
from generator.importer.pipeline import import_feeds
from generator.importer.public_hosts import HostPolicy, parse_allowed
from generator.importer.report import summary_lines, totals

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "tests" / "fixtures" / "sample-feeds"


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 - http.server naming
        file = SAMPLES / self.path.lstrip("/")
        if file.parent != SAMPLES or file.suffix != ".xml" or not file.is_file():
            self.send_error(404)
            return
        body = file.read_bytes()
        etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
        if self.headers.get("If-None-Match") == etag:
            self.send_response(304)
            self.send_header("ETag", etag)
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", "application/xml; charset=utf-8")
        self.send_header("ETag", etag)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reviews", type=Path, default=ROOT / "reviews")
    args = parser.parse_args()
    companies = load_companies(args.reviews)
    feeds = load_feeds(args.reviews / "feeds.yml", companies)
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
    port = server.server_address[1]

    def local(url: str) -> str:
        return f"http://127.0.0.1:{port}/{urlsplit(url).hostname}.xml"

    try:
        reports = import_feeds(args.reviews, feeds, companies, fetch_url=local, workers=0,
                               hosts=HostPolicy(parse_allowed("127.0.0.1")))
    finally:
        server.shutdown()
    print("\n".join(summary_lines(reports)))
    print(totals(reports))
    return 1 if any(r.result == "failed" for r in reports) else 0


if __name__ == "__main__":
    sys.exit(main())
