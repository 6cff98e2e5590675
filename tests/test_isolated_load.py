"""The build reads records in a child process; what it gets back must equal reading them here."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from support.sites import SAMPLE

from generator.build.isolated_load import load_corpus_isolated
from generator.records.reader import InvalidRecords, load_corpus, scan

HOSTILE = Path(__file__).parent / "fixtures" / "hostile"


def test_the_sample_records_come_back_equal() -> None:
    here = load_corpus(SAMPLE)
    there = load_corpus_isolated(SAMPLE)
    assert there == here
    assert len(there.incidents) >= 10 and there.posts


def test_every_problem_comes_back_in_order(tmp_path: Path) -> None:
    reviews = tmp_path / "reviews"
    shutil.copytree(HOSTILE / "base" / "reviews", reviews)
    for case in ("duplicate-key.yml", "future-date.yml", "dates-out-of-order.yml"):
        shutil.copy(HOSTILE / case, reviews / "incidents" / "acme" / f"2021-03-04-{case}")
    _, expected = scan(reviews)
    assert len(expected) >= 3
    with pytest.raises(InvalidRecords) as caught:
        load_corpus_isolated(reviews)
    assert [str(p) for p in caught.value.problems] == [str(p) for p in expected]


def test_the_reading_happens_in_another_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A record read records the reader's process id; the child's differs from ours.
    import generator.build.isolated_load as isolated

    real_scan = isolated.scan

    def scan_and_report(root: Path, today: object) -> object:
        (tmp_path / "pid").write_text(str(os.getpid()))
        return real_scan(root, today)  # type: ignore[arg-type]

    monkeypatch.setattr(isolated, "scan", scan_and_report)
    load_corpus_isolated(SAMPLE)
    assert int((tmp_path / "pid").read_text()) != os.getpid()
