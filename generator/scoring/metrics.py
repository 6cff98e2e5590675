"""Counts and rates for one company's incidents: plain arithmetic, documented in docs/methodology.md.

What counts as contacted, answered and resolved is in generator/scoring/answers.py. From it (the
methodology page repeats these; keep both in step):

- Response rate = answered / incidents whose answer is known (answered or not answered); None when
  no answer is known. Incidents whose answer is not known are counted and shown, never as "no".
- Resolution rate = resolved / contacted incidents whose case state is known; None when none is.
- Days to response = `first_response` - `contacted`, over incidents that carry both dates; the median of
  an even count is the mean of the two middle values.
- An incident under an open dispute is counted in the totals, and left out of every rate (and the grade)
  until the dispute is decided.
- Recent = dated at most RECENT_DAYS days before the reference date (an incident dated after it counts as
  age 0, so as recent).
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from generator.model import RATINGS, Incident
from generator.scoring.answers import answer_of, case_state, is_contacted, is_resolved

RECENT_DAYS = 365


def age_days(date: dt.date, as_of: dt.date) -> int:
    """Whole days from `date` to the reference date; never negative."""
    return max(0, (as_of - date).days)


@dataclass(frozen=True)
class CompanyMetrics:
    total: int
    counts: Mapping[str, int]  # all-time, by current rating; every rating is a key
    recent_counts: Mapping[str, int]  # the same, for incidents at most RECENT_DAYS old
    contacted: int  # raised with the company
    answered: int
    not_answered: int
    answer_not_known: int  # contacted, but the records do not say whether it answered
    response_rate: float | None  # answered / (answered + not_answered)
    median_days_to_response: float | None
    resolved: int
    state_known: int  # contacted incidents whose case state the records give
    resolution_rate: float | None  # resolved / state_known
    timed_responses: int = 0  # how many incidents the median is taken over
    disputed: int = 0  # under an open dispute: in the totals, not in the rates

    @property
    def recent_total(self) -> int:
        return sum(self.recent_counts.values())

    @property
    def answer_known(self) -> int:
        """The incidents the response rate is taken over."""
        return self.answered + self.not_answered


def _rate(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def company_metrics(incidents: Sequence[Incident], as_of: dt.date) -> CompanyMetrics:
    counts: dict[str, int] = dict.fromkeys(RATINGS, 0)
    recent: dict[str, int] = dict.fromkeys(RATINGS, 0)
    answers: dict[str | None, int] = {"answered": 0, "not-answered": 0, "not-known": 0, None: 0}
    contacted = resolved = state_known = disputed = 0
    waits: list[int] = []
    for incident in incidents:
        rating = incident.rating
        counts[rating] += 1
        if age_days(incident.date, as_of) <= RECENT_DAYS:
            recent[rating] += 1
        if incident.disputed:
            disputed += 1
            continue
        answers[answer_of(incident).state] += 1
        if is_contacted(incident):
            contacted += 1
            if case_state(incident) is not None:
                state_known += 1
                resolved += is_resolved(incident)
        if incident.contacted is not None and incident.first_response is not None:
            waits.append((incident.first_response - incident.contacted).days)
    return CompanyMetrics(
        total=len(incidents),
        counts=counts,
        recent_counts=recent,
        contacted=contacted,
        answered=answers["answered"],
        not_answered=answers["not-answered"],
        answer_not_known=answers["not-known"],
        response_rate=_rate(answers["answered"], answers["answered"] + answers["not-answered"]),
        median_days_to_response=float(statistics.median(waits)) if waits else None,
        resolved=resolved,
        state_known=state_known,
        resolution_rate=_rate(resolved, state_known),
        timed_responses=len(waits),
        disputed=disputed,
    )
