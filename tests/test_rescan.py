"""Scanning again while serving: re-reading only the edited incident files gives what a full scan gives.

Each step edits the copied sample as a writer would, tells the listing what the file watcher would,
and compares the Rescanner's corpus and problems with a fresh scan of the same files. Each step also
says whether the scan may take the short way; without that check a Rescanner that always scanned
everything would pass.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from support.sites import SAMPLE

from generator.records.reader import scan
from generator.records.rescan import Rescanner

TODAY = dt.date(2026, 12, 1)


def _write(path: Path, text: str) -> None:
    """Write and move the file's time on, so that its stat differs even within one clock tick."""
    before = path.stat().st_mtime_ns if path.exists() else 0
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")
    later = max(before, path.stat().st_mtime_ns) + 10**9
    os.utime(path, ns=(later, later))


@pytest.fixture
def reviews(tmp_path: Path) -> Path:
    shutil.copytree(SAMPLE, tmp_path / "reviews")
    return tmp_path / "reviews"


def _first_incident(reviews: Path) -> Path:
    return sorted((reviews / "incidents").glob("*/*.yml"))[0]


def _same_as_a_full_scan(rescan: Rescanner, reviews: Path, *, partial: bool, today: dt.date = TODAY) -> int:
    """How many problems there are, once the Rescanner's result is checked against a full scan."""
    corpus, problems = rescan.scan(reviews, today)
    assert rescan.last_was_partial is partial
    expected_corpus, expected_problems = scan(reviews, today)
    assert [str(p) for p in problems] == [str(p) for p in expected_problems]
    assert corpus == expected_corpus
    return len(problems)


def _replace(old: str, new: str) -> Callable[[str], str]:
    def edit(text: str) -> str:
        assert old in text, f"{old!r} is not in the record"
        return text.replace(old, new, 1)
    return edit


def _append(block: str) -> Callable[[str], str]:
    return lambda text: text.rstrip("\n") + "\n" + block


# Each edit, and whether it gives the record a problem. The first incident is Best Buy's, dated
# 2007-11-14, rated ugly, with no timeline.
EDITS: dict[str, tuple[Callable[[str], str], bool]] = {
    "a new title": (_replace("\ntitle: ", "\ntitle: Edited, "), False),
    "new tags": (_replace("\ntags:\n", "\ntags:\n  - another-tag\n"), False),
    "a rating set by an update": (_append("timeline:\n  - date: 2007-12-01\n    text: Refunded.\n"
                                          "    rating: good\n"), False),
    "an open dispute": (_append("dispute:\n  date: 2007-12-01\n  by: Best Buy\n"
                                "  summary: The customer had no business account.\n"), False),
    "a withdrawal": (_append("withdrawn:\n  date: 2007-12-01\n  reason: The source is gone.\n"), False),
    "another company's slug": (_replace("\ncompany: best-buy", "\ncompany: dell"), True),
    "a date unlike the file name's": (_replace("\ndate: 2007-11-14", "\ndate: 2007-11-15"), True),
    "a rating the schema refuses": (_replace("\nrating: ", "\nrating: awful-"), True),
    "an unknown company": (_replace("\ncompany: ", "\ncompany: no-such-"), True),
    "a private email address": (_replace("\nissue: |\n", "\nissue: |\n  Write to jo.private@example.org.\n"), True),
    "broken YAML": (lambda text: text + "\n  : : [\n", True),
}


@pytest.mark.parametrize("edit", list(EDITS))
def test_an_edited_incident_is_read_again_alone_and_the_result_is_a_full_scans(reviews: Path, edit: str) -> None:
    rescan = Rescanner()
    _same_as_a_full_scan(rescan, reviews, partial=False)
    record = _first_incident(reviews)
    original = record.read_text("utf-8")
    change, wrong = EDITS[edit]
    _write(record, change(original))
    rescan.listing.touched(str(record))
    assert bool(_same_as_a_full_scan(rescan, reviews, partial=True)) is wrong
    _write(record, original)  # and mended again
    rescan.listing.touched(str(record))
    _same_as_a_full_scan(rescan, reviews, partial=True)


