"""The one door for hostile text: escaping, sanitized HTML and Markdown, plain text, safe links.

Records arrive through public pull requests and posts from strangers' feeds. MkDocs' Jinja has no
autoescape and Markdown passes raw HTML through, so every piece of record text that reaches a page
or a feed is escaped here (`esc`) or sanitized here by one nh3 allow-list (`clean_html`,
`render_markdown`, `markdown_html`), and nowhere else. The plain-text helpers the importer, the
issue intake and the feeds need live here too, so there is one rule for each.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable
from functools import lru_cache
from typing import Any
from urllib.parse import quote, urljoin, urlsplit

import cmarkgfm
import nh3

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "dd", "del", "dl", "dt", "em", "h3", "h4",
    "h5", "h6", "hr", "i", "li", "ol", "p", "pre", "q", "s", "strong", "sub", "sup", "table",
    "tbody", "td", "th", "thead", "tr", "ul",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "td": {"align"}, "th": {"align"}}
URL_SCHEMES = {"http", "https", "mailto"}
EXTERNAL_REL = "nofollow noopener noreferrer"
URL_LIMIT = 2000  # what the schemas allow

# What no record needs, XML 1.0 cannot carry (one stray byte would break a whole feed) or the W3C
# validator flags: C0 controls but tab, LF and CR; DEL and the C1 controls; lone surrogates; the
# byte-order mark; the U+FDD0..U+FDEF non-characters and U+FFFE/U+FFFF.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufeff\ufffe\uffff]")
# Every href in nh3's output, which always double-quotes attribute values and escapes '"' inside them.
_HREF = re.compile(r'\shref="([^"]*)"')
# Every <a> start tag in nh3's output (its attribute values are double-quoted, so `[^"]*` holds them),
# and the rel it adds to each: a literal ' rel="..."' cannot occur inside a value, whose '"' is &quot;.
_A_TAG = re.compile(r'<a((?:\s[a-z-]+="[^"]*")*)>')
_LINK_REL = f' rel="{EXTERNAL_REL}"'
# What a URL cannot hold as it is (the Nu checker calls each an illegal character): percent-encoded in
# an href, as a browser would before requesting it. '[' and ']' only after the host, where an IPv6
# address has none; a '%' that starts no %XX triplet becomes %25.
_NOT_IN_URL = re.compile(r'[\s"<>\\^`{|}\[\]]|%(?![0-9A-Fa-f]{2})')
_ABSOLUTE = ("https://", "http://", "mailto:")
_CMARK_OPTIONS = cmarkgfm.cmark.Options.CMARK_OPT_UNSAFE | cmarkgfm.cmark.Options.CMARK_OPT_GITHUB_PRE_LANG
# GitHub's, but for tagfilter: it escapes <script> and the like into visible text, where nh3 removes them.
_GFM_EXTENSIONS = ["table", "autolink", "strikethrough", "tasklist"]
_HEADING = re.compile(r"<(/?)h[12]\b")
_BLOCK_END = re.compile(r"</(?:p|li|h[1-6]|blockquote|pre|dd|dt|td|th|tr|div|ul|ol|table)\s*>|<br\s*/?>", re.IGNORECASE)
_EMPTY_BRACKETS = re.compile(r"\(\s*\)|<\s*>|\[\s*\]")  # what held an address that is gone
_ENCLOSING = ("()", "<>", "[]", '""', "''")
# local@domain: the domain needs no dot (dana@localhost, root@intranet) and may be an address literal.
_EMAIL = re.compile(r"(?:mailto:)?[^\s<>()\[\],;:\"@]+@(?:[^\s<>()\[\],;:\"@]+|\[[^\]\s]*\])")


def strip_control(text: str) -> str:
    return _CONTROL.sub("", text)


def esc(value: object) -> str:
    """Escape any value for HTML text or a quoted attribute."""
    return html.escape(strip_control(str(value)), quote=True)


def clip(text: str, limit: int) -> str:
    """One-line text cut at a word boundary, with an ellipsis, when longer than `limit`."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut[limit // 2 :]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:.-") + "…"


def one_line(text: str, limit: int | None = None) -> str:
    """Text on one line, without control characters, runs of whitespace made single spaces; clipped
    at a word boundary when `limit` is given."""
    flat = " ".join(strip_control(text).split())  # str.split() and re's \s agree on what whitespace is
    return flat if limit is None else clip(flat, limit)


