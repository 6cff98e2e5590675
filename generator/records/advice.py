"""Advice for writers: what a valid record could say but does not. Warnings, never errors.

`trackrecord validate` prints these after the problems; they do not fail it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path

from generator.model import Incident
from generator.records.yaml_source import Problem, YamlProblem, read_document
from generator.scoring.answers import LEGACY_ANSWERED_STATUS, answer_of
from generator.scoring.grade import DISPUTE_DAYS

UNSAID = ("the company was contacted, but the record does not say whether it answered: add "
          "answer: answered, answer: not-answered or answer: not-known (not-known if the sources do not say)")
OLD_STATUS = ("status responded is the old format; it is read as answer: answered, with the state of the case "
              "unknown. trackrecord migrate rewrites it")


def _place(repo: Path, incident: Incident, keys: Iterable[str]) -> tuple[int, int]:
    """Where the first of `keys` stands in the record, or its first line."""
    try:
        doc = read_document(repo / incident.path, incident.path)
    except (OSError, YamlProblem):
        return 1, 1
    for key in keys:
        if (key,) in doc.key_positions:
            return doc.key_positions[(key,)]
    return 1, 1


def advice(incidents: Iterable[Incident], repo: Path, today: dt.date | None = None) -> list[Problem]:
    """One warning per thing to ask the writer; `repo` is the folder that holds reviews/."""
    found: list[Problem] = []
    today = today or dt.date.today()
    for incident in incidents:
        if incident.dispute is not None and incident.dispute.open and incident.withdrawn is None:
            days = (today - incident.dispute.date).days
            if days > DISPUTE_DAYS:
                line, col = _place(repo, incident, ("dispute",))
                found.append(Problem(incident.path, line, col, "dispute", (
                    f"open for {days} days; the methodology gives the maintainers {DISPUTE_DAYS} days to decide: "
                    "add dispute.decided (date, decision), a correction, or withdrawn")))
        if incident.status == LEGACY_ANSWERED_STATUS:
            line, col = _place(repo, incident, ("status",))
            found.append(Problem(incident.path, line, col, "status", OLD_STATUS))
        elif not answer_of(incident).said and answer_of(incident).state is not None:
            line, col = _place(repo, incident, ("contacted", "channel"))
            found.append(Problem(incident.path, line, col, "answer", UNSAID))
    return sorted(found, key=lambda p: (p.path, p.line))
