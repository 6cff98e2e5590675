"""The letter grade: one transparent formula, explained line by line on each company page.

Only incidents raised with the company grade how it handled them. Each earns base points from its
rating (or MADE_RIGHT_POINTS when a bad or ugly incident was made right), times a recency weight that
halves every HALF_LIFE_YEARS. Records about the company that rest on the same source are one story:
they share one weight between them. A neutral start (PRIOR_WEIGHT incidents' worth of PRIOR_POINTS)
is added before averaging, so that a few incidents cannot swing a company to an extreme, and so that
old incidents, whose weight fades, leave the grade near neutral. The average, between the ugly and
the good points, is stretched onto 0..100 and cut into letters. An incident under an open dispute
is shown but not counted until the dispute is decided. Who wrote a record never enters:
`reported_by` is not read here. docs/methodology.md explains the same rules;
tests/test_methodology_in_step.py keeps the two in step.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from generator.model import Incident, Source
from generator.scoring.answers import is_contacted
from generator.scoring.metrics import RECENT_DAYS, age_days

MIN_STORIES = 3
MIN_RECENT_WEIGHT = 1.0  # the weight of one new incident
HALF_LIFE_YEARS = 2.0
DAYS_PER_YEAR = 365
BASE_POINTS: dict[str, float] = {"good": 1.0, "bad": -1.0, "ugly": -2.0}
MADE_RIGHT_POINTS = 0.5
PRIOR_WEIGHT = 3.0
PRIOR_POINTS = 0.0
# Lowest score (inclusive) for each letter, best first; anything lower is F.
LETTER_FLOORS: tuple[tuple[str, float], ...] = (("A", 90.0), ("B", 75.0), ("C", 60.0), ("D", 45.0))
FAIL_LETTER = "F"
SCORE_DECIMALS = 1
NOT_ENOUGH_DATA = "not enough data"
NOT_ENOUGH_RECENT_DATA = "not enough recent data"
DISPUTE_DAYS = 60  # the longest a dispute stays open before the maintainers decide it
DISPUTED_REASON = "disputed: not counted until the maintainers decide the dispute"

_LOWEST = min(BASE_POINTS.values())
_HIGHEST = max(BASE_POINTS.values())


@dataclass(frozen=True)
class GradeLine:
    incident: Incident
    base: float
    recency_weight: float
    weight: float  # what it counts for: recency_weight / story_size; 0 when not graded
    points: float  # base * weight
    share: float  # weight / (sum of weights + PRIOR_WEIGHT), from 0 to 1
    reason: str  # the rule that set `base`, in plain words
    age_years: float = 0.0
    made_right: bool = False
    graded: bool = True  # raised with the company
    story_size: int = 1  # graded records in its story (linked by shared sources); 0 when not graded
    disputed: bool = False  # under an open dispute: shown, not counted


@dataclass(frozen=True)
class Grade:
    letter: str | None  # "A".."F", or None when there is not enough (recent) data
    score: float | None  # 0..100, rounded to SCORE_DECIMALS
    lines: tuple[GradeLine, ...]  # every incident, newest first (filled even without a grade)
    summary: str
    weighted_average: float | None = None  # (sum(points) + prior) / (sum(weights) + PRIOR_WEIGHT)
    shortfall: str | None = None  # NOT_ENOUGH_DATA or NOT_ENOUGH_RECENT_DATA when there is no letter
    stories: int = 0  # graded stories: contacted incidents, those on one source counted once
    total_weight: float = 0.0  # sum of the graded lines' weights
    prior_share: float = 1.0  # the neutral start's share of the grade, from 0 to 1

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


def source_key(source: Source) -> str:
    """One source however it is cited: its address, else its title, publisher and date."""
    if source.url:
        return source.url.strip().rstrip("/").lower()
    return f"{source.title}|{source.publisher}|{source.date}".casefold()


def stories_of(incidents: Sequence[Incident]) -> dict[str, str]:
    """By incident key: the key of the first record of its story (records linked by shared sources)."""
    parent = {i.key: i.key for i in incidents}

    def root(key: str) -> str:
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    first_with: dict[str, str] = {}
    for incident in incidents:
        for source in incident.sources:
            other = first_with.setdefault(source_key(source), incident.key)
            parent[root(incident.key)] = root(other)
    return {key: root(key) for key in parent}


def _times(factor: float) -> str:
    return {1.0: "as much", 2.0: "twice as much", 3.0: "three times as much"}.get(factor, f"{factor:g} times as much")


def _base(incident: Incident) -> tuple[float, str, bool]:
    how = made_right_by(incident)
    if how is not None:
        reason = f"{incident.initial_rating}, made right later ({how}): counts in the company's favour"
        return MADE_RIGHT_POINTS, reason, True
    rating = incident.rating
    if rating == "good":
        return BASE_POINTS[rating], "good: counts in the company's favour", False
    if rating == "bad":
        return BASE_POINTS[rating], "bad, not made right: counts against the company", False
    factor = BASE_POINTS["ugly"] / BASE_POINTS["bad"]
    return BASE_POINTS[rating], f"ugly, not made right: counts {_times(factor)} against the company as a bad one", False


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
    graded = [i for i in ordered if is_contacted(i) and not i.disputed]
    story = stories_of(graded)
    members = Counter(story.values())
    sizes = {key: members[first] for key, first in story.items()}
    stories = len(members)
    weights = {i.key: recency_weight(i.date, as_of) / sizes[i.key] for i in graded}
    total_weight = sum(weights.values())
    whole = total_weight + PRIOR_WEIGHT
    lines = []
    for incident in ordered:
        base, reason, made_right = _base(incident)
        weight = weights.get(incident.key, 0.0)
        if incident.disputed:
            reason = DISPUTED_REASON
        elif incident.key not in weights:
            reason = "not raised with the company: shown, but it does not grade how the company handles complaints"
        elif sizes[incident.key] > 1:
            others = sizes[incident.key] - 1
            reason += f"; one story with {others} other record(s) on the same source, so they share one weight"
        lines.append(GradeLine(
            incident=incident, base=base, recency_weight=recency_weight(incident.date, as_of), weight=weight,
            points=base * weight if weight else 0.0, share=weight / whole, reason=reason,
            age_years=age_days(incident.date, as_of) / DAYS_PER_YEAR, made_right=made_right,
            graded=incident.key in weights, story_size=sizes.get(incident.key, 0), disputed=incident.disputed,
        ))
    def without_letter(summary: str, shortfall: str) -> Grade:
        return Grade(letter=None, score=None, lines=tuple(lines), summary=summary, shortfall=shortfall,
                     stories=stories, total_weight=total_weight, prior_share=PRIOR_WEIGHT / whole)

    if stories < MIN_STORIES:
        noun = "story" if stories == 1 else "stories"
        return without_letter(f"Not enough data: {stories} {noun} raised with the company (records on the same "
                              f"source count once), and a grade needs at least {MIN_STORIES}.", NOT_ENOUGH_DATA)
    if total_weight < MIN_RECENT_WEIGHT:
        return without_letter(f"Not enough recent data: the {stories} stories raised with the company are old, and "
                              f"together weigh {total_weight:.2f} of a new incident; a grade needs at least "
                              f"{MIN_RECENT_WEIGHT:g}.", NOT_ENOUGH_RECENT_DATA)
    average = (sum(line.points for line in lines) + PRIOR_WEIGHT * PRIOR_POINTS) / whole
    score = score_for(average)
    letter = letter_for(score)
    summary = (
        f"{stories} stories raised with the company, with a neutral start worth {PRIOR_WEIGHT:g} incidents at "
        f"{PRIOR_POINTS:+g} points, give a weighted average of {average:+.2f} points, on a scale where "
        f"{_LOWEST:+g} (all ugly) is 0 and {_HIGHEST:+g} (all good) is 100: "
        f"a score of {score:.{SCORE_DECIMALS}f}, which is {_article(letter)} {letter}."
    )
    return Grade(letter=letter, score=score, lines=tuple(lines), summary=summary, weighted_average=average,
                 stories=stories, total_weight=total_weight, prior_share=PRIOR_WEIGHT / whole)


def _article(letter: str) -> str:
    return "an" if letter in ("A", "E", "F") else "a"


def _places() -> str:
    return "1 decimal place" if SCORE_DECIMALS == 1 else f"{SCORE_DECIMALS} decimal places"


def constants_markdown() -> str:
    """The constants block of docs/methodology.md, between `<!-- constants:start -->` and `<!-- constants:end -->`."""
    floors = ", ".join(f"{letter} from {floor:g}" for letter, floor in LETTER_FLOORS)
    rows = [
        ("Fewest stories for a grade", f"{MIN_STORIES}"),
        ("Least total weight for a grade", f"{MIN_RECENT_WEIGHT:g} (one new incident)"),
        ("Points for a good incident", f"{BASE_POINTS['good']:+g}"),
        ("Points for a bad incident", f"{BASE_POINTS['bad']:+g}"),
        ("Points for an ugly incident", f"{BASE_POINTS['ugly']:+g}"),
        ("Points for a bad or ugly incident made right", f"{MADE_RIGHT_POINTS:+g}"),
        ("Neutral start", f"{PRIOR_WEIGHT:g} incidents' weight at {PRIOR_POINTS:+g} points"),
        ("Half-life of the recency weight", f"{HALF_LIFE_YEARS:g} years of {DAYS_PER_YEAR} days"),
        ("Score scale", f"an average of {_LOWEST:+g} is 0, {_HIGHEST:+g} is 100, rounded to {_places()}"),
        ("Letters", f"{floors}, {FAIL_LETTER} below {LETTER_FLOORS[-1][1]:g}"),
        ("Window of the last-12-months counts", f"{RECENT_DAYS} days"),
        ("Longest a dispute stays open before the maintainers decide", f"{DISPUTE_DAYS} days"),
    ]
    table = ["| Constant | Value |", "| --- | --- |", *(f"| {name} | {value} |" for name, value in rows)]
    return "\n".join(table)
