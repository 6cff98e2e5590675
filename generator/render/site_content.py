"""The whole generated site as data: pages to render and files to copy. No MkDocs here.

Read -> context -> write: the plugin gathers the corpus first, builds the catalog once, and
only then asks for pages and files, so every listing and metric sees the whole corpus.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from importlib import resources
from urllib.parse import urlsplit

from generator.build.output_paths import OutputClaims
from generator.build.plan import FULL, Plan
from generator.model import Incident
from generator.records.schema import KINDS, RECORD_FORMAT
from generator.render import urls
from generator.render.api import api_files
from generator.render.feeds import build_feeds
from generator.render.pages.company import company_page_count, company_pages
from generator.render.pages.home import home_page
from generator.render.pages.incident import incident_page, withdrawn_page
from generator.render.pages.lastmod import LastChanged, RecordDays
from generator.render.pages.listings import all_listings, companies_pages, posts_pages
from generator.render.pages.page import GeneratedPage, SiteOptions
from generator.scoring.catalog import Catalog, newest_first

ROBOTS = "robots.txt"


def pages(catalog: Catalog, options: SiteOptions, plan: Plan = FULL) -> Iterator[GeneratedPage]:
    """Every page, or with a partial `plan` only the pages it names and those always regenerated,
    each with the day it last changed."""
    for _, page in numbered_pages(catalog, options, plan):
        yield page


def numbered_pages(catalog: Catalog, options: SiteOptions, plan: Plan = FULL, share: tuple[int, int] = (0, 1),
                   records: RecordDays | None = None) -> Iterator[tuple[int, GeneratedPage]]:
    """pages(), each with the number of the piece of work that made it; with a `share` (k, n) only the
    pieces numbered k modulo n, so that n processes can make the site's pages between them, each
    piece made by one of them. Numbers rise in the order pages() gives the pages."""
    days = LastChanged(catalog, records)
    k, n = share
    for number, job in enumerate(_jobs(catalog, options, plan)):
        if number % n == k:
            for page in job():
                yield number, dataclasses.replace(page, lastmod=days.day(page.group))


Job = Callable[[], Iterable[GeneratedPage]]


def _jobs(catalog: Catalog, options: SiteOptions, plan: Plan) -> Iterator[Job]:
    """The pages as pieces of work, each one company, incident or listing, none made yet."""
    yield lambda: (home_page(catalog, options),)
    if plan.full or plan.cards:
        yield lambda: companies_pages(catalog, options)
    for company in catalog.corpus.companies.values():
        if plan.wants_company(company.slug):
            yield functools.partial(company_pages, company, catalog, options)
    for incident in _wanted(catalog.incidents_newest, catalog.incident_by_key, plan):
        yield functools.partial(_one, incident_page, incident, catalog, options)
    for incident in _wanted(catalog.withdrawn, catalog.withdrawn_by_key, plan):
        yield functools.partial(_one, withdrawn_page, incident, catalog, options)
    yield lambda: all_listings(catalog, options, plan.wants_group, plan.wants_listing_page)
    if plan.full or plan.posts:
        yield lambda: posts_pages(catalog, options)


def _wanted(newest: Sequence[Incident], by_key: Mapping[str, Incident], plan: Plan) -> Sequence[Incident]:
    """The plan's incidents among `newest`, in its order (newest first, ties by key), without going
    through all 10,000 for the one an edit changed."""
    if plan.full:
        return newest
    return newest_first(item for key in plan.incidents if (item := by_key.get(key)) is not None)


def _one(make: Callable[..., GeneratedPage], *args: object) -> tuple[GeneratedPage]:
    return (make(*args),)


def schema_files() -> dict[str, bytes]:
    """The record schemas, published so editors and other tools can check records."""
    folder = resources.files("generator").joinpath("schemas")
    return {f"schemas/v{RECORD_FORMAT}/{kind}.schema.json": folder.joinpath(f"{kind}.schema.json").read_bytes()
            for kind in KINDS}


def robots_txt(site_url: str | None) -> bytes | None:
    """Crawlers may read everything; with site_url they are told where the sitemap is. None for a site
    under a path (https://owner.github.io/project/): crawlers read robots.txt only at a host's root."""
    if site_url and urlsplit(site_url).path.strip("/"):
        return None
    lines = ["User-agent: *", "Allow: /"]
    if site_url:
        lines.append(f"Sitemap: {site_url.rstrip('/')}/sitemap.xml")
    return ("\n".join(lines) + "\n").encode()


def static_files(catalog: Catalog, options: SiteOptions, hand_written: Collection[str] = ()) -> dict[str, bytes]:
    """Non-page outputs: API, schemas, subscriber feeds (which need site_url) and robots.txt, unless
    the site's own files (`hand_written`, site paths) have one: an existing docs/robots.txt wins.

    DuplicateOutput if two of them share a path, rather than one silently replacing the other."""
    claims = OutputClaims()
    files: dict[str, bytes] = {}
    robots_file = None if ROBOTS in hand_written else robots_txt(options.site_url)
    robots = {} if robots_file is None else {ROBOTS: robots_file}
    for made, producer in ((robots, "robots.txt"),
                           (api_files(catalog, options.site_url), "the JSON API"),
                           (schema_files(), "the published record schemas"),
                           (build_feeds(catalog.corpus, options.site_url or "", limit=options.feed_limit,
                                        site_name=options.site_name), "the subscriber feeds")):
        for path, content in made.items():
            claims.claim(path, producer)
            files[path] = content
    return files


def entity_pages(catalog: Catalog) -> set[str]:
    """The source paths of every company and incident page, without generating any."""
    found = {
        urls.source_path(urls.company(slug, n))
        for slug in catalog.corpus.companies
        for n in range(1, company_page_count(len(catalog.incidents_by_company.get(slug, ()))) + 1)
    }
    found.update(urls.source_path(urls.incident(item)) for item in (*catalog.incidents_newest, *catalog.withdrawn))
    return found
