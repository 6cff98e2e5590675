"""Every feed of the site, and feeds/sitemap.xml, as bytes keyed by their path under the site root."""

from __future__ import annotations

from collections import Counter

from lxml import etree

from generator.model import Corpus
from generator.render import urls
from generator.render.feeds import scopes
from generator.render.feeds.content import Item, Renderer
from generator.render.feeds.entries import EPOCH, by_scope, collect, feed_scopes
from generator.render.feeds.site import Site
from generator.render.feeds.writer import WRITERS, FeedMeta

DEFAULT_LIMIT = 50
SITEMAP = "feeds/sitemap.xml"  # beside the feeds, which urls.feed puts directly in feeds/
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"


def feeds_sitemap(site: Site) -> bytes:
    """Material for MkDocs takes every <link rel="alternate"> for a translation of the page and fetches
    sitemap.xml beside its href to find the other languages; the feed links would make every page log a 404
    for feeds/sitemap.xml. This file answers instead and names no alternates, so Material maps nothing.
    sitemaps.org's schema wants at least one <url>, and a sitemap may only list URLs under its own folder,
    so it lists the site-wide Atom feed."""
    urlset = etree.Element(f"{{{SITEMAP_NS}}}urlset", nsmap={None: SITEMAP_NS})
    url = etree.SubElement(urlset, f"{{{SITEMAP_NS}}}url")
    etree.SubElement(url, f"{{{SITEMAP_NS}}}loc").text = site.url(urls.feed("", "atom"))
    return bytes(etree.tostring(urlset, xml_declaration=True, encoding="UTF-8"))


def build_feeds(
    corpus: Corpus, site_url: str | None, *, limit: int = DEFAULT_LIMIT, site_name: str = "trackrecord"
) -> dict[str, bytes]:
    """Atom, RSS and JSON Feed files for the site, each company, and each rating and industry with incidents,
    and feeds/sitemap.xml (see feeds_sitemap).

    Raises FeedConfigError when site_url is missing or not an absolute http(s) URL.
    """
    if limit < 1:
        raise ValueError(f"feed limit must be at least 1, got {limit}")
    site = Site.from_url(site_url, site_name)
    entries = collect(corpus, site)
    # An empty feed still needs a date; the corpus's newest change keeps it independent of the clock.
    newest = entries[0].updated if entries else EPOCH
    chosen = by_scope(entries, feed_scopes(corpus), limit)
    # An entry sits in up to four feeds (site, company, rating, industry). It is rendered once and dropped
    # after the last feed that holds it, to bound memory.
    uses = Counter(entry.id for members in chosen.values() for entry in members)
    renderer = Renderer(site, corpus)
    rendered: dict[str, Item] = {}
    out: dict[str, bytes] = {SITEMAP: feeds_sitemap(site)}
    for scope, members in chosen.items():
        items = [rendered.get(e.id) or rendered.setdefault(e.id, renderer.render(e)) for e in members]
        meta = FeedMeta(
            title=scopes.title(corpus, scope, site_name),
            description=scopes.description(corpus, scope, site_name),
            home_url=site.url(scopes.home_path(scope)),
            urls={fmt: site.url(urls.feed(scope, fmt)) for fmt in WRITERS},
            updated=items[0].updated if items else newest,
            author=site_name,
            author_url=site.base,
        )
        for fmt, write in WRITERS.items():
            out[urls.feed(scope, fmt)] = write(meta, items)
        for entry in members:
            uses[entry.id] -= 1
            if not uses[entry.id]:
                del rendered[entry.id]
    return out
