"""YAML syntax mistakes told in plain words, at the line and column where the writer must act.

The parser says where it gave up ("mapping values are not allowed in this context"), which is
often a line or two after the mistake. Here the source text around that place is looked at to
recognise the usual mistakes: a colon in unquoted text, a quote never closed, a line indented
wrongly, a list item at the wrong depth, a `#` that cut a text short. The parser's own words are
kept only for what is not recognised.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

_KEY = re.compile(r"^(?P<indent>\s*)(?P<dash>-\s+)?(?P<key>[A-Za-z_][\w-]*)\s*:(?:\s|$)")
_ITEM = re.compile(r"^(\s*)-(?:\s|$)")
# Fields whose values are free text, where a `#` after a space is surely not meant as a comment.
TEXT_FIELDS = frozenset({"title", "issue", "response", "text", "name", "description", "publisher"})


@dataclass(frozen=True, slots=True)
class Explained:
    line: int
    col: int
    message: str


def quote_it(key: str, value: str) -> str:
    """The advice to quote a value, with the line as it should be written."""
    return f"put the {key} in quotes: {key}: {json.dumps(value.strip(), ensure_ascii=False)}"


class _Source:
    def __init__(self, text: str) -> None:
        self.lines = text.split("\n")

    def line(self, n: int) -> str:
        return self.lines[n - 1] if 0 < n <= len(self.lines) else ""

    def key_above(self, n: int, below_col: int | None = None) -> tuple[int, int, str] | None:
        """The nearest line above `n` that starts a field (indented less than `below_col`, if given):
        (line, column of the key, key)."""
        for i in range(n - 1, 0, -1):
            m = _KEY.match(self.line(i))
            if m:
                col = m.end("dash") + 1 if m["dash"] else len(m["indent"]) + 1
                if below_col is None or col < below_col:
                    return i, col, m["key"]
        return None

    def item_above(self, n: int) -> tuple[int, int] | None:
        for i in range(n - 1, 0, -1):
            m = _ITEM.match(self.line(i))
            if m:
                return i, len(m.group(1)) + 1
        return None


def explain(text: str, context: str | None, context_at: tuple[int, int] | None,
            problem: str | None, problem_at: tuple[int, int] | None) -> Explained | None:
    """A plain-words account of one parser error, or None when the mistake is not one we know."""
    src = _Source(text)
    context, problem = context or "", problem or ""
    if "quoted scalar" in context and context_at and ("end of stream" in problem or "document" in problem):
        return _unclosed_quote(src, *context_at)
    if "simple key" in context and "expected ':'" in problem and context_at:
        return _line_without_key(src, *context_at)
    if problem_at is None:
        return None
    line, col = problem_at
    if "mapping values are not allowed" in problem:
        return _colon(src, line, col)
    if "expected key" in problem or "expected <block end>" in problem or "'-' indicator" in problem:
        return _out_of_place(src, line, col)
    return None


def _unclosed_quote(src: _Source, line: int, col: int) -> Explained:
    quote = src.line(line)[col - 1: col] or '"'
    m = _KEY.match(src.line(line))
    what = f"the {m['key']}" if m else "the text"
    return Explained(line, col, f"the {quote} that starts {what} here is never closed; "
                                f"add a {quote} at the end of {what}")


def _line_without_key(src: _Source, line: int, col: int) -> Explained:
    above = src.key_above(line)
    if above is None:
        return Explained(line, col, "this line has no field name; write it as name: value")
    at, _, key = above
    return Explained(line, col, f"this line has no field name, so YAML cannot read it; if it continues the {key} "
                                f"(line {at}), indent it by two spaces, or write {key}: | and indent every line "
                                "of the text under it")


def _colon(src: _Source, line: int, col: int) -> Explained | None:
    text = src.line(line)
    m = _KEY.match(text)
    if m and col > m.end("key") + 1:
        # A second colon on the line: the value holds ": ".
        start = m.end()
        while start < len(text) and text[start] == " ":
            start += 1
        return Explained(line, start + 1, f"a colon followed by a space cannot stand in unquoted text; "
                                          f"{quote_it(m['key'], text[start:])}")
    if m:  # the line's own field: it is indented deeper than the field above, so it reads as that text
        here = m.end("dash") + 1 if m["dash"] else len(m["indent"]) + 1
        above = src.key_above(line, below_col=here)
        if above is None:
            return None
        return Explained(line, here, f"{m['key']}: is indented more than {above[2]}: on line {above[0]}; "
                                     f"start it at column {above[1]}, like {above[2]}:")
    above = src.key_above(line)
    if above is None:
        return None
    return Explained(line, col, f"a colon followed by a space cannot stand in unquoted text; "
                                f"put the {above[2]} (line {above[0]}) in quotes, or write {above[2]}: | "
                                "and indent its lines under it")


def _out_of_place(src: _Source, line: int, col: int) -> Explained | None:
    text = src.line(line)
    before = text[: col - 1].rstrip()
    m = _KEY.match(text)
    if before and before[-1] in "\"'" and m:
        return Explained(line, col, f"more text follows the closing quote of the {m['key']}; "
                                    f"put the whole {m['key']} in quotes, and write a \" inside it as \\\"")
    first = len(text) - len(text.lstrip(" ")) + 1
    if text[first - 1: first] == "-":
        above = src.item_above(line)
        if above is not None and above[1] != first:
            return Explained(line, first, f"this list item is not lined up with the one on line {above[0]}; "
                                          f"start its - at column {above[1]}")
        owner = src.key_above(line, below_col=first + 1)
        if owner is not None:
            return Explained(line, first, f"this list item is not under a field that takes a list; indent it "
                                          f"under {owner[2]}: on line {owner[0]}")
        return None
    sibling = src.key_above(line) if m else None
    if m is None or sibling is None:
        return None
    return Explained(line, first, f"{m['key']}: is not lined up with {sibling[2]}: on line {sibling[0]}; "
                                  f"start it at column {sibling[1]}, like {sibling[2]}:")


def cut_by_comment(lines: list[str], key: str, value: str, end: tuple[int, int]) -> Explained | None:
    """A `#` right after a plain text value: YAML dropped the rest of the line as a comment.
    `lines`: the file's text split at newlines."""
    if key not in TEXT_FIELDS:
        return None
    line, col = end
    rest = lines[line - 1][col - 1:] if 0 < line <= len(lines) else ""
    m = re.match(r"\s+#", rest)
    if not m:
        return None
    hash_col = col + m.end() - 1
    kept = f"is only {json.dumps(value, ensure_ascii=False)}" if value else "is empty"
    written = value + rest[: len(rest)].rstrip() if value else rest.strip()
    return Explained(line, hash_col, f"a # after a space starts a comment, so YAML drops the rest of the line "
                                     f"and the {key} {kept}; {quote_it(key, written)}")


def item_in_text(text: str, key: str, start_line: int, end_line: int) -> Explained | None:
    """A plain text value that runs over lines beginning with "- ": a list item at the wrong depth."""
    src = _Source(text)
    for n in range(start_line + 1, end_line + 1):
        m = _ITEM.match(src.line(n))
        if m:
            first = len(m.group(1)) + 1
            above = src.item_above(n)
            where = f"start its - at column {above[1]}, like line {above[0]}" if above else (
                f"put it on its own line under {key}: with nothing after the colon")
            return Explained(n, first, f"this - is read as more text of the {key} above, not as a new list item; "
                                       f"{where}")
    return None
