"""While serving, a real file watcher keeps the record listing true: new, replaced, removed and moved-in files."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from watchdog.observers import Observer

from generator.records.files import RecordListing, list_records
from generator.records.watch import report_changes


@pytest.fixture
def watched(tmp_path: Path) -> Iterator[tuple[Path, RecordListing]]:
    reviews = tmp_path / "reviews"
    (reviews / "incidents" / "acme").mkdir(parents=True)
    (reviews / "incidents" / "acme" / "2021-01-01-a.yml").write_text("a: 1\n", "utf-8")
    listing = RecordListing()
    listing.begin()
    listing.listed(reviews / "incidents", "reviews/incidents")
    observer = Observer()
    report_changes(observer, reviews, listing)
    observer.start()
    try:
        yield reviews, listing
    finally:
        observer.stop()
        observer.join(10)


def _agrees(reviews: Path, listing: RecordListing, timeout: float = 10.0) -> list[tuple[str, ...]]:
    """Wait until the kept listing equals a fresh one; return it."""
    folder = reviews / "incidents"
    truth = [(f.rel, f.stamp) for f in list_records(folder, "reviews/incidents")]
    deadline = time.monotonic() + timeout
    while True:
        listing.begin()
        kept = [(f.rel, f.stamp) for f in listing.listed(folder, "reviews/incidents")]
        if kept == truth or time.monotonic() > deadline:
            assert kept == truth
            return [rel for rel, _ in kept]
        time.sleep(0.05)


def test_the_watcher_reports_every_kind_of_change(watched: tuple[Path, RecordListing], tmp_path: Path) -> None:
    reviews, listing = watched
    acme = reviews / "incidents" / "acme"
    (acme / "2021-01-02-b.yml").write_text("b: 1\n", "utf-8")  # new, written in place
    assert ("acme", "2021-01-02-b.yml") in _agrees(reviews, listing)

    scratch = tmp_path / "scratch.yml"  # replaced atomically from outside reviews/, as editors and git do
    scratch.write_text("a: 2, and longer\n", "utf-8")
    os.replace(scratch, acme / "2021-01-01-a.yml")
    _agrees(reviews, listing)

    (acme / "2021-01-02-b.yml").unlink()
    assert ("acme", "2021-01-02-b.yml") not in _agrees(reviews, listing)

    staged = tmp_path / "bolt"  # a whole company folder moved in: one event for the folder only
    staged.mkdir()
    (staged / "2022-02-02-c.yml").write_text("c: 1\n", "utf-8")
    staged.rename(reviews / "incidents" / "bolt")
    assert ("bolt", "2022-02-02-c.yml") in _agrees(reviews, listing)


def test_reading_a_watched_file_is_no_change(tmp_path: Path) -> None:
    """MkDocs rebuilds on any event it is given: the rebuild's own reading of a record must not ask for another."""
    from watchdog.events import FileSystemEvent, FileSystemEventHandler

    from generator.records.watch import ChangesObserver

    seen: list[FileSystemEvent] = []

    class Collect(FileSystemEventHandler):
        def on_any_event(self, event: FileSystemEvent) -> None:
            seen.append(event)

    record = tmp_path / "a.yml"
    record.write_text("a: 1\n", "utf-8")
    observer = ChangesObserver()
    observer.schedule(Collect(), str(tmp_path), recursive=True)
    observer.start()
    try:
        for _ in range(3):
            record.read_text("utf-8")
        record.write_text("a: 2\n", "utf-8")  # a change, so that the events before it have surely arrived
        deadline = time.monotonic() + 10
        while not any(e.event_type in ("modified", "closed") for e in seen) and time.monotonic() < deadline:
            time.sleep(0.02)
    finally:
        observer.stop()
        observer.join(10)
    kinds = [e.event_type for e in seen]
    assert "modified" in kinds or "closed" in kinds, kinds
    assert not {"opened", "closed_no_write"} & set(kinds), kinds
