"""Paginated listings by rating, industry, tag and year, and their index pages."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any, TypeVar

from generator.model import RATINGS, Incident
from generator.render import urls
from generator.render.pages.page import COMPANIES, INDEX, POSTS, GeneratedPage, ListingKind, PageGroup, SiteOptions
from generator.render.pages.parts import RATING_WORDS, badge, incident_list, methodology, pager, post_item
from generator.render.text_safety import esc, link
from generator.scoring.catalog import Catalog
from generator.scoring.verdict import needs_words

T = TypeVar("T")


def _chunks(items: Sequence[T], size: int) -> Iterator[tuple[int, int, Sequence[T]]]:
    pages = max(1, -(-len(items) // size))
    for n in range(1, pages + 1):
        yield n, pages, items[(n - 1) * size : n * size]


def _heading(kind: str, key: str) -> str:
    if kind == "rating":
        return f"{RATING_WORDS[key]} incidents"
    if kind == "year":
        return f"Incidents in {key}"
    if kind == "tag":
        return f"Incidents tagged {key}"
    return f"Incidents in the {key} industry"


def listing_pages(
    kind: ListingKind, key: str, items: Sequence[Incident], catalog: Catalog, options: SiteOptions,
    wanted_page: Callable[[PageGroup, int], bool] = lambda group, n: True,
) -> Iterator[GeneratedPage]:
    base = urls.listing(kind, key)
    heading = _heading(kind, key)
    for n, pages, chunk in _chunks(items, options.page_size):
        if not wanted_page(PageGroup(kind, key), n):
            continue
        here = urls.listing(kind, key, n)
        title = heading if n == 1 else f"{heading} (page {n})"
        lede = badge(key, here) + " " if kind == "rating" else ""
        body = (
            f"<h1>{esc(title)}</h1>\n<p class=\"tr-lede\">{lede}{len(items)} incidents, newest first.</p>\n"
            f"{incident_list(here, chunk, catalog)}\n{pager(here, base, n, pages)}"
        )
        # A rating's feed exists once an incident has it; until then its empty page announces none.
        feeds = f"{kind}/{key}" if kind in ("rating", "industry") and items else None
        yield GeneratedPage(url=here, title=title, body=body, group=PageGroup(kind, key), feeds=feeds,
                            searchable=False)


def index_page(kind: str, groups: Mapping[Any, Sequence[Incident]]) -> GeneratedPage:
    here = f"{kind}/"
    keys = sorted(groups, reverse=kind == "year")
    if kind == "rating":
        keys = list(RATINGS)
    items = "".join(
        f"<li>{link(here, urls.listing(kind, str(key)), str(key))} <span class=\"tr-count\">{len(groups[key])}</span></li>"
        for key in keys
    )
    title = {"rating": "By rating", "industry": "By industry", "tag": "By tag", "year": "By year"}[kind]
    body = f'<h1>{esc(title)}</h1>\n<ul class="tr-index">{items}</ul>'
    return GeneratedPage(url=here, title=title, body=body, group=INDEX, in_nav=True, searchable=False)


def all_listings(
    catalog: Catalog, options: SiteOptions, wanted: Callable[[PageGroup], bool] = lambda group: True,
    wanted_page: Callable[[PageGroup, int], bool] = lambda group, n: True,
) -> Iterator[GeneratedPage]:
    groups: dict[ListingKind, Mapping[Any, Sequence[Incident]]] = {
        "rating": catalog.by_rating, "industry": catalog.by_industry, "tag": catalog.by_tag, "year": catalog.by_year,
    }
    for kind, mapping in groups.items():
        yield index_page(kind, mapping)
        for key, items in mapping.items():
            if wanted(PageGroup(kind, str(key))):
                yield from listing_pages(kind, str(key), items, catalog, options, wanted_page)


def companies_pages(catalog: Catalog, options: SiteOptions) -> Iterator[GeneratedPage]:
    """All companies, alphabetically, as cards with their grade and counts."""
    companies = sorted(catalog.corpus.companies.values(), key=lambda c: c.name.lower())
    from generator.render.pages.cards import company_card

    for n, pages, chunk in _chunks(companies, options.page_size):
        here = "companies/" if n == 1 else f"companies/page/{n}/"
        cards = "".join(company_card(here, c, catalog) for c in chunk)
        title = "Companies" if n == 1 else f"Companies (page {n})"
        body = (
            f"<h1>{esc(title)}</h1>\n<p class=\"tr-lede\">{len(companies)} companies, A to Z.</p>\n"
            f'<p class="tr-needs">Each incident is counted by its rating, the writer\'s judgement of how the company '
            f'behaved: <a href="{esc(methodology(here, urls.RATINGS_SECTION))}">what the ratings mean</a>. '
            f'{esc(needs_words())} <a href="{esc(methodology(here, urls.NEEDS_SECTION))}">What a grade needs</a></p>\n'
            f'<div class="tr-cards">{cards}</div>\n{pager(here, "companies/", n, pages)}'
        )
        yield GeneratedPage(url=here, title=title, body=body, group=COMPANIES, in_nav=n == 1, searchable=False)


def posts_pages(catalog: Catalog, options: SiteOptions) -> Iterator[GeneratedPage]:
    posts = catalog.posts_newest
    names = {f.slug: f.name for f in catalog.corpus.feeds}
    for n, pages, chunk in _chunks(posts, options.page_size):
        here = urls.posts(n)
        title = "From the web" if n == 1 else f"From the web (page {n})"
        items = "".join(post_item(here, p, catalog, names) for p in chunk)
        body = (
            f"<h1>{esc(title)}</h1>\n<p class=\"tr-lede\">Posts about customer service from the blogs we follow, "
            f"linked to the companies they name. Each links to the original.</p>\n"
            f'<ul class="tr-posts">{items or "<li>No posts imported yet.</li>"}</ul>\n{pager(here, urls.posts(), n, pages)}'
        )
        yield GeneratedPage(url=here, title=title, body=body, group=POSTS, in_nav=n == 1, searchable=False)
