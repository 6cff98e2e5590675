"""Where each generated page lives, relative to the site root. One place, so links never drift.

Every function returns a directory-style URL path without a leading slash (`companies/acme/`),
matching MkDocs' `use_directory_urls`; `source_path` gives the Markdown file MkDocs renders.
"""

from __future__ import annotations

from generator.model import Incident


def company(slug: str, page: int = 1) -> str:
    """Page 1 is the track record; pages 2 and on list the company's older incidents."""
    base = f"companies/{slug}/"
    return base if page == 1 else f"{base}page/{page}/"


def incident(item: Incident) -> str:
    return f"incidents/{item.company}/{item.slug}/"


def listing(kind: str, key: str, page: int = 1) -> str:
    """kind: rating, industry, tag or year. Page 1 is the listing's own URL."""
    base = f"{kind}/{key}/"
    return base if page == 1 else f"{base}page/{page}/"


def posts(page: int = 1) -> str:
    return "from-the-web/" if page == 1 else f"from-the-web/page/{page}/"


def feed(scope: str, fmt: str) -> str:
    """scope: '' for the whole site, or 'companies/acme', 'rating/ugly', 'industry/airline'.
    fmt: atom, rss or json. Every feed sits directly in feeds/ (feeds/atom.xml, feeds/companies-acme.atom.xml):
    Material for MkDocs fetches sitemap.xml beside each <link rel="alternate">, and the one feeds/sitemap.xml
    then answers for all of them."""
    name = {"atom": "atom.xml", "rss": "rss.xml", "json": "feed.json"}[fmt]
    return f"feeds/{scope.replace('/', '-')}.{name}" if scope else f"feeds/{name}"


METHODOLOGY = "methodology/"
# Sections of docs/methodology.md that pages link to; tests/site/test_site_verdict.py checks they exist.
RATINGS_SECTION = "ratings"
GRADE_SECTION = "the-grade"
NEEDS_SECTION = "what-a-grade-needs"
WHY_SECTION = "why-this-grade"


def api(name: str) -> str:
    """name: 'companies', 'incidents' or 'companies/<slug>'."""
    return f"api/v2/{name}.json"


def source_path(url: str) -> str:
    """The Markdown file that renders at a directory URL: companies/acme/ -> companies/acme/index.md."""
    return f"{url}index.md" if url else "index.md"