# The one allow-list for pages, feeds and imported posts: no images (a reader would fetch them from
# third parties), no forms, no script or style (nh3 drops their content too), no event handlers,
# only http, https and mailto links. Built into a cleaner once: nh3.clean() converts its settings
# on every call, which costs more than cleaning a short text.
NH3_SETTINGS: dict[str, Any] = {
    "tags": ALLOWED_TAGS,
    "attributes": ALLOWED_ATTRIBUTES,
    "url_schemes": URL_SCHEMES,
    "link_rel": EXTERNAL_REL,
    "strip_comments": True,
    "clean_content_tags": {"script", "style"},
}
_CLEANER = nh3.Cleaner(**NH3_SETTINGS)
_TEXT_ONLY = nh3.Cleaner(tags=set(), clean_content_tags={"script", "style"}, attributes={})


def _absolute_links(base: str) -> Callable[[str, str, str], str | None]:
    """Resolve every link against `base` (a feed reader or an imported post has no page of ours to
    resolve against) and keep only http, https and mailto, whatever nh3 also checks."""

    def keep(tag: str, attribute: str, value: str) -> str | None:
        if attribute != "href" or value.startswith(_ABSOLUTE):
            return value
        if not value.strip():  # what cmark leaves of a javascript: link; it would resolve to the page itself
            return None
        target = urljoin(base, value.strip())
        return target if urlsplit(target).scheme in URL_SCHEMES else None

    return keep


def _links_absolute(cleaned: str) -> bool:
    """True when every href in nh3's output is already absolute. Text that merely looks like an href can
    only make this False, which costs a second nh3 pass and never lets a relative link through."""
    return 'href="' not in cleaned or all(href.startswith(_ABSOLUTE) for href in _HREF.findall(cleaned))


def _rel_only_with_href(match: re.Match[str]) -> str:
    attributes = match.group(1)
    return match.group(0) if ' href="' in attributes else "<a" + attributes.replace(_LINK_REL, "") + ">"


def clean_html(fragment: str, base: str | None = None) -> str:
    """The allow-listed subset of an HTML fragment. With `base`, every link is made absolute against it.
    An <a> whose address nh3 dropped (javascript:...) keeps its words but not the `rel` nh3 adds to
    every <a>: HTML allows `rel` only on a link with an href."""
    cleaned = strip_control(_CLEANER.clean(strip_control(fragment)))  # nh3 decodes references like &#1;
    if base is not None and not _links_absolute(cleaned):
        # Rare (records and imported posts mostly link absolutely): clean again, rewriting each link.
        cleaned = strip_control(nh3.clean(cleaned, attribute_filter=_absolute_links(base), **NH3_SETTINGS))
    return _A_TAG.sub(_rel_only_with_href, cleaned) if "<a " in cleaned else cleaned


@lru_cache(maxsize=65536)
def render_markdown(text: str) -> str:
    """Record Markdown to sanitized HTML. Headings are demoted so a record cannot add an h1/h2.

    cmark-gfm renders what writers see on GitHub, about fifty times faster than Python-Markdown
    (which matters at tens of thousands of texts). It hands raw HTML on (its safe mode would drop a
    whole HTML block, the writer's words in it too) and nh3's allow-list alone decides what stays:
    `<p onclick=...>words</p>` keeps its words and loses its handler; script and style go with their
    content. Cached because a record's text appears on its page, its company's feeds and the site's feeds.
    """
    rendered = cmarkgfm.markdown_to_html_with_extensions(strip_control(text), options=_CMARK_OPTIONS,
                                                         extensions=_GFM_EXTENSIONS)
    return clean_html(_HEADING.sub(r"<\1h3", rendered))


@lru_cache(maxsize=30_000)
def markdown_html(text: str, base: str) -> str:
    """Record Markdown as on the site's pages (whose cache it shares), with every link absolute, for feeds.
    Each field is cleaned on its own, so an unclosed tag in one cannot swallow the next."""
    rendered = render_markdown(text)
    # render_markdown's output has been through the same allow-list: only relative links need more.
    return rendered if _links_absolute(rendered) else clean_html(rendered, base)


def plain_text(fragment: str, limit: int | None = None) -> str:
    """The words of an HTML fragment on one line: no markup, no script or style text, entities decoded.
    A space after each block keeps "</p><p>" from running two sentences together."""
    spaced = _BLOCK_END.sub(r"\g<0> ", strip_control(fragment))
    return one_line(html.unescape(_TEXT_ONLY.clean(spaced)), limit)


