"""The theme's partials rendered as MkDocs renders them, to compare with what a build or Zensical gives."""

from __future__ import annotations

from types import SimpleNamespace

import jinja2
from bs4 import BeautifulSoup

from support import REPO


def render_partial(site_url: str | None, meta: dict[str, object], title: str = "Acme",
                   page_url: str | None = "companies/acme/", base_url: str = "../..") -> BeautifulSoup:
    """partials/feed-links.html as MkDocs renders it: no autoescape, MkDocs' own `url` filter; page_url
    None is the 404 page."""
    from mkdocs.utils.templates import url_filter

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(REPO / "theme"), autoescape=False)  # noqa: S701 - as MkDocs
    env.filters["url"] = url_filter
    page = SimpleNamespace(meta=meta, title=title, url=page_url) if page_url is not None else None
    config = {"site_url": site_url, "site_name": 'trackrecord "<b>"'}
    html = env.get_template("partials/feed-links.html").render(config=config, page=page, base_url=base_url)
    return BeautifulSoup(html, "html.parser")
