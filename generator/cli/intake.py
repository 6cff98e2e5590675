"""Issue-form intake: turn the Markdown body of a GitHub issue form into draft incident values.

GitHub renders a submitted form as one `### <label>` section per field, with `_No response_`
for an optional field left empty. The labels below must match .github/ISSUE_TEMPLATE/incident.yml
(tests/test_intake.py checks both ways). Bodies come from anyone on the internet: the size is
bounded, control characters are dropped, and a section heading that appears twice is refused
rather than guessed at. Values are taken as written; `trackrecord validate` judges them.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.records.files import real_day
from generator.records.reader import scan
from generator.render.text_safety import one_line, slugify, strip_control

# GitHub caps an issue body at 65,536 characters; a little slack for hand-edited files.
MAX_BODY_BYTES = 256 * 1024
NO_RESPONSE = "_No response_"

# Form label -> incident field, in the form's order.
LABELS: dict[str, str] = {
    "Company": "company",
    "Title": "title",
    "Date it began": "date",
    "Rating": "rating",
    "What happened": "issue",
    "What the company did": "response",
    "Sources": "sources",
    "How the customer reached the company": "channel",
    "Date of first contact": "contacted",
    "Did the company answer": "answer",
    "Date of first answer": "first_response",
    "Date it was settled": "resolved",
    "Where it stands": "status",
    "What the customer got in the end": "outcome",
    "Tags": "tags",
    "Your handle": "reported_by",
}
# Sections of the form that are not record fields; still section boundaries.
IGNORED_LABELS = frozenset({"Before you send"})

_HEADING = re.compile(r"^###[ \t]+(.+?)[ \t]*#*[ \t]*$")
_LINE_BREAKS = re.compile(r"\r\n|[\r\u2028\u2029]")
_LIST_MARK = re.compile(r"^(?:[-*+]|\d{1,3}[.)])\s+")
_MD_LINK = re.compile(r"^\[[^\]]*\]\((\S+?)\)$")


class IntakeError(ValueError):
    """The body cannot become a draft at all (as opposed to a draft with gaps)."""


@dataclass(frozen=True, slots=True)
class IssueDraft:
    """What a draft needs: where it goes and what it says."""

    company: str  # slug
    company_name: str
    date: dt.date | None  # None when the form's date is missing or not a real YYYY-MM-DD day
    values: dict[str, Any] = field(default_factory=dict)


def read_body(path: Path) -> str:
    """The issue body in FILE, bounded in size and strictly UTF-8."""
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_BODY_BYTES + 1)
    except OSError as exc:
        raise IntakeError(f"cannot read it: {exc.strerror or exc}") from None
    if len(raw) > MAX_BODY_BYTES:
        raise IntakeError(f"larger than {MAX_BODY_BYTES // 1024} KiB; an issue body is never that long")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise IntakeError(f"not UTF-8 text (byte {exc.start})") from None


def clean_text(text: str) -> str:
    return strip_control(_LINE_BREAKS.sub("\n", text))


def parse_sections(body: str, labels: Iterable[str] | None = None) -> dict[str, str | None]:
    """Label -> section text (None for `_No response_` or empty), for the form's known labels only
    (the incident form's, unless `labels` names another form's)."""
    if len(body) > MAX_BODY_BYTES:
        raise IntakeError(f"the body is longer than {MAX_BODY_BYTES} characters")
    known = set(labels) if labels is not None else LABELS.keys() | IGNORED_LABELS
    sections: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in clean_text(body).split("\n"):
        match = _HEADING.match(line)
        if match and match.group(1) in known:
            label = match.group(1)
            if label in sections:
                raise IntakeError(
                    f"the heading '### {label}' appears more than once, so the form's answers cannot be told "
                    "apart from text typed into them; edit the issue and remove the extra heading"
                )
            current = sections[label] = []
        elif current is not None:
            current.append(line)
    out: dict[str, str | None] = {}
    for label, lines in sections.items():
        text = "\n".join(lines).strip()
        out[label] = None if text in ("", NO_RESPONSE) else text
    return out


def _day(text: str) -> dt.date | str:
    """A real YYYY-MM-DD day, else the text as written (validate then says what is wrong)."""
    value = one_line(text)
    day = real_day(value)
    return value if day is None else day


def _source(line: str) -> str | dict[str, Any]:
    """One line of the Sources answer: an address, or `title | publisher | YYYY-MM-DD [| address]`."""
    line = _LIST_MARK.sub("", line.strip())
    link = _MD_LINK.match(line)
    if link:
        line = link.group(1)
    if line.startswith("<") and line.endswith(">"):
        line = line[1:-1]
    parts = [one_line(p) for p in line.split("|")]
    if len(parts) in (3, 4):
        cited: dict[str, Any] = {"title": parts[0], "publisher": parts[1], "date": _day(parts[2])}
        if len(parts) == 4 and parts[3]:
            cited["url"] = parts[3]
        return cited
    return one_line(line)


def _words(text: str) -> list[str]:
    return [w for w in (one_line(part) for part in re.split(r"[,\n]", text)) if w]


def _match_key(name: str) -> str:
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "", folded.lower())


def company_slug(name: str, known: Mapping[str, Iterable[str]]) -> str:
    """The slug of an existing company called `name` (by slug, name or alias), else a new slug."""
    key = _match_key(name)
    if not key:
        raise IntakeError(f"company {name!r} has no letters or digits to make a file name from")
    for slug, names in known.items():
        if key in {_match_key(slug), *(_match_key(n) for n in names)}:
            return slug
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return slugify(folded, 80)


def known_companies(reviews: Path) -> dict[str, tuple[str, ...]]:
    """slug -> (name, *aliases) of the companies already on file (valid ones only)."""
    if not reviews.is_dir():
        return {}
    corpus, _problems = scan(reviews)
    return {slug: (c.name, *c.aliases) for slug, c in corpus.companies.items()}


def draft_from_issue(body: str, known: Mapping[str, Iterable[str]] | None = None) -> IssueDraft:
    """Draft values from an issue body. Only a missing company is an error: it decides the file's place."""
    sections = parse_sections(body)
    answers = {LABELS[label]: text for label, text in sections.items() if label in LABELS and text is not None}
    name = one_line(answers.get("company", ""))[:200]
    if not name:
        raise IntakeError("the issue names no company (the '### Company' section is missing or empty)")
    slug = company_slug(name, known or {})
    # Required fields are always present, empty if unanswered, so validate names what is missing.
    values: dict[str, Any] = {"company": slug, "title": "", "date": "", "rating": "", "issue": "",
                              "response": "", "sources": []}
    for key, text in answers.items():
        if key in ("title", "reported_by", "status", "outcome", "rating", "answer"):
            value: Any = one_line(text)
            if key in ("status", "outcome", "rating", "answer"):
                value = value.lower()
            if key == "reported_by":
                value = value.removeprefix("@")
            values[key] = value
        elif key in ("date", "contacted", "first_response", "resolved"):
            values[key] = _day(text)
        elif key in ("issue", "response"):
            values[key] = text
        elif key == "sources":
            values[key] = [_source(line) for line in text.split("\n") if _LIST_MARK.sub("", line.strip())]
        elif key == "channel":
            values[key] = list(dict.fromkeys(w.lower() for w in _words(text)))
        elif key == "tags":
            tags = (slugify(w, 80, fallback="") for w in _words(text))
            values[key] = list(dict.fromkeys(t for t in tags if t))
    day = values["date"] if isinstance(values["date"], dt.date) else None
    return IssueDraft(company=slug, company_name=name, date=day, values=values)
