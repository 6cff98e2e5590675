"""The letter grade: one transparent formula, explained line by line on each company page.

Each incident earns base points from its rating (or MADE_RIGHT_POINTS when a bad or ugly incident was
made right), times a recency weight that halves every HALF_LIFE_YEARS. The weighted average of the base
points, which lies between the ugly and the good points, is stretched onto 0..100 and cut into letters.
Who wrote a record never enters: `reported_by` is not read here. docs/methodology.md explains the same
rules; tests/test_methodology_in_step.py keeps the two in step.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from generator.metrics import ANSWERED_STATUSES, RECENT_DAYS, age_days
from generator.model import Incident

MIN_INCIDENTS = 3
HALF_LIFE_YEARS = 2.0
DAYS_PER_YEAR = 365
BASE_POINTS: dict[str, float] = {"good": 1.0, "bad": -1.0, "ugly": -2.0}
MADE_RIGHT_POINTS = 0.5
# Lowest score (inclusive) for each letter, best first; anything lower is F.
LETTER_FLOORS: tuple[tuple[str, float], ...] = (("A", 90.0), ("B", 75.0), ("C", 60.0), ("D", 45.0))
FAIL_LETTER = "F"
SCORE_DECIMALS = 1

_LOWEST = min(BASE_POINTS.values())
_HIGHEST = max(BASE_POINTS.values())


@dataclass(frozen=True)
class GradeLine:
    incident: Incident
    base: float
    recency_weight: float
    points: float  # base * recency_weight
    reason: str  # the rule that set `base`, in plain words
    age_years: float = 0.0
    made_right: bool = False


@dataclass(frozen=True)
class Grade:
    letter: str | None  # "A".."F", or None when there is not enough data
    score: float | None  # 0..100, rounded to SCORE_DECIMALS
    lines: tuple[GradeLine, ...]  # every incident, newest first (filled even without a grade)
    summary: str
    weighted_average: float | None = None  # sum(points) / sum(weights)

    @property
    def enough_data(self) -> bool:
        return self.letter is not None


def made_right_by(incident: Incident) -> str | None:
    """How a bad or ugly incident was made right, in words, or None if it was not (or was never bad)."""
    if incident.initial_rating == "good":
        return None
    if incident.rating == "good":
        return "an update rated it good"
    if incident.status == "resolved" and incident.outcome not in (None, "none"):
        return f"resolved with {_outcome_words(incident.outcome)}"
    return None


def _outcome_words(outcome: str | None) -> str:
    words = {"apology": "an apology", "other": "another remedy", "policy-change": "a policy change"}
    return words.get(outcome or "", f"a {outcome}")


def recency_weight(incident_date: dt.date, as_of: dt.date) -> float:
    return 0.5 ** (age_days(incident_date, as_of) / DAYS_PER_YEAR / HALF_LIFE_YEARS)


def _times(factor: float) -> str:
    return {1.0: "as much", 2.0: "twice as much", 3.0: "three times as much"}.get(factor, f"{factor:g} times as much")


def _line(incident: Incident, as_of: dt.date) -> GradeLine:
    how = made_right_by(incident)
    if how is not None:
        base = MADE_RIGHT_POINTS
        reason = f"{incident.initial_rating}, made right later ({how}): counts in the company's favour"
    else:
        rating = incident.rating
        base = BASE_POINTS[rating]
        if rating == "good":
            reason = "good: counts in the company's favour"
        elif rating == "bad":
            reason = "bad, not made right: counts against the company"
        else:
            factor = BASE_POINTS["ugly"] / BASE_POINTS["bad"]
            reason = f"ugly, not made right: counts {_times(factor)} against the company as a bad one"
    weight = recency_weight(incident.date, as_of)
    return GradeLine(
        incident=incident,
        base=base,
        recency_weight=weight,
        points=base * weight,
        reason=reason,
        age_years=age_days(incident.date, as_of) / DAYS_PER_YEAR,
        made_right=how is not None,
    )


def letter_for(score: float) -> str:
    for letter, floor in LETTER_FLOORS:
        if score >= floor:
            return letter
    return FAIL_LETTER


def score_for(weighted_average: float) -> float:
    """Stretch the average from [all ugly, all good] onto [0, 100]."""
    return round(100 * (weighted_average - _LOWEST) / (_HIGHEST - _LOWEST), SCORE_DECIMALS)


def grade(incidents: Sequence[Incident], as_of: dt.date) -> Grade:
    ordered = sorted(incidents, key=lambda i: (-i.date.toordinal(), i.key))
    lines = tuple(_line(incident, as_of) for incident in ordered)
    count = len(lines)
    if count < MIN_INCIDENTS:
        noun = "incident" if count == 1 else "incidents"
        summary = f"Not enough data: {count} {noun} on record, and a grade needs at least {MIN_INCIDENTS}."
        return Grade(letter=None, score=None, lines=lines, summary=summary)
    total_weight = sum(line.recency_weight for line in lines)
    average = sum(line.points for line in lines) / total_weight
    score = score_for(average)
    letter = letter_for(score)
    summary = (
        f"{count} incidents give a weighted average of {average:+.2f} points, on a scale where "
        f"{_LOWEST:+g} (all ugly) is 0 and {_HIGHEST:+g} (all good) is 100: "
        f"a score of {score:.{SCORE_DECIMALS}f}, which is {_article(letter)} {letter}."
    )
    return Grade(letter=letter, score=score, lines=lines, summary=summary, weighted_average=average)


def _article(letter: str) -> str:
    return "an" if letter in ("A", "E", "F") else "a"


def _places() -> str:
    return "1 decimal place" if SCORE_DECIMALS == 1 else f"{SCORE_DECIMALS} decimal places"


def constants_markdown() -> str:
    """The constants block of docs/methodology.md, between `<!-- constants:start -->` and `<!-- constants:end -->`."""
    floors = ", ".join(f"{letter} from {floor:g}" for letter, floor in LETTER_FLOORS)
    rows = [
        ("Fewest incidents for a grade", f"{MIN_INCIDENTS}"),
        ("Points for a good incident", f"{BASE_POINTS['good']:+g}"),
        ("Points for a bad incident", f"{BASE_POINTS['bad']:+g}"),
        ("Points for an ugly incident", f"{BASE_POINTS['ugly']:+g}"),
        ("Points for a bad or ugly incident made right", f"{MADE_RIGHT_POINTS:+g}"),
        ("Half-life of the recency weight", f"{HALF_LIFE_YEARS:g} years of {DAYS_PER_YEAR} days"),
        ("Score scale", f"an average of {_LOWEST:+g} is 0, {_HIGHEST:+g} is 100, rounded to {_places()}"),
        ("Letters", f"{floors}, {FAIL_LETTER} below {LETTER_FLOORS[-1][1]:g}"),
        ("Window of the last-12-months counts", f"{RECENT_DAYS} days"),
        ("Statuses that show an answer", ", ".join(sorted(ANSWERED_STATUSES))),
    ]
    table = ["| Constant | Value |", "| --- | --- |", *(f"| {name} | {value} |" for name, value in rows)]
    return "\n".join(table)
