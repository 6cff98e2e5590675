"""Find the companies a post names, and apply a feed's include/exclude words.

Names, aliases and keywords match as whole words, case-insensitively: "United" matches
"united's delay" but not "reunited".
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from generator.model import Company


def words_pattern(words: Iterable[str]) -> re.Pattern[str] | None:
    """One pattern matching any of `words` as a whole word; None when there are none."""
    # Longest first, so "Zappos.com" wins over "Zappos" inside the alternation.
    unique = sorted({w.strip() for w in words if w.strip()}, key=lambda w: (-len(w), w.lower()))
    if not unique:
        return None
    body = "|".join(re.escape(w) for w in unique)
    return re.compile(rf"(?<!\w)(?:{body})(?!\w)", re.IGNORECASE)


class CompanyMatcher:
    """Company slugs whose name or an alias appears in a text."""

    def __init__(self, companies: Iterable[Company]) -> None:
        self._patterns: list[tuple[str, re.Pattern[str]]] = []
        for company in companies:
            pattern = words_pattern([company.name, *company.aliases])
            if pattern is not None:
                self._patterns.append((company.slug, pattern))

    def find(self, text: str) -> set[str]:
        return {slug for slug, pattern in self._patterns if pattern.search(text)}


class KeywordFilter:
    """A feed's `include` and `exclude` words. With no include words, everything is included."""

    def __init__(self, include: Iterable[str], exclude: Iterable[str]) -> None:
        self._include = words_pattern(include)
        self._exclude = words_pattern(exclude)

    def keeps(self, text: str) -> bool:
        if self._include is not None and not self._include.search(text):
            return False
        return not (self._exclude is not None and self._exclude.search(text))
