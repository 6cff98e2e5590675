"""The nearest known name to a misspelt one: "did you mean `response`?"."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def nearest(word: str, known: Iterable[str]) -> str | None:
    """The known name closest to `word`, when one is close enough to be a typo of it."""
    close = difflib.get_close_matches(word, list(known), n=1, cutoff=0.75)
    return close[0] if close else None


def unknown_company(slug: str, known: Iterable[str]) -> str:
    """The message for a company slug that no company file has."""
    near = nearest(slug, known)
    if near is not None:
        return f"unknown company {slug!r}; did you mean `{near}`?"
    return f"unknown company {slug!r}: add reviews/companies/{slug}.yml"
