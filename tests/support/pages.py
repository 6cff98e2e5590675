"""Reading built sites: pages parsed, links followed to files, trees hashed; and small hand-written
HTML sites for the search indexer."""

from __future__ import annotations

import hashlib
import posixpath
from collections.abc import Iterator, Mapping
from pathlib import Path
from urllib.parse import urlsplit

from bs4 import BeautifulSoup, Tag

from support import SITE_URL

PAGE = """<!doctype html><html lang="en"><head><title>{title}</title></head><body>
<nav>Site chrome that must not be indexed</nav>{body}</body></html>"""


def soup(path: Path, parser: str = "lxml") -> BeautifulSoup:
    """lxml is quick for crawling; the hostile-input tests ask for Python's stricter "html.parser" too."""
    return BeautifulSoup(path.read_text(encoding="utf-8"), parser)


def article(page: BeautifulSoup) -> Tag:
    """The page's own content: Material puts it in <article>, away from its scripts and navigation."""
    found = page.find("article")
    assert isinstance(found, Tag), "no <article> in the page"
    return found


def tree_hashes(root: Path) -> dict[str, str]:
    """Every file under root by relative path, with the SHA-256 of its bytes."""
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*")) if p.is_file()
    }


def page_url(site: Path, html_file: Path) -> str:
    """The URL path (relative to the site root, no leading slash) that serves html_file."""
    rel_path = html_file.relative_to(site).as_posix()
    return rel_path[: -len("index.html")] if rel_path.endswith("index.html") else rel_path


def resolve(site: Path, from_url: str, href: str, site_url: str = SITE_URL) -> Path | None:
    """The file a relative href on the page at from_url points to, or None for an external link.

    Absolute links count when they lie under site_url, and absolute paths (the 404 page's) below its path."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        if not href.startswith(site_url):
            return None
        target = href[len(site_url):]
    elif parts.path.startswith("/"):
        prefix = urlsplit(site_url).path
        target = parts.path[len(prefix):] if parts.path.startswith(prefix) else parts.path.lstrip("/")
    else:
        if not parts.path:  # "#fragment" or "?query": the page itself
            target = from_url
        else:
            base = from_url if from_url.endswith("/") or not from_url else posixpath.dirname(from_url) + "/"
            target = posixpath.normpath(posixpath.join(base, parts.path))
            if parts.path.endswith("/") and not target.endswith("/"):
                target += "/"
    target = urlsplit(target).path
    if target in ("", ".", "./"):
        return site / "index.html"
    path = site / target.lstrip("/")
    if target.endswith("/") or path.is_dir():
        return path / "index.html"
    return path


def links(page: BeautifulSoup, scope: Tag | None = None) -> Iterator[str]:
    """Every href and src in the page (or in scope) that points somewhere."""
    where = scope if scope is not None else page
    for tag in where.find_all(["a", "link"], href=True):
        yield str(tag["href"])
    for tag in where.find_all(["script", "img", "source", "iframe"], src=True):
        yield str(tag["src"])


def broken_links(site: Path, site_url: str = SITE_URL) -> tuple[int, list[str]]:
    """Crawl every page: how many internal links were checked, and those that name no built file."""
    checked, broken = 0, []
    for html_file in sorted(site.rglob("*.html")):
        here = page_url(site, html_file)
        for href in links(soup(html_file)):
            target = resolve(site, here, href, site_url)
            if target is None:
                continue
            checked += 1
            if not target.is_file():
                broken.append(f"{here or '/'} -> {href}")
    return checked, sorted(set(broken))


# Links that name a page for readers and agents to follow, never fetched by the page itself.
NOT_FETCHED = {"canonical", "alternate", "next", "prev", "prefetch"}


def other_host_requests(site: Path, site_url: str = SITE_URL) -> list[str]:
    """Everything a page would fetch from a host other than the site's: scripts, stylesheets, fonts,
    images, frames. Links a reader may follow (<a>, rel=canonical or alternate) fetch nothing."""
    found = []
    for html_file in sorted(site.rglob("*.html")):
        page = soup(html_file)
        here = page_url(site, html_file)
        fetched = [str(t["href"]) for t in page.find_all("link", href=True)
                   if not NOT_FETCHED & set(t.get("rel") or ())]
        fetched += [str(t["src"]) for t in page.find_all(["script", "img", "iframe", "source", "video", "audio",
                                                          "embed", "track"], src=True)]
        fetched += [str(t["data"]) for t in page.find_all("object", data=True)]
        for url in fetched:
            parts = urlsplit(url)
            if (parts.scheme or parts.netloc) and not url.startswith(site_url):
                found.append(f"{here or '/'}: {url}")
        text = html_file.read_text(encoding="utf-8")
        for host in ("fonts.googleapis.com", "fonts.gstatic.com"):
            if host in text:
                found.append(f"{here or '/'}: mentions {host}")
    return found


def html_site(root: Path, pages: Mapping[str, str]) -> Path:
    """A site of hand-written pages: each body at its directory URL ('' is the home page), under site
    chrome that search must leave out."""
    for url, body in pages.items():
        path = root / url / "index.html"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(PAGE.format(title=url or "home", body=body), encoding="utf-8")
    return root
