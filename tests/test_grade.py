"""The grade's principles, each on hand-built incidents with the arithmetic written out.

Reference date 2024-01-01 throughout. Ages used: 0 days (weight 1), 2022-01-01 = 730 days = 2 years
(weight 0.5 ^ (2 / 2) = 0.5), 2020-01-02 = 1460 days = 4 years (2020 is a leap year: 2020-01-02 -> 2021-01-01
is 365 days, then 3 x 365) (weight 0.5 ^ 2 = 0.25), 2014-01-03 = 3650 days = 10 years (weight 0.5 ^ 5 =
0.03125). Every incident is raised with the company (channel email) and rests on a source of its own
unless a test says otherwise. The neutral start is 3 incidents' weight at 0 points, so
average = sum(points) / (sum(weights) + 3), and score = 100 * (average + 2) / 3.
"""

from __future__ import annotations

import functools
from dataclasses import replace

import pytest
from support import records
from support.records import D

from generator.model import Incident, Source, TimelineEntry
from generator.scoring.grade import (
    MIN_RECENT_WEIGHT,
    MIN_STORIES,
    NOT_ENOUGH_DATA,
    NOT_ENOUGH_RECENT_DATA,
    PRIOR_POINTS,
    PRIOR_WEIGHT,
    Grade,
    grade,
    letter_for,
    made_right_by,
)

AS_OF = D("2024-01-01")
NEW, TWO_YEARS, FOUR_YEARS, TEN_YEARS = "2024-01-01", "2022-01-01", "2020-01-02", "2014-01-03"
make = functools.partial(records.incident, channel=("email",))  # every story here was raised with the company


def later(rating: str) -> tuple[TimelineEntry, ...]:
    return (TimelineEntry(D("2023-12-01"), "A later update.", rating),)  # type: ignore[arg-type]


def shares(result: Grade) -> list[float]:
    return [round(line.share * 100, 2) for line in result.lines]


def test_the_constants_these_tests_work_with() -> None:
    assert (MIN_STORIES, MIN_RECENT_WEIGHT, PRIOR_WEIGHT, PRIOR_POINTS) == (3, 1.0, 3.0, 0.0)


def test_too_few_stories_is_not_enough_data() -> None:
    two = grade([make(NEW, "good", "a"), make(NEW, "good", "b")], AS_OF)
    assert two.letter is None and two.score is None and not two.enough_data
    assert two.shortfall == NOT_ENOUGH_DATA
    assert "Not enough data" in two.summary and "2 stories" in two.summary
    assert len(two.lines) == 2  # the arithmetic is still there to show
    assert grade([], AS_OF).summary.startswith("Not enough data: 0 stories")


def test_the_neutral_prior_keeps_a_few_incidents_from_an_extreme() -> None:
    # three good, new: points 3, weights 3; average 3 / (3 + 3) = 0.5 -> 100 * 2.5 / 3 = 83.3 -> B, not A
    three = grade([make(NEW, "good", "a"), make(NEW, "good", "b"), make(NEW, "good", "c")], AS_OF)
    assert (three.letter, three.score) == ("B", 83.3)
    assert three.weighted_average == pytest.approx(0.5)
    # twenty good, new: 20 / 23 = 0.8696 -> 100 * 2.8696 / 3 = 95.65 -> 95.7 -> A: enough evidence outweighs the start
    twenty = grade([make(NEW, "good", f"g{n}") for n in range(20)], AS_OF)
    assert (twenty.letter, twenty.score) == ("A", 95.7)
    # three ugly, new: -6 / 6 = -1 -> 100 * 1 / 3 = 33.3 -> F (without the start it would be -2 -> 0)
    ugly = grade([make(NEW, "ugly", "a"), make(NEW, "ugly", "b"), make(NEW, "ugly", "c")], AS_OF)
    assert (ugly.letter, ugly.score) == ("F", 33.3)


