"""Refuse feeds that declare entities before any parser sees them.

feedparser's loose parser expands entities declared in a DOCTYPE's internal subset; a small
feed can then grow to hundreds of megabytes in memory (a "billion laughs"). A feed never needs
its own entity declarations, so a DOCTYPE with an internal subset is refused outright.
"""

from __future__ import annotations

import codecs
import re

# `<!DOCTYPE name ... [` : the `[` opens the internal subset. Quoted ids may hold `>` or `[`.
_INTERNAL_SUBSET = re.compile(r"""<!DOCTYPE(?:[^>\["']|"[^"]*"|'[^']*')*\[""", re.IGNORECASE)
_ENTITY = re.compile(r"<!ENTITY", re.IGNORECASE)

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_NO_BOM = (
    (b"<\x00\x00\x00", "utf-32-le"),
    (b"\x00\x00\x00<", "utf-32-be"),
    (b"<\x00", "utf-16-le"),
    (b"\x00<", "utf-16-be"),
)


class Refused(Exception):
    """The document is not parsed; the message says why."""


def _as_text(body: bytes) -> str:
    """Enough of a decoding to see markup: UTF-16/32 by BOM or NULs, else any ASCII superset."""
    for bom, encoding in _BOMS:
        if body.startswith(bom):
            return body[len(bom):].decode(encoding, "replace")
    for start, encoding in _NO_BOM:
        if body.startswith(start):
            return body.decode(encoding, "replace")
    # Every other encoding a feed may use writes `<!DOCTYPE` and `[` as ASCII bytes.
    return body.decode("latin-1")


def refuse_entity_declarations(body: bytes) -> None:
    """Raise Refused if the document declares a DOCTYPE internal subset or any entity."""
    text = _as_text(body)
    if _INTERNAL_SUBSET.search(text) or _ENTITY.search(text):
        raise Refused("declares entities (a DOCTYPE with an internal subset); refused before parsing")
