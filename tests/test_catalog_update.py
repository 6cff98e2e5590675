"""The catalog after an edit, from the last one: equal to building it afresh, or refused when the edit moved
an incident. The group is support.records' group_corpus: c0 above c1..c9, c1 above c10..c19, and so on."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable

import pytest
from support.records import group_corpus

from generator.model import Corpus, Dispute, Incident, TimelineEntry, Withdrawal
from generator.scoring.catalog import ScoreMemo, build_catalog
from generator.scoring.catalog_update import updated_catalog

BASE = group_corpus(40, 5, posts=10)


def _edited(corpus: Corpus, key: str, change: Callable[[Incident], Incident]) -> Corpus:
    assert key in {i.key for i in corpus.incidents}
    return dataclasses.replace(corpus, incidents=tuple(change(i) if i.key == key else i for i in corpus.incidents))


def _key(company: str, k: int) -> str:
    return next(i.key for i in BASE.incidents if i.company == company and i.slug.endswith(f"-i{k}"))


GRANDCHILD = _key("c12", 0)  # c12 -> c1 -> c0; k = 0 has an update 40 days on, and was answered the same day
ACCEPTED: dict[str, list[tuple[str, Callable[[Incident], Incident]]]] = {
    "a new title": [(GRANDCHILD, lambda i: dataclasses.replace(i, title="Edited"))],
    "a slower answer, which the grade weighs": [
        (GRANDCHILD, lambda i: dataclasses.replace(i, first_response=i.date + dt.timedelta(days=20)))],
    "two companies at once": [(GRANDCHILD, lambda i: dataclasses.replace(i, issue="More.")),
                              (_key("c3", 1), lambda i: dataclasses.replace(i, status="resolved"))],
    # Disputed, it leaves the grade and the rates but stays in every listing.
    "an open dispute": [(GRANDCHILD, lambda i: dataclasses.replace(
        i, dispute=Dispute(i.date + dt.timedelta(days=1), "The company", "Not so.")))],
}


@pytest.mark.parametrize("edit", list(ACCEPTED))
def test_an_edit_that_moves_nothing_gives_the_catalog_built_afresh(edit: str) -> None:
    memo = ScoreMemo()
    last = build_catalog(BASE, memo=memo)
    corpus = BASE
    for key, change in ACCEPTED[edit]:
        corpus = _edited(corpus, key, change)
    updated = updated_catalog(last, BASE, corpus, memo)
    assert updated is not None
    assert updated == build_catalog(corpus)
    assert updated != last  # the edit shows


def test_withdrawn_incidents_stay_apart() -> None:
    withdrawn = _edited(BASE, _key("c5", 2), lambda i: dataclasses.replace(
        i, withdrawn=Withdrawal(i.date + dt.timedelta(days=1), "Wrong company.")))
    memo = ScoreMemo()
    last = build_catalog(withdrawn, memo=memo)
    corpus = _edited(withdrawn, GRANDCHILD, lambda i: dataclasses.replace(i, title="Edited"))
    updated = updated_catalog(last, withdrawn, corpus, memo)
    assert updated is not None and updated.withdrawn
    assert updated == build_catalog(corpus)


def test_nothing_changed_gives_the_same_catalog() -> None:
    memo = ScoreMemo()
    last = build_catalog(BASE, memo=memo)
    assert updated_catalog(last, BASE, dataclasses.replace(BASE), memo) is last


def _later(i: Incident) -> Incident:
    return dataclasses.replace(i, timeline=(*i.timeline, TimelineEntry(dt.date(2030, 1, 1), "Much later.")))


REFUSED: dict[str, Callable[[Corpus], Corpus]] = {
    "a new date": lambda c: _edited(c, GRANDCHILD, lambda i: dataclasses.replace(i, date=i.date - dt.timedelta(1))),
    "a new rating": lambda c: _edited(c, GRANDCHILD, lambda i: dataclasses.replace(
        i, timeline=(TimelineEntry(i.date, "Now.", "ugly"),))),
    "new tags": lambda c: _edited(c, GRANDCHILD, lambda i: dataclasses.replace(i, tags=("other",))),
    "withdrawn": lambda c: _edited(c, GRANDCHILD, lambda i: dataclasses.replace(
        i, withdrawn=Withdrawal(i.date, "Wrong."))),
    "the newest date moved": lambda c: _edited(c, GRANDCHILD, _later),
    "an incident added": lambda c: dataclasses.replace(c, incidents=(*c.incidents, dataclasses.replace(
        c.incidents[0], slug="2010-01-01-new"))),
    "another company's": lambda c: _edited(c, GRANDCHILD, lambda i: dataclasses.replace(i, company="c13")),
    "a company changed": lambda c: dataclasses.replace(c, companies=dict(c.companies)),
    "a post changed": lambda c: dataclasses.replace(c, posts=c.posts[1:]),
}


@pytest.mark.parametrize("change", list(REFUSED))
def test_an_edit_that_moves_an_incident_builds_afresh(change: str) -> None:
    memo = ScoreMemo()
    last = build_catalog(BASE, memo=memo)
    assert updated_catalog(last, BASE, REFUSED[change](BASE), memo) is None
