"""The verdict's words (scoring/verdict.py) never let a left-out incident read as missing or as a "no"."""

from __future__ import annotations

from support.records import D, incident

from generator.model import Dispute
from generator.scoring.grade import MIN_STORIES, grade
from generator.scoring.verdict import not_counted_words, verdict_words


def test_an_incident_under_open_dispute_is_named_beside_the_count() -> None:
    raised = incident("2024-03-01", "bad", "late", contacted=D("2024-03-02"))
    disputed = incident("2024-04-01", "ugly", "lost", contacted=D("2024-04-02"),
                        dispute=Dispute(date=D("2024-05-01"), by="the company", summary="Not us."))
    words = verdict_words(grade([raised, disputed], D("2024-06-01")))
    assert words == (f"No grade yet: a grade needs {MIN_STORIES} incidents raised with the company; 1 so far, "
                     "and 1 more under an open dispute, not counted until it is decided.")
    alone = verdict_words(grade([disputed], D("2024-06-01")))
    assert "none so far, and 1 more under an open dispute" in alone


def test_an_incident_without_contact_is_not_said_never_to_have_been_raised() -> None:
    """No contact, channel or answer in the record is "not known", not "no"."""
    silent = incident("2024-03-01", "bad", "quiet")
    words = not_counted_words(grade([silent], D("2024-06-01")))
    assert "never" not in words
    assert words.startswith("Not counted: 1 incident that the records do not show as raised with the company.")
