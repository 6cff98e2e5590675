"""Which pages an edit changed, so `mkdocs serve` regenerates only those.

A full build generates every page. While serving, the previous build's catalog is compared
with the new one: an incident page is regenerated when its record (or its company's name)
changed, a company page when anything it shows changed, a listing when an incident it holds
(before or after the edit) changed, the companies index when a company's card or the site's latest
day may have; the home page and the other indexes always. Anything the
comparison cannot bound (a new reference date, which moves every grade's recency) makes it a full rebuild.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from generator.model import Company, Incident, Post
from generator.render.pages.cards import company_card
from generator.render.pages.lastmod import incident_day
from generator.render.pages.page import GeneratedPage, PageGroup, listing_groups, producer
from generator.scoring.catalog import Catalog, ancestors

K = TypeVar("K")
V = TypeVar("V")


@dataclass(frozen=True, slots=True)
class Plan:
    """full, or exactly which incident keys and company slugs need their pages again."""

    full: bool
    incidents: frozenset[str] = frozenset()
    companies: frozenset[str] = frozenset()
    listings: frozenset[PageGroup] = frozenset()  # e.g. PageGroup("rating", "bad")
    posts: bool = False
    # Single pages of listings whose order, length and day stay as they were (an edit that moved no
    # incident): (group, page number). Their other pages are left as they are.
    listing_pages: frozenset[tuple[PageGroup, int]] = frozenset()
    partly: frozenset[PageGroup] = frozenset()  # the groups of listing_pages
    cards: bool = True  # the companies index: False when no card (name, counts, grade) nor its day changed

    def wants_incident(self, item: Incident) -> bool:
        return self.full or item.key in self.incidents

    def wants_company(self, slug: str) -> bool:
        return self.full or slug in self.companies

    def wants_group(self, group: PageGroup) -> bool:
        """Whether this plan regenerates the pages of `group`."""
        if self.full or group.kind == "index":
            return True
        if group.kind == "companies":
            return self.cards
        if group.kind == "incident":
            return group.key in self.incidents
        if group.kind == "company":
            return group.key in self.companies
        if group.kind == "posts":
            return self.posts
        return group in self.listings or group in self.partly

    def wants_whole_group(self, group: PageGroup) -> bool:
        """Whether this plan regenerates every page of `group` (so none of its old pages is kept)."""
        return self.wants_group(group) and (group.kind not in _LISTINGS or group not in self.partly
                                            or group in self.listings)

    def wants_listing_page(self, group: PageGroup, number: int) -> bool:
        return self.full or group in self.listings or (group, number) in self.listing_pages


FULL = Plan(full=True)
_LISTINGS = ("rating", "year", "tag", "industry")


def _listing(catalog: Catalog, group: PageGroup) -> Sequence[Incident]:
    if group.kind == "rating":
        return catalog.by_rating.get(group.key, ())
    if group.kind == "year":
        return catalog.by_year.get(int(group.key), ())
    if group.kind == "tag":
        return catalog.by_tag.get(group.key, ())
    return catalog.by_industry.get(group.key, ())


def _in_place(old: Incident | None, new: Incident | None, old_companies: Mapping[str, Company],
              new_companies: Mapping[str, Company]) -> bool:
    """Whether an edit leaves the incident where it was in every listing, with the same day: then only
    the listing pages that show it change."""
    return (old is not None and new is not None and old.date == new.date and old.updated == new.updated
            and old.withdrawn is None and new.withdrawn is None
            and listing_groups(old, old_companies) == listing_groups(new, new_companies))


def _pages_showing(catalog: Catalog, items: Iterable[Incident], companies: Mapping[str, Company],
                   page_size: int) -> set[tuple[PageGroup, int]]:
    found = set()
    for item in items:
        for group in listing_groups(item, companies):
            at = next((n for n, shown in enumerate(_listing(catalog, group)) if shown is item), None)
            if at is None:  # not where it should be: let the caller regenerate the whole listing
                return set()
            found.add((group, at // page_size + 1))
    return found


def _card(catalog: Catalog, slug: str) -> str | None:
    """The company's card as the companies index shows it (the links as from its first page)."""
    company = catalog.corpus.companies.get(slug)
    return company_card("companies/", company, catalog) if company is not None else None


def _same_days(old: Catalog, new: Catalog, keys: Iterable[str]) -> bool:
    """Whether the edited incidents keep their days: then, with no withdrawal changed, the site's
    latest day, which the indexes carry, stays as it was."""
    for key in keys:
        before, after = old.incident_by_key.get(key), new.incident_by_key.get(key)
        if before is None or after is None or incident_day(before) != incident_day(after):
            return False
    return True


def _changed(old: Mapping[K, V], new: Mapping[K, V]) -> set[K]:
    """Keys added, removed or whose value differs."""
    # A record read from cache is the same object: `is` settles most keys without comparing fields.
    return {key for key in old.keys() | new.keys() if (a := old.get(key)) is not (b := new.get(key)) and a != b}


def _posts_by_id(posts: Iterable[Post]) -> dict[str, Post]:
    return {f"{post.feed}/{post.id}": post for post in posts}


@dataclass(frozen=True, slots=True)
class KeptPage:
    """What a later build needs of a generated page it may not generate again."""

    in_nav: bool
    edit_path: str | None
    group: PageGroup

    @property
    def producer(self) -> str:
        return producer(self.group, self.edit_path)


