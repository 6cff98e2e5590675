"""Index a site for search while the builder renders it, instead of after. No MkDocs here.

`index_site` reads the finished site, on one core, after every page is rendered: a fifth of a
one-off build. The generated pages' searchable bodies, and so their weights (bundles.py), are known
before rendering starts; only the hand-written pages' are not, and the builder renders those first.
So once they are rendered the bundles are planned as `index_site` would plan them, one Pagefind
service per bundle is started, and each page goes to its bundle's service as soon as it is
rendered, to be indexed on the other core. When the build ends only writing the bundles is left,
and the bundles are written at the same time. The index is the one `index_site` writes for the
same pages.
"""

from __future__ import annotations

import json
import os
import posixpath
import re
import shutil
import threading
import time
from collections.abc import Mapping
from pathlib import Path

from generator.search.bundles import MANIFEST, Bundle, page_weight, plan_from_weights
from generator.search.pagefind import (
    EXCLUDE_SELECTORS,
    LEAN_ALLOCATOR,
    OUTPUT_SUBDIR,
    IndexStats,
    SearchIndexError,
    index_stats,
    pagefind_binary,
)
from generator.search.service import PagefindService, ServiceError

# Pages rendered before the plan can be made are held; past this many, the plan is made without
# the hand-written pages still missing (a builder rendering in another order must not hold them all).
HELD_PAGES = 500
_MARK = " data-pagefind-body"
# What Pagefind reads outside the searchable element too: its attributes, the first <h1> (the
# default title) and the first <img> after it (the default image).
_READ_ANYWHERE = ("data-pagefind", "<h1", "<img")
_HTML_TAG = re.compile(r"<html\b[^<>]*>", re.IGNORECASE)
_TITLE = re.compile(r"<title>[^<]*</title>", re.IGNORECASE)


def page_url(path: str) -> str:
    """The URL Pagefind gives a file of the site, e.g. "incidents/a/b/index.html" -> "/incidents/a/b/"."""
    if path == "index.html":
        return "/"
    if path.endswith("/index.html"):
        return "/" + path[: -len("index.html")]
    return "/" + path


def searchable_document(html: str, body: str | None) -> str:
    """The page as Pagefind needs it when `body` is its one searchable element: the <html> tag (for
    the language) and that element, without the header, sidebars and footer around it (four fifths of
    a generated page). Parsing those took half of Pagefind's time and gave the same index. The whole
    page when anything outside the element may be for Pagefind (_READ_ANYWHERE), or `body` is not in
    the page as it is."""
    if body is None or _MARK not in body:
        return html
    at = html.find(body)
    if at == -1 or any(html.count(mark) != body.count(mark) for mark in _READ_ANYWHERE):
        return html
    if (tag := _HTML_TAG.search(html, 0, at)) is None:
        return html
    title = _TITLE.search(html, tag.end(), at)  # kept in case Pagefind falls back on it
    head = f'<meta charset="utf-8">{title.group(0) if title else ""}'
    return f"<!DOCTYPE html>\n{tag.group(0)}<head>{head}</head><body>\n{body}\n</body></html>\n"


class BundleRouter:
    """Which bundle holds a page: Bundle.holds as lookups (12,000 pages times hundreds of folders)."""

    def __init__(self, bundles: list[Bundle]) -> None:
        self.whole_site = bool(bundles) and bundles[0].glob is None
        self.own: dict[str, int] = {}  # folder -> bundle, for the folders whose own files a bundle takes
        self.whole: dict[str, int] = {}  # folder -> bundle, for folders a bundle takes with all below them
        for n, bundle in enumerate(bundles):
            for folder, whole in bundle.units:
                (self.whole if whole else self.own)[folder] = n

    def __call__(self, path: str) -> int | None:
        """The bundle of `path`: by its folder's own files, else by the nearest whole folder above it."""
        folder = posixpath.dirname(path)
        if (n := self.own.get(folder)) is not None:
            return n
        while True:
            if (n := self.whole.get(folder)) is not None:
                return n
            if not folder:
                return 0 if self.whole_site else None
            folder = posixpath.dirname(folder)


