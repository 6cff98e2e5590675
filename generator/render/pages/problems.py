"""While `mkdocs serve` runs and a record is invalid: the problems, shown on every page served.

The pages stay those of the last good build; this notice, put at the top of each, lists what
to fix, and goes away on the rebuild after the fix (the browser reloads itself). Problem
messages quote record text, so every part goes through `esc`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from generator.records.yaml_source import Problem
from generator.render.text_safety import esc

NOTICE_ID = "trackrecord-problems"
_STYLE = ("position:relative;z-index:10;margin:0;padding:1em 1.5em;background:#fff3f3;color:#5a0000;"
          "border-bottom:3px solid #c00;font:15px/1.5 system-ui,sans-serif")
_BODY = re.compile(r"<body\b[^>]*>", re.IGNORECASE)
SHOWN_AT_MOST = 50


def problems_notice(problems: Sequence[Problem], *, kept: bool) -> str:
    """The notice listing `problems`; `kept`: the pages are those of the last good build."""
    count = len(problems)
    what = ("the pages below are from the last build without problems" if kept
            else "the pages below leave out the records with problems")
    items = "".join(
        f"<li><code>{esc(p.path)}</code>, line {p.line}, column {p.col}, {esc(p.field)}: {esc(p.message)}</li>"
        for p in problems[:SHOWN_AT_MOST]
    )
    more = f"<p>and {count - SHOWN_AT_MOST} more: run <code>trackrecord validate</code> to see all.</p>" if (
        count > SHOWN_AT_MOST) else ""
    return (f'<section id="{NOTICE_ID}" role="alert" style="{_STYLE}">'
            f"<h2 style=\"margin:0 0 .5em;font-size:1.2em\">{count} problem(s) in the records: fix them and "
            f"this page reloads</h2><p>Until then, {what}.</p><ul>{items}</ul>{more}</section>")


def with_notice(html: str, notice: str) -> str:
    """`html` with `notice` at the top of its body (or at its start, without a body tag)."""
    found = _BODY.search(html)
    at = found.end() if found else 0
    return html[:at] + notice + html[at:]
