"""The "Reply or correction" form: a reply, a rebuttal or a request, turned into the record change.

The labels below must match .github/ISSUE_TEMPLATE/reply.yml (tests/test_reply_intake.py checks
both ways). A reply becomes `company_reply`, a rebuttal `company_reply.rebuttal`; a correction or
withdrawal request becomes an open `dispute`, so the record stops counting until the maintainers
decide. Each says how it was received and which maintainer checked it. The record is edited by
adding lines (nothing in it is rewritten) and read back before it is written.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

import yaml

from generator.cli.intake import IGNORED_LABELS, IntakeError, parse_sections
from generator.records.yaml_source import YamlProblem, parse_text
from generator.render.text_safety import one_line

LABELS: dict[str, str] = {
    "Which record": "record",
    "What you are sending": "kind",
    "Who you are": "by",
    "Your text": "text",
    "Where it is published": "source",
}
KINDS: dict[str, str] = {
    "A reply from the company": "reply",
    "The customer's rebuttal to the company's reply": "rebuttal",
    "A correction request": "correction",
    "A withdrawal request": "withdrawal",
}
RECEIVED_HOW = ("issue-form", "email", "web-form", "letter", "phone", "other")
_RECORD = re.compile(r"incidents/([a-z0-9]+(?:-[a-z0-9]+)*)/(\d{4}-\d{2}-\d{2}-[a-z0-9]+(?:-[a-z0-9]+)*)")
_URL = re.compile(r"^https?://\S+$")
_NOT_ANSWERED = re.compile(r"^answer:\s*not-answered(\s*(?:#.*)?)$")


@dataclass(frozen=True, slots=True)
class ReplyRequest:
    company: str
    slug: str
    kind: str  # reply, rebuttal, correction, withdrawal
    by: str
    text: str
    source: str | None


def request_from_issue(body: str) -> ReplyRequest:
    sections = parse_sections(body, LABELS.keys() | IGNORED_LABELS)
    answers = {LABELS[label]: text for label, text in sections.items() if label in LABELS and text is not None}
    found = _RECORD.search(answers.get("record", ""))
    if found is None:
        raise IntakeError("the issue names no record ('### Which record' needs an incident's address or file, "
                          "such as incidents/acme/2021-05-05-lost-parcel/)")
    kind = KINDS.get(one_line(answers.get("kind", "")))
    if kind is None:
        raise IntakeError(f"'### What you are sending' must be one of: {', '.join(KINDS)}")
    text = answers.get("text", "").strip()
    if not text:
        raise IntakeError("'### Your text' is empty")
    source = one_line(answers.get("source", "")) or None
    if source is not None and not _URL.match(source):
        raise IntakeError(f"'### Where it is published' is not an http(s) address: {source!r}")
    return ReplyRequest(found.group(1), found.group(2), kind, one_line(answers.get("by", ""))[:120], text, source)


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:
        return True  # records refuse anchors; the same day written twice is written out twice


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _text)


def _dump(value: dict[str, Any], indent: int) -> list[str]:
    text = yaml.dump(value, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)
    return [" " * indent + line if line else line for line in text.rstrip("\n").split("\n")]


def _block_end(lines: list[str], key_line: int) -> int:
    """The line after the top-level block that starts at key_line (blank lines at its end left out)."""
    end = key_line + 1
    while end < len(lines) and (not lines[end].strip() or lines[end][0] in " #"):
        end += 1
    while end > key_line + 1 and not lines[end - 1].strip():
        end -= 1
    return end


def apply(text: str, path: str, request: ReplyRequest, *, checked_by: str, how: str, issue_url: str | None,
          today: dt.date) -> str:
    """The record's text with the change added; IntakeError when the record cannot take it."""
    try:
        data = parse_text(text, path).data
    except YamlProblem as exc:
        raise IntakeError(f"the record is not valid YAML ({exc.problem}); fix it first") from None
    received = {"how": how, "checked_by": checked_by, "date": today}
    source = request.source or issue_url
    statement: dict[str, Any] = {"text": request.text, "date": today}
    if source:
        statement["source"] = source
    statement["received"] = received
    lines = text.rstrip("\n").split("\n")
    if request.kind == "reply":
        if "company_reply" in data:
            raise IntakeError("the record already has a company_reply; edit it by hand")
        # A quoted reply is the company's answer (docs/methodology.md): "did not answer" no longer holds.
        lines = [_NOT_ANSWERED.sub(r"answer: answered\1", line) for line in lines]
        lines += _dump({"company_reply": statement}, 0)
    elif request.kind == "rebuttal":
        reply = data.get("company_reply")
        if not isinstance(reply, dict):
            raise IntakeError("the record has no company_reply to rebut; "
                              "a customer's account goes in the record itself")
        if "rebuttal" in reply:
            raise IntakeError("the company's reply already has a rebuttal; edit it by hand")
        at = next(i for i, line in enumerate(lines) if line.startswith("company_reply:"))
        end = _block_end(lines, at)
        lines[end:end] = _dump({"rebuttal": statement}, 2)
    else:
        dispute = data.get("dispute")
        if isinstance(dispute, dict) and "decided" not in dispute:
            raise IntakeError("the record is already disputed; add this to the open dispute by hand")
        if dispute is not None:
            raise IntakeError("the record has a decided dispute; a new one replaces it by hand")
        summary = (request.text if request.kind == "correction"
                   else f"Asks for the record to be withdrawn.\n\n{request.text}")
        block: dict[str, Any] = {"date": today, "by": request.by or "someone who wrote in", "summary": summary}
        if source:
            block["source"] = source
        lines += _dump({"dispute": block}, 0)
    edited = "\n".join(lines) + "\n"
    try:
        parse_text(edited, path)
    except YamlProblem as exc:
        raise IntakeError(f"the change would not read back as YAML ({exc.problem}); edit the record by hand") from None
    return edited
