"""The `<link rel="alternate">` data a page needs so that feed readers find its feeds.

theme/partials/feed-links.html does the same in Jinja for every page; this module is for Python
callers (visible subscribe links, tests) and is the reference the partial is tested against.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.model import Corpus
from generator.render import urls
from generator.render.feeds import scopes
from generator.render.feeds.site import Site
from generator.render.feeds.writer import MEDIA_TYPES

FORMATS = ("atom", "rss", "json")
FORMAT_NAMES = {"atom": "Atom", "rss": "RSS", "json": "JSON Feed"}


@dataclass(frozen=True, slots=True)
class FeedLink:
    scope: str
    fmt: str  # atom, rss or json
    type: str  # the media type for <link type>
    path: str  # relative to the site root
    href: str  # absolute
    title: str


def feed_links(
    site_url: str, scope: str = "", corpus: Corpus | None = None, *, site_name: str = "trackrecord",
    label: str | None = None,
) -> list[FeedLink]:
    """The three feeds of one scope, titled '<site>: <label> (<format>)'; the label defaults to the scope's
    name (the company's name when `corpus` is given). Raises FeedConfigError without a usable site_url and
    ValueError for a malformed scope."""
    if not scopes.is_scope(scope):
        raise ValueError(f"not a feed scope: {scope!r} (expected '', companies/<slug>, rating/<r> or industry/<i>)")
    site = Site.from_url(site_url, "")
    name = label or scopes.label(corpus, scope)
    return [
        FeedLink(scope, fmt, MEDIA_TYPES[fmt], urls.feed(scope, fmt), site.url(urls.feed(scope, fmt)),
                 f"{site_name}: {name} ({FORMAT_NAMES[fmt]})")
        for fmt in FORMATS
    ]


def page_feed_links(
    site_url: str, scope: str | None = None, corpus: Corpus | None = None, *, site_name: str = "trackrecord",
    label: str | None = None,
) -> list[FeedLink]:
    """What a page links: the site-wide feeds always, then its own scope's feeds if it has one."""
    links = feed_links(site_url, "", corpus, site_name=site_name)
    if scope:
        links += feed_links(site_url, scope, corpus, site_name=site_name, label=label)
    return links
