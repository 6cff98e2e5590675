"""Write a source's archived copy into its record, line by line: comments and layout are kept.

`trackrecord archive` asks a web archive to save each source address that has no `archive_url`
yet; this module finds those sources and adds the answer under each. A bare address in a list
(`- https://...`) becomes `- url: ...` with `archive_url:` below it; a mapping gets the line
after its `url`. Every edit is parsed again before it is kept: an edit that does not read back
as intended is not written.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from generator.records.yaml_source import Document, JsonPath, YamlProblem, parse_text

# Where an incident holds sources: the list, and the single sources of its statements.
_SINGLE = (("company_reply", "source"), ("company_reply", "rebuttal", "source"), ("dispute", "source"))


@dataclass(frozen=True, slots=True)
class Unarchived:
    at: JsonPath  # the source's place in the document
    url: str


def _get(data: Any, at: JsonPath) -> Any:
    for key in at:
        if isinstance(data, dict) and isinstance(key, str):
            data = data.get(key)
        elif isinstance(data, list) and isinstance(key, int) and key < len(data):
            data = data[key]
        else:
            return None
    return data


def unarchived(doc: Document) -> Iterator[Unarchived]:
    """Every source with an address and no archived copy, in the order of the file."""
    sources = doc.data.get("sources")
    places: list[JsonPath] = [("sources", i) for i in range(len(sources))] if isinstance(sources, list) else []
    places += [at for at in _SINGLE if _get(doc.data, at) is not None]
    for at in places:
        value = _get(doc.data, at)
        if isinstance(value, str):
            yield Unarchived(at, value)
        elif isinstance(value, dict) and isinstance(value.get("url"), str) and not value.get("archive_url"):
            yield Unarchived(at, value["url"])


def _quoted(url: str) -> str:
    return json.dumps(url, ensure_ascii=False)


def add_archive(text: str, doc: Document, source: Unarchived, archived: str) -> str | None:
    """The text with `archive_url: archived` under the source, or None when it cannot be placed safely."""
    lines = text.split("\n")
    value = _get(doc.data, source.at)
    if isinstance(value, str):
        line, col = doc.where(source.at)
        row = lines[line - 1]
        written = row[col - 1:].rstrip()
        if written not in (value, _quoted(value), f"'{value}'"):
            return None
        head = row[:col - 1]
        if isinstance(source.at[-1], int):  # a list item: `- url: ...` and the archive below it
            indent = " " * (col - 1)
            lines[line - 1:line] = [f"{head}url: {written}", f"{indent}archive_url: {_quoted(archived)}"]
        else:  # `source: https://...`: a mapping under the key
            key_col = doc.where_key(source.at)[1]
            indent = " " * (key_col + 1)
            lines[line - 1:line] = [head.rstrip(), f"{indent}url: {written}",
                                    f"{indent}archive_url: {_quoted(archived)}"]
    else:
        line, _ = doc.where((*source.at, "url"))
        key_col = doc.where_key((*source.at, "url"))[1]
        lines.insert(line, f"{' ' * (key_col - 1)}archive_url: {_quoted(archived)}")
    edited = "\n".join(lines)
    try:
        again = parse_text(edited, doc.path)
    except YamlProblem:
        return None
    placed = _get(again.data, source.at)
    if not isinstance(placed, dict) or placed.get("archive_url") != archived or placed.get("url") != source.url:
        return None
    return edited
