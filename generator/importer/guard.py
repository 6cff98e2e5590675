"""Refuse feeds that declare entities before any parser sees them.

feedparser's loose parser expands entities declared in a DOCTYPE's internal subset; a small
feed can then grow to hundreds of megabytes in memory (a "billion laughs"). A feed never needs
its own entity declarations, so a DOCTYPE with an internal subset is refused outright.
"""

from __future__ import annotations

import re

# `<!DOCTYPE name ... [` : the `[` opens the internal subset. Quoted ids may hold `>` or `[`.
_INTERNAL_SUBSET = re.compile(r"""<!DOCTYPE(?:[^>\["']|"[^"]*"|'[^']*')*\[""", re.IGNORECASE)
_ENTITY = re.compile(r"<!ENTITY", re.IGNORECASE)

class Refused(Exception):
    """The document is not parsed; the message says why."""


_WIDE = ("utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be")


def _readings(body: bytes) -> list[str]:
    """The document as every encoding that could hide markup from a plain byte search."""
    # Every ASCII-compatible encoding writes `<!DOCTYPE` and `[` as ASCII bytes; latin-1 shows them.
    texts = [body.decode("latin-1")]
    if b"\x00" in body[:4096]:
        # UTF-16/32, with or without a BOM, at either byte order; a wrong guess only adds noise.
        for encoding in _WIDE:
            for skip in range(4 if encoding.startswith("utf-32") else 2):
                texts.append(body[skip:].decode(encoding, "replace"))
    return texts


def refuse_entity_declarations(body: bytes) -> None:
    """Raise Refused if the document declares a DOCTYPE internal subset or any entity."""
    if any(_INTERNAL_SUBSET.search(text) or _ENTITY.search(text) for text in _readings(body)):
        raise Refused("declares entities (a DOCTYPE with an internal subset); refused before parsing")
