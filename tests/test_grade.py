"""The grade's principles, each on hand-built incidents with the arithmetic written out.

Reference date 2024-01-01 throughout. Ages used: 0 days (weight 1), 2022-01-01 = 730 days = 2 years
(weight 0.5 ^ (2 / 2) = 0.5), 2020-01-02 = 1460 days = 4 years (2020 is a leap year: 2020-01-02 -> 2021-01-01
is 365 days, then 3 x 365) (weight 0.5 ^ 2 = 0.25). Score = 100 * (average + 2) / 3.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

import pytest

from generator.grade import MIN_INCIDENTS, Grade, grade, letter_for, made_right_by
from generator.model import Incident, Source, TimelineEntry

D = dt.date.fromisoformat
AS_OF = D("2024-01-01")
NEW, TWO_YEARS, FOUR_YEARS = "2024-01-01", "2022-01-01", "2020-01-02"


def make(date: str, rating: str = "bad", name: str = "case", **fields: Any) -> Incident:
    return Incident(
        company="acme",
        slug=f"{date}-{name}",
        path=f"reviews/incidents/acme/{date}-{name}.yml",
        title="A case",
        date=D(date),
        initial_rating=rating,  # type: ignore[arg-type]
        issue="What happened.",
        response="What the company did.",
        sources=(Source(url="https://example.org/"),),
        **fields,
    )


def later(rating: str) -> tuple[TimelineEntry, ...]:
    return (TimelineEntry(D("2023-12-01"), "A later update.", rating),)  # type: ignore[arg-type]


def test_too_few_incidents_is_not_enough_data() -> None:
    assert MIN_INCIDENTS == 3
    two = grade([make(NEW, "good", "a"), make(NEW, "good", "b")], AS_OF)
    assert two.letter is None and two.score is None and not two.enough_data
    assert "Not enough data" in two.summary and "2 incidents" in two.summary
    assert len(two.lines) == 2  # the arithmetic is still there to show
    assert grade([], AS_OF).summary.startswith("Not enough data: 0 incidents")
    three = grade([make(NEW, "good", "a"), make(NEW, "good", "b"), make(NEW, "good", "c")], AS_OF)
    # all good: average +1 -> 100 * 3 / 3 = 100 -> A
    assert (three.letter, three.score, three.enough_data) == ("A", 100.0, True)


def test_hand_computed_mixed_record() -> None:
    result = grade([make(NEW, "good", "g"), make(TWO_YEARS, "bad", "b"), make(FOUR_YEARS, "ugly", "u")], AS_OF)
    # points: +1 * 1 = +1, -1 * 0.5 = -0.5, -2 * 0.25 = -0.5; sum 0; weights 1.75; average 0
    # score 100 * (0 + 2) / 3 = 66.67 -> 66.7 -> C (60 <= 66.7 < 75)
    assert [(line.base, line.recency_weight, line.points) for line in result.lines] == [
        (1.0, 1.0, 1.0),
        (-1.0, 0.5, -0.5),
        (-2.0, 0.25, -0.5),
    ]
    assert result.weighted_average == 0.0
    assert (result.score, result.letter) == (66.7, "C")
    assert "66.7" in result.summary and "a C" in result.summary


def test_recent_incidents_weigh_more() -> None:
    # X: good new, bad 2y, bad 4y: 1 - 0.5 - 0.25 = 0.25 / 1.75 = 0.142857 -> 100 * 2.142857 / 3 = 71.43 -> 71.4 C
    # Y: bad new, good 2y, bad 4y: -1 + 0.5 - 0.25 = -0.75 / 1.75 = -0.428571 -> 100 * 1.571429 / 3 = 52.38 -> 52.4 D
    x = grade([make(NEW, "good", "a"), make(TWO_YEARS, "bad", "b"), make(FOUR_YEARS, "bad", "c")], AS_OF)
    y = grade([make(NEW, "bad", "a"), make(TWO_YEARS, "good", "b"), make(FOUR_YEARS, "bad", "c")], AS_OF)
    assert (x.score, x.letter) == (71.4, "C")
    assert (y.score, y.letter) == (52.4, "D")
    assert x.weighted_average == pytest.approx(0.25 / 1.75)
    assert y.weighted_average == pytest.approx(-0.75 / 1.75)


def test_an_ugly_incident_weighs_more_than_a_bad_one() -> None:
    bad = grade([make(NEW, "bad", "a"), make(NEW, "bad", "b"), make(NEW, "bad", "c")], AS_OF)
    ugly = grade([make(NEW, "bad", "a"), make(NEW, "bad", "b"), make(NEW, "ugly", "c")], AS_OF)
    # all bad: average -1 -> 100 * 1 / 3 = 33.3 -> F
    # two bad, one ugly: (-1 - 1 - 2) / 3 = -1.3333 -> 100 * 0.6667 / 3 = 22.2 -> F
    assert bad.score == 33.3
    assert ugly.score == 22.2
    ugly_line = next(line for line in ugly.lines if line.incident.rating == "ugly")
    assert ugly_line.base == 2 * bad.lines[0].base
    assert "twice as much" in ugly_line.reason


@pytest.mark.parametrize(
    ("incident", "how"),
    [
        (make(NEW, "bad", "x", timeline=later("good")), "an update rated it good"),
        (make(NEW, "ugly", "x", timeline=later("good")), "an update rated it good"),
        (make(NEW, "bad", "x", status="resolved", outcome="refund"), "resolved with a refund"),
        (make(NEW, "ugly", "x", status="resolved", outcome="apology"), "resolved with an apology"),
    ],
)
def test_made_right_counts_in_the_companys_favour(incident: Incident, how: str) -> None:
    assert made_right_by(incident) == how
    line = grade([incident], AS_OF).lines[0]
    assert line.made_right
    assert line.base == 0.5 and line.points > 0
    assert line.reason.startswith(f"{incident.initial_rating}, made right later")
    assert "in the company's favour" in line.reason


@pytest.mark.parametrize(
    "incident",
    [
        make(NEW, "bad", "x", status="resolved", outcome="none"),  # closed, but the customer got nothing
        make(NEW, "bad", "x", status="resolved"),  # no outcome recorded: we cannot say it was made right
        make(NEW, "bad", "x", status="responded", outcome="refund"),  # promised, not resolved
        make(NEW, "bad", "x", timeline=later("ugly")),  # got worse
        make(NEW, "good", "x", timeline=later("bad")),  # good at first, then bad: it is bad now
    ],
)
def test_not_made_right(incident: Incident) -> None:
    line = grade([incident], AS_OF).lines[0]
    assert not line.made_right and line.base < 0


def test_making_things_right_raises_the_grade() -> None:
    plain = [make(NEW, "bad", "a"), make(NEW, "bad", "b"), make(NEW, "bad", "c")]
    fixed = [replace(i, status="resolved", outcome="credit") for i in plain]
    # all made right: average +0.5 -> 100 * 2.5 / 3 = 83.3 -> B, against 33.3 -> F when not
    assert (grade(plain, AS_OF).letter, grade(fixed, AS_OF).score, grade(fixed, AS_OF).letter) == ("F", 83.3, "B")


def _comparable(result: Grade) -> tuple[object, ...]:
    rows = tuple((line.incident.key, line.base, line.recency_weight, line.points, line.reason) for line in result.lines)
    return (result.letter, result.score, result.summary, rows)


def test_who_wrote_the_record_changes_nothing() -> None:
    incidents = [
        make(NEW, "good", "a", reported_by="alice"),
        make(TWO_YEARS, "bad", "b", reported_by="alice", status="resolved", outcome="refund"),
        make(FOUR_YEARS, "ugly", "c", reported_by="bob"),
        make(FOUR_YEARS, "bad", "d"),
    ]
    baseline = _comparable(grade(incidents, AS_OF))
    for writer in (None, "alice", "the-company-itself", "x" * 200):
        assert _comparable(grade([replace(i, reported_by=writer) for i in incidents], AS_OF)) == baseline


def test_lines_are_newest_first_then_by_key() -> None:
    result = grade([make(FOUR_YEARS, "bad", "a"), make(NEW, "bad", "z"), make(NEW, "bad", "b")], AS_OF)
    assert [line.incident.slug for line in result.lines] == [f"{NEW}-b", f"{NEW}-z", f"{FOUR_YEARS}-a"]


def test_an_incident_after_the_reference_date_counts_as_new() -> None:
    line = grade([make("2024-03-01", "bad", "x")], AS_OF).lines[0]
    assert line.recency_weight == 1.0 and line.age_years == 0.0


@pytest.mark.parametrize(
    ("score", "letter"),
    [(100.0, "A"), (90.0, "A"), (89.9, "B"), (75.0, "B"), (74.9, "C"), (60.0, "C"), (45.0, "D"), (44.9, "F"), (0, "F")],
)
def test_letter_floors(score: float, letter: str) -> None:
    assert letter_for(score) == letter


def test_the_letter_is_read_from_the_rounded_score() -> None:
    # good new, bad new, ugly 37 days old (2023-11-25): weight 0.5 ^ (37 / 365 / 2) = 2 ^ -0.050685 = 0.965478
    # points 1 - 1 - 2 * 0.965478 = -1.930956; average -1.930956 / 2.965478 = -0.651145
    # score 100 * 1.348855 / 3 = 44.962 -> shown as 45.0, so D (the unrounded 44.962 would have been F)
    result = grade([make(NEW, "good", "a"), make(NEW, "bad", "b"), make("2023-11-25", "ugly", "c")], AS_OF)
    assert result.lines[2].recency_weight == pytest.approx(0.965478, abs=1e-6)
    assert (result.score, result.letter) == (45.0, "D")
