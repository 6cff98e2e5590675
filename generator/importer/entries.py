"""Turn a fetched feed's untrusted entries into the fields of post records.

`digest` is pure CPU work on plain data, so a run can spread it over worker processes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from generator.importer.clean import TITLE_LIMIT, author_name, feed_text, summary_html
from generator.importer.matching import CompanyMatcher, KeywordFilter
from generator.importer.parse import RawEntry, parse_feed
from generator.model import Company, FeedSubscription
from generator.render.text_safety import safe_url, strip_control

ID_LIMIT = 2000  # post.schema.json


def _iso(when: dt.datetime | None) -> str | None:
    return when.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ") if when else None


def post_id(entry: RawEntry) -> str:
    """The entry's id, else its link, else a hash of its title and content."""
    raw = strip_control(entry.id or entry.link or "").strip()
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
    full_text = feed_text(summary_source, 100_000)
    title = feed_text(entry.title, TITLE_LIMIT) or feed_text(summary_source, 80) or link[:TITLE_LIMIT]
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
        "author": author_name(entry.author),
        "summary": summary_html(summary_source, link) if summary_source else None,
        "companies": sorted(set(feed.companies) | matcher.find(searched)),
    }


@dataclass
class Digest:
    """What one feed's body comes to: posts to store, or why there are none."""

    posts: list[dict[str, Any]] = field(default_factory=list)
    entries: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    error: str | None = None
    warning: str | None = None


def digest(body: bytes, headers: Mapping[str, str], feed: FeedSubscription, matcher: CompanyMatcher) -> Digest:
    """Parse `body` and clean every entry; the first of several entries with one id wins."""
    try:
        return _digest(body, headers, feed, matcher)
    except Exception as exc:  # one hostile feed must not end the run for every other feed
        return Digest(error=f"could not read the feed ({type(exc).__name__}: {str(exc)[:200]})")


def _digest(body: bytes, headers: Mapping[str, str], feed: FeedSubscription, matcher: CompanyMatcher) -> Digest:
    parsed = parse_feed(body, headers, feed.url)
    if parsed.error:
        return Digest(error=parsed.error)
    out = Digest(entries=len(parsed.entries), warning=parsed.warning)
    keywords = KeywordFilter(feed.include, feed.exclude)
    seen: set[str] = set()
    for entry in parsed.entries:
        post = to_post(entry, feed, matcher, keywords)
        if isinstance(post, str):
            out.skipped[post] += 1
        elif post["id"] in seen:
            out.skipped["duplicate id"] += 1
        else:
            seen.add(post["id"])
            out.posts.append(post)
    return out


_worker_matcher: CompanyMatcher | None = None


def init_worker(companies: list[Company]) -> None:
    """Process-pool initializer: build the company matcher once per worker."""
    global _worker_matcher
    _worker_matcher = CompanyMatcher(companies)


def digest_in_worker(body: bytes, headers: dict[str, str], feed: FeedSubscription) -> Digest:
    assert _worker_matcher is not None, "init_worker was not run"
    return digest(body, headers, feed, _worker_matcher)
