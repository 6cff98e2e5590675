"""What gets stored: fields, file names, cleaning, loss-free updates and byte-identical re-runs."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest
import yaml
from support.records import feeds_yaml

from generator.importer.guard import Refused, refuse_entity_declarations
from generator.records.reader import scan

from .feed_server import FeedServer, static
from .helpers import FIXTURES, make_reviews, post_files, run_import, snapshot

TWO_POSTS = (FIXTURES / "rss-two-posts.xml").read_bytes()
FIXTURE_FEEDS = ["rss-two-posts.xml", "atom-with-updates.xml", "ill-formed.xml", "wrong-charset.xml",
                 "duplicate-ids.xml", "empty.xml", "hostile-content.xml", "text-with-brackets.xml"]


def _post(reviews: Path, feed_slug: str, post_id: str) -> dict[str, object]:
    name = hashlib.sha256(post_id.encode()).hexdigest()[:16]
    data = yaml.safe_load((reviews / "posts" / feed_slug / f"{name}.yml").read_text("utf-8"))
    assert isinstance(data, dict)
    return data


@pytest.mark.integration
def test_posts_have_the_issue_fields_and_pass_validation(tmp_path: Path, server: FeedServer) -> None:
    server.routes["/feed.xml"] = static(TWO_POSTS)
    reviews = make_reviews(tmp_path, [{"url": server.url("/feed.xml"), "name": "Pat's Travel Blog"}])
    run_import(reviews)
    first = _post(reviews, "pat-s-travel-blog", "tag:blog.example,2024:lost-bag")
    assert first == {
        "id": "tag:blog.example,2024:lost-bag",
        "feed": "pat-s-travel-blog",
        "title": "Acme Air lost my bag & Shoe Barn saved the trip",
        "link": "https://blog.example/2024/03/lost-bag",
        "published": "2024-03-04T09:30:00Z",
        "author": "Pat Example",  # the feed's "pat@blog.example (Pat Example)": the address is never stored
        "summary": first["summary"],
        "companies": ["acme-air", "shoe-barn"],
    }
    # Relative links resolve against the configured URL, and links get rel=nofollow.
    assert f'<a href="{server.url("/about")}" rel="nofollow noopener noreferrer">' in str(first["summary"])
    second = _post(reviews, "pat-s-travel-blog", "https://blog.example/2024/03/reunited")
    assert "companies" not in second  # "AcmeAirlines" and "reunited" are not whole-word matches
    corpus, problems = scan(reviews)
    assert problems == []
    assert sorted(p.id for p in corpus.posts) == ["https://blog.example/2024/03/reunited",
                                                   "tag:blog.example,2024:lost-bag"]


@pytest.mark.integration
def test_every_string_is_quoted(tmp_path: Path, server: FeedServer) -> None:
    server.routes["/feed.xml"] = static(TWO_POSTS)
    reviews = make_reviews(tmp_path, [{"url": server.url("/feed.xml"), "name": "Quoted"}])
    run_import(reviews)
    for file in post_files(reviews):
        for line in file.read_text("utf-8").splitlines():
            if line.startswith("#") or line.endswith(":"):
                continue
            value = line.split(": ", 1)[1] if not line.startswith("  - ") else line[4:]
            assert value.startswith('"') and value.endswith('"'), line


@pytest.mark.integration
def test_feed_companies_and_keyword_filters(tmp_path: Path, server: FeedServer) -> None:
    server.routes["/feed.xml"] = static(TWO_POSTS)
    reviews = make_reviews(tmp_path, [
        {"url": server.url("/feed.xml"), "name": "Included", "companies": ["voltco"], "include": ["SUITCASE"]},
    ])
    [report] = run_import(reviews)
    assert report.new == 1 and "1 skipped: filtered out" in report.notes
    [only] = [yaml.safe_load(p.read_text("utf-8")) for p in post_files(reviews)]
    assert only["companies"] == ["acme-air", "shoe-barn", "voltco"]
    (reviews / "feeds.yml").write_text(
        feeds_yaml([{"url": server.url("/feed.xml"), "name": "Excluded", "exclude": ["wedding"]}]), "utf-8")
    [report] = run_import(reviews)
    assert report.new == 1
    kept = sorted((reviews / "posts" / "excluded").glob("*.yml"))
    assert [yaml.safe_load(p.read_text("utf-8"))["title"] for p in kept] == ["Reunited with my luggage"]


@pytest.mark.integration
def test_atom_fields(tmp_path: Path, server: FeedServer) -> None:
    server.routes["/atom.xml"] = static((FIXTURES / "atom-with-updates.xml").read_bytes(), "application/atom+xml")
    reviews = make_reviews(tmp_path, [{"url": server.url("/atom.xml"), "name": "Atom"}])
    run_import(reviews)
    post = _post(reviews, "atom", "urn:uuid:2f1c")
    assert post["title"] == "VoltCo finally answered"
    assert post["author"] == "Robin"
    assert (post["published"], post["updated"]) == ("2024-05-01T08:00:00Z", "2024-05-02T10:00:00Z")
    assert post["summary"] == "<p>After three weeks, VoltCo wrote back about the outage credit.</p>"
    assert post["companies"] == ["voltco"]


@pytest.mark.integration
def test_hostile_content_is_cleaned(tmp_path: Path, server: FeedServer) -> None:
    server.routes["/feed.xml"] = static((FIXTURES / "hostile-content.xml").read_bytes())
    reviews = make_reviews(tmp_path, [{"url": server.url("/feed.xml"), "name": "Hostile"}])
    [report] = run_import(reviews)
    assert report.new == 2 and "1 skipped: no http(s) link" in report.notes
    stored = "".join(p.read_text("utf-8") for p in post_files(reviews)).lower()
    for bad in ("<script", "alert(1)", "steal()", "onclick", "onerror", "<img", "\x0b", "<b>", "<i>"):
        assert bad not in stored, bad
    # The encoded javascript: link was made harmless (feedparser resolved it as a relative path).
    assert all(href.startswith(("http://", "https://")) for href in re.findall(r'href=\\"([^\\"]*)', stored))
    post = _post(reviews, "hostile", "https://hostile.example/1")
    assert post["title"] == "Acme Air again!" and post["author"] == "Mallory"
    assert 'href="https://ok.example/"' in str(post["summary"])
    long = _post(reviews, "hostile", "https://hostile.example/long")
    assert 400 < len(str(long["summary"])) <= 500 and str(long["summary"]).endswith("…")
    assert scan(reviews)[1] == []


@pytest.mark.integration
def test_plain_text_keeps_its_brackets_and_ampersands(tmp_path: Path, server: FeedServer) -> None:
    """Harmless words are never dropped: '<P&G>' and '<Enter>' open no HTML element, and a summary the
    feed marks as text is text (escaped when stored as HTML), whatever it looks like."""
    server.routes["/atom.xml"] = static((FIXTURES / "text-with-brackets.xml").read_bytes(), "application/atom+xml")
    reviews = make_reviews(tmp_path, [{"url": server.url("/atom.xml"), "name": "Brackets"}])
    [report] = run_import(reviews)
    assert report.new == 2
    first = _post(reviews, "brackets", "urn:uuid:brackets-1")
    assert first["title"] == "Why AT&T and Procter & Gamble <P&G> say press <Enter>"
    assert first["author"] == "Tom & Jerry <T&J>"
    assert first["summary"] == ("Press &lt;Enter&gt; at AT&amp;T &lt;P&amp;G&gt;; 1 &lt; 2 "
                                "&lt;script&gt;alert(1)&lt;/script&gt;")
    second = _post(reviews, "brackets", "urn:uuid:brackets-2")
    assert second["title"] == "Escaped twice: AT&T <P&G> bold"  # a real tag still goes
    assert second["summary"] == "Words &lt;in brackets&gt; stay"
    assert scan(reviews)[1] == []


@pytest.mark.integration
def test_reimport_of_unchanged_fixture_feeds_is_byte_identical(tmp_path: Path, server: FeedServer) -> None:
    # These servers ignore If-None-Match, so the second run really re-reads and re-stores every entry.
    feeds = []
    for name in FIXTURE_FEEDS:
        server.routes[f"/{name}"] = static((FIXTURES / name).read_bytes())
        feeds.append({"url": server.url(f"/{name}"), "name": name.removesuffix(".xml")})
    reviews = make_reviews(tmp_path, feeds)
    first = run_import(reviews, workers=2)  # read in worker processes, as a big run does
    assert sum(r.new for r in first) == 11
    before = snapshot(reviews)
    second = run_import(reviews, workers=0)  # read in-process: both ways store the same bytes
    assert [r.result for r in second] == ["unchanged"] * len(FIXTURE_FEEDS)
    assert snapshot(reviews) == before  # same bytes and untouched mtimes: nothing was written
    assert not list(reviews.rglob("*.tmp"))


@pytest.mark.integration
def test_posts_are_never_lost(tmp_path: Path, server: FeedServer) -> None:
    server.routes["/feed.xml"] = static(TWO_POSTS)
    reviews = make_reviews(tmp_path, [{"url": server.url("/feed.xml"), "name": "Blog"}])
    run_import(reviews)
    lost_bag = post_files(reviews)[0].parent / (hashlib.sha256(b"tag:blog.example,2024:lost-bag").hexdigest()[:16]
                                                 + ".yml")
    # A writer links the post to one more company by hand.
    lost_bag.write_text(lost_bag.read_text("utf-8").replace('  - "shoe-barn"', '  - "shoe-barn"\n  - "voltco"'))
    # The feed drops the second post and edits the first: new title, no author any more.
    edited = TWO_POSTS.replace(b"Acme Air lost my bag", b"Acme Air lost my bag (update: found)")
    edited = edited.replace(b"<author>pat@blog.example (Pat Example)</author>", b"")
    edited = edited[: edited.index(b"<item>", edited.index(b"</item>"))] + b"</channel></rss>"
    server.routes["/feed.xml"] = static(edited)
    [report] = run_import(reviews)
    assert (report.new, report.updated) == (0, 1)
    assert len(post_files(reviews)) == 2  # the dropped post stays
    post = yaml.safe_load(lost_bag.read_text("utf-8"))
    assert post["title"] == "Acme Air lost my bag (update: found) & Shoe Barn saved the trip"
    assert post["author"] == "Pat Example"  # kept, not erased
    assert post["companies"] == ["acme-air", "shoe-barn", "voltco"]  # the writer's addition kept


@pytest.mark.integration
def test_dry_run_writes_nothing(tmp_path: Path, server: FeedServer) -> None:
    server.routes["/feed.xml"] = static(TWO_POSTS)
    reviews = make_reviews(tmp_path, [{"url": server.url("/feed.xml"), "name": "Blog"}])
    before = snapshot(reviews)
    [report] = run_import(reviews, dry_run=True)
    assert report.new == 2
    assert snapshot(reviews) == before


def test_guard_sees_entity_declarations_in_any_encoding() -> None:
    bomb = (FIXTURES / "entity-bomb.xml").read_text("utf-8").replace('<?xml version="1.0"?>', "")
    for encoded in (bomb.encode("utf-8"), bomb.encode("utf-16"), bomb.encode("utf-16-le"), bomb.encode("utf-32")):
        try:
            refuse_entity_declarations(encoded)
        except Refused:
            continue
        raise AssertionError(f"not refused: {encoded[:20]!r}")
    refuse_entity_declarations(TWO_POSTS)  # an ordinary feed passes
    refuse_entity_declarations(b'<!DOCTYPE rss PUBLIC "-//x//y" "http://x.example/[odd].dtd"><rss/>')
