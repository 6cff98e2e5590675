"""Turn one untrusted feed entry into the fields of a post record."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from generator.importer.clean import (
    AUTHOR_LIMIT,
    TITLE_LIMIT,
    plain_text,
    safe_url,
    strip_forbidden,
    summary_html,
)
from generator.importer.matching import CompanyMatcher, KeywordFilter
from generator.importer.parse import RawEntry
from generator.model import FeedSubscription

ID_LIMIT = 2000  # post.schema.json


def _iso(when: dt.datetime | None) -> str | None:
    return when.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ") if when else None


def post_id(entry: RawEntry) -> str:
    """The entry's id, else its link, else a hash of its title and content."""
    raw = strip_forbidden(entry.id or entry.link or "").strip()
    if not raw:
        text = f"{entry.title}\n{entry.summary}\n{entry.content}"
        return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()
    if len(raw) > ID_LIMIT:
        return "sha256:" + hashlib.sha256(raw.encode("utf-8")).hexdigest()
    return raw


def to_post(entry: RawEntry, feed: FeedSubscription, matcher: CompanyMatcher,
            keywords: KeywordFilter) -> dict[str, Any] | str:
    """The post's fields, or a short reason why the entry is skipped."""
    link = safe_url(entry.link)
    if link is None:
        return "no http(s) link"
    summary_source = entry.summary or entry.content
    full_text = plain_text(summary_source, 100_000)
    title = plain_text(entry.title, TITLE_LIMIT) or plain_text(summary_source, 80) or link[:TITLE_LIMIT]
    searched = f"{title}\n{full_text}"
    if not keywords.keeps(searched):
        return "filtered out"
    published = _iso(entry.published or entry.updated)
    updated = _iso(entry.updated)
    return {
        "id": post_id(entry),
        "feed": feed.slug,
        "title": title,
        "link": link,
        "published": published,
        "updated": updated if updated != published else None,
        "author": plain_text(entry.author or "", AUTHOR_LIMIT) or None,
        "summary": summary_html(summary_source) if summary_source else None,
        "companies": sorted(set(feed.companies) | matcher.find(searched)),
    }
