"""`trackrecord archive` against a web archive served on 127.0.0.1: what it asks, what it records."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.records.reader import load_corpus

from .feed_server import FeedServer, static

pytestmark = pytest.mark.integration  # builds sites, runs commands or serves HTTP

LOCAL_ENV = {"TRACKRECORD_IMPORT_ALLOW_HOSTS": "127.0.0.1"}  # the archive is on 127.0.0.1: opt in
RECORD = """\
company: acme
title: Parcel lost and never refunded
date: 2021-05-05
rating: bad
issue: The parcel never arrived and the refund was refused for weeks.
response: Nothing at all.
sources:
  # the customer's own post
  - https://blog.example/lost-parcel
  - title: Local paper story
    publisher: The Gazette
    date: 2021-05-09
    url: https://news.example/story
  - title: Offline forum thread
    publisher: Old Forum
    date: 2021-05-10
company_reply:
  text: We are looking into it.
  source: https://acme.example/statement
"""


def _reviews(tmp_path: Path) -> Path:
    reviews = tmp_path / "reviews"
    (reviews / "companies").mkdir(parents=True)
    (reviews / "companies" / "acme.yml").write_text("name: Acme\n", "utf-8")
    folder = reviews / "incidents" / "acme"
    folder.mkdir(parents=True)
    (folder / "2021-05-05-lost-parcel.yml").write_text(textwrap.dedent(RECORD), "utf-8")
    return reviews


def _archive(reviews: Path, server: FeedServer, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["archive", str(reviews), "--service", server.url("/save/"),
                                       "--timeout", "2", "--deadline", "5", *args], env=LOCAL_ENV)
    return result.exit_code, result.output


def _saved_at(server: FeedServer, url: str, copy: str) -> None:
    server.routes[f"/save/{url}"] = static(b"", "text/html", 302, {"Location": f"/web/20240101000000/{copy}"})


def test_each_source_without_a_copy_is_saved_and_recorded_keeping_the_comments(tmp_path: Path,
                                                                             server: FeedServer) -> None:
    reviews = _reviews(tmp_path)
    for url in ("https://blog.example/lost-parcel", "https://news.example/story", "https://acme.example/statement"):
        _saved_at(server, url, url)
    code, output = _archive(reviews, server)
    assert code == 0, output
    text = (reviews / "incidents/acme/2021-05-05-lost-parcel.yml").read_text("utf-8")
    assert "# the customer's own post" in text
    incident = load_corpus(reviews).incidents[0]
    archived = [s.archive_url for s in incident.sources]
    assert archived == [server.url("/web/20240101000000/https://blog.example/lost-parcel"),
                        server.url("/web/20240101000000/https://news.example/story"), None]
    assert incident.sources[0].url == "https://blog.example/lost-parcel"
    assert incident.company_reply is not None and incident.company_reply.source is not None
    assert incident.company_reply.source.archive_url == server.url(
        "/web/20240101000000/https://acme.example/statement")
    # The source with no address was not sent: it has nothing to save.
    assert len(server.seen) == 3
    # A second run has nothing left to ask.
    code, output = _archive(reviews, server)
    assert code == 0 and len(server.seen) == 3, output


def test_the_count_is_bounded_and_failures_are_reported_not_recorded(tmp_path: Path, server: FeedServer) -> None:
    reviews = _reviews(tmp_path)
    server.routes["/save/https://blog.example/lost-parcel"] = static(b"busy", "text/plain", 503)
    before = (reviews / "incidents/acme/2021-05-05-lost-parcel.yml").read_bytes()
    code, output = _archive(reviews, server, "--limit", "1")
    assert code == 0, output
    assert "HTTP 503" in output and len(server.seen) == 1
    assert "2 more wait for the next run" in output
    assert (reviews / "incidents/acme/2021-05-05-lost-parcel.yml").read_bytes() == before


def test_a_service_on_a_private_address_is_refused_without_the_opt_in(tmp_path: Path, server: FeedServer) -> None:
    reviews = _reviews(tmp_path)
    result = CliRunner().invoke(main, ["archive", str(reviews), "--service", server.url("/save/"),
                                       "--timeout", "2", "--deadline", "5"], env={"TRACKRECORD_IMPORT_ALLOW_HOSTS": ""})
    assert result.exit_code == 0, result.output
    assert "not a public address" in result.output and server.seen == []


def test_dry_run_lists_and_asks_nothing(tmp_path: Path, server: FeedServer) -> None:
    reviews = _reviews(tmp_path)
    code, output = _archive(reviews, server, "--dry-run")
    assert code == 0 and server.seen == []
    assert "https://news.example/story" in output and "3 source(s) have no archived copy" in output