@dataclass
class SiteState:
    """The previous build's catalog, kept by the plugin across `mkdocs serve` rebuilds."""

    previous: Catalog | None = None
    options_key: object = None
    pages: dict[str, KeptPage] = field(default_factory=dict)  # by src_uri
    entities: set[str] = field(default_factory=set)  # the company and incident pages of the last build

    def keep(self, page: GeneratedPage) -> None:
        self.adopt(page.src_uri, KeptPage(page.in_nav, page.edit_path, page.group))

    def adopt(self, src_uri: str, kept: KeptPage) -> None:
        """A page made in this build, as build/page_workers.py reports it."""
        self.pages[src_uri] = kept

    def reset(self, entities: set[str]) -> None:
        """Before a full build: nothing is carried over."""
        self.pages.clear()
        self.entities = entities

    def carry_over(self, plan: Plan, entities: set[str]) -> set[str]:
        """Before a partial build: keep the pages the plan does not touch, and return the others and the
        company and incident pages whose records are gone. The pages the plan regenerates are added back
        as they come; those it does not (a listing left with no incident) are gone too."""
        kept_pages, dropped = {}, set()
        for uri, kept in self.pages.items():
            group = kept.group
            # The entity pages' test inline: they are 10,000 of the 12,000 pages at 10,000 incidents.
            if group.kind == "incident":
                drop = group.key in plan.incidents or uri not in entities
            elif group.kind == "company":
                drop = group.key in plan.companies or uri not in entities
            else:
                drop = plan.wants_whole_group(group)
            if drop:  # regenerated in this build, or gone
                dropped.add(uri)
            else:
                kept_pages[uri] = kept
        self.pages = kept_pages
        gone, self.entities = self.entities - entities, entities
        return dropped | gone

    def handed_over(self, regenerated: set[str], *, narrow: bool) -> Iterator[tuple[str, KeptPage]]:
        """The source paths and details of the generated pages MkDocs gets in this build.

        `serve --dirty` renders only pages whose source is newer than their output, yet MkDocs
        still makes a File and a Page for every page it is given: for 12,000 pages that was most
        of a rebuild after one edit. `narrow` leaves out the pages this build did not regenerate
        (their output stays as it was); pages in the nav always go in, so the nav stays whole.
        """
        for uri, kept in self.pages.items():
            if not narrow or kept.in_nav or uri in regenerated:
                yield uri, kept

    def plan(self, catalog: Catalog, options_key: object, page_size: int = 50) -> Plan:
        old, self.previous = self.previous, catalog
        same_options, self.options_key = self.options_key == options_key, options_key
        if old is None or not same_options or old.as_of != catalog.as_of:
            return FULL
        old_companies, new_companies = old.corpus.companies, catalog.corpus.companies
        changed_companies = _changed(old_companies, new_companies)
        changed_incidents = _changed(old.incident_by_key, catalog.incident_by_key)
        touched = set(changed_companies)
        for key in changed_incidents:
            for item in (old.incident_by_key.get(key), catalog.incident_by_key.get(key)):
                if item is not None:
                    touched.add(item.company)
        listings: set[PageGroup] = set()
        listing_pages: set[tuple[PageGroup, int]] = set()
        in_place = bool(changed_incidents) and not changed_companies and all(
            _in_place(old.incident_by_key.get(key), catalog.incident_by_key.get(key), old_companies, new_companies)
            for key in changed_incidents)
        if in_place:  # no incident moved, so no listing's order or length changed
            listing_pages = _pages_showing(catalog, (catalog.incident_by_key[key] for key in changed_incidents),
                                           new_companies, page_size)
        for key in (() if listing_pages else changed_incidents):
            if (item := old.incident_by_key.get(key)) is not None:
                listings |= listing_groups(item, old_companies)
            if (item := catalog.incident_by_key.get(key)) is not None:
                listings |= listing_groups(item, new_companies)
        for slug in changed_companies:  # listings show company names and group by industry
            for item in (*old.incidents_by_company.get(slug, ()), *catalog.incidents_by_company.get(slug, ())):
                listings |= listing_groups(item, old_companies) | listing_groups(item, new_companies)
        same_posts = old.corpus.posts is catalog.corpus.posts  # while serving, when no post file changed
        old_posts = {} if same_posts else _posts_by_id(old.corpus.posts)
        new_posts = {} if same_posts else _posts_by_id(catalog.corpus.posts)
        changed_posts = _changed(old_posts, new_posts)
        for post_id in changed_posts:
            for post in (old_posts.get(post_id), new_posts.get(post_id)):
                if post is not None:
                    touched.update(post.companies)
        # A company page names its parent, its subsidiaries and where it was renamed to, and a
        # parent's page rolls up its subsidiaries' records.
        for slug in changed_companies:
            for company in (old_companies.get(slug), new_companies.get(slug)):
                if company is not None:
                    touched.update(s for s in (company.parent, company.renamed_to) if s)
            touched.update(catalog.subsidiaries.get(slug, ()))
            touched.update(old.subsidiaries.get(slug, ()))
            touched.update(s for s, c in new_companies.items() if c.renamed_to == slug)
        companies = ancestors(touched, new_companies) | ancestors(touched, old_companies)
        changed_withdrawn = _changed(old.withdrawn_by_key, catalog.withdrawn_by_key)
        incidents = set(changed_incidents) | changed_withdrawn
        for slug in changed_companies:  # incident pages show their company's name
            incidents.update(i.key for i in catalog.incidents_by_company.get(slug, ()))
            incidents.update(i.key for i in catalog.withdrawn if i.company == slug)
        cards = (bool(changed_companies or changed_posts or changed_withdrawn)
                 or not _same_days(old, catalog, changed_incidents)
                 or any(_card(old, slug) != _card(catalog, slug) for slug in companies))
        return Plan(full=False, incidents=frozenset(incidents), companies=frozenset(companies),
                    listings=frozenset(listings), posts=bool(changed_posts or changed_companies),
                    listing_pages=frozenset(listing_pages), partly=frozenset(group for group, _ in listing_pages),
                    cards=cards)
