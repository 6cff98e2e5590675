"""The whole generated site as data: pages to render and files to copy. No MkDocs here.

Read -> context -> write: the plugin gathers the corpus first, builds the catalog once, and
only then asks for pages and files, so every listing and metric sees the whole corpus.
"""

from __future__ import annotations

from collections.abc import Iterator
from importlib import resources

from generator.api import api_files
from generator.catalog import Catalog
from generator.pages.company import company_page
from generator.pages.home import home_page
from generator.pages.incident import incident_page
from generator.pages.listings import all_listings, companies_pages, posts_pages
from generator.pages.page import GeneratedPage, SiteOptions
from generator.schema import KINDS


def pages(catalog: Catalog, options: SiteOptions) -> Iterator[GeneratedPage]:
    yield home_page(catalog, options)
    yield from companies_pages(catalog, options)
    for company in catalog.corpus.companies.values():
        yield company_page(company, catalog, options)
    for incident in catalog.incidents_newest:
        yield incident_page(incident, catalog, options)
    yield from all_listings(catalog, options)
    yield from posts_pages(catalog, options)


def schema_files() -> dict[str, bytes]:
    """The record schemas, published so editors and other tools can check records."""
    folder = resources.files("generator").joinpath("schemas")
    return {f"schemas/v1/{kind}.schema.json": folder.joinpath(f"{kind}.schema.json").read_bytes() for kind in KINDS}


def static_files(catalog: Catalog, options: SiteOptions) -> dict[str, bytes]:
    """Non-page outputs: API, schemas and (when site_url is set) subscriber feeds."""
    files = api_files(catalog, options.site_url)
    files.update(schema_files())
    files.update(_feeds(catalog, options))
    return files


def _feeds(catalog: Catalog, options: SiteOptions) -> dict[str, bytes]:
    try:
        from generator.feeds import build_feeds
    except ImportError:  # the feeds package lands separately
        return {}
    return build_feeds(catalog.corpus, options.site_url or "", limit=options.feed_limit, site_name=options.site_name)
