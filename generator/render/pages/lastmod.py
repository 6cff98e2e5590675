"""The day each generated page last changed, from the records' own dates, for the sitemap's `lastmod`.

A page shows records; it changes when one of them gets a new date (an update, a reply, a correction,
a withdrawal) or a new record joins it. Not seen: an incident whose rating changed leaves its old
rating's listing on a day no record gives. So its day is the latest date among the records it draws on,
and two builds of unchanged records give the same day, unlike the build date MkDocs would put there.
Hand-written pages get none: nothing in the records says when they changed.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable, Mapping, Sequence

from generator.model import Incident, Post
from generator.render.pages.page import INDEX, PageGroup, listing_groups
from generator.scoring.catalog import Catalog, ancestors, incident_dates


def incident_day(item: Incident) -> dt.date:
    """Its latest date: an update, a reply, a correction, when it was raised, answered, resolved or withdrawn."""
    days = list(incident_dates(item))
    if item.withdrawn is not None:
        days.append(item.withdrawn.date)
    return max(days)


def post_day(post: Post) -> dt.date | None:
    moments = [m for m in (post.published, post.updated) if m is not None]
    return max(m.date() for m in moments) if moments else None


class RecordDays:
    """Each record's day, by the record object. A catalog's pages ask a listing's or the site's day over
    thousands of records; kept while serving, only the records an edit made anew are worked out again."""

    def __init__(self) -> None:
        self._days: dict[int, tuple[Incident | Post, dt.date | None]] = {}  # the record keeps its id taken

    def of(self, incidents: Iterable[Incident], posts: Iterable[Post] = ()) -> list[dt.date]:
        days = self._days
        out: list[dt.date] = []
        records: Iterable[Incident | Post] = itertools.chain(incidents, posts)
        for record in records:
            known = days.get(id(record))
            if known is None or known[0] is not record:
                day = incident_day(record) if isinstance(record, Incident) else post_day(record)
                known = days[id(record)] = (record, day)
            if known[1] is not None:
                out.append(known[1])
        return out

    def keep_at_most(self, records: int) -> None:
        """Forget the records edits replaced once they outnumber the live ones."""
        if len(self._days) > 2 * records:
            self._days.clear()


class LastChanged:
    """Days by page group for one catalog, each worked out once."""

    def __init__(self, catalog: Catalog, records: RecordDays | None = None) -> None:
        self.catalog = catalog
        self.records = records or RecordDays()
        self.records.keep_at_most(len(catalog.incidents_newest) + len(catalog.withdrawn) + len(catalog.posts_newest))
        self._days: dict[PageGroup, dt.date | None] = {}
        self._listings: Mapping[str, Mapping[str, Sequence[Incident]]] = {
            "rating": catalog.by_rating,
            "industry": catalog.by_industry,
            "tag": catalog.by_tag,
            "year": {str(year): items for year, items in catalog.by_year.items()},
        }
        # A withdrawn incident left its company's page and its listings on the day it was withdrawn.
        self._left: dict[PageGroup, list[Incident]] = {}
        companies = catalog.corpus.companies
        for item in catalog.withdrawn:
            family = {PageGroup("company", slug) for slug in ancestors([item.company], companies)}  # they show it too
            for group in family | listing_groups(item, companies):
                self._left.setdefault(group, []).append(item)

    def day(self, group: PageGroup) -> dt.date | None:
        # Per group, once: a listing's 60 pages, or the posts' 200, each asked the same over all their records.
        if group.kind == "companies":  # the companies index has the site's day, as the other indexes
            group = INDEX
        if group not in self._days:
            self._days[group] = self._day(group)
        return self._days[group]

    def _day(self, group: PageGroup) -> dt.date | None:
        catalog = self.catalog
        if group.kind == "incident":
            item = catalog.incident_by_key.get(group.key) or catalog.withdrawn_by_key.get(group.key)
            return incident_day(item) if item is not None else None
        left = self._left.get(group, ())
        if group.kind == "company":
            # Its page shows its family's incidents and the posts that name it; with any incident, the
            # grade's table also weighs them as of the site's newest date, which moves with every record.
            shown = catalog.rollup_incidents.get(group.key, ())
            day = self._latest((*shown, *left), catalog.posts_by_company.get(group.key, ()))
            return max(day, catalog.as_of) if day is not None and shown else day
        if group.kind == "posts":
            return self._latest((), catalog.posts_newest)
        if group.kind == "index":
            return self.site()
        return self._latest((*self._listings[group.kind].get(group.key, ()), *left))

    def site(self) -> dt.date | None:
        """The home page and indexes show counts over everything: the latest day of any record."""
        return self._latest((*self.catalog.incidents_newest, *self.catalog.withdrawn), self.catalog.posts_newest)

    def _latest(self, incidents: Iterable[Incident], posts: Iterable[Post] = ()) -> dt.date | None:
        return max(self.records.of(incidents, posts), default=None)
