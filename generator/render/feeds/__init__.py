"""Subscriber feeds: Atom 1.0, RSS 2.0 and JSON Feed 1.1 for the site, each company, rating and industry.

Plain Python; the MkDocs plugin calls `build_feeds` and writes the files, and includes
theme/partials/feed-links.html so every page links its feeds.
"""

from generator.render.feeds.build import DEFAULT_LIMIT, build_feeds
from generator.render.feeds.discovery import FeedLink, feed_links, page_feed_links
from generator.render.feeds.entries import feed_scopes
from generator.render.feeds.site import SITE_URL_REQUIRED, FeedConfigError

__all__ = [
    "DEFAULT_LIMIT",
    "SITE_URL_REQUIRED",
    "FeedConfigError",
    "FeedLink",
    "build_feeds",
    "feed_links",
    "feed_scopes",
    "page_feed_links",
]
