"""`trackrecord import` and `trackrecord promote` as a user runs them: exit codes, messages, files."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.records.reader import scan

from .feed_server import FeedServer, static
from .helpers import FIXTURES, make_reviews, post_files, snapshot

TWO_POSTS = (FIXTURES / "rss-two-posts.xml").read_bytes()
FAST = ["--timeout", "0.5", "--deadline", "1.5"]
LOCAL_ENV = {"TRACKRECORD_IMPORT_ALLOW_HOSTS": "127.0.0.1"}  # the feed server is on 127.0.0.1: opt in


def _import(reviews: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["import", "--reviews", str(reviews), *FAST, *args], env=LOCAL_ENV)
    return result.exit_code, result.output


def _two_feeds(tmp_path: Path, server: FeedServer) -> Path:
    server.routes["/good.xml"] = static(TWO_POSTS)
    server.routes["/broken.xml"] = static(b"oops", "text/plain", 500)
    return make_reviews(tmp_path, [{"url": server.url("/good.xml"), "name": "Good feed"},
                                   {"url": server.url("/broken.xml"), "name": "Broken feed"}])


@pytest.mark.integration
def test_failed_feed_exits_0_unless_strict(tmp_path: Path, server: FeedServer) -> None:
    reviews = _two_feeds(tmp_path, server)
    code, output = _import(reviews)
    assert code == 0, output
    assert "Good feed" in output and "Broken feed" in output and "HTTP 500" in output
    assert "2 feeds: 2 new posts, 0 updated, 1 failed" in output
    code, output = _import(reviews, "--strict")
    assert code == 1


@pytest.mark.integration
def test_strict_passes_when_every_feed_works(tmp_path: Path, server: FeedServer) -> None:
    reviews = _two_feeds(tmp_path, server)
    code, output = _import(reviews, "--strict", "--only", "good feed")
    assert code == 0, output
    assert "Broken feed" not in output
    assert server.requests_to("/broken.xml") == []


@pytest.mark.integration
def test_unknown_only_name_is_an_error(tmp_path: Path, server: FeedServer) -> None:
    reviews = _two_feeds(tmp_path, server)
    code, output = _import(reviews, "--only", "nope")
    assert code == 1 and "no feed named 'nope'" in output and "Good feed" in output


@pytest.mark.integration
def test_invalid_feeds_file_exits_1_with_path_line_col(tmp_path: Path, server: FeedServer) -> None:
    reviews = make_reviews(tmp_path, [])
    bad = reviews / "feeds.yml"
    bad.write_text('feeds:\n  - name: "No url"\n  - url: "ftp://x.example/f"\n    name: "Ftp"\n'
                   '  - url: "https://y.example/f"\n    name: "Y"\n    companies: ["nobody"]\n', "utf-8")
    code, output = _import(reviews, "--feeds", str(bad))
    assert code == 1
    assert f"{bad.as_posix()}:2:" in output and "url" in output
    assert f"{bad.as_posix()}:3:" in output and "not an http(s) address" in output
    assert "unknown company 'nobody'" in output
    assert "Traceback" not in output


def test_missing_feeds_file_is_a_clear_error(tmp_path: Path) -> None:
    reviews = make_reviews(tmp_path, [])
    (reviews / "feeds.yml").unlink()
    code, output = _import(reviews)
    assert code == 1 and "feeds.yml:1:1: (file): no such file" in output


@pytest.mark.integration
def test_dry_run_writes_nothing(tmp_path: Path, server: FeedServer) -> None:
    reviews = _two_feeds(tmp_path, server)
    before = snapshot(reviews)
    code, output = _import(reviews, "--dry-run")
    assert code == 0 and "dry run" in output and "2 new posts" in output
    assert snapshot(reviews) == before


def test_help_has_examples() -> None:
    for command in ("import", "promote"):
        result = CliRunner().invoke(main, [command, "--help"])
        assert result.exit_code == 0 and "Examples:" in result.output


def _imported(tmp_path: Path, server: FeedServer) -> tuple[Path, Path]:
    server.routes["/good.xml"] = static(TWO_POSTS)
    reviews = make_reviews(tmp_path, [{"url": server.url("/good.xml"), "name": "Good feed"}])
    assert _import(reviews)[0] == 0
    name = hashlib.sha256(b"tag:blog.example,2024:lost-bag").hexdigest()[:16]
    return reviews, reviews / "posts" / "good-feed" / f"{name}.yml"


@pytest.mark.integration
def test_promote_fills_what_the_post_knows_and_validate_asks_for_the_rest(tmp_path: Path,
                                                                           server: FeedServer) -> None:
    reviews, post = _imported(tmp_path, server)
    result = CliRunner().invoke(main, ["promote", str(post), "--company", "acme-air"])
    assert result.exit_code == 0, result.output
    draft = Path(result.stdout.strip())
    assert draft == reviews / "incidents" / "acme-air" / "2024-03-04-acme-air-lost-my-bag-shoe-barn-saved-the-trip.yml"
    text = draft.read_text("utf-8")
    assert 'company: "acme-air"' in text and "date: 2024-03-04" in text
    assert 'title: "Acme Air lost my bag & Shoe Barn saved the trip"' in text
    assert '- "https://blog.example/2024/03/lost-bag"' in text
    _, problems = scan(reviews)
    assert {p.field for p in problems} == {"rating", "issue", "response"}
    assert all(p.path.endswith(draft.name) for p in problems)


@pytest.mark.integration
def test_promote_needs_a_company_choice_when_the_post_names_several(tmp_path: Path, server: FeedServer) -> None:
    _, post = _imported(tmp_path, server)
    result = CliRunner().invoke(main, ["promote", str(post)])
    assert result.exit_code == 1 and "acme-air, shoe-barn" in result.output and "--company" in result.output
    result = CliRunner().invoke(main, ["promote", str(post), "--company", "nobody"])
    assert result.exit_code == 1 and "unknown company 'nobody'" in result.output


@pytest.mark.integration
def test_promote_refuses_a_file_that_is_not_a_post(tmp_path: Path, server: FeedServer) -> None:
    reviews, _ = _imported(tmp_path, server)
    result = CliRunner().invoke(main, ["promote", str(reviews / "companies" / "voltco.yml")])
    assert result.exit_code == 1 and "not a valid post" in result.output and "Traceback" not in result.output
    assert len(post_files(reviews)) == 2


def test_cli_defaults_match_the_fetch_limits() -> None:
    from generator.cli.import_cmd import _DEFAULTS
    from generator.importer.fetch import FetchLimits

    limits = FetchLimits()
    assert {"concurrency": limits.concurrency, "read_timeout": limits.read_timeout,
                         "deadline": limits.deadline, "max_bytes": limits.max_bytes} == _DEFAULTS


@pytest.mark.integration
def test_loopback_feed_is_refused_unless_the_environment_opts_in(tmp_path: Path, server: FeedServer) -> None:
    server.routes["/good.xml"] = static(TWO_POSTS)
    reviews = make_reviews(tmp_path, [{"url": server.url("/good.xml"), "name": "Good feed"}])
    result = CliRunner().invoke(main, ["import", "--reviews", str(reviews), *FAST, "--strict"],
                                env={"TRACKRECORD_IMPORT_ALLOW_HOSTS": None})
    assert result.exit_code == 1, result.output
    [row] = [line for line in result.output.splitlines() if line.startswith("Good feed")]
    assert "failed" in row and "refused: 127.0.0.1 is not a public address (loopback)" in row
    assert "a feed list from a pull request cannot reach this machine" in row
    assert server.seen == [] and post_files(reviews) == []
    code, output = _import(reviews, "--strict")  # LOCAL_ENV: 127.0.0.1 allowed
    assert code == 0, output
    assert "TRACKRECORD_IMPORT_ALLOW_HOSTS is set: also fetching from 127.0.0.1 (for tests only)" in output
    assert len(post_files(reviews)) == 2


@pytest.mark.integration
def test_a_wrong_allow_list_is_a_clear_error(tmp_path: Path, server: FeedServer) -> None:
    reviews = make_reviews(tmp_path, [{"url": server.url("/good.xml"), "name": "Good feed"}])
    result = CliRunner().invoke(main, ["import", "--reviews", str(reviews)],
                                env={"TRACKRECORD_IMPORT_ALLOW_HOSTS": "localhost"})
    assert result.exit_code == 1
    assert "TRACKRECORD_IMPORT_ALLOW_HOSTS: 'localhost' is not an IP address" in result.output
    assert "Traceback" not in result.output and server.seen == []


@pytest.mark.integration
def test_promote_twice_refuses_and_names_the_draft_that_exists(tmp_path: Path, server: FeedServer) -> None:
    reviews, post = _imported(tmp_path, server)
    first = CliRunner().invoke(main, ["promote", str(post), "--company", "acme-air"])
    assert first.exit_code == 0, first.output
    draft = first.stdout.strip()  # stderr may say the editors' schemas were brought up to date
    again = CliRunner().invoke(main, ["promote", str(post), "--company", "acme-air"])
    assert again.exit_code == 1
    assert again.output == (f"Error: this post was promoted already: {draft} cites it; "
                            "edit that draft, or delete it to promote the post again\n")
    assert sorted(p.as_posix() for p in (reviews / "incidents").rglob("*.yml")) == [draft]
