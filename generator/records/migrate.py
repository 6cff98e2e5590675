"""Rewrite incident records of the old format into the new answer fields, line by line.

The old format had one `status` for two questions: `responded` said the company answered and nothing
about the case. A rewrite changes only the lines it must, so comments and layout stay as written, and
it is checked before anything is written: the rewritten file must read as the old one with only the
intended change. What a rewrite cannot decide (a record raised with the company that never says
whether it answered) is listed for the writer instead of guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.records.yaml_source import Document, YamlProblem, parse_text
from generator.scoring.answers import LEGACY_ANSWERED_STATUS

ANSWERED_LINE = "answer: answered"
# Where `answer` goes: before the first of these top-level fields (the schema's order), else at the end.
_BEFORE = ("first_response", "resolved", "status", "outcome", "timeline", "tags", "company_reply")
_STATUS_LINE = re.compile(r"""^status:[ \t]*(["']?)responded\1(?P<rest>[ \t]*(#.*)?)$""")
_SIGNS = {"first_response": "a first response date", "company_reply": "a quoted company reply",
          "resolved": "a resolved date"}


@dataclass
class FileResult:
    shown: str
    new_text: str | None = None  # None: nothing to rewrite
    changes: list[str] = field(default_factory=list)
    undecided: str | None = None  # why the answer cannot be decided, in words


def _signs(data: dict[str, Any]) -> list[str]:
    found = [words for key, words in _SIGNS.items() if data.get(key) is not None]
    if data.get("status") == "resolved":
        found.append("status resolved")
    timeline = data.get("timeline")
    if isinstance(timeline, list) and any(isinstance(e, dict) and e.get("company_answered") is True for e in timeline):
        found.append("a timeline update marked company_answered")
    return found


def _key_line(doc: Document, key: str) -> int | None:
    """The 0-based line of a top-level key, or None when the record does not have it."""
    where = doc.key_positions.get((key,))
    return where[0] - 1 if where is not None and where[1] == 1 else None


def _insert_at(lines: list[str], doc: Document) -> int:
    anchors = [line for key in _BEFORE if (line := _key_line(doc, key)) is not None]
    if not anchors:
        return len(lines)
    at = min(anchors)
    while at > 0 and lines[at - 1].lstrip().startswith("#"):  # keep a field's comment above it
        at -= 1
    return at


def _rewrite(text: str, doc: Document) -> tuple[str, list[str]] | None:
    """The new text and what changed, or None when nothing needs to."""
    data = doc.data
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    if data.get("status") == LEGACY_ANSWERED_STATUS:
        at = _key_line(doc, "status")
        match = _STATUS_LINE.match(lines[at].rstrip("\r\n")) if at is not None else None
        if at is None or match is None:
            raise ValueError("its status line is not written as `status: responded`; edit it by hand")
        ending = lines[at][len(lines[at].rstrip("\r\n")):]
        if "answer" in data:
            del lines[at]
            return "".join(lines), ["removed status: responded (the record already says answer)"]
        lines[at] = f"{ANSWERED_LINE}{match['rest']}{ending}"
        return "".join(lines), ["status: responded became answer: answered (the state of the case was not given)"]
    if "answer" in data:
        return None
    signs = _signs(data)
    if not signs:
        return None
    lines.insert(_insert_at(lines, doc), ANSWERED_LINE + "\n")
    return "".join(lines), [f"added answer: answered ({', '.join(signs)} showed it)"]


def _expected(data: dict[str, Any]) -> dict[str, Any]:
    """What the record must read as after the rewrite."""
    out = dict(data)
    if out.get("status") == LEGACY_ANSWERED_STATUS:
        del out["status"]
    out.setdefault("answer", "answered")
    return out


def plan_file(path: Path, shown: str) -> FileResult:
    result = FileResult(shown)
    try:
        text = path.read_text("utf-8")
        doc = parse_text(text, shown)
    except (OSError, UnicodeDecodeError, YamlProblem) as exc:
        result.undecided = f"cannot be read ({exc}); run trackrecord validate"
        return result
    data = doc.data
    if not isinstance(data, dict):
        result.undecided = "is not a mapping of fields; run trackrecord validate"
        return result
    try:
        rewritten = _rewrite(text, doc)
    except ValueError as exc:
        result.undecided = str(exc)
        return result
    if rewritten is not None:
        new_text, changes = rewritten
        if parse_text(new_text, shown).data != _expected(data):
            result.undecided = "could not be rewritten without touching other fields; edit it by hand"
            return result
        result.new_text, result.changes = new_text, changes
        return result
    contacted = data.get("contacted") is not None or bool(data.get("channel"))
    if contacted and "answer" not in data:
        how = f"channel: {', '.join(map(str, data['channel']))}" if data.get("channel") else "a contacted date"
        result.undecided = (f"was raised with the company ({how}), but does not say whether it answered; "
                            "add answer: answered, answer: not-answered or answer: not-known")
    return result