# The elements of HTML (current and obsolete). A feed's title or author may hold some; a '<' that
# opens none of them ("<P&G>", "<Enter>", "1 < 2") is a character of the text, not a tag.
_ELEMENTS = frozenset({
    "a", "abbr", "acronym", "address", "applet", "area", "article", "aside", "audio", "b", "base", "basefont",
    "bdi", "bdo", "big", "blink", "blockquote", "body", "br", "button", "canvas", "caption", "center", "cite",
    "code", "col", "colgroup", "data", "datalist", "dd", "del", "details", "dfn", "dialog", "dir", "div", "dl",
    "dt", "em", "embed", "fieldset", "figcaption", "figure", "font", "footer", "form", "frame", "frameset", "h1",
    "h2", "h3", "h4", "h5", "h6", "head", "header", "hgroup", "hr", "html", "i", "iframe", "img", "input", "ins",
    "kbd", "label", "legend", "li", "link", "main", "map", "mark", "marquee", "math", "menu", "meta", "meter",
    "nav", "nobr", "noembed", "noframes", "noscript", "object", "ol", "optgroup", "option", "output", "p", "param",
    "picture", "plaintext", "pre", "progress", "q", "rp", "rt", "ruby", "s", "samp", "script", "search", "section",
    "select", "slot", "small", "source", "span", "strike", "strong", "style", "sub", "summary", "sup", "svg",
    "table", "tbody", "td", "template", "textarea", "tfoot", "th", "thead", "time", "title", "tr", "track", "tt",
    "u", "ul", "var", "video", "wbr", "xmp",
})
_NOT_A_TAG = re.compile(r"<(?!!--|/?(?:" + "|".join(sorted(_ELEMENTS)) + r")(?=[\s/>]|$))", re.IGNORECASE)


def loose_text(text: str, limit: int | None = None) -> str:
    """The words of text that may or may not be HTML (a feed's title or author), on one line: the
    tags of HTML elements go, every other '<' stays a character, entities are decoded."""
    return plain_text(_NOT_A_TAG.sub("&lt;", text), limit)


def safe_url(value: str | None) -> str | None:
    """The URL when it is an absolute http(s) address with a host, else None. Whitespace is percent-encoded."""
    if not value:
        return None
    url = re.sub(r"\s", lambda m: quote(m.group(0)), strip_control(value).strip())
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not host or len(url) > URL_LIMIT:
        return None
    return url


def href_url(url: str) -> str:
    """An absolute URL as valid href text: what a URL cannot hold after its host, percent-encoded."""
    scheme, sep, rest = url.partition("://")
    host_end = min((i for i in (rest.find(c) for c in "/?#") if i >= 0), default=len(rest))
    return scheme + sep + rest[:host_end] + _NOT_IN_URL.sub(lambda m: quote(m.group(0)), rest[host_end:])


def external_link(url: str | None, text: str, cls: str | None = None) -> str:
    """A link out of the site; only the escaped text when the address is not http(s)."""
    target = safe_url(url)
    if target is None:
        return esc(text)
    target = href_url(target)
    attr = f' class="{esc(cls)}"' if cls else ""
    return f'<a href="{esc(target)}"{attr} rel="{EXTERNAL_REL}">{esc(text)}</a>'


def person_name(author: str | None) -> str | None:
    """An author's name without any email address: feeds often give `someone@host (Name)` or
    `"Name" <someone@host>`, and the site never publishes a person's address. None when only an address."""
    if not author:
        return None
    name = one_line(_EMPTY_BRACKETS.sub(" ", _EMAIL.sub(" ", strip_control(author))))
    if len(name) > 1 and name[0] + name[-1] in _ENCLOSING:
        name = name[1:-1].strip()
    return re.sub(r"\s+(?=[,;:])", "", name).strip(" ,;:") or None


def slugify(text: str, limit: int = 60, fallback: str = "incident") -> str:
    """Lower-case letters and digits joined by single hyphens, at most `limit` characters."""
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return slug[:limit].rstrip("-") or fallback


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


# Inside <script> the HTML parser ends the element at "</script" and treats "<!--" specially, and
# "&" would matter were the block ever read as HTML: JSON's \u escapes keep the same data.
_SCRIPT_JSON = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})


def script_json(value: Any) -> str:
    """JSON for a <script type="application/ld+json"> block: record text cannot close the script."""
    return json.dumps(value, ensure_ascii=False, sort_keys=False).translate(_SCRIPT_JSON)
