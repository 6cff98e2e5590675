"""Safe HTML from hostile text: escaping, sanitized Markdown and relative links.

Record text arrives through public pull requests and feeds. MkDocs' Jinja has no autoescape
and Markdown passes raw HTML through, so every value is escaped here or sanitized by nh3.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache
from typing import Any

import cmarkgfm
import nh3

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "dd", "del", "dl", "dt", "em", "h3", "h4",
    "h5", "h6", "hr", "i", "li", "ol", "p", "pre", "q", "s", "strong", "sub", "sup", "table",
    "tbody", "td", "th", "thead", "tr", "ul",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "td": {"align"}, "th": {"align"}}
URL_SCHEMES = {"http", "https", "mailto"}
# XML 1.0 forbids these; they also have no business in a web page.
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


def strip_control(text: str) -> str:
    return _FORBIDDEN.sub("", text)


def esc(value: object) -> str:
    """Escape any value for HTML text or a quoted attribute."""
    return html.escape(strip_control(str(value)), quote=True)


# The one allow-list for pages and feeds, built into a cleaner once: nh3.clean() converts its
# settings on every call, which costs more than cleaning a short text.
NH3_SETTINGS: dict[str, Any] = {
    "tags": ALLOWED_TAGS,
    "attributes": ALLOWED_ATTRIBUTES,
    "url_schemes": URL_SCHEMES,
    "link_rel": "nofollow noopener noreferrer",
    "strip_comments": True,
}
_CLEANER = nh3.Cleaner(**NH3_SETTINGS)


def clean_html(fragment: str) -> str:
    return _CLEANER.clean(strip_control(fragment))


@lru_cache(maxsize=65536)
def render_markdown(text: str) -> str:
    """Record Markdown to sanitized HTML. Headings are demoted so a record cannot add an h1/h2.

    cmark-gfm renders what writers see on GitHub, about fifty times faster than Python-Markdown
    (which matters at tens of thousands of texts), and already drops raw HTML and dangerous
    links in its default safe mode; nh3's allow-list then has the last word. Cached because a
    record's text appears on its page, its company's feeds and the site's feeds.
    """
    rendered = cmarkgfm.github_flavored_markdown_to_html(strip_control(text))
    rendered = re.sub(r"<(/?)h[12]\b", r"<\1h3", rendered)
    return clean_html(rendered)


def rel(from_url: str, to_url: str) -> str:
    """A link from the page at directory URL `from_url` to `to_url` (both relative to the site root).

    Plain string work: posixpath.relpath asks the OS for the working directory on every call,
    which made it a tenth of page generation at 10,000 incidents."""
    here = [part for part in from_url.split("/") if part]
    there = [part for part in to_url.split("/") if part]
    common = 0
    for a, b in zip(here, there, strict=False):
        if a != b:
            break
        common += 1
    parts = [".."] * (len(here) - common) + there[common:]
    path = "/".join(parts) or "."
    if (to_url == "" or to_url.endswith("/")) and not path.endswith("/"):
        path += "/"
    return path


def link(from_url: str, to_url: str, text: str, cls: str | None = None) -> str:
    attr = f' class="{esc(cls)}"' if cls else ""
    return f'<a href="{esc(rel(from_url, to_url))}"{attr}>{esc(text)}</a>'
