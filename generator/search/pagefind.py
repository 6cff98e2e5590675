"""Index a built site with Pagefind, offline, after MkDocs has written it. No MkDocs here.

Pagefind reads the HTML files, keeps what sits inside `data-pagefind-body` (generated pages and
hand-written docs; listings and chrome carry none, so they are never results), picks up
`data-pagefind-filter` and `data-pagefind-meta`, and writes a chunked index under `pagefind/`
that browsers fetch piece by piece. The binary ships inside the `pagefind[bin]` wheel, so this
runs without a network. A large site is indexed in bundles (search_bundles.py): the first in
`pagefind/`, the others in `pagefind/part-N/`, listed in `pagefind/trackrecord-bundles.json`.

`index_site` is the one way in for a finished site, whichever builder wrote it: the plugin calls it
after `mkdocs build`, and `trackrecord index` after `zensical build` or a `mkdocs build` of the export.
"""

from __future__ import annotations

import atexit
import json
import os
import shutil
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from generator.search.bundles import MANIFEST, Bundle, plan_bundles

OUTPUT_SUBDIR = "pagefind"
# Pagefind's allocator (jemalloc) keeps freed memory for reuse; at 11,000 pages handing it back at
# once lowered Pagefind's peak from 1.50 to 1.26 GB, with the same index and no slower.
LEAN_ALLOCATOR = {"_RJEM_MALLOC_CONF": "dirty_decay_ms:0,muzzy_decay_ms:0"}
# Not indexed: Material's and Zensical's permalink anchors ("¶" after every heading), which would
# end every hand-written page's title and turn up in its excerpts.
EXCLUDE_SELECTORS = (".headerlink",)
TIMEOUT_SECONDS = 600  # a 10,000-incident site indexes in seconds; a hang must not stall CI for hours


class SearchIndexError(Exception):
    """Pagefind is missing, failed, or wrote no index."""


@dataclass(frozen=True, slots=True)
class IndexStats:
    pages: int  # pages Pagefind indexed (those with data-pagefind-body)
    files: int  # files written under pagefind/
    bytes: int  # their total size
    seconds: float

    def summary(self) -> str:
        size = f"{self.bytes / 1e6:.1f} MB"
        return f"search index: {self.pages} pages, {self.files} files, {size} in {self.seconds:.1f} s"


def pagefind_binary() -> Path:
    """The binary from the `pagefind[bin]` wheel (or PAGEFIND_BINARY_PATH, or a `pagefind` on PATH)."""
    try:
        from pagefind.service import get_executable  # also looks at the env variable and PATH
    except ImportError:
        raise SearchIndexError("Pagefind is not installed: pip install 'pagefind[bin]'.") from None
    found = get_executable()
    if found is None or not found.exists():
        raise SearchIndexError("Pagefind is not installed: pip install 'pagefind[bin]'.")
    return found


def index_site(site_dir: Path, *, bundle_pages: int | None = None) -> IndexStats:
    """Index a built site into `site_dir/pagefind/`, after checking that it is one (see build_search_index)."""
    site_dir = Path(site_dir)
    if not site_dir.exists():
        raise SearchIndexError(f"{site_dir}: no such folder. Build the site first, then index the folder "
                               "the build wrote (site/ unless site_dir says otherwise).")
    if not site_dir.is_dir():
        raise SearchIndexError(f"{site_dir}: a file, not a folder; give the folder of the built site.")
    if not (site_dir / "index.html").is_file():
        hint = "Build it first (mkdocs build or zensical build), then index the folder the build wrote."
        if (site_dir / "site" / "index.html").is_file():
            hint = f"Its built site seems to be {site_dir / 'site'}: index that folder."
        elif (site_dir / "mkdocs.yml").is_file() or (site_dir / "docs").is_dir():
            hint = "This looks like a project or an export, not its output: build it, then index its site/ folder."
        elif (site_dir / "index.md").is_file():
            hint = "It holds the Markdown sources: build them, then index the folder the build wrote."
        raise SearchIndexError(f"{site_dir}: not a built site (it has no index.html). {hint}")
    return build_search_index(site_dir, bundle_pages=bundle_pages)


def build_search_index(site_dir: Path, *, output_dir: Path | None = None, low_priority: bool = False,
                       bundle_pages: int | None = None) -> IndexStats:
    """Index `site_dir`; the index goes to `site_dir/pagefind/` (or `output_dir`). Returns what was written.

    `bundle_pages` bounds the searchable pages of each Pagefind run (by default a large site is
    indexed in two halves; see search_bundles.py). `low_priority` runs Pagefind
    under `nice`, for a background refresh that must not slow a rebuild. A site with no page
    marked for search is refused, and the index already there stays as it was.
    """
    site_dir = Path(site_dir)
    if not site_dir.is_dir():
        raise SearchIndexError(f"{site_dir}: no built site to index.")
    out = Path(output_dir) if output_dir else site_dir / OUTPUT_SUBDIR
    binary = pagefind_binary()
    start = time.perf_counter()
    bundles = plan_bundles(site_dir, bundle_pages, skip=OUTPUT_SUBDIR)
    if not any(bundle.pages for bundle in bundles):
        # Pagefind would fall back to indexing every page whole: listings, navigation and all.
        raise SearchIndexError(
            f"{site_dir}: no page is marked for search (data-pagefind-body), so there is nothing to index. "
            "Was it built with trackrecord's theme (theme.custom_dir in mkdocs.yml) from the plugin or "
            "`trackrecord export`?")
    # Chunk names carry content hashes: without this, a rebuild into the same folder piles up old chunks.
    if out.is_symlink():
        out.unlink()
    elif out.is_dir():
        shutil.rmtree(out)
    for bundle in bundles:  # the primary first: it must not find the others' folders in its way
        _run_pagefind(binary, site_dir, out / bundle.folder, bundle, low_priority)
    merge = [f"{b.folder}/" for b in bundles if b.folder]
    (out / MANIFEST).write_text(json.dumps({"merge": merge}) + "\n", encoding="utf-8")
    return index_stats(out, [b.folder for b in bundles], time.perf_counter() - start)


