"""The build reads records in a child process; what it gets back must equal reading them here."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import pytest
from support.sites import SAMPLE

from generator.build import cores
from generator.build.isolated_load import load_corpus_isolated
from generator.records.reader import InvalidRecords, load_corpus, merge_shares, scan

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

    def scan_and_report(root: Path, today: object, share: tuple[int, int]) -> object:
        (tmp_path / f"pid-{share[0]}-of-{share[1]}").write_text(str(os.getpid()))
        return real_scan(root, today, share=share)  # type: ignore[arg-type]

    monkeypatch.setattr(isolated, "scan", scan_and_report)
    monkeypatch.setattr(cores.os, "sched_getaffinity", lambda _pid: {0, 1, 2, 3})
    load_corpus_isolated(SAMPLE)
    # As many shares as the machine has cores (at most MAX_PROCESSES), each read in a process of its own.
    pids = {path.name: int(path.read_text()) for path in tmp_path.glob("pid-*")}
    n = cores.MAX_PROCESSES
    assert sorted(pids) == [f"pid-{k}-of-{n}" for k in range(n)]
    assert os.getpid() not in pids.values() and len(set(pids.values())) == n


def _problem_tree(tmp_path: Path) -> Path:
    """Problems of every kind spread over three companies' folders, the companies' and the posts'."""
    reviews = tmp_path / "reviews"
    shutil.copytree(HOSTILE / "base" / "reviews", reviews)
    for slug in ("bravo", "charlie"):
        (reviews / "companies" / f"{slug}.yml").write_text(
            (reviews / "companies" / "acme.yml").read_text("utf-8").replace("acme", slug).replace("Acme", slug.title()),
            "utf-8")
        shutil.copytree(reviews / "incidents" / "acme", reviews / "incidents" / slug)
    cases = sorted(HOSTILE.glob("*.yml"))
    for n, case in enumerate(cases):
        slug = ("acme", "bravo", "charlie")[n % 3]
        shutil.copy(case, reviews / "incidents" / slug / f"2021-03-{n % 28 + 1:02d}-{case.stem}.yml")
    for case in sorted(p for p in HOSTILE.iterdir() if p.is_dir() and p.name != "base"):
        for part in (case / "reviews").iterdir() if (case / "reviews").is_dir() else ():
            shutil.copytree(part, reviews / part.name, dirs_exist_ok=True)
    return reviews


@pytest.mark.parametrize("n", [2, 3, 7])
def test_shares_put_together_equal_one_scan(tmp_path: Path, n: int) -> None:
    for root in (SAMPLE, _problem_tree(tmp_path)):
        day = dt.date(2026, 12, 1)
        whole = scan(root, day)
        shares = [scan(root, day, share=(k, n)) for k in range(n)]
        assert merge_shares(shares) == whole
        if root != SAMPLE:  # the problems are spread over the shares, and some each share finds
            assert len(whole[1]) >= 20
            assert sum(bool(found) for _, found in shares) >= 2
        else:
            assert sum(bool(part.incidents) for part, _ in shares) >= 2


def test_shares_keep_a_problem_one_file_gives_twice_and_a_shared_one_once() -> None:
    from generator.model import Corpus
    from generator.records.yaml_source import Problem

    shared = Problem("reviews/companies/acme.yml", 3, 1, "name", "is missing")
    twice = Problem("reviews/incidents/acme/2021-03-04-x.yml", 7, 5, "summary", "has a phone number")
    other = Problem("reviews/incidents/bravo/2021-03-04-y.yml", 2, 1, "rating", "is not good, bad or ugly")
    merged = merge_shares([(Corpus(), [shared, twice, twice]), (Corpus(), [shared, other])])
    assert merged[1] == [shared, twice, twice, other]
