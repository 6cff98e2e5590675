"""Atom 1.0 and RSS 2.0 as lxml element trees, JSON Feed 1.1 through json. No string templates: lxml and json
do all the escaping.

lxml directly rather than feedgen (which builds lxml trees too): feedgen validates and rebuilds every entry
for every feed and format that holds it, about 40% of the feeds' build time at 10,000 incidents. Here each
entry's Atom element, RSS item and JSON object are built once per build (see FeedWriter).

Every date given here comes from the records, never from the clock, so two builds of the same records give
the same bytes.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import email.utils
import functools
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from lxml import etree

from generator.feeds.content import Category, Item
from generator.feeds.text import xml_safe as x

JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"
MEDIA_TYPES = {"atom": "application/atom+xml", "rss": "application/rss+xml", "json": "application/feed+json"}
FORMATS = ("atom", "rss", "json")
LANGUAGE = "en"
GENERATOR = "trackrecord"
RSS_DOCS = "https://www.rssboard.org/rss-specification"

ATOM_NS = "http://www.w3.org/2005/Atom"
CONTENT_NS = "http://purl.org/rss/1.0/modules/content/"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_A = f"{{{ATOM_NS}}}"


@dataclass(frozen=True, slots=True)
class FeedMeta:
    title: str
    description: str
    home_url: str  # the HTML page this feed follows
    urls: dict[str, str]  # format -> absolute URL of the feed file
    updated: dt.datetime
    author: str  # the site's name, the feed-level author Atom needs when entries have none
    author_url: str


@functools.lru_cache(maxsize=16_384)  # incidents share their midnights; format_datetime is slow
def rfc822(moment: dt.datetime) -> str:
    """RSS dates, e.g. 'Fri, 21 Feb 2025 00:00:00 +0000', whatever the process locale."""
    return email.utils.format_datetime(moment)


def _sub(parent: etree._Element, tag: str, text: str | None = None, **attributes: str) -> etree._Element:
    element = etree.SubElement(parent, tag, attributes)
    if text is not None:
        element.text = text
    return element


def _template(root: etree._Element, *children: tuple[str, dict[str, str]]) -> etree._Element:
    for tag, attributes in children:
        etree.SubElement(root, tag, attributes)
    return root


# An entry's fixed elements, copied as a whole (one C call) rather than made one by one: making a single
# element from Python costs about as much as copying all of them.
_ATOM_ENTRY = _template(
    etree.Element(f"{_A}entry", nsmap={None: ATOM_NS}),
    (f"{_A}id", {}), (f"{_A}title", {}), (f"{_A}updated", {}), (f"{_A}published", {}),
    (f"{_A}link", {"rel": "alternate", "type": "text/html"}), (f"{_A}summary", {}),
    (f"{_A}content", {"type": "html"}),
)
_ATOM_AUTHOR = _template(etree.Element(f"{_A}author", nsmap={None: ATOM_NS}), (f"{_A}name", {}))
_RSS_ITEM = _template(
    etree.Element("item", nsmap={"content": CONTENT_NS}),
    ("title", {}), ("link", {}), ("description", {}), (f"{{{CONTENT_NS}}}encoded", {}),
    ("guid", {"isPermaLink": "false"}),  # a tag URI is not a page address
    ("pubDate", {}),
)


# Categories repeat across entries (a rating, an industry, common tags), and copying a prepared element is
# faster than making one. The prepared ones are never put in a tree, only their copies.
@functools.lru_cache(maxsize=4096)
def _atom_category(term: str, scheme: str) -> etree._Element:
    return etree.Element(f"{_A}category", {"term": term, "scheme": scheme}, nsmap={None: ATOM_NS})


@functools.lru_cache(maxsize=4096)
def _rss_category(term: str, domain: str) -> etree._Element:
    category = etree.Element("category", {"domain": domain})
    category.text = term
    return category


def _atom_entry(item: Item) -> etree._Element:
    entry = _ATOM_ENTRY.__copy__()  # lxml copies are deep
    entry_id, title, updated, published, link, summary, content = entry
    entry_id.text = item.id
    title.text = item.title
    updated.text = item.updated.isoformat()
    published.text = item.published.isoformat()
    link.set("href", item.url)
    if item.summary:
        summary.text = item.summary
    else:  # an empty <summary/> helps no reader
        entry.remove(summary)
    content.text = item.content_html
    if item.author:
        author = _ATOM_AUTHOR.__copy__()
        author[0].text = item.author
        published.addnext(author)
    for category in item.categories:
        entry.append(_atom_category(category.term, category.scheme).__copy__())
    return entry


def _rss_item(item: Item) -> etree._Element:
    entry = _RSS_ITEM.__copy__()
    title, link, description, encoded, guid, published = entry
    title.text = item.title
    link.text = item.url
    if item.summary:
        description.text = item.summary
        encoded.text = item.content_html
    else:
        description.text = item.content_html
        entry.remove(encoded)
    guid.text = item.id
    published.text = rfc822(item.published)
    # No <author>: RSS wants an email address there, and posts' authors are names.
    for category in item.categories:
        entry.append(_rss_category(category.term, category.scheme).__copy__())
    return entry


def _xml_legal(item: Item) -> Item:
    categories = tuple(Category(x(c.term), x(c.scheme)) for c in item.categories)
    return dataclasses.replace(
        item, id=x(item.id), url=x(item.url), title=x(item.title), summary=x(item.summary),
        content_html=x(item.content_html), categories=categories, author=x(item.author) if item.author else None,
    )


def _built(build: Callable[[Item], etree._Element], item: Item) -> etree._Element:
    """content.py makes every text XML-legal; should one slip through, lxml's refusal must not cost the
    whole site its feeds."""
    try:
        return build(item)
    except ValueError:
        return build(_xml_legal(item))


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


def _xml_bytes(root: etree._Element) -> bytes:
    # Not pretty-printed: readers do not care, and it would cost a third more time and some bytes.
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))


class FeedWriter:
    """Writes the feeds of one build; `uses` says how many feeds hold each item (by id, unique in a build).

    Each item's Atom entry, RSS item and JSON object are built once. Until the last feed that holds the item,
    feeds get a copy of its element (lxml copies in C); the last one gets the element itself, and nothing
    here keeps it. lxml frees a tree only once none of its elements is referenced, so holding on to an
    element that sits in a written feed would keep that whole feed in memory.
    """

    def __init__(self, uses: Mapping[str, int]) -> None:
        self._left = {fmt: dict(uses) for fmt in FORMATS}
        self._elements: dict[str, dict[str, etree._Element]] = {"atom": {}, "rss": {}}
        self._json: dict[str, dict[str, Any]] = {}

    def _last_use(self, fmt: str, item_id: str) -> bool:
        left = self._left[fmt].get(item_id, 1) - 1
        self._left[fmt][item_id] = left
        return left <= 0

    def _element(self, fmt: str, item: Item, build: Callable[[Item], etree._Element]) -> etree._Element:
        built = self._elements[fmt]
        element = built.pop(item.id, None)
        if element is None:
            element = _built(build, item)
        if self._last_use(fmt, item.id):
            return element
        built[item.id] = element
        return element.__copy__()  # lxml copies are deep

    def write(self, fmt: str, meta: FeedMeta, items: list[Item]) -> bytes:
        if fmt == "atom":
            return self.atom(meta, items)
        if fmt == "rss":
            return self.rss(meta, items)
        return self.json(meta, items)

    def atom(self, meta: FeedMeta, items: list[Item]) -> bytes:
        feed = etree.Element(f"{_A}feed", {XML_LANG: LANGUAGE}, nsmap={None: ATOM_NS})
        _sub(feed, f"{_A}id", meta.urls["atom"])
        _sub(feed, f"{_A}title", x(meta.title))
        _sub(feed, f"{_A}updated", meta.updated.isoformat())
        author = _sub(feed, f"{_A}author")
        _sub(author, f"{_A}name", x(meta.author))
        _sub(author, f"{_A}uri", meta.author_url)
        _sub(feed, f"{_A}link", href=meta.urls["atom"], rel="self", type=MEDIA_TYPES["atom"])
        _sub(feed, f"{_A}link", href=meta.home_url, rel="alternate", type="text/html")
        _sub(feed, f"{_A}generator", GENERATOR)
        _sub(feed, f"{_A}subtitle", x(meta.description))
        for item in items:
            feed.append(self._element("atom", item, _atom_entry))
        return _xml_bytes(feed)

    def rss(self, meta: FeedMeta, items: list[Item]) -> bytes:
        rss = etree.Element("rss", {"version": "2.0"}, nsmap={"atom": ATOM_NS, "content": CONTENT_NS})
        channel = _sub(rss, "channel")
        _sub(channel, "title", x(meta.title))
        _sub(channel, "link", meta.home_url)
        _sub(channel, "description", x(meta.description))
        _sub(channel, f"{_A}link", href=meta.urls["rss"], rel="self", type=MEDIA_TYPES["rss"])
        _sub(channel, "docs", RSS_DOCS)
        _sub(channel, "generator", GENERATOR)
        _sub(channel, "language", LANGUAGE)
        _sub(channel, "lastBuildDate", rfc822(meta.updated))
        for item in items:
            channel.append(self._element("rss", item, _rss_item))
        return _xml_bytes(rss)

    def json(self, meta: FeedMeta, items: list[Item]) -> bytes:
        entries = []
        for item in items:
            entry = self._json.pop(item.id, None) or _json_item(item)
            if not self._last_use("json", item.id):
                self._json[item.id] = entry
            entries.append(entry)
        document = {
            "version": JSON_FEED_VERSION,
            "title": meta.title,
            "home_page_url": meta.home_url,
            "feed_url": meta.urls["json"],
            "description": meta.description,
            "language": LANGUAGE,
            "authors": [{"name": meta.author, "url": meta.author_url}],
            "items": entries,
        }
        # No indent: json's C encoder only runs without one, and it is several times faster.
        return (json.dumps(document, ensure_ascii=False) + "\n").encode("utf-8")