def _run_pagefind(binary: Path, site_dir: Path, out: Path, bundle: Bundle, low_priority: bool) -> None:
    command = [str(binary), "--site", str(site_dir), "--output-path", str(out.resolve()), "--quiet"]
    for selector in EXCLUDE_SELECTORS:
        command += ["--exclude-selectors", selector]
    if bundle.glob is not None:
        command += ["--glob", bundle.glob]
    if low_priority and shutil.which("nice"):
        command = ["nice", "-n", "10", *command]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT_SECONDS, check=False,
                              env={**os.environ, **LEAN_ALLOCATOR})
    except subprocess.TimeoutExpired:
        raise SearchIndexError(f"Pagefind did not finish within {TIMEOUT_SECONDS} s.") from None
    except OSError as exc:
        raise SearchIndexError(f"Pagefind could not start: {exc}") from None
    if done.returncode != 0:
        detail = (done.stderr or done.stdout).strip()[-2000:]
        raise SearchIndexError(f"Pagefind failed (exit {done.returncode}):\n{detail}")


class ServeIndexer:
    """For `mkdocs serve`, where a full index of 10,000 incidents takes longer than a rebuild.

    The index lives outside the site folder (each rebuild empties that folder, but leaves a link
    alone) and is linked in after every build. One background thread refreshes it at low priority
    once the site has been quiet for `quiet` seconds: an edit shows at once, search catches up a
    little later, and a burst of edits costs one refresh.
    """

    def __init__(self, quiet: float = 5.0, bundle_pages: int | None = None) -> None:
        self.quiet = quiet
        self.bundle_pages = bundle_pages
        self.store = Path(tempfile.mkdtemp(prefix="trackrecord-search-"))
        self.current = self.store / "current"
        self.current.mkdir()
        self.last: IndexStats | None = None
        self.error: SearchIndexError | None = None
        self._lock = threading.Lock()
        self._pending: Path | None = None
        self._asked = 0.0
        self._running = False
        atexit.register(shutil.rmtree, self.store, True)

    def after_build(self, site_dir: Path) -> None:
        link = Path(site_dir) / OUTPUT_SUBDIR
        if not link.is_symlink():
            if link.is_dir():
                shutil.rmtree(link)
            link.symlink_to(self.current, target_is_directory=True)
        with self._lock:
            self._pending, self._asked = Path(site_dir), time.monotonic()
            if self._running:
                return
            self._running = True
        threading.Thread(target=self._work, name="trackrecord-search", daemon=True).start()

    def wait(self, timeout: float | None = None) -> bool:
        """True once no refresh is running or queued (for tests)."""
        deadline = None if timeout is None else time.monotonic() + timeout
        while deadline is None or time.monotonic() < deadline:
            with self._lock:
                if not self._running:
                    return True
            time.sleep(0.05)
        return False

    def _next_site(self) -> Path | None:
        """The site to index once it has been quiet long enough; None when nothing is asked."""
        while True:
            with self._lock:
                if self._pending is None:
                    self._running = False
                    return None
                left = self._asked + self.quiet - time.monotonic()
                if left <= 0:
                    site, self._pending = self._pending, None
                    return site
            time.sleep(min(left, 0.5))

    def _work(self) -> None:
        try:
            while (site := self._next_site()) is not None:
                self._refresh(site)
        except BaseException:
            with self._lock:  # let the next build start a new worker
                self._running = False
            raise

    def _refresh(self, site: Path) -> None:
        fresh, old = self.store / "next", self.store / "old"
        try:
            self.last = build_search_index(site, output_dir=fresh, low_priority=True, bundle_pages=self.bundle_pages)
            # Two renames: the link points at a path, so readers miss the index only for an instant.
            shutil.rmtree(old, ignore_errors=True)
            self.current.rename(old)
            fresh.rename(self.current)
            shutil.rmtree(old, ignore_errors=True)
            self.error = None
        except SearchIndexError as exc:
            self.error = exc
        except OSError as exc:  # the store vanished under us (a cleaner of /tmp): report, keep serving
            self.error = SearchIndexError(f"search index for `mkdocs serve`: {exc}")
            self.current.mkdir(parents=True, exist_ok=True)


def index_stats(out: Path, folders: list[str], seconds: float) -> IndexStats:
    pages = 0
    for folder in folders:
        entry = out / folder / "pagefind-entry.json"
        if not entry.is_file():
            raise SearchIndexError(f"Pagefind wrote no index: {entry} is missing.")
        try:
            languages = json.loads(entry.read_text(encoding="utf-8")).get("languages", {})
            pages += sum(int(lang.get("page_count", 0)) for lang in languages.values())
        except (ValueError, AttributeError) as exc:
            raise SearchIndexError(f"{entry}: unreadable ({exc}).") from None
    files = [p for p in out.rglob("*") if p.is_file()]
    return IndexStats(pages=pages, files=len(files), bytes=sum(p.stat().st_size for p in files), seconds=seconds)
