"""Read a fetched body with feedparser: bytes in, plain entries out.

feedparser is only ever given a stream over bytes we fetched. Given a string it would treat it
as a URL or a file name and fetch or open it itself, with no timeout and no size cap.
"""

from __future__ import annotations

import calendar
import datetime as dt
import io
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import feedparser

from generator.importer.guard import Refused, refuse_entity_declarations
from generator.render.text_safety import esc


@dataclass(frozen=True, slots=True)
class RawEntry:
    """One entry as the feed gave it (still untrusted)."""

    id: str | None
    link: str | None
    title: str
    summary: str
    content: str
    author: str | None
    published: dt.datetime | None
    updated: dt.datetime | None


@dataclass(frozen=True, slots=True)
class ParsedFeed:
    entries: list[RawEntry] = field(default_factory=list)
    error: str | None = None  # the feed could not be read at all
    warning: str | None = None  # read, but something was off


def _when(entry: Any, key: str) -> dt.datetime | None:
    # dict.get: FeedParserDict would quietly answer "updated" with the published time.
    parsed: time.struct_time | None = dict.get(entry, f"{key}_parsed")
    if not parsed:
        return None
    try:
        return dt.datetime.fromtimestamp(calendar.timegm(parsed), tz=dt.UTC)
    except (OverflowError, ValueError, OSError):
        return None


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _html(value: Any, detail: Any) -> str:
    """A summary or content as HTML. feedparser hands on text the feed marks as plain (Atom's
    type="text") as it is; escaped, its '<' and '&' stay characters instead of becoming tags."""
    text = _text(value)
    plain = isinstance(detail, Mapping) and detail.get("type") == "text/plain"
    return esc(text) if plain else text


def _summary_detail(entry: Any, content: list[Any]) -> Any:
    # An Atom entry with content and no summary gets the content as its summary, without its type.
    detail = entry.get("summary_detail")
    first = content[0] if content and isinstance(content[0], Mapping) else None
    if detail is None and first is not None and first.get("value") == entry.get("summary"):
        return first
    return detail


def _entry(entry: Any) -> RawEntry:
    content = entry.get("content") or []
    body = " ".join(_html(c.get("value"), c) for c in content if isinstance(c, Mapping))
    return RawEntry(
        id=_text(entry.get("id")).strip() or None,
        link=_text(entry.get("link")).strip() or None,
        title=_text(entry.get("title")),
        summary=_html(entry.get("summary"), _summary_detail(entry, content)),
        content=body,
        author=_text(entry.get("author")) or None,
        published=_when(entry, "published"),
        updated=_when(entry, "updated"),
    )


def _looks_like_html(body: bytes, headers: Mapping[str, str]) -> bool:
    head = body[:1024].lstrip().lower()
    return "html" in headers.get("content-type", "").lower() or head.startswith((b"<!doctype html", b"<html"))


def parse_feed(body: bytes, headers: Mapping[str, str], base_url: str) -> ParsedFeed:
    """Entries of an RSS or Atom document. `headers` are the response's, with lower-case names."""
    try:
        refuse_entity_declarations(body)
    except Refused as exc:
        return ParsedFeed(error=str(exc))
    # The configured URL is the base for relative links, whatever the server claims.
    response_headers = {**headers, "content-location": base_url}
    result = feedparser.parse(io.BytesIO(body), response_headers=response_headers,
                              sanitize_html=True, resolve_relative_uris=True)
    entries = [_entry(e) for e in result.get("entries", [])]
    if not result.get("version") and not entries:
        if _looks_like_html(body, headers):
            return ParsedFeed(error="an HTML page, not an RSS or Atom feed")
        problem = result.get("bozo_exception")
        reason = f": {str(problem)[:200]}" if problem else ""
        return ParsedFeed(error=f"not an RSS or Atom feed{reason}")
    warning = None
    if result.get("bozo"):
        problem = result.get("bozo_exception")
        if isinstance(problem, feedparser.CharacterEncodingOverride):
            warning = "declared the wrong character set; read as " + str(result.get("encoding"))
        else:
            warning = f"ill-formed XML, read leniently ({str(problem)[:120]})"
    return ParsedFeed(entries=entries, warning=warning)
