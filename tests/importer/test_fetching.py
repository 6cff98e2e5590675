"""Each hostile or broken server the issue lists, against a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import contextlib
import dataclasses
import gzip
import json
import threading
import time
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest

from .feed_server import FeedServer, conditional, send, static
from .helpers import FIXTURES, LIMITS, make_reviews, post_files, run_import, snapshot

pytestmark = pytest.mark.integration

TWO_POSTS = (FIXTURES / "rss-two-posts.xml").read_bytes()


def _one_feed(tmp_path: Path, server: FeedServer, path: str, **extra: object) -> Path:
    return make_reviews(tmp_path, [{"url": server.url(path), "name": "Test feed", **extra}])


def test_slow_server_within_limits_is_imported(tmp_path: Path, server: FeedServer) -> None:
    def slow(request: BaseHTTPRequestHandler) -> None:
        time.sleep(0.3)  # under the 0.5 s read timeout
        send(request, 200, TWO_POSTS, {"Content-Type": "application/rss+xml"})
    server.routes["/slow.xml"] = slow
    reviews = _one_feed(tmp_path, server, "/slow.xml")
    [report] = run_import(reviews)
    assert report.result == "new" and report.new == 2


def test_hanging_server_times_out(tmp_path: Path, server: FeedServer) -> None:
    server.routes["/hang.xml"] = lambda request: server.stop.wait(30)
    reviews = _one_feed(tmp_path, server, "/hang.xml")
    [report] = run_import(reviews)
    # Cut by the read timeout (0.5 s), long before the 1.5 s deadline, and asked once, not again and again.
    assert report.result == "failed" and report.reason.startswith(f"server silent for {LIMITS.read_timeout:g} s")
    assert len(server.requests_to("/hang.xml")) == 1


def test_drip_feed_is_cut_at_the_deadline(tmp_path: Path, server: FeedServer) -> None:
    sent, hung_up = [0], threading.Event()

    def drip(request: BaseHTTPRequestHandler) -> None:
        request.send_response(200)
        request.send_header("Content-Type", "application/rss+xml")
        request.send_header("Content-Length", str(len(TWO_POSTS)))
        request.end_headers()
        try:
            for byte in TWO_POSTS:  # one byte every 0.1 s at most: each read is in time, the whole never is
                if server.stop.wait(0.1):
                    return
                request.wfile.write(bytes([byte]))
                request.wfile.flush()
                sent[0] += 1
        except OSError:  # the client hung up
            hung_up.set()
    server.routes["/drip.xml"] = drip
    reviews = _one_feed(tmp_path, server, "/drip.xml")
    [report] = run_import(reviews)
    assert report.result == "failed" and report.reason == f"took longer than the {LIMITS.deadline:g} s deadline"
    assert post_files(reviews) == []
    assert hung_up.wait(10), "the server never saw the importer hang up"
    # By the deadline the server can have sent at most one byte per 0.1 s (fewer on a busy machine); a
    # write or two more go out before it notices the closed connection. Reading on would mean far more.
    assert sent[0] <= LIMITS.deadline / 0.1 + 3 < len(TWO_POSTS), sent[0]


def test_server_errors_fail_and_keep_stored_posts(tmp_path: Path, server: FeedServer) -> None:
    server.routes["/feed.xml"] = static(TWO_POSTS)
    reviews = _one_feed(tmp_path, server, "/feed.xml")
    run_import(reviews)
    before = snapshot(reviews / "posts")
    for status, expected in ((500, "HTTP 500"), (404, "HTTP 404")):
        server.routes["/feed.xml"] = static(b"oops", "text/plain", status)
        [report] = run_import(reviews)
        assert report.result == "failed" and expected in report.reason
        assert snapshot(reviews / "posts") == before


def test_410_is_reported_gone(tmp_path: Path, server: FeedServer) -> None:
    server.routes["/gone.xml"] = static(b"gone", "text/plain", 410)
    reviews = _one_feed(tmp_path, server, "/gone.xml")
    [report] = run_import(reviews)
    assert report.result == "failed" and report.gone and "410 Gone" in report.reason


def test_301_is_followed_reported_and_recorded(tmp_path: Path, server: FeedServer) -> None:
    server.routes["/old.xml"] = static(b"", "text/plain", 301, {"Location": server.url("/new.xml")})
    server.routes["/new.xml"] = static(TWO_POSTS)
    reviews = _one_feed(tmp_path, server, "/old.xml")
    feeds_before = (reviews / "feeds.yml").read_bytes()
    [report] = run_import(reviews)
    assert report.result == "new" and report.new == 2
    assert report.moved_to == server.url("/new.xml")
    assert any("moved permanently" in note for note in report.notes)
    state = json.loads((reviews / "posts" / "state.json").read_text("utf-8"))
    assert state["feeds"][server.url("/old.xml")]["moved_to"] == server.url("/new.xml")
    assert (reviews / "feeds.yml").read_bytes() == feeds_before  # reported, never rewritten


def test_temporary_redirect_is_not_reported_as_moved(tmp_path: Path, server: FeedServer) -> None:
    server.routes["/old.xml"] = static(b"", "text/plain", 302, {"Location": server.url("/new.xml")})
    server.routes["/new.xml"] = static(TWO_POSTS)
    reviews = _one_feed(tmp_path, server, "/old.xml")
    [report] = run_import(reviews)
    assert report.result == "new" and report.moved_to is None


def test_gzip_body_is_decompressed(tmp_path: Path, server: FeedServer) -> None:
    server.routes["/feed.xml"] = static(gzip.compress(TWO_POSTS), headers={"Content-Encoding": "gzip"})
    reviews = _one_feed(tmp_path, server, "/feed.xml")
    [report] = run_import(reviews)
    assert report.result == "new" and report.new == 2
    assert server.requests_to("/feed.xml")[0]["accept-encoding"] == "gzip, deflate"


def test_huge_body_is_cut_at_the_cap(tmp_path: Path, server: FeedServer) -> None:
    server.routes["/huge.xml"] = static(TWO_POSTS[:-20] + b" " * (LIMITS.max_bytes + 1) + TWO_POSTS[-20:])
    reviews = _one_feed(tmp_path, server, "/huge.xml")
    [report] = run_import(reviews)
    assert report.result == "failed" and "larger than" in report.reason


def test_gzip_bomb_is_cut_after_decompression(tmp_path: Path, server: FeedServer) -> None:
    bomb = gzip.compress(b"<rss>" + b" " * (50 * LIMITS.max_bytes))
    assert len(bomb) < LIMITS.max_bytes // 10  # small on the wire: only counting decoded bytes catches it
    server.routes["/bomb.xml"] = static(bomb, headers={"Content-Encoding": "gzip"})
    reviews = _one_feed(tmp_path, server, "/bomb.xml")
    [report] = run_import(reviews)
    assert report.result == "failed" and "after decompression" in report.reason


def test_entity_bomb_is_refused_before_parsing(tmp_path: Path, server: FeedServer) -> None:
    server.routes["/bomb.xml"] = static((FIXTURES / "entity-bomb.xml").read_bytes())
    reviews = _one_feed(tmp_path, server, "/bomb.xml")
    [report] = run_import(reviews)
    # The guard's own words: the check ran on the bytes, and the parser never saw (nor expanded) them.
    assert report.result == "failed"
    assert report.reason == "declares entities (a DOCTYPE with an internal subset); refused before parsing"
    assert post_files(reviews) == []


def test_ill_formed_xml_is_read_leniently(tmp_path: Path, server: FeedServer) -> None:
    server.routes["/feed.xml"] = static((FIXTURES / "ill-formed.xml").read_bytes())
    reviews = _one_feed(tmp_path, server, "/feed.xml")
    [report] = run_import(reviews)
    assert report.result == "new" and report.new == 1
    assert any("ill-formed XML" in note for note in report.notes)


def test_html_page_instead_of_feed_fails_and_keeps_posts(tmp_path: Path, server: FeedServer) -> None:
    server.routes["/feed.xml"] = static(TWO_POSTS)
    reviews = _one_feed(tmp_path, server, "/feed.xml")
    run_import(reviews)
    before = snapshot(reviews)
    server.routes["/feed.xml"] = static((FIXTURES / "html-page.html").read_bytes(), "text/html")
    [report] = run_import(reviews)
    assert report.result == "failed" and "HTML page" in report.reason
    assert snapshot(reviews) == before


def test_wrong_charset_is_read_anyway(tmp_path: Path, server: FeedServer) -> None:
    server.routes["/feed.xml"] = static((FIXTURES / "wrong-charset.xml").read_bytes())
    reviews = _one_feed(tmp_path, server, "/feed.xml")
    [report] = run_import(reviews)
    assert report.result == "new" and report.new == 1
    [post] = post_files(reviews)
    assert '"Café owner was kind"' in post.read_text("utf-8")


def test_duplicate_ids_store_the_first(tmp_path: Path, server: FeedServer) -> None:
    server.routes["/feed.xml"] = static((FIXTURES / "duplicate-ids.xml").read_bytes())
    reviews = _one_feed(tmp_path, server, "/feed.xml")
    [report] = run_import(reviews)
    assert report.new == 2 and "1 skipped: duplicate id" in report.notes
    texts = "".join(p.read_text("utf-8") for p in post_files(reviews))
    assert "First telling" in texts and "Second telling" not in texts


def test_empty_feed_keeps_stored_posts(tmp_path: Path, server: FeedServer) -> None:
    server.routes["/feed.xml"] = static(TWO_POSTS)
    reviews = _one_feed(tmp_path, server, "/feed.xml")
    run_import(reviews)
    before = snapshot(reviews / "posts")
    server.routes["/feed.xml"] = static((FIXTURES / "empty.xml").read_bytes())
    [report] = run_import(reviews)
    assert report.result == "unchanged" and report.reason == "the feed has no entries"
    assert {k: v for k, v in snapshot(reviews / "posts").items() if k.endswith(".yml")} == {
        k: v for k, v in before.items() if k.endswith(".yml")
    }


def test_conditional_get_sends_validators_and_304_writes_nothing(tmp_path: Path, server: FeedServer) -> None:
    server.routes["/feed.xml"] = conditional(TWO_POSTS)
    reviews = _one_feed(tmp_path, server, "/feed.xml")
    [first] = run_import(reviews)
    assert first.new == 2
    state = json.loads((reviews / "posts" / "state.json").read_text("utf-8"))
    assert state == {"feeds": {server.url("/feed.xml"): {
        "etag": '"v1"', "last_modified": "Mon, 04 Mar 2024 10:00:00 GMT"}}}
    before = snapshot(reviews)
    [second] = run_import(reviews)
    sent = server.requests_to("/feed.xml")[-1]
    assert sent["if-none-match"] == '"v1"' and sent["if-modified-since"] == "Mon, 04 Mar 2024 10:00:00 GMT"
    assert second.result == "unchanged" and second.status == 304
    assert snapshot(reviews) == before


def test_fetching_is_concurrent_within_the_bound(tmp_path: Path, server: FeedServer) -> None:
    lock, in_flight, most = threading.Lock(), [0], [0]
    four_at_once = threading.Barrier(4)

    def slow(request: BaseHTTPRequestHandler) -> None:
        with lock:
            in_flight[0] += 1
            most[0] = max(most[0], in_flight[0])
        # No answer until four requests are open together: a fetcher that kept fewer in flight would
        # leave them waiting here (10 s at most, then the barrier breaks and the count below tells).
        with contextlib.suppress(threading.BrokenBarrierError):
            four_at_once.wait(timeout=10)
        with lock:
            in_flight[0] -= 1
        send(request, 200, TWO_POSTS, {"Content-Type": "application/rss+xml"})

    feeds = []
    for i in range(12):
        server.routes[f"/f{i}.xml"] = slow
        feeds.append({"url": server.url(f"/f{i}.xml"), "name": f"Feed {i}"})
    reviews = make_reviews(tmp_path, feeds)
    # Timeouts long enough for the barrier: this test is about how many at once, not about slowness.
    reports = run_import(reviews, dataclasses.replace(LIMITS, concurrency=4, read_timeout=15, deadline=30))
    assert all(r.result == "new" for r in reports)
    assert most[0] == 4  # four at once, never more


def test_feedparser_never_fetches_or_opens_what_a_body_names(tmp_path: Path, server: FeedServer) -> None:
    secret = tmp_path / "secret.xml"
    secret.write_bytes(TWO_POSTS)
    server.routes["/url.xml"] = static(server.url("/elsewhere.xml").encode(), "text/plain")
    server.routes["/path.xml"] = static(str(secret).encode(), "text/plain")
    server.routes["/elsewhere.xml"] = static(TWO_POSTS)
    reviews = make_reviews(tmp_path, [{"url": server.url("/url.xml"), "name": "Names a URL"},
                                      {"url": server.url("/path.xml"), "name": "Names a file"}])
    reports = run_import(reviews)
    assert [r.result for r in reports] == ["failed", "failed"]
    assert server.requests_to("/elsewhere.xml") == []
    assert post_files(reviews) == []
