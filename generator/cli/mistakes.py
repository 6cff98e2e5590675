"""The "common mistakes" section of the writer's guide, made by running the checks themselves.

Each example is a few lines a writer might get wrong; the message shown is the one the reader
gives for them now, so the guide cannot say something `trackrecord validate` no longer says.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from generator.records.placement import misplaced_message
from generator.records.schema import check
from generator.records.suggest import unknown_company
from generator.records.yaml_source import YamlProblem, parse_text

_RECORD = """company: acme
title: Parcel lost and refund refused
date: 2021-03-04
rating: bad
issue: The parcel never arrived.
response: The company closed the ticket.
sources:
  - https://blog.example/lost-parcel
"""
_SHOWN = "reviews/incidents/acme/2021-03-04-parcel-lost.yml"


@dataclass(frozen=True, slots=True)
class Mistake:
    what: str
    old: str  # the line(s) of the valid record to replace
    new: str  # with what the writer wrote by mistake


MISTAKES = (
    Mistake("A colon in a text without quotes", "title: Parcel lost and refund refused",
            "title: Parcel lost: refund refused"),
    Mistake("A quote opened and never closed", "title: Parcel lost and refund refused",
            'title: "Parcel lost and refund refused'),
    Mistake("A `#` in a text without quotes", "title: Parcel lost and refund refused",
            "title: Parcel lost #2 and refund refused"),
    Mistake("A second line of text not indented", "issue: The parcel never arrived.",
            "issue: The parcel never arrived\nand the tracking page showed nothing."),
    Mistake("A field indented more than the others", "rating: bad", "  rating: bad"),
    Mistake("A list item out of line with the one above", "  - https://blog.example/lost-parcel",
            "  - https://blog.example/lost-parcel\n - https://blog.example/second-post"),
    Mistake("A misspelt field name", "response: The company closed the ticket.",
            "respone: The company closed the ticket."),
)


def _message(mistake: Mistake) -> str:
    text = _RECORD.replace(mistake.old, mistake.new, 1)
    assert text != _RECORD, mistake.what
    try:
        problems = check(parse_text(text, _SHOWN), "incident", dt.date(2021, 12, 31))
    except YamlProblem as exc:
        problems = [exc.problem]
    first = problems[0]
    return f"{first.line}:{first.col}: {first.field}: {first.message}"


def section() -> str:
    """The Markdown of the section: each mistake, as written, and what validate says about it."""
    out: list[str] = []
    for mistake in MISTAKES:
        start = _RECORD.split(mistake.old, 1)[0].count("\n") + 1
        out += [f"**{mistake.what}** (from line {start} of a record):", "", "```yaml", mistake.new, "```", "",
                f"> {_message(mistake)}", ""]
    out += ["**A record saved in the wrong folder**, such as `reviews/incident/acme/2021-03-04-parcel-lost.yml`:", "",
            f"> {misplaced_message(('incident', 'acme', '2021-03-04-parcel-lost.yml'), '')}", "",
            "**A company slug misspelt**, such as `company: acmee`:", "",
            f"> {unknown_company('acmee', ['acme'])}", ""]
    return "\n".join(out)