def test_hand_computed_mixed_record() -> None:
    result = grade([make(NEW, "good", "g"), make(TWO_YEARS, "bad", "b"), make(FOUR_YEARS, "ugly", "u")], AS_OF)
    # points: +1 * 1 = +1, -1 * 0.5 = -0.5, -2 * 0.25 = -0.5; sum 0; weights 1.75 (+ 3 = 4.75); average 0
    # score 100 * (0 + 2) / 3 = 66.67 -> 66.7 -> C (60 <= 66.7 < 75)
    assert [(line.base, line.recency_weight, line.weight, line.points) for line in result.lines] == [
        (1.0, 1.0, 1.0, 1.0),
        (-1.0, 0.5, 0.5, -0.5),
        (-2.0, 0.25, 0.25, -0.5),
    ]
    assert result.weighted_average == 0.0
    assert (result.score, result.letter) == (66.7, "C")
    assert "66.7" in result.summary and "a C" in result.summary


def test_each_incidents_share_is_its_weight_over_all_weights_and_the_start() -> None:
    result = grade([make(NEW, "good", "g"), make(TWO_YEARS, "bad", "b"), make(FOUR_YEARS, "ugly", "u")], AS_OF)
    # 1 / 4.75 = 21.05 %, 0.5 / 4.75 = 10.53 %, 0.25 / 4.75 = 5.26 %; the start 3 / 4.75 = 63.16 %
    assert shares(result) == [21.05, 10.53, 5.26]
    assert round(result.prior_share * 100, 2) == 63.16
    assert sum(line.share for line in result.lines) + result.prior_share == pytest.approx(1.0)


def test_old_incidents_fade_toward_neutral() -> None:
    # three ugly, two years old: points -2 * 0.5 * 3 = -3, weights 1.5; -3 / 4.5 = -0.667 -> 44.4 F,
    # against 33.3 when they are new: the same records weigh less as they age, and the start more
    two = grade([make(TWO_YEARS, "ugly", n) for n in "abc"], AS_OF)
    assert (two.letter, two.score) == ("F", 44.4)
    assert two.weighted_average == pytest.approx(-3 / 4.5)


def test_a_company_with_only_decade_old_records_has_not_enough_recent_data() -> None:
    # three bad, ten years old: weights 3 * 0.03125 = 0.09375 < 1 (one new incident's weight): no letter
    old = [make(TEN_YEARS, "bad", n) for n in "abc"]
    result = grade(old, AS_OF)
    assert result.letter is None and result.score is None
    assert result.shortfall == NOT_ENOUGH_RECENT_DATA
    assert result.total_weight == pytest.approx(0.09375)
    assert result.summary.startswith("Not enough recent data") and "0.09" in result.summary
    # they stay on the record: every line is there, each with its small share (0.03125 / 3.09375 = 1.01 %)
    assert len(result.lines) == 3 and shares(result) == [1.01, 1.01, 1.01]
    # one new incident besides them is enough weight again: 1.09375 >= 1
    assert grade([*old, make(NEW, "good", "new")], AS_OF).letter is not None


def test_records_on_the_same_source_count_as_one_story() -> None:
    same = (Source(url="https://example.org/one-post"),)
    piled = [make(NEW, "bad", n, sources=same) for n in "abc"]
    # three records on one post are one story: not enough data for a grade on their own
    alone = grade(piled, AS_OF)
    assert (alone.stories, alone.shortfall) == (1, NOT_ENOUGH_DATA)
    # with two good stories: the three bad share one weight, 1 / 3 each
    # points 3 * (-1 * 1/3) + 1 + 1 = 1; weights 1 + 1 + 1 = 3; average 1 / 6 = 0.1667 -> 72.2 C
    # (counted separately it would be (-3 + 2) / 8 = -0.125 -> 62.5)
    result = grade([*piled, make(NEW, "good", "x"), make(NEW, "good", "y")], AS_OF)
    assert result.stories == 3
    assert result.weighted_average == pytest.approx(1 / 6)
    assert (result.score, result.letter) == (72.2, "C")
    piled_lines = [line for line in result.lines if line.base < 0]
    assert [(line.story_size, round(line.weight, 4)) for line in piled_lines] == [(3, 0.3333)] * 3
    assert all("same source" in line.reason for line in piled_lines)
    # shares: 1/3 / 6 = 5.56 % for each piled record, 1 / 6 = 16.67 % for each good one, the start 50 %
    assert sorted(shares(result)) == [5.56, 5.56, 5.56, 16.67, 16.67]


