"""Record text made safe for feeds: XML-legal characters, sanitized HTML, short plain summaries.

Records come from public pull requests and imported posts, so every value is treated as hostile.
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Callable
from typing import Any
from urllib.parse import urljoin, urlsplit

import nh3

from generator.markup import NH3_SETTINGS, URL_SCHEMES, render_markdown

# XML 1.0 forbids C0 controls other than tab, LF and CR, lone surrogates and U+FFFE/U+FFFF; the W3C
# validator also flags DEL, C1 controls and the U+FDD0..U+FDEF non-characters, so those go too.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]")
# Every href in nh3's output, which always double-quotes attribute values and escapes '"' inside them.
_HREF = re.compile(r'\shref="([^"]*)"')
_ABSOLUTE = ("https://", "http://", "mailto:")

SUMMARY_CHARS = 300
TITLE_CHARS = 300


def xml_safe(text: str) -> str:
    """Drop the characters XML 1.0 cannot carry, so one stray byte cannot break a whole feed."""
    return _NOT_XML.sub("", text)


def flatten(text: str) -> str:
    """XML-legal text on one line, its runs of whitespace made single spaces."""
    return " ".join(xml_safe(text).split())  # str.split() and re's \s agree on what whitespace is


def clip(flat: str, limit: int) -> str:
    """Text that is already flat, cut at a word boundary with an ellipsis when longer than `limit`."""
    if len(flat) <= limit:
        return flat
    cut = flat[: limit - 1]
    if " " in cut[limit // 2 :]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:.-") + "…"


def one_line(text: str, limit: int = TITLE_CHARS) -> str:
    """Plain text on one line, cut at a word boundary with an ellipsis when longer than `limit`."""
    return clip(flatten(text), limit)


def _link_filter(base: str) -> Callable[[str, str, str], str | None]:
    """Make every link absolute against `base` (feed readers have no page to resolve against) and keep
    only http, https and mailto, whatever nh3 also checks."""

    def keep(tag: str, attribute: str, value: str) -> str | None:
        if attribute != "href":
            return value
        if value.startswith(_ABSOLUTE):
            return value
        if not value.strip():  # what cmark leaves of a javascript: link; it would resolve to the page itself
            return None
        target = urljoin(base, value.strip())
        return target if urlsplit(target).scheme in URL_SCHEMES else None

    return keep


# One allow-list for pages and feeds (generator.markup): no images (a reader would fetch them from
# third parties), no forms, no script or style, no event handlers; only http, https and mailto links.
_SETTINGS: dict[str, Any] = {**NH3_SETTINGS, "clean_content_tags": {"script", "style"}}
# Built once: nh3.clean() converts its settings on every call, which costs more than cleaning a short text.
_CLEANER = nh3.Cleaner(**_SETTINGS)
_TEXT_ONLY = nh3.Cleaner(tags=set(), clean_content_tags={"script", "style"}, attributes={})


def _links_absolute(cleaned: str) -> bool:
    """True when every href in nh3's output is already absolute. Text that merely looks like an href can
    only make this False, which costs a second nh3 pass and never lets a relative link through."""
    return 'href="' not in cleaned or all(href.startswith(_ABSOLUTE) for href in _HREF.findall(cleaned))


def sanitize_html(fragment: str, base: str) -> str:
    """The allow-listed subset of `fragment`, with absolute links and XML-legal characters only."""
    cleaned = _CLEANER.clean(xml_safe(fragment))
    if not _links_absolute(cleaned):
        # Rare (records and imported posts mostly link absolutely): clean again, rewriting each link.
        cleaned = nh3.clean(cleaned, attribute_filter=_link_filter(base), **_SETTINGS)
    return xml_safe(cleaned)


@functools.lru_cache(maxsize=30_000)
def markdown_html(text: str, base: str) -> str:
    """Record Markdown as sanitized HTML with absolute links, rendered as on the site's pages (whose cache it
    shares). Each field is cleaned on its own, so an unclosed tag in one cannot swallow the next."""
    rendered = render_markdown(xml_safe(text))
    if _links_absolute(rendered):
        # render_markdown's output has been through nh3 with this same allow-list: a second pass could only
        # make links absolute, and none needs it.
        return xml_safe(rendered)
    return sanitize_html(rendered, base)


@functools.lru_cache(maxsize=30_000)
def plain_text(html_fragment: str) -> str:
    """The words of an HTML fragment, without any markup, on one line."""
    return flatten(html.unescape(_TEXT_ONLY.clean(html_fragment)))
