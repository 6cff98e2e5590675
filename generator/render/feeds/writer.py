"""Atom 1.0 and RSS 2.0 through feedgen, JSON Feed 1.1 through json. No string templates.

Every date given here comes from the records: feedgen's defaults of "now" for the feed's and each
entry's updated date are always overwritten, so two builds of the same records give the same bytes.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from feedgen.feed import FeedGenerator

from generator.render.feeds.content import Item
from generator.render.text_safety import esc
from generator.render.text_safety import strip_control as x

JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"
MEDIA_TYPES = {"atom": "application/atom+xml", "rss": "application/rss+xml", "json": "application/feed+json"}
LANGUAGE = "en"


@dataclass(frozen=True, slots=True)
class FeedMeta:
    title: str
    description: str
    home_url: str  # the HTML page this feed follows
    urls: dict[str, str]  # format -> absolute URL of the feed file
    updated: dt.datetime
    author: str  # the site's name, the feed-level author Atom needs when entries have none
    author_url: str


def _generator(meta: FeedMeta, items: list[Item], fmt: str) -> FeedGenerator:
    # x() on every text again: lxml refuses a control character, and one would cost the whole site its feeds.
    fg = FeedGenerator()
    fg.id(meta.urls["atom"])
    fg.title(x(meta.title))
    fg.subtitle(x(meta.description))
    fg.author({"name": x(meta.author), "uri": meta.author_url})
    fg.link(href=meta.urls[fmt], rel="self", type=MEDIA_TYPES[fmt])
    fg.link(href=meta.home_url, rel="alternate", type="text/html")  # last: feedgen makes it the RSS <link>
    fg.language(LANGUAGE)
    fg.generator("trackrecord")
    fg.updated(meta.updated)  # also RSS lastBuildDate, which feedgen would otherwise set to now
    for item in items:
        fe = fg.add_entry(order="append")
        fe.id(x(item.id))  # RSS guid with isPermaLink="false": a tag URI is not a page address
        fe.title(x(item.title))
        fe.link(href=item.url, rel="alternate", type="text/html")
        fe.published(item.published)
        fe.updated(item.updated)
        if item.summary:  # an empty <summary/> helps no reader
            # Atom's summary is text; RSS's <description> is read as HTML, so the plain text is escaped for it.
            fe.summary(x(item.summary) if fmt == "atom" else esc(item.summary))
        fe.content(x(item.content_html), type="html")
        for category in item.categories:
            fe.category(term=x(category.term), scheme=category.scheme)
        if item.author:
            fe.author({"name": x(item.author)})
    return fg


def atom_bytes(meta: FeedMeta, items: list[Item]) -> bytes:
    return bytes(_generator(meta, items, "atom").atom_str(pretty=True))


def rss_bytes(meta: FeedMeta, items: list[Item]) -> bytes:
    return bytes(_generator(meta, items, "rss").rss_str(pretty=True))


def _json_item(item: Item) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": item.id,
        "url": item.url,
        "title": item.title,
        "content_html": item.content_html,
        "date_published": item.published.isoformat(),
        "date_modified": item.updated.isoformat(),
    }
    if item.summary:
        out["summary"] = item.summary
    if item.categories:
        out["tags"] = [c.term for c in item.categories]
    if item.author:
        out["authors"] = [{"name": item.author}]
    return out


def json_bytes(meta: FeedMeta, items: list[Item]) -> bytes:
    document = {
        "version": JSON_FEED_VERSION,
        "title": meta.title,
        "home_page_url": meta.home_url,
        "feed_url": meta.urls["json"],
        "description": meta.description,
        "language": LANGUAGE,
        "authors": [{"name": meta.author, "url": meta.author_url}],
        "items": [_json_item(item) for item in items],
    }
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


WRITERS = {"atom": atom_bytes, "rss": rss_bytes, "json": json_bytes}