def test_an_invalid_incident_made_valid_goes_back_in_its_place(reviews: Path) -> None:
    record = _first_incident(reviews)
    original = record.read_text("utf-8")
    _write(record, EDITS["a rating the schema refuses"][0](original))
    rescan = Rescanner()
    corpus, problems = rescan.scan(reviews, TODAY)
    assert problems and record.stem not in {i.slug for i in corpus.incidents}
    _write(record, original)
    rescan.listing.touched(str(record))
    corpus, problems = rescan.scan(reviews, TODAY)
    assert rescan.last_was_partial and not problems
    assert corpus == scan(reviews, TODAY)[0]


def test_an_editors_own_files_change_nothing(reviews: Path) -> None:
    rescan = Rescanner()
    rescan.scan(reviews, TODAY)
    swap = _first_incident(reviews).with_name(".notes.yml.swp")
    _write(swap, "not: a record")
    rescan.listing.touched(str(swap))
    _same_as_a_full_scan(rescan, reviews, partial=True)


def _add_incident(reviews: Path) -> Path:
    record = _first_incident(reviews)
    copy = record.with_name(f"{record.stem[:10]}-a-second-one.yml")
    _write(copy, record.read_text("utf-8"))
    return copy


def _delete_incident(reviews: Path) -> Path:
    record = _first_incident(reviews)
    record.unlink()
    return record


def _edit_company(reviews: Path) -> Path:
    company = sorted((reviews / "companies").glob("*.yml"))[0]
    _write(company, company.read_text("utf-8") + "public_contacts: [jo.private@example.org]\n")
    return company


def _edit_feeds(reviews: Path) -> Path:
    feeds = reviews / "feeds.yml"
    _write(feeds, feeds.read_text("utf-8") + "\n# a comment\n")
    return feeds


def _misplace_incident(reviews: Path) -> Path:
    stray = reviews / "incident" / "acme" / "2021-01-01-lost.yml"
    _write(stray, _first_incident(reviews).read_text("utf-8"))
    return stray


@pytest.mark.parametrize("change", [_add_incident, _delete_incident, _edit_company, _edit_feeds, _misplace_incident])
def test_any_other_change_scans_everything(reviews: Path, change: Callable[[Path], Path]) -> None:
    rescan = Rescanner()
    rescan.scan(reviews, TODAY)
    rescan.listing.touched(str(change(reviews)))
    _same_as_a_full_scan(rescan, reviews, partial=False)
    _same_as_a_full_scan(rescan, reviews, partial=True)  # nothing changed since


def test_lost_events_and_a_new_day_scan_everything(reviews: Path) -> None:
    rescan = Rescanner()
    rescan.scan(reviews, TODAY)
    rescan.listing.relist()
    _same_as_a_full_scan(rescan, reviews, partial=False)
    _same_as_a_full_scan(rescan, reviews, partial=False, today=TODAY + dt.timedelta(days=1))


def test_records_changed_before_the_watcher_started_are_found_and_read_again_alone(reviews: Path) -> None:
    rescan = Rescanner()
    _same_as_a_full_scan(rescan, reviews, partial=False)  # the first build
    record = _first_incident(reviews)
    _write(record, EDITS["a new title"][0](record.read_text("utf-8")))  # while it ran: no event says so
    started: list[bool] = []
    rescan.check_when(lambda: bool(started.append(True)) or len(started) > 3)  # the watcher starts late
    _same_as_a_full_scan(rescan, reviews, partial=True)
    assert len(started) == 4


def test_a_company_changed_before_the_watcher_started_scans_everything(reviews: Path) -> None:
    rescan = Rescanner()
    rescan.scan(reviews, TODAY)
    _edit_company(reviews)
    rescan.check_when(lambda: True)
    _same_as_a_full_scan(rescan, reviews, partial=False)


def test_without_a_first_scan_to_compare_with_everything_is_listed_again(reviews: Path) -> None:
    rescan = Rescanner()
    rescan.check_when(lambda: True)  # before any scan
    _same_as_a_full_scan(rescan, reviews, partial=False)
    rescan.check_when(lambda: True)  # compares with that first scan: nothing changed
    _same_as_a_full_scan(rescan, reviews, partial=True)
    rescan.check_when(lambda: True)  # a second time: the first scan's stamps are gone
    _same_as_a_full_scan(rescan, reviews, partial=False)
