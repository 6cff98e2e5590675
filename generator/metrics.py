"""Counts and rates for one company's incidents: plain arithmetic, documented in docs/methodology.md.

Definitions (the methodology page repeats them; keep both in step):

- An incident is *contacted* when the record shows the customer raised it with the company: it has a
  `contacted` date, at least one `channel`, or any sign of an answer (see *responded*).
- It is *responded* when it has a `first_response` date, a `resolved` date, or status `responded` or
  `resolved`. Every responded incident is also contacted: a company cannot answer what it was never told.
- It is *resolved* when it has a `resolved` date or status `resolved`. Every resolved incident is responded.
- Response rate = responded / contacted; resolution rate = resolved / contacted; both None when nothing
  was contacted.
- Days to response = `first_response` - `contacted`, over incidents that carry both dates; the median of
  an even count is the mean of the two middle values.
- Recent = dated at most RECENT_DAYS days before the reference date (an incident dated after it counts as
  age 0, so as recent).
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from generator.model import RATINGS, Incident

RECENT_DAYS = 365
ANSWERED_STATUSES = frozenset({"responded", "resolved"})


def age_days(date: dt.date, as_of: dt.date) -> int:
    """Whole days from `date` to the reference date; never negative."""
    return max(0, (as_of - date).days)


def is_resolved(incident: Incident) -> bool:
    return incident.resolved is not None or incident.status == "resolved"


def is_responded(incident: Incident) -> bool:
    return incident.first_response is not None or incident.status in ANSWERED_STATUSES or is_resolved(incident)


def is_contacted(incident: Incident) -> bool:
    return incident.contacted is not None or bool(incident.channel) or is_responded(incident)


@dataclass(frozen=True)
class CompanyMetrics:
    total: int
    counts: Mapping[str, int]  # all-time, by current rating; every rating is a key
    recent_counts: Mapping[str, int]  # the same, for incidents at most RECENT_DAYS old
    contacted: int
    responded: int
    response_rate: float | None  # responded / contacted
    median_days_to_response: float | None
    resolved: int
    resolution_rate: float | None  # resolved / contacted
    timed_responses: int = 0  # how many incidents the median is taken over

    @property
    def recent_total(self) -> int:
        return sum(self.recent_counts.values())

    def as_dict(self) -> dict[str, Any]:
        """Plain JSON-ready values (for the API)."""
        return {
            "total": self.total,
            "counts": dict(self.counts),
            "recent_counts": dict(self.recent_counts),
            "contacted": self.contacted,
            "responded": self.responded,
            "response_rate": self.response_rate,
            "median_days_to_response": self.median_days_to_response,
            "timed_responses": self.timed_responses,
            "resolved": self.resolved,
            "resolution_rate": self.resolution_rate,
        }


def _rate(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def company_metrics(incidents: Sequence[Incident], as_of: dt.date) -> CompanyMetrics:
    counts: dict[str, int] = dict.fromkeys(RATINGS, 0)
    recent: dict[str, int] = dict.fromkeys(RATINGS, 0)
    contacted = responded = resolved = 0
    waits: list[int] = []
    for incident in incidents:
        rating = incident.rating
        counts[rating] += 1
        if age_days(incident.date, as_of) <= RECENT_DAYS:
            recent[rating] += 1
        if is_contacted(incident):
            contacted += 1
        if is_responded(incident):
            responded += 1
        if is_resolved(incident):
            resolved += 1
        if incident.contacted is not None and incident.first_response is not None:
            waits.append((incident.first_response - incident.contacted).days)
    return CompanyMetrics(
        total=len(incidents),
        counts=counts,
        recent_counts=recent,
        contacted=contacted,
        responded=responded,
        response_rate=_rate(responded, contacted),
        median_days_to_response=float(statistics.median(waits)) if waits else None,
        resolved=resolved,
        resolution_rate=_rate(resolved, contacted),
        timed_responses=len(waits),
    )
