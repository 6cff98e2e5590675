""""Why this grade": plain sentences on where the weight of the grade comes from, then the table
that shows it incident by incident. Every figure in the sentences is a sum of the table's rows, as
the grade module computed them (tests/site/test_site_verdict.py checks it)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from generator.render import urls
from generator.render.pages.parts import badge, date_text, methodology, share
from generator.render.text_safety import esc, link
from generator.scoring.grade import (
    BASE_POINTS,
    FAIL_LETTER,
    HALF_LIFE_YEARS,
    LETTER_FLOORS,
    MADE_RIGHT_POINTS,
    MIN_RECENT_WEIGHT,
    MIN_STORIES,
    NOT_ENOUGH_RECENT_DATA,
    PRIOR_POINTS,
    PRIOR_WEIGHT,
    SCORE_DECIMALS,
    Grade,
    GradeLine,
    score_for,
)
from generator.scoring.metrics import RECENT_DAYS, age_days
from generator.scoring.verdict import disputed_words, not_counted_words, weight_words

MADE_RIGHT = "made right"
# Against the company first, the worst first; then in its favour.
GROUPS = ("ugly", "bad", "good", MADE_RIGHT)


@dataclass(frozen=True)
class Group:
    """The counted incidents of one kind, and what they add up to."""

    kind: str  # a rating, or MADE_RIGHT
    lines: tuple[GradeLine, ...]

    @property
    def share(self) -> float:
        return sum(line.share for line in self.lines)

    @property
    def points(self) -> float:
        return sum(line.points for line in self.lines)

    def words(self) -> str:
        """'2 ugly incidents', '1 incident made right later'."""
        n = len(self.lines)
        noun = "incident" if n == 1 else "incidents"
        return f"{n} {noun} made right later" if self.kind == MADE_RIGHT else f"{n} {self.kind} {noun}"

    def recency(self, as_of: dt.date) -> str:
        """How many are from the last 12 months, in words."""
        n = len(self.lines)
        recent = sum(1 for line in self.lines if age_days(line.incident.date, as_of) <= RECENT_DAYS)
        if recent == n:
            return "from the last 12 months" if n == 1 else "all from the last 12 months"
        if recent:
            return f"{recent} of them from the last 12 months"
        return "older than 12 months" if n == 1 else "all older than 12 months"

    def figures(self) -> str:
        return f"{share(self.share)} of the grade, {self.points:+.2f} points"


def groups(grade: Grade) -> list[Group]:
    found: dict[str, list[GradeLine]] = {kind: [] for kind in GROUPS}
    for line in grade.lines:
        if line.graded:
            found[MADE_RIGHT if line.made_right else line.incident.rating].append(line)
    return [Group(kind, tuple(lines)) for kind, lines in found.items() if lines]


def _article(letter: str) -> str:
    return "an" if letter in ("A", "E", "F") else "a"


def _listed(items: Sequence[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _letter_range(letter: str) -> str:
    floors = dict(LETTER_FLOORS)
    if letter == FAIL_LETTER:
        return f"{FAIL_LETTER} is below {LETTER_FLOORS[-1][1]:g}"
    higher = [floor for _, floor in LETTER_FLOORS if floor > floors[letter]]
    upper = f" to below {min(higher):g}" if higher else " up"
    return f"{letter} runs from {floors[letter]:g}{upper}"


def _missing(grade: Grade) -> list[str]:
    """Which rule a company without a grade misses, with its own numbers."""
    halves = f"an incident's weight halves every {HALF_LIFE_YEARS:g} years"
    weighs = weight_words(grade.total_weight)
    if grade.shortfall == NOT_ENOUGH_RECENT_DATA:
        return [f"It has {grade.stories} incidents raised with the company, enough in number, but they are old: "
                f"{halves}, and together they weigh {weighs} of a new incident, where a grade needs "
                f"{MIN_RECENT_WEIGHT:g}."]
    records = sum(1 for line in grade.lines if line.graded)
    so_far = "none" if grade.stories == 0 else str(grade.stories)
    first = (f"A grade needs {MIN_STORIES} incidents raised with the company (records on the same source count "
             f"once); it has {so_far} so far")
    if records > grade.stories:
        first += f", told in {records} records"
    first += disputed_words(grade)
    recent = (f"They must also be recent enough to weigh together as much as {MIN_RECENT_WEIGHT:g} new incident: "
              f"{halves}.")
    if grade.stories:
        recent += f" Those it has weigh {weighs} of a new incident."
    return [first + ".", recent]


def sentences(grade: Grade, as_of: dt.date) -> list[str]:
    """Where the grade comes from, in plain words; for a company without a grade, what it lacks."""
    kinds = groups(grade)
    neutral = score_for(PRIOR_POINTS)
    pulls = (f"keeps a few records from swinging the grade, and as incidents age it pulls the grade towards "
             f"{neutral:.{SCORE_DECIMALS}f}, the score of an even record.")
    prior = (f"The neutral start, worth {PRIOR_WEIGHT:g} incidents at {PRIOR_POINTS:+g} points, is "
             f"{share(grade.prior_share)} of the grade: it {pulls}")
    if grade.letter is None:
        return [*_missing(grade), *filter(None, [not_counted_words(grade)]), "The table shows how each record would count."]
    top = max(kinds, key=lambda k: k.share)
    weigh = f"weigh{'s' if len(top.lines) == 1 else ''}"
    heaviest = f"{top.words()} {weigh} the most: {top.figures()} ({top.recency(as_of)})."
    if grade.prior_share >= top.share:
        lead = (f"The largest single part of the grade is the neutral start ({share(grade.prior_share)}). "
                f"Of the incidents, {heaviest}")
        prior = f"The neutral start {pulls}"  # its share is said already
    else:
        most = "Most of the weight" if top.share > 0.5 else "The largest part of the grade"
        lead = f"{most} comes from {top.words()}: {top.figures()} ({top.recency(as_of)})."
    said = [f"The score is {grade.score:.{SCORE_DECIMALS}f} out of 100, which is {_article(grade.letter)} "
            f"{grade.letter} ({_letter_range(grade.letter)}).", lead]
    against = [f"{k.words()} ({k.figures()})" for k in kinds if k.kind in ("ugly", "bad")]
    favour = [f"{k.words()} ({k.figures()})" for k in kinds if k.kind in ("good", MADE_RIGHT)]
    if against:
        said.append(f"Against the company: {_listed(against)}.")
    if favour:
        said.append(f"In its favour: {_listed(favour)}.")
    said.append(prior)
    said.append(f"An incident's weight halves every {HALF_LIFE_YEARS:g} years of age, so older incidents count for less.")
    return [*said, *filter(None, [not_counted_words(grade)])]


def _table(here: str, grade: Grade, as_of: dt.date) -> str:
    made_right = ' <span class="tr-note">made right</span>'
    rows = "".join(
        f"<tr><td>{link(here, urls.incident(line.incident), line.incident.title)}</td>"
        f"<td>{date_text(line.incident.date)}</td>"
        f"<td>{badge(line.incident.rating, here)}{made_right if line.made_right else ''}</td>"
        f'<td class="tr-why__base">{line.base:+g}</td><td class="tr-why__weight">{line.weight:.2f}</td>'
        f'<td class="tr-why__share">{share(line.share)}</td><td class="tr-why__points">{line.points:+.2f}</td>'
        f"<td>{esc(line.reason)}</td></tr>"
        for line in grade.lines
    )
    prior = (
        f'<tr class="tr-why__prior"><td>Neutral start</td><td></td><td></td>'
        f'<td class="tr-why__base">{PRIOR_POINTS:+g}</td><td class="tr-why__weight">{PRIOR_WEIGHT:.2f}</td>'
        f'<td class="tr-why__share">{share(grade.prior_share)}</td>'
        f'<td class="tr-why__points">{PRIOR_POINTS * PRIOR_WEIGHT:+.2f}</td>'
        f"<td>{esc(f'counts as {PRIOR_WEIGHT:g} neutral incidents, so that a few records cannot swing the grade')}"
        "</td></tr>"
    )
    key = (
        f"<p class=\"tr-why__key\"><strong>Points for the rating</strong>: good {BASE_POINTS['good']:+g}, bad "
        f"{BASE_POINTS['bad']:+g}, ugly {BASE_POINTS['ugly']:+g}, made right later {MADE_RIGHT_POINTS:+g}. "
        f"<strong>Weight</strong>: 1 for an incident dated {as_of.isoformat()} (the newest date in the records), "
        f"halving every {HALF_LIFE_YEARS:g} years of age, shared by the records of one story, 0 when not counted. "
        "<strong>Share of the grade</strong>: its weight over all the weights, the neutral start's included. "
        "<strong>Adds to the grade</strong>: points for the rating times weight; the average the score is read "
        "from is the sum of these over the sum of the weights.</p>"
    )
    return (
        f"{key}<table class=\"tr-why\"><caption>How each incident counts</caption><thead><tr>"
        '<th scope="col">Incident</th><th scope="col">Date</th><th scope="col">Writer\'s rating</th>'
        '<th scope="col">Points for the rating</th><th scope="col">Weight (1 = a new incident)</th>'
        '<th scope="col">Share of the grade</th><th scope="col">Adds to the grade</th><th scope="col">Why</th>'
        f"</tr></thead><tbody>{rows}{prior}</tbody></table>"
    )


def why(here: str, grade: Grade, as_of: dt.date) -> str:
    """The section: a heading, the sentences, and the table in a panel to open."""
    heading = "Why this grade" if grade.letter else "Why there is no grade yet"
    words = "".join(f"<p>{esc(sentence)}</p>" for sentence in sentences(grade, as_of))
    arithmetic = f"<p>The arithmetic: {esc(grade.summary)}</p>" if grade.letter else ""
    more = f'<p>See <a href="{esc(methodology(here, urls.WHY_SECTION))}">how grades are computed</a>.</p>'
    return (
        f'<section class="tr-why-section" aria-labelledby="why-this-grade"><h2 id="why-this-grade">{heading}</h2>'
        f'<div class="tr-why__words">{words}</div>'
        '<details class="tr-why-panel"><summary>Incident by incident</summary>'
        f"{arithmetic}{_table(here, grade, as_of)}{more}</details></section>"
    )