def test_a_story_links_records_through_any_shared_source_and_citations_alike() -> None:
    one, two = Source(url="https://example.org/1"), Source(url="https://example.org/2/")
    cited = Source(title="A post", publisher="A blog", date=D("2023-01-01"))
    linked = [
        make(NEW, "bad", "a", sources=(one,)),
        make(NEW, "bad", "b", sources=(one, Source(url="HTTPS://example.org/2"))),  # same address, other spelling
        make(NEW, "bad", "c", sources=(two,)),
        make(NEW, "bad", "d", sources=(cited,)),
        make(NEW, "bad", "e", sources=(Source(title="A post", publisher="A blog", date=D("2023-01-01")),)),
    ]
    result = grade(linked, AS_OF)
    assert result.stories == 2
    assert sorted(line.story_size for line in result.lines) == [2, 2, 3, 3, 3]


def test_only_incidents_raised_with_the_company_grade_its_handling() -> None:
    never_told = make(NEW, "ugly", "z", channel=())
    good = [make(NEW, "good", n) for n in "abc"]
    result = grade([*good, never_told], AS_OF)
    # the same as the three good alone: 83.3 B; the ugly one is shown with a share of 0
    assert (result.letter, result.score, result.stories) == ("B", 83.3, 3)
    line = next(line for line in result.lines if line.incident.key == never_told.key)
    assert not line.graded and line.share == 0 and line.points == 0
    assert "not raised with the company" in line.reason
    # two told plus one never told is two stories: not enough data
    assert grade([*good[:2], never_told], AS_OF).shortfall == NOT_ENOUGH_DATA


def test_an_ugly_incident_weighs_more_than_a_bad_one() -> None:
    bad = grade([make(NEW, "bad", "a"), make(NEW, "bad", "b"), make(NEW, "bad", "c")], AS_OF)
    ugly = grade([make(NEW, "bad", "a"), make(NEW, "bad", "b"), make(NEW, "ugly", "c")], AS_OF)
    # all bad: -3 / 6 = -0.5 -> 100 * 1.5 / 3 = 50.0 -> D
    # two bad, one ugly: -4 / 6 = -0.667 -> 100 * 1.333 / 3 = 44.4 -> F
    assert (bad.score, bad.letter) == (50.0, "D")
    assert (ugly.score, ugly.letter) == (44.4, "F")
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
        make(NEW, "bad", "x", answer="answered", outcome="refund"),  # promised, not resolved
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
    # all made right: 1.5 / 6 = 0.25 -> 100 * 2.25 / 3 = 75.0 -> B, against 50.0 -> D when not
    assert (grade(plain, AS_OF).letter, grade(fixed, AS_OF).score, grade(fixed, AS_OF).letter) == ("D", 75.0, "B")


def _comparable(result: Grade) -> tuple[object, ...]:
    rows = tuple((line.incident.key, line.base, line.weight, line.points, line.share, line.reason)
                 for line in result.lines)
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
    # bad new, bad new, good 197 days old (2023-06-18): weight 0.5 ^ (197 / 730) = 0.829398
    # points -2 + 0.829398 = -1.170602; average -1.170602 / (2.829398 + 3) = -0.200810
    # score 100 * 1.799190 / 3 = 59.973 -> shown as 60.0, so C (the unrounded 59.973 would have been D)
    result = grade([make(NEW, "bad", "a"), make(NEW, "bad", "b"), make("2023-06-18", "good", "c")], AS_OF)
    assert result.lines[2].recency_weight == pytest.approx(0.829398, abs=1e-6)
    assert (result.score, result.letter) == (60.0, "C")