class StreamIndex:
    """One build's search index, fed page by page.

    `known`: the pages whose weight is known before rendering (None: not searchable), by their path in
    the site; `unweighed`: the paths of the other pages the builder renders, weighed as they come.
    """

    def __init__(self, site_dir: Path, known: Mapping[str, int | None], unweighed: set[str],
                 bundle_pages: int | None = None) -> None:
        self.site_dir = Path(site_dir)
        self.weights: dict[str, int | None] = dict(known)
        self.unweighed = set(unweighed) - set(known)
        self.bundle_pages = bundle_pages
        self.binary = pagefind_binary()
        self.bundles: list[Bundle] | None = None
        self.services: list[PagefindService] = []
        self.indexes: list[int] = []
        self.held: list[tuple[str, str]] = []
        self.router: BundleRouter | None = None
        self.seen: set[str] = set()
        self.start = time.perf_counter()

    def add(self, path: str, html: str, body: str | None = None) -> None:
        """A rendered page, as written at `path` in the site; `body`: its searchable element, when the
        builder knows it (a generated page's), so that Pagefind is sent only what it reads."""
        self.seen.add(path)
        marked = _MARK in html  # a quick look first: weighing reads the page's markup
        if path in self.unweighed or path not in self.weights or (marked and self.weights[path] is None):
            # Unweighed, unannounced, or marked after all: weighed as index_site weighs it.
            self.unweighed.discard(path)
            self.weights[path] = page_weight(html.encode("utf-8")) if marked else None
        elif not marked:
            self.weights[path] = None
        if self.weights[path] is not None:
            html = searchable_document(html, body)
        if self.bundles is not None:
            if self.weights[path] is not None:
                self._send(path, html)
            return
        if self.weights[path] is not None:
            self.held.append((path, html))
        if not self.unweighed or len(self.held) > HELD_PAGES:
            self._plan()

    def _plan(self) -> None:
        self.bundles = plan_from_weights(self.weights, self.bundle_pages)
        self.router = BundleRouter(self.bundles)
        try:
            for _ in self.bundles:
                service = PagefindService(self.binary, env=LEAN_ALLOCATOR)
                self.services.append(service)
                self.indexes.append(service.new_index(EXCLUDE_SELECTORS))
        except ServiceError as exc:
            self.close()
            raise SearchIndexError(str(exc)) from None
        held, self.held = self.held, []
        for path, html in held:
            self._send(path, html)

    def _send(self, path: str, html: str) -> None:
        assert self.router is not None
        # A page in no bundle's folders (planned before it was weighed) goes to the first: searchable
        # still, as `trackrecord index` would have it.
        n = self.router(path) or 0
        self.services[n].add_html(self.indexes[n], page_url(path), html)

    def finish(self) -> IndexStats:
        """After the build: the site's other searchable HTML files added, every bundle written."""
        try:
            for path in self._unseen():
                try:
                    html = (self.site_dir / path).read_text(encoding="utf-8")
                except (OSError, UnicodeDecodeError):
                    continue
                self.add(path, html)
            if self.bundles is None:
                self.unweighed.clear()
                self._plan()
            assert self.bundles is not None
            if not any(bundle.pages for bundle in self.bundles):
                raise SearchIndexError(
                    f"{self.site_dir}: no page is marked for search (data-pagefind-body), so there is nothing "
                    "to index. Was it built with trackrecord's theme?")
            out = self.site_dir / OUTPUT_SUBDIR
            if out.is_symlink():
                out.unlink()
            elif out.is_dir():
                shutil.rmtree(out)
            self._write_all(out)
            merge = [f"{b.folder}/" for b in self.bundles if b.folder]
            (out / MANIFEST).write_text(json.dumps({"merge": merge}) + "\n", encoding="utf-8")
            return index_stats(out, [b.folder for b in self.bundles], time.perf_counter() - self.start)
        finally:
            self.close()

    def _write_all(self, out: Path) -> None:
        """Each bundle's service writes its own, all at once: each runs in its own process."""
        assert self.bundles is not None
        errors: list[str] = []

        def write(n: int) -> None:
            try:
                self.services[n].write_and_stop(self.indexes[n], (out / self.bundles[n].folder).resolve())  # type: ignore[index]
            except ServiceError as exc:
                errors.append(str(exc))
            except Exception as exc:  # noqa: BLE001 - a full disk must fail the build, not only this thread
                errors.append(f"writing the index of bundle {n + 1} failed: {exc}")

        out.mkdir(parents=True, exist_ok=True)
        threads = [threading.Thread(target=write, args=(n,)) for n in range(len(self.bundles))]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        if errors:
            raise SearchIndexError(f"Pagefind failed: {errors[0]}")

    def _unseen(self) -> list[str]:
        found = []
        for top, dirs, files in os.walk(self.site_dir):
            rel = Path(top).relative_to(self.site_dir).as_posix()
            rel = "" if rel == "." else rel
            if not rel:
                dirs[:] = [d for d in dirs if d != OUTPUT_SUBDIR]
            for name in files:
                path = f"{rel}/{name}" if rel else name
                if name.endswith(".html") and path not in self.seen:
                    found.append(path)
        return sorted(found)

    def close(self) -> None:
        services, self.services = self.services, []
        for service in services:
            service.close()
