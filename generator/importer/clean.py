"""Sanitize what a feed says before it is stored.

feedparser cleans summaries, but lets encoded `javascript:` links through and leaves titles,
authors and links alone. Everything is cleaned again here: nh3 with an allow-list for HTML,
plain text for titles and authors, and a scheme check for every URL.
"""

from __future__ import annotations

import html
import re
from urllib.parse import quote, urlsplit

import nh3

SUMMARY_TEXT_LIMIT = 500  # characters of text; a post is shown as a link plus a teaser
SUMMARY_HTML_LIMIT = 2000  # what post.schema.json allows
TITLE_LIMIT = 300
AUTHOR_LIMIT = 200
URL_LIMIT = 2000

# XML 1.0 forbids most C0 controls, surrogates and U+FFFE/FFFF. DEL and the C1 controls are
# allowed by XML but refused by the YAML reader, and never belong in a post.
_FORBIDDEN = re.compile("[^\t\n\r\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_SPACES = re.compile(r"\s+")

_TAGS = {"a", "p", "br", "em", "strong", "b", "i", "ul", "ol", "li", "blockquote", "code", "pre"}
_ATTRIBUTES = {"a": {"href", "title"}}


def strip_forbidden(text: str) -> str:
    """Remove characters XML 1.0 forbids (and other controls a record never needs)."""
    return _FORBIDDEN.sub("", text)


def shorten(text: str, limit: int) -> str:
    """`text` cut at a word boundary to at most `limit` characters, with an ellipsis if cut."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:.-") + "…"


def plain_text(value: str, limit: int) -> str:
    """Any HTML or text as one line of plain text: tags and their scripts gone, entities decoded."""
    # Unescape first: feeds often escape markup twice, and a title is never meant to show tags.
    stripped = nh3.clean(html.unescape(strip_forbidden(value)), tags=set(), attributes={})
    text = _SPACES.sub(" ", strip_forbidden(html.unescape(stripped))).strip()
    return shorten(text, limit)


def safe_url(value: str | None) -> str | None:
    """The URL if it is an absolute http(s) address, else None."""
    if not value:
        return None
    url = strip_forbidden(value).strip()
    url = re.sub(r"\s", lambda m: quote(m.group(0)), url)
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname or len(url) > URL_LIMIT:
        return None
    return url


def _keep_safe_href(tag: str, attribute: str, value: str) -> str | None:
    if tag == "a" and attribute == "href":
        return safe_url(value)
    return value


def summary_html(value: str) -> str:
    """Sanitized HTML, short: kept as HTML when its text fits, else shortened plain text."""
    cleaned = nh3.clean(
        strip_forbidden(value),
        tags=_TAGS,
        attributes=_ATTRIBUTES,
        attribute_filter=_keep_safe_href,
        url_schemes={"http", "https"},
        link_rel="nofollow noopener noreferrer",
        strip_comments=True,
    )
    cleaned = _SPACES.sub(" ", cleaned).strip()  # a one-line teaser; feeds indent their markup
    text = plain_text(cleaned, 10 * SUMMARY_TEXT_LIMIT)
    if len(text) <= SUMMARY_TEXT_LIMIT and len(cleaned) <= SUMMARY_HTML_LIMIT:
        return cleaned
    limit = SUMMARY_TEXT_LIMIT
    while True:
        short = html.escape(shorten(text, limit), quote=False)
        if len(short) <= SUMMARY_HTML_LIMIT:
            return short
        limit -= 50
