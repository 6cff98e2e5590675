"""Which entries each feed holds, and their stable identity and dates.

Design: one entry per incident. A timeline update, a rating change or a company reply does not add
an entry; it moves the incident's `updated` date (Atom `updated`, JSON Feed `date_modified`) and
the entry's title and content show the current state, while its id stays the same. Readers that
track updates show it as changed; none see a duplicate. Company feeds also hold the imported posts
that mention the company. Posts with neither a published nor an updated date cannot be placed in
time and are left out of feeds.

Ids are tag URIs built only from the record's file name (RFC 4151), so they never change from one
build to the next; dates come only from the records, never from the clock.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from collections import defaultdict
from dataclasses import dataclass
from urllib.parse import quote

from generator.model import RATINGS, Corpus, Incident, Post
from generator.render import urls
from generator.render.feeds.site import Site
from generator.render.text_safety import strip_control

SITE_SCOPE = ""
# Before any record could exist: the feed date of an empty corpus, fixed so that output never depends on when it ran.
EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
# Characters a URI may hold as they are (RFC 3986 reserved and unreserved, and % for escapes already made).
_URI_CHARS = ":/?#[]@!$&'()*+,;=%~-._"
_DATE_PREFIX = re.compile(r"^\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True, slots=True)
class Entry:
    id: str
    url: str
    published: dt.datetime
    updated: dt.datetime
    scopes: tuple[str, ...]
    source: Incident | Post


def midnight(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)


def company_scope(slug: str) -> str:
    return f"companies/{slug}"


def rating_scope(rating: str) -> str:
    return f"rating/{rating}"


def industry_scope(industry: str) -> str:
    return f"industry/{industry}"


def incident_id(site: Site, item: Incident) -> str:
    # The file name starts with the incident's date and never changes; the `date` field might be corrected.
    match = _DATE_PREFIX.match(item.slug)
    day = match.group(0) if match else item.date.isoformat()
    return site.tag(day, f"incidents/{item.company}/{item.slug}")


def incident_entry(site: Site, corpus: Corpus, item: Incident) -> Entry:
    scopes = [SITE_SCOPE, company_scope(item.company), rating_scope(item.rating)]
    company = corpus.companies.get(item.company)
    if company is not None and company.industry:
        scopes.append(industry_scope(company.industry))
    return Entry(
        id=incident_id(site, item),
        url=site.url(urls.incident(item)),
        published=midnight(item.date),
        updated=midnight(item.updated),
        scopes=tuple(scopes),
        source=item,
    )


def _aware(moment: dt.datetime) -> dt.datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def _safe_link(link: str) -> str | None:
    """An imported post's address as a valid URI, or None when it is not http(s)."""
    text = quote(strip_control(link).strip(), safe=_URI_CHARS)
    return text if text.startswith(("https://", "http://")) and len(text) <= 2000 else None


def post_entry(site: Site, corpus: Corpus, post: Post) -> Entry | None:
    """A post in the feeds of the companies it mentions; None when it has no date or no known company."""
    stamps = [_aware(m).astimezone(dt.UTC) for m in (post.published, post.updated) if m is not None]
    scopes = tuple(company_scope(slug) for slug in dict.fromkeys(post.companies) if slug in corpus.companies)
    if not stamps or not scopes:
        return None
    published = stamps[0]
    stem = posixpath.splitext(posixpath.basename(post.path))[0] or "post"  # pathlib is slow here
    link = _safe_link(post.link) or site.url(urls.posts())
    return Entry(
        id=site.tag(published.date().isoformat(), f"posts/{post.feed}/{stem}"),
        url=link,
        published=published,
        updated=max(stamps),
        scopes=scopes,
        source=post,
    )


def newest_first(entries: list[Entry]) -> list[Entry]:
    """By last change, then first publication, then id: a total order, so output never shuffles."""
    return sorted(entries, key=lambda e: (e.updated, e.published, e.id), reverse=True)


def collect(corpus: Corpus, site: Site) -> list[Entry]:
    """Every entry any feed can hold, newest first, one per id."""
    found: dict[str, Entry] = {}
    for item in corpus.incidents:
        entry = incident_entry(site, corpus, item)
        found.setdefault(entry.id, entry)
    for post in corpus.posts:
        maybe = post_entry(site, corpus, post)
        if maybe is not None:
            found.setdefault(maybe.id, maybe)
    return newest_first(list(found.values()))


def feed_scopes(corpus: Corpus) -> list[str]:
    """The site, every company (its page always links its feeds, so they exist even when empty), and each
    rating and industry that has at least one incident, in a stable order."""
    ratings = {item.rating for item in corpus.incidents}
    industries = set()
    for item in corpus.incidents:
        company = corpus.companies.get(item.company)
        if company is not None and company.industry:
            industries.add(company.industry)
    return [
        SITE_SCOPE,
        *(company_scope(slug) for slug in sorted(corpus.companies)),
        *(rating_scope(r) for r in RATINGS if r in ratings),
        *(industry_scope(i) for i in sorted(industries)),
    ]


def by_scope(entries: list[Entry], scopes: list[str], limit: int) -> dict[str, list[Entry]]:
    """The newest `limit` entries of each scope, keeping the newest-first order of `entries`."""
    chosen: dict[str, list[Entry]] = defaultdict(list)
    wanted = set(scopes)
    for entry in entries:
        for scope in entry.scopes:
            if scope in wanted and len(chosen[scope]) < limit:
                chosen[scope].append(entry)
    return {scope: chosen.get(scope, []) for scope in scopes}
