"""Offline checks in the spirit of the W3C Feed Validator, for the feeds tests.

The real validator is a web service (no network in CI), so this encodes the rules it enforces that our
feeds could plausibly break: RFC 4287 (Atom) required elements and formats, the RSS 2.0 channel and
item rules, JSON Feed 1.1's required keys, absolute links, unique ids, and safe HTML content.
Each check returns a list of problems; an empty list means the feed passed.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import json
import re
from typing import Any
from urllib.parse import urlsplit

import jsonschema
from bs4 import BeautifulSoup
from lxml import etree

ATOM = "{http://www.w3.org/2005/Atom}"
CONTENT_ENCODED = "{http://purl.org/rss/1.0/modules/content/}encoded"
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
# RFC 4151: tag:<DNS name or email>,<YYYY[-MM[-DD]]>:<specific>
TAG_URI = re.compile(r"^tag:[a-z0-9.-]+,\d{4}(-\d{2}(-\d{2})?)?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?%]+$")
RFC822 = re.compile(r"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) "
                    r"\d{4} \d{2}:\d{2}:\d{2} ([+-]\d{4}|GMT|UT)$")
UNSAFE_TAGS = ("script", "style", "iframe", "form", "object", "embed", "img", "svg", "math", "link", "meta", "base")
LINK_SCHEMES = ("http", "https", "mailto")

# The parts of JSON Feed 1.1 (https://jsonfeed.org/version/1.1) a reader relies on.
JSON_FEED_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["version", "title", "items"],
    "properties": {
        "version": {"const": "https://jsonfeed.org/version/1.1"},
        "title": {"type": "string", "minLength": 1},
        "home_page_url": {"type": "string"},
        "feed_url": {"type": "string"},
        "description": {"type": "string"},
        "language": {"type": "string"},
        "authors": {"type": "array", "items": {"$ref": "#/$defs/author"}},
        "items": {"type": "array", "items": {"$ref": "#/$defs/item"}},
    },
    "patternProperties": {"^_": {}},
    "additionalProperties": False,
    "$defs": {
        "author": {
            "type": "object",
            "properties": {"name": {"type": "string"}, "url": {"type": "string"}, "avatar": {"type": "string"}},
            "anyOf": [{"required": ["name"]}, {"required": ["url"]}, {"required": ["avatar"]}],
        },
        "item": {
            "type": "object",
            "required": ["id", "url", "content_html", "date_published"],
            "anyOf": [{"required": ["content_html"]}, {"required": ["content_text"]}],
            "properties": {
                "id": {"type": "string", "minLength": 1},
                "url": {"type": "string"},
                "external_url": {"type": "string"},
                "title": {"type": "string"},
                "summary": {"type": "string"},
                "content_html": {"type": "string"},
                "content_text": {"type": "string"},
                "date_published": {"type": "string", "pattern": RFC3339.pattern},
                "date_modified": {"type": "string", "pattern": RFC3339.pattern},
                "tags": {"type": "array", "items": {"type": "string"}},
                "authors": {"type": "array", "items": {"$ref": "#/$defs/author"}},
                "language": {"type": "string"},
            },
            "patternProperties": {"^_": {}},
            "additionalProperties": False,
        },
    },
}


def absolute_http(url: str | None) -> bool:
    if not url:
        return False
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.netloc) and not any(c.isspace() for c in url)


def valid_id(value: str | None) -> bool:
    """An Atom id / JSON Feed id we accept: a tag URI or an absolute http(s) URL."""
    return bool(value) and (bool(TAG_URI.match(value or "")) or absolute_http(value))


def html_problems(fragment: str, where: str) -> list[str]:
    """Content HTML must carry no active content and only absolute http(s) or mailto links."""
    problems = []
    soup = BeautifulSoup(fragment, "html.parser")
    for tag in soup.find_all(True):
        if tag.name in UNSAFE_TAGS:
            problems.append(f"{where}: unsafe <{tag.name}> in content")
        for attribute in tag.attrs:
            if attribute.lower().startswith("on") or attribute.lower() in ("style", "src", "srcdoc"):
                problems.append(f"{where}: unsafe attribute {attribute!r} on <{tag.name}>")
        href = tag.get("href")
        if isinstance(href, str):
            scheme = urlsplit(href).scheme
            if scheme not in LINK_SCHEMES or (scheme != "mailto" and not absolute_http(href)):
                problems.append(f"{where}: link {href!r} is not an absolute http(s) or mailto URL")
    return problems


def _parse_xml(data: bytes) -> tuple[etree._Element | None, list[str]]:
    if not data.startswith(b"<?xml version='1.0' encoding='UTF-8'?>") and not data.startswith(
        b'<?xml version="1.0" encoding="UTF-8"?>'
    ):
        return None, ["missing the XML declaration with UTF-8 encoding"]
    try:
        return etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True)), []
    except etree.XMLSyntaxError as exc:
        return None, [f"not well-formed XML: {exc}"]


def _rfc3339(text: str | None) -> dt.datetime | None:
    if not text or not RFC3339.match(text):
        return None
    return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))


def check_atom(data: bytes, self_url: str | None = None) -> list[str]:
    root, problems = _parse_xml(data)
    if root is None:
        return problems
    if root.tag != f"{ATOM}feed":
        return [f"root element is {root.tag}, not Atom's feed"]

    def one(parent: etree._Element, name: str, where: str) -> etree._Element | None:
        found = parent.findall(f"{ATOM}{name}")
        if len(found) != 1:
            problems.append(f"{where}: needs exactly one <{name}>, has {len(found)}")
            return None
        return found[0]

    feed_id = one(root, "id", "feed")
    if feed_id is not None and not valid_id(feed_id.text):
        problems.append(f"feed: id {feed_id.text!r} is not an absolute IRI")
    title = one(root, "title", "feed")
    if title is not None and not (title.text or "").strip():
        problems.append("feed: empty title")
    updated = one(root, "updated", "feed")
    feed_updated = _rfc3339(updated.text if updated is not None else None)
    if updated is not None and feed_updated is None:
        problems.append(f"feed: updated {updated.text!r} is not an RFC 3339 date-time")
    feed_author = root.find(f"{ATOM}author/{ATOM}name") is not None
    links = root.findall(f"{ATOM}link")
    selfs = [ln.get("href") for ln in links if ln.get("rel") == "self"]
    if len(selfs) != 1:
        problems.append("feed: needs one link rel=self (the validator recommends it)")
    elif self_url is not None and selfs[0] != self_url:
        problems.append(f"feed: self link {selfs[0]!r} is not where the feed lives ({self_url!r})")
    for ln in links:
        if not absolute_http(ln.get("href")):
            problems.append(f"feed: link {ln.get('href')!r} is not absolute")
    seen: set[str] = set()
    newest: dt.datetime | None = None
    for number, entry in enumerate(root.findall(f"{ATOM}entry"), start=1):
        where = f"entry {number}"
        entry_id = one(entry, "id", where)
        if entry_id is not None:
            if not valid_id(entry_id.text):
                problems.append(f"{where}: id {entry_id.text!r} is not a tag URI or absolute URL")
            if entry_id.text in seen:
                problems.append(f"{where}: duplicate id {entry_id.text!r}")
            seen.add(entry_id.text or "")
        entry_title = one(entry, "title", where)
        if entry_title is not None and not (entry_title.text or "").strip():
            problems.append(f"{where}: empty title")
        entry_updated = one(entry, "updated", where)
        changed = _rfc3339(entry_updated.text if entry_updated is not None else None)
        if entry_updated is not None and changed is None:
            problems.append(f"{where}: updated {entry_updated.text!r} is not RFC 3339")
        published = entry.find(f"{ATOM}published")
        if published is not None:
            first = _rfc3339(published.text)
            if first is None:
                problems.append(f"{where}: published {published.text!r} is not RFC 3339")
            elif changed is not None and first > changed:
                problems.append(f"{where}: published after updated")
        if changed is not None:
            newest = changed if newest is None or changed > newest else newest
        if not feed_author and entry.find(f"{ATOM}author/{ATOM}name") is None:
            problems.append(f"{where}: no author, and the feed has none")
        content = entry.find(f"{ATOM}content")
        entry_links = entry.findall(f"{ATOM}link")
        if content is None and not any(ln.get("rel", "alternate") == "alternate" for ln in entry_links):
            problems.append(f"{where}: neither content nor an alternate link")
        for ln in entry_links:
            if not absolute_http(ln.get("href")):
                problems.append(f"{where}: link {ln.get('href')!r} is not absolute")
        if content is not None:
            if content.get("type") == "html":
                if len(content):
                    problems.append(f"{where}: html content must be escaped text, not child elements")
                problems += html_problems(content.text or "", where)
            elif content.get("type") not in (None, "text", "xhtml"):
                problems.append(f"{where}: unexpected content type {content.get('type')!r}")
        for category in entry.findall(f"{ATOM}category"):
            if not (category.get("term") or "").strip():
                problems.append(f"{where}: category without a term")
    if newest is not None and feed_updated is not None and feed_updated < newest:
        problems.append("feed: updated is older than its newest entry")
    return problems


def check_rss(data: bytes, self_url: str | None = None) -> list[str]:
    root, problems = _parse_xml(data)
    if root is None:
        return problems
    if root.tag != "rss" or root.get("version") != "2.0":
        return ["root element is not <rss version='2.0'>"]
    channels = root.findall("channel")
    if len(channels) != 1:
        return [f"needs exactly one channel, has {len(channels)}"]
    channel = channels[0]
    for name in ("title", "link", "description"):
        if len(channel.findall(name)) != 1 or not (channel.findtext(name) or "").strip():
            problems.append(f"channel: needs one non-empty <{name}>")
    if not absolute_http(channel.findtext("link")):
        problems.append(f"channel: link {channel.findtext('link')!r} is not absolute")
    selfs = [ln.get("href") for ln in channel.findall(f"{ATOM}link") if ln.get("rel") == "self"]
    if len(selfs) != 1:
        problems.append("channel: missing atom:link rel=self (the validator recommends it)")
    elif self_url is not None and selfs[0] != self_url:
        problems.append(f"channel: self link {selfs[0]!r} is not where the feed lives ({self_url!r})")
    for name in ("lastBuildDate", "pubDate"):
        value = channel.findtext(name)
        if value is not None and not (RFC822.match(value) and email.utils.parsedate_to_datetime(value)):
            problems.append(f"channel: {name} {value!r} is not an RFC 822 date with a 4-digit year")
    seen: set[str] = set()
    for number, item in enumerate(channel.findall("item"), start=1):
        where = f"item {number}"
        if not (item.findtext("title") or item.findtext("description")):
            problems.append(f"{where}: needs a title or a description")
        link = item.findtext("link")
        if link is not None and not absolute_http(link):
            problems.append(f"{where}: link {link!r} is not absolute")
        guid = item.find("guid")
        if guid is None:
            problems.append(f"{where}: no guid (readers could not tell it from a changed item)")
        else:
            text = guid.text or ""
            permalink = guid.get("isPermaLink", "true")
            if permalink == "true" and not absolute_http(text):
                problems.append(f"{where}: guid {text!r} is a permalink but not an absolute URL")
            if text in seen:
                problems.append(f"{where}: duplicate guid {text!r}")
            seen.add(text)
        pub = item.findtext("pubDate")
        if pub is not None and not (RFC822.match(pub) and email.utils.parsedate_to_datetime(pub)):
            problems.append(f"{where}: pubDate {pub!r} is not an RFC 822 date with a 4-digit year")
        author = item.findtext("author")
        if author is not None and "@" not in author:
            problems.append(f"{where}: RSS author must be an email address")
        encoded = item.find(CONTENT_ENCODED)
        if encoded is not None:
            problems += html_problems(encoded.text or "", where)
    return problems


def check_json(data: bytes, self_url: str | None = None) -> list[str]:
    try:
        document = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        return [f"not UTF-8 JSON: {exc}"]
    problems = [
        f"{'/'.join(map(str, error.absolute_path)) or '(root)'}: {error.message}"
        for error in jsonschema.Draft202012Validator(JSON_FEED_SCHEMA).iter_errors(document)
    ]
    if problems:
        return problems
    for key in ("home_page_url", "feed_url"):
        if key in document and not absolute_http(document[key]):
            problems.append(f"{key} {document[key]!r} is not absolute")
    if self_url is not None and document.get("feed_url") != self_url:
        problems.append(f"feed_url {document.get('feed_url')!r} is not where the feed lives ({self_url!r})")
    seen: set[str] = set()
    for number, item in enumerate(document["items"], start=1):
        where = f"item {number}"
        if not valid_id(item["id"]):
            problems.append(f"{where}: id {item['id']!r} is not a tag URI or absolute URL")
        if item["id"] in seen:
            problems.append(f"{where}: duplicate id {item['id']!r}")
        seen.add(item["id"])
        if not absolute_http(item["url"]):
            problems.append(f"{where}: url {item['url']!r} is not absolute")
        problems += html_problems(item["content_html"], where)
    return problems


SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def check_sitemap(data: bytes, self_url: str | None = None) -> list[str]:
    """feeds/sitemap.xml, which Material for MkDocs fetches beside every <link rel="alternate">: a sitemaps.org
    urlset (the schema wants at least one <url>), only URLs under its own folder (the protocol's rule), and no
    xhtml:link alternates, so Material takes nothing on the site for a translation."""
    root, problems = _parse_xml(data)
    if root is None:
        return problems
    if root.tag != f"{SITEMAP}urlset":
        return [f"root element is {root.tag}, not a sitemaps.org urlset"]
    urls = root.findall(f"{SITEMAP}url")
    if not urls:
        problems.append("a urlset needs at least one <url>")
    folder = self_url.rsplit("/", 1)[0] + "/" if self_url else None
    for number, url in enumerate(urls, start=1):
        locs = url.findall(f"{SITEMAP}loc")
        loc = locs[0].text if len(locs) == 1 else None
        if not absolute_http(loc):
            problems.append(f"url {number}: needs one absolute <loc>, has {[x.text for x in locs]}")
        elif folder is not None and not (loc or "").startswith(folder):
            problems.append(f"url {number}: {loc!r} is outside the sitemap's folder {folder!r}")
    if root.findall(".//{http://www.w3.org/1999/xhtml}link") or root.findall(".//*[@rel='alternate']"):
        problems.append("names alternates, which Material would follow")
    return problems


# By the end of the file name: feeds/atom.xml, feeds/companies-acme.atom.xml, feeds/rating-ugly.feed.json, ...
CHECKS = {"sitemap.xml": check_sitemap, "atom.xml": check_atom, "rss.xml": check_rss, "feed.json": check_json}


def check_feed(path: str, data: bytes, self_url: str | None = None) -> list[str]:
    """Pick the check by how the file name ends (atom.xml, rss.xml, feed.json, or the feeds' sitemap.xml)."""
    check = next(check for suffix, check in CHECKS.items() if path.endswith(suffix))
    return [f"{path}: {problem}" for problem in check(data, self_url)]
