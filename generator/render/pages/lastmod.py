"""The day each generated page last changed, from the records' own dates, for the sitemap's `lastmod`.

A page shows records; it changes when one of them gets a new date (an update, a reply, a correction,
a withdrawal) or a new record joins it. So its day is the latest date among the records it draws on,
and two builds of unchanged records give the same day, unlike the build date MkDocs would put there.
Hand-written pages get none: nothing in the records says when they changed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence

from generator.model import Incident, Post
from generator.render.pages.page import PageGroup
from generator.scoring.catalog import Catalog


def incident_day(item: Incident) -> dt.date:
    return max(item.updated, item.withdrawn.date) if item.withdrawn is not None else item.updated


def post_day(post: Post) -> dt.date | None:
    moments = [m for m in (post.published, post.updated) if m is not None]
    return max(m.date() for m in moments) if moments else None


def _latest(incidents: Iterable[Incident], posts: Iterable[Post] = ()) -> dt.date | None:
    days = [incident_day(i) for i in incidents]
    days += [day for p in posts if (day := post_day(p)) is not None]
    return max(days, default=None)


class LastChanged:
    """Days by page group for one catalog; the whole-site day is worked out once."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self._site: dt.date | None = None
        self._site_known = False
        self._listings: Mapping[str, Mapping[str, Sequence[Incident]]] = {
            "rating": catalog.by_rating,
            "industry": catalog.by_industry,
            "tag": catalog.by_tag,
            "year": {str(year): items for year, items in catalog.by_year.items()},
        }

    def day(self, group: PageGroup) -> dt.date | None:
        catalog = self.catalog
        if group.kind == "incident":
            item = catalog.incident_by_key.get(group.key) or catalog.withdrawn_by_key.get(group.key)
            return incident_day(item) if item is not None else None
        if group.kind == "company":
            # Its page shows its family's incidents and the posts that name it.
            return _latest(catalog.rollup_incidents.get(group.key, ()), catalog.posts_by_company.get(group.key, ()))
        if group.kind == "posts":
            return _latest((), catalog.posts_newest)
        if group.kind == "index":
            return self.site()
        return _latest(self._listings[group.kind].get(group.key, ()))

    def site(self) -> dt.date | None:
        """The home page and indexes show counts over everything: the latest day of any record."""
        if not self._site_known:
            self._site = _latest((*self.catalog.incidents_newest, *self.catalog.withdrawn), self.catalog.posts_newest)
            self._site_known = True
        return self._site
