"""A company's verdict in words: its grade, or what a grade would take and how far it has got.

Every number comes from the Grade and the rules in generator/scoring/grade.py, so the pages, the
share tags and the API say the same thing. docs/methodology.md ("What a grade needs") says it too.
"""

from __future__ import annotations

import math

from generator.scoring.grade import (
    HALF_LIFE_YEARS,
    MIN_RECENT_WEIGHT,
    MIN_STORIES,
    NOT_ENOUGH_RECENT_DATA,
    Grade,
)


def _plural(n: int, noun: str, plural: str | None = None) -> str:
    return f"{n} {noun if n == 1 else plural or noun + 's'}"


def weight_words(weight: float) -> str:
    """A weight to two decimals, rounded down: a weight just short of the threshold must not read as reaching it,
    nor a small one as none."""
    if 0 < weight < 0.01:
        return "less than 0.01"
    return f"{math.floor(weight * 100 + 1e-9) / 100:.2f}"


def needs_words() -> str:
    """What any company needs for a grade, in one sentence."""
    return (f"A grade needs at least {MIN_STORIES} incidents raised with the company (records on the same source "
            f"count once), recent enough to weigh together as much as {_plural(int(MIN_RECENT_WEIGHT), 'new incident')}"
            f": an incident's weight halves every {HALF_LIFE_YEARS:g} years.")


def verdict_words(grade: Grade) -> str:
    """'Grade D', or 'No grade yet: ...' saying what is missing, with the company's own numbers."""
    if grade.letter is not None:
        return f"Grade {grade.letter}"
    records = sum(1 for line in grade.lines if line.graded)
    if grade.shortfall == NOT_ENOUGH_RECENT_DATA:
        return (f"No grade yet: not enough recent data. Its {_plural(grade.stories, 'incident')} raised with the "
                f"company {'is' if grade.stories == 1 else 'are'} old and together count for "
                f"{weight_words(grade.total_weight)} of a new one; a grade needs {MIN_RECENT_WEIGHT:g}.")
    so_far = "none" if grade.stories == 0 else str(grade.stories)
    words = f"No grade yet: a grade needs {MIN_STORIES} incidents raised with the company; {so_far} so far"
    if records > grade.stories:
        words += f" ({records} records, but records on the same source count once)"
    return words + disputed_words(grade) + "."


def disputed_words(grade: Grade) -> str:
    """', and 1 more under an open dispute' when the count so far leaves disputed incidents out, else ''."""
    disputed = sum(1 for line in grade.lines if line.disputed)
    return f", and {disputed} more under an open dispute, not counted until it is decided" if disputed else ""


def not_counted_words(grade: Grade) -> str:
    """The incidents shown but left out of the grade, in one sentence, or '' when there are none."""
    never = sum(1 for line in grade.lines if not line.graded and not line.disputed)
    disputed = sum(1 for line in grade.lines if line.disputed)
    parts = []
    if never:
        # Not raised, or not said to be: the records give no contact, channel or answer.
        parts.append(f"{_plural(never, 'incident')} that the records do not show as raised with the company")
    if disputed:
        parts.append(f"{_plural(disputed, 'incident')} under an open dispute")
    if not parts:
        return ""
    return f"Not counted: {' and '.join(parts)}. {'It is' if never + disputed == 1 else 'They are'} shown, with a " \
           "share of 0%."
