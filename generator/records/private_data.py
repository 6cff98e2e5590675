"""Email addresses and phone numbers in record text: refused unless the company publishes them itself.

A record names companies in public; it must never publish a private person's contact details.
The company's own file may list `public_contacts` (its support line, its press address): only those
pass. Each finding points at the line and column of the address or number in the file.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.records.yaml_source import Document, JsonPath

EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
# Groups of digits joined by spaces, dots or dashes, optionally with +country and (area) parts.
PHONE = re.compile(r"(?<![\w.+/=-])(?:\+\d{1,3}[ .-]?)?(?:\(\d{1,5}\)[ .-]?)?\d{1,4}(?:[ .-]\d{2,5}){1,5}(?![\w/=-])")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
MIN_PHONE_DIGITS, MAX_PHONE_DIGITS = 9, 15
# Values that are addresses, not prose: a URL may hold an @ (medium.com/@name) or long digit runs.
_NOT_TEXT_KEYS = frozenset({"url", "archive_url", "website", "link", "id", "public_contacts"})


@dataclass(frozen=True, slots=True)
class Finding:
    kind: str  # "email address" or "phone number"
    value: str
    at: JsonPath
    start: int  # offset in the value's text


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def contact_key(text: str) -> str:
    """How a listed contact and a found one are compared: emails by lower case, numbers by their digits."""
    return text.strip().lower() if "@" in text else _digits(text)


def _phones(text: str) -> Iterator[re.Match[str]]:
    for match in PHONE.finditer(text):
        value = match.group(0)
        if _ISO_DATE.search(value):
            continue
        count = len(_digits(value))
        # A bare run of groups without + or ( needs three groups: "1234 5678" is not a number to call.
        grouped = value.startswith(("+", "(")) or len(re.split(r"[ .-]", value)) >= 3
        if MIN_PHONE_DIGITS <= count <= MAX_PHONE_DIGITS and grouped:
            yield match


def findings_in(text: str, at: JsonPath) -> Iterator[Finding]:
    for match in EMAIL.finditer(text):
        yield Finding("email address", match.group(0), at, match.start())
    for match in _phones(text):
        yield Finding("phone number", match.group(0), at, match.start())


def _strings(data: Any, at: JsonPath) -> Iterator[tuple[str, JsonPath]]:
    if isinstance(data, dict):
        for key, value in data.items():
            if key not in _NOT_TEXT_KEYS:
                yield from _strings(value, (*at, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _strings(value, (*at, i))
    elif isinstance(data, str) and not data.startswith(("http://", "https://")):
        yield data, at


def private_findings(doc: Document, allowed: Iterable[str]) -> list[Finding]:
    """Every email address and phone number in the document's text that `allowed` does not list."""
    keys = {contact_key(c) for c in allowed}
    return [
        found for text, at in _strings(doc.data, ())
        for found in findings_in(text, at) if contact_key(found.value) not in keys
    ]


def position(doc: Document, found: Finding, root: Path) -> tuple[int, int]:
    """Line and column of the finding in the file: the value's own position, then the text searched
    from there (the file is read again only for a finding, which is rare)."""
    line, col = doc.where(found.at)
    try:
        path = Path(doc.path)
        lines = (path if path.is_absolute() else root / path).read_text("utf-8").split("\n")
    except (OSError, UnicodeDecodeError):
        return line, col
    wanted, seen = _nth(doc, found), 0
    for n in range(line - 1, len(lines)):
        hit = lines[n].find(found.value, col - 1 if n == line - 1 else 0)
        while hit >= 0:
            if seen == wanted:
                return n + 1, hit + 1
            seen += 1
            hit = lines[n].find(found.value, hit + 1)
    return line, col


def _nth(doc: Document, found: Finding) -> int:
    """Which occurrence of the same text within the value this finding is (0 for the first)."""
    value = doc.data
    for key in found.at:
        value = value[key]
    return str(value).count(found.value, 0, found.start)


def message(found: Finding) -> str:
    article = "an" if found.kind.startswith("e") else "a"
    return (f"{found.value!r} looks like {article} {found.kind}; records never publish a private person's contact "
            "details: remove it, or refer to the person by role. If the company publishes it itself, add it "
            "to public_contacts in the company's file")
