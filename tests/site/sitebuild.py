"""Real MkDocs projects in temporary folders, built with the real plugin and theme, and read back as HTML.

A project here is what a user has: mkdocs.yml (`theme: material` and the plugin, which adds its own theme
overrides), docs/ copied from the repository, and a reviews/ tree. Builds run in-process through MkDocs' own
`load_config` + `build`, or as `.venv/bin/mkdocs` subprocesses where the exit code and output matter.
"""

from __future__ import annotations

import hashlib
import logging
import os
import posixpath
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # Material's banner about MkDocs 2, printed on import

from bs4 import BeautifulSoup, Tag  # noqa: E402
from mkdocs.commands.build import build  # noqa: E402
from mkdocs.config import load_config  # noqa: E402
from mkdocs.exceptions import Abort  # noqa: E402

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures" / "site"
SAMPLE = FIXTURES / "sample" / "reviews"  # the sample corpus (a copy of the demo's records, see its README)
MKDOCS = Path(sys.executable).with_name("mkdocs")
SITE_URL = "https://fixture.example.org/"
REPO_URL = "https://github.com/example/trackrecord"
EDIT_URI = "edit/main/docs/"

# A small mkdocs.yml a site owner could write; content.action.edit makes Material show its edit button.
MKDOCS_YML = """\
site_name: fixture
site_url: {site_url}
repo_url: {repo_url}
edit_uri: {edit_uri}
theme:
  name: material
  features:
    - content.action.edit
plugins:
  - trackrecord:
      reviews: reviews
{extra}nav:
  - Home: index.md
  - Companies: companies/index.md
  - About: about.md
"""


def write_project(root: Path, records: Mapping[str, str] | Path, *, extra_config: str = "") -> Path:
    """A project in `root`: records are YAML strings by path under reviews/, or a fixture's reviews/ folder."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "mkdocs.yml").write_text(
        MKDOCS_YML.format(site_url=SITE_URL, repo_url=REPO_URL, edit_uri=EDIT_URI, extra=extra_config),
        encoding="utf-8",
    )
    shutil.copytree(REPO / "docs", root / "docs")
    reviews = root / "reviews"
    if isinstance(records, Path):
        shutil.copytree(records, reviews)
    else:
        for rel_path, text in records.items():
            target = reviews / rel_path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return root


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(f"{record.levelname}: {record.getMessage()}")


@dataclass
class Built:
    project: Path
    site: Path
    warnings: list[str] = field(default_factory=list)
    strict_failure: str | None = None  # Abort's message when a strict build counted warnings

    def page(self, url: str, parser: str = "lxml") -> BeautifulSoup:
        """The page at a directory URL such as 'companies/acme/' ('' is the home page)."""
        return soup(self.site / url / "index.html", parser)

    def json_text(self, path: str) -> str:
        return (self.site / path).read_text(encoding="utf-8")

    def html_files(self) -> list[Path]:
        return sorted(self.site.rglob("*.html"))


def build_site(project: Path, site: Path, *, strict: bool = False) -> Built:
    """Build in-process, collecting every warning MkDocs logs (the ones --strict turns into a failure)."""
    collect = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collect)
    built = Built(project, site)
    try:
        config = load_config(str(project / "mkdocs.yml"), site_dir=str(site), strict=strict)
        # As `mkdocs build` does: MkDocs keeps a plugin with on_startup across load_config calls, so
        # without this a build after an in-process `serve` test would still be serving.
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        except Abort as exc:  # strict: the site is written, then the warnings abort the build
            built.strict_failure = str(exc)
    finally:
        logger.removeHandler(collect)
    built.warnings = collect.lines
    return built


def run_mkdocs(project: Path, *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """`.venv/bin/mkdocs ARGS` in the project, as a user runs it."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [str(MKDOCS), *args], cwd=project, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )


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
