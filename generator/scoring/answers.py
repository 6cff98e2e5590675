"""Two questions kept apart: did the company answer the customer, and where does the case stand.

docs/methodology.md states the same rules in words; keep both in step.

- An incident is *contacted* (raised with the company) when the record has a `contacted` date, a
  `channel`, an `answer`, or any sign of an answer below.
- It is *answered* when the record says `answer: answered`, or has a `first_response` date, a
  `company_reply`, a timeline update marked `company_answered`, a resolved case, or the old-format
  status `responded`. A case resolved with the company counts as answered: the company acted on it.
- Otherwise a contacted incident is *not answered* only when the record says `answer: not-answered`;
  in every other case the answer is *not known*, and "not known" never counts as "no".
- The state of the case is its `status` (open, resolved, unresolved, disputed), or resolved when it
  has a `resolved` date; the old value `responded` says nothing about the case, so its state is unknown.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from generator.model import Incident

AnswerState = Literal["answered", "not-answered", "not-known"]
CASE_STATES = ("open", "resolved", "unresolved", "disputed")
LEGACY_ANSWERED_STATUS = "responded"  # the old format's "the company answered"
ANSWER_WORDS: dict[str, str] = {"answered": "yes", "not-answered": "no", "not-known": "not known"}


@dataclass(frozen=True, slots=True)
class Answer:
    """What the record shows about the company's answer."""

    state: AnswerState | None  # None: the incident was never raised with the company
    shown_by: tuple[str, ...] = ()  # what in the record shows an answer, in words
    date: dt.date | None = None  # the first known day of an answer, when any sign of it is dated
    said: bool = False  # the record says it in `answer` (or shows an answer); False: left unsaid


def is_resolved(incident: Incident) -> bool:
    return incident.resolved is not None or incident.status == "resolved"


def case_state(incident: Incident) -> str | None:
    """open, resolved, unresolved, disputed, or None when the record does not say."""
    if incident.status in CASE_STATES:
        return incident.status
    return "resolved" if incident.resolved is not None else None


def answer_signs(incident: Incident) -> list[tuple[str, dt.date | None]]:
    """Each thing in the record that shows the company answered, with its day when it has one."""
    signs: list[tuple[str, dt.date | None]] = []
    if incident.answer == "answered":
        signs.append(("the record says it answered", None))
    if incident.first_response is not None:
        signs.append(("the day of its first response is given", incident.first_response))
    if incident.company_reply is not None:
        signs.append(("its reply is quoted", incident.company_reply.date))
    for entry in incident.timeline:
        if entry.company_answered:
            signs.append((f"the update of {entry.date.isoformat()} records its answer", entry.date))
    if is_resolved(incident):
        signs.append(("the case was resolved", incident.resolved))
    if incident.status == LEGACY_ANSWERED_STATUS:
        signs.append(("its status is responded (old format)", None))
    return signs


def is_contacted(incident: Incident) -> bool:
    return (incident.contacted is not None or bool(incident.channel) or incident.answer is not None
            or bool(answer_signs(incident)))


def answer_of(incident: Incident) -> Answer:
    signs = answer_signs(incident)
    if signs:
        days = [day for _, day in signs if day is not None]
        first = incident.first_response or (min(days) if days else None)
        return Answer("answered", tuple(words for words, _ in signs), first, said=True)
    if incident.answer == "not-answered":
        return Answer("not-answered", said=True)
    if incident.answer == "not-known":
        return Answer("not-known", said=True)
    if is_contacted(incident):
        return Answer("not-known", said=False)
    return Answer(None)


def contradictions(data: object) -> list[tuple[str, tuple[str | int, ...]]]:
    """What in a raw incident document contradicts `answer: not-answered`, as (message, where)."""
    if not isinstance(data, dict) or data.get("answer") != "not-answered":
        return []
    said = "answer says the company did not answer, but "
    found: list[tuple[str, tuple[str | int, ...]]] = []
    for key, words in (("first_response", "a first response is dated"), ("company_reply", "its reply is quoted"),
                       ("resolved", "the case is dated resolved")):
        if data.get(key) is not None:
            found.append((said + words + "; remove one of them", (key,)))
    if data.get("status") in ("resolved", LEGACY_ANSWERED_STATUS):
        found.append((said + f"the status is {data['status']}; remove one of them", ("status",)))
    timeline = data.get("timeline")
    for i, entry in enumerate(timeline if isinstance(timeline, list) else []):
        if isinstance(entry, dict) and entry.get("company_answered") is True:
            found.append((said + "this update records its answer; remove one of them",
                          ("timeline", i, "company_answered")))
    return found
