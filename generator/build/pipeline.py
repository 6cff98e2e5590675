"""The build sequence, the same for every builder, with no MkDocs in it.

records -> checks -> catalog -> pages (into a page store) and static files (feeds, API,
schemas) -> written output -> search index. The MkDocs plugin calls these steps from its
hooks; `trackrecord export` runs them into a folder; another builder can do the same. One
`Pipeline` lives for one build, or for every rebuild of one `mkdocs serve`: then it keeps what
it read, the previous catalog and the pages it made, so an edit regenerates only what changed.
"""

from __future__ import annotations

import dataclasses
import posixpath
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from generator.build import cores, memory
from generator.build.history import last_changes
from generator.build.isolated_load import load_corpus_isolated
from generator.build.output_paths import DuplicateOutput, OutputClaims, site_path
from generator.build.page_store import PageStore
from generator.build.page_workers import make_pages
from generator.build.plan import FULL, SiteState
from generator.build.serve_memo import ServeMemo
from generator.build.writer_process import BackgroundWriteError, BackgroundWriter
from generator.model import LastChange
from generator.records.files import RecordListing
from generator.records.reader import InvalidRecords
from generator.records.rescan import Rescanner
from generator.records.yaml_source import Problem
from generator.render.feeds.site import site_url_problem
from generator.render.pages.page import SiteOptions
from generator.render.pages.problems import problems_notice, with_notice
from generator.render.site_content import entity_pages, static_files
from generator.scoring.catalog import Catalog, build_catalog
from generator.search.pagefind import SearchIndexError, ServeIndexer, index_site
from generator.search.stream import StreamIndex

STATIC_AFTER = 0.3  # seconds after a serve rebuild to start writing the feeds and the API
LARGE_CORPUS = 1000  # incidents; from here a full re-render after each edit takes tens of seconds


class BuildError(Exception):
    """The build cannot go on; the message says why in words for the person running it."""


@dataclass(frozen=True, slots=True)
class BuildSettings:
    reviews: Path
    store: Path  # where generated pages are kept as Markdown files, outside docs/
    options: SiteOptions
    config_file: str = "mkdocs.yml"  # named in messages
    directory_urls: bool = True


@dataclass(frozen=True, slots=True)
class PageFile:
    """A generated page for the builder to render: its Markdown file is `store / src_uri`."""

    src_uri: str
    in_nav: bool
    edit_uri: str | None  # relative to docs/, as MkDocs joins it with edit_uri
    producer: str
    site_path: str


class Pipeline:
    def __init__(self, *, serving: bool = False, dirty: bool = False,
                 notice: Callable[[str], None] = print, warn: Callable[[str], None] = print) -> None:
        self.serving = serving
        self.dirty = dirty
        self.notice, self.warn = notice, warn
        self.settings: BuildSettings | None = None
        self.catalog: Catalog | None = None
        # Kept across rebuilds while serving, so that an edit re-does only what it changed.
        self.memo: ServeMemo | None = ServeMemo() if serving else None
        self.state = SiteState()
        self.taken: dict[str, str] = {}
        self.writer: BackgroundWriter | None = None
        self.serve_index: ServeIndexer | None = None
        self.stream: StreamIndex | None = None  # a one-off build's index, fed while the pages render
        self.search_weights: dict[str, int | None] = {}  # the generated pages' by site path, for StreamIndex
        self._frozen = False
        self.problems: tuple[Problem, ...] = ()  # while serving: what the records got wrong, shown on every page
        self._notice = ""
        self._history: Mapping[str, LastChange] | None = None  # while serving: read once per session

    @property
    def rescan(self) -> Rescanner | None:
        return self.memo.rescan if self.memo is not None else None

    @property
    def listing(self) -> RecordListing | None:
        """Where the file watcher reports changes below reviews/ (serving only)."""
        return self.memo.rescan.listing if self.memo is not None else None

    # -- records -> checks -> catalog ----------------------------------------------------------

    def load(self, settings: BuildSettings) -> Catalog:
        """Check the settings and read every record; BuildError (nothing written) when any is wrong."""
        if (problem := site_url_problem(settings.options.site_url)) is not None:
            raise BuildError(f"{settings.config_file}: site_url: {problem}")
        if error := self.stop_static():  # while serving: the last rebuild's feeds are stale now
            self.warn(f"writing feeds and the API failed: {error}")
        self.settings = settings
        if self.rescan is None:  # a one-off build: parse where the garbage cannot stay
            try:
                corpus = load_corpus_isolated(settings.reviews)
            except InvalidRecords as exc:
                raise BuildError(f"{len(exc.problems)} problem(s) in the records; nothing was built:\n{exc}") from None
            problems: Sequence[Problem] = ()
        else:
            corpus, problems = self.rescan.scan(settings.reviews)
            self._serve_problems(problems)
        if self._history is None or not self.serving:
            self._history = last_changes(settings.reviews.parent, [i.path for i in corpus.incidents])
        self.settings = dataclasses.replace(
            settings, options=dataclasses.replace(settings.options, history=self._history))
        # With problems, the last good pages stay (or, before any, those of the valid records).
        if not problems or self.catalog is None:
            self.catalog = build_catalog(corpus) if self.memo is None else self.memo.next_catalog(self.catalog, corpus)
        if self.serving and not self._frozen:
            memory.keep_for_the_session()
            self._frozen = True
            if not self.dirty and len(corpus.incidents) >= LARGE_CORPUS:
                self.notice(f"{len(corpus.incidents)} incidents: without --dirty MkDocs renders every page again "
                            "after each edit; `mkdocs serve --dirty` renders only the pages the edit changed.")
        return self.catalog

    def _serve_problems(self, problems: Sequence[Problem]) -> None:
        """While serving, invalid records do not stop the server: every page shows what to fix.

        A failed rebuild would leave the browser waiting for a build that never comes."""
        kept = self.catalog is not None
        self.problems = tuple(problems)
        self._notice = problems_notice(self.problems, kept=kept) if problems else ""
        if problems:
            lines = "\n".join(map(str, problems))
            self.warn(f"{len(problems)} problem(s) in the records; every page shows them until they are fixed:\n"
                      f"{lines}")

    def page_html(self, html: str) -> str:
        """A rendered page as served: with the records' problems at the top while there are any."""
        return with_notice(html, self._notice) if self._notice else html

    # -- pages and static files -> written output ----------------------------------------------

    def write_pages(self, site_dir: Path, taken: Mapping[str, str], *, docs_edited: bool = False,
                    weigh: bool = False) -> list[PageFile]:
        """Generate the pages into the store and return those the builder renders in this build.

        `taken`: the site paths of the builder's other files (docs/, the theme), by who makes them;
        a generated page or feed on one of them is a BuildError naming both. `weigh` keeps each
        page's search weight in search_weights, for start_search()."""
        catalog, settings = self.catalog, self.settings
        assert catalog is not None and settings is not None, "load() first"
        self.taken = dict(taken)
        self.search_weights = {}
        try:
            return self._write_pages(catalog, settings, site_dir, docs_edited, weigh)
        except DuplicateOutput as exc:
            self.stop_static()
            raise BuildError(str(exc)) from None

    def _write_pages(self, catalog: Catalog, settings: BuildSettings, site_dir: Path,
                     docs_edited: bool, weigh: bool) -> list[PageFile]:
        stale_possible = settings.store.exists()  # a new store (an export's) has nothing to prune
        store = PageStore(settings.store)
        site = OutputClaims(self.taken)
        plan = self.state.plan(catalog, settings.options, settings.options.page_size) if self.serving else FULL
        memo = self.memo
        entities = entity_pages(catalog) if memo is None else memo.entity_pages(catalog, plan, self.state.entities)
        dropped: set[str] = set()
        if plan.full:
            self.state.reset(entities)
        else:
            dropped = self.state.carry_over(plan, entities)
        regenerated = set()
        # A one-off build makes its pages on both cores (build/page_workers.py).
        made = make_pages(catalog, settings.options, plan, store, weigh=weigh,
                          processes=1 if self.serving else cores.processes(),
                          records=memo.record_days if memo is not None else None)
        for page in made:
            self.state.adopt(page.src_uri, page.kept)
            regenerated.add(page.src_uri)
            if weigh:
                self.search_weights[site_path(page.src_uri, directory_urls=settings.directory_urls)] = page.weight
        # Pages no record shows any more (a deleted incident's, a listing left empty): no longer served.
        for uri in dropped - regenerated:
            store.remove((uri,))
            (site_dir / site_path(uri, directory_urls=settings.directory_urls)).unlink(missing_ok=True)
        if not self.serving:
            # Feeds and the API are written by a second process on the other core while MkDocs
            # reads and renders the pages. While serving it starts after the pages instead (see finish()).
            self.start_static(site_dir)
        # An edited hand-written page may link to any generated page: then the builder gets them all.
        narrow = self.dirty and not plan.full and not docs_edited
        handed = []
        for uri, kept in self.state.handed_over(regenerated, narrow=narrow):
            out = site_path(uri, directory_urls=settings.directory_urls)
            site.claim(out, kept.producer)
            edit = posixpath.relpath(kept.edit_path, settings.options.docs_dir) if kept.edit_path else None
            handed.append(PageFile(uri, kept.in_nav, edit, kept.producer, out))
        if plan.full and stale_possible:
            store.prune()
        if not self.serving:
            # A one-off build needs the catalog no more: the pages are written and the feeds'
            # process has its own copy. Freed now, its memory serves the builder's rendering.
            self.catalog = None
            memory.let_go()
        return handed

    def start_static(self, site_dir: Path, *, after: float = 0.0) -> None:
        catalog, settings = self.catalog, self.settings
        assert catalog is not None and settings is not None
        options = settings.options
        self.writer = BackgroundWriter(lambda: static_files(catalog, options, self.taken), site_dir, self.taken)
        if after:
            self.writer.start_after(after)
        else:
            self.writer.start()

    def stop_static(self) -> str | None:
        """Stop writing feeds that an edit made stale; returns what went wrong, if anything did."""
        writer, self.writer = self.writer, None
        return writer.cancel() if writer is not None else None

    def join_static(self) -> None:
        writer, self.writer = self.writer, None
        if writer is None:
            return
        try:
            writer.join()
        except BackgroundWriteError as exc:
            raise BuildError(f"writing feeds and the API failed: {exc}") from None

    # -> search index --------------------------------------------------------------------------

    def start_search(self, site_dir: Path, others: set[str], *, bundle_pages: int | None = None) -> None:
        """Index a one-off build's pages as they render (see search/stream.py), from the weights
        write_pages(weigh=True) kept; `others`: the site paths of the builder's other pages."""
        try:
            self.stream = StreamIndex(site_dir, self.search_weights, others, bundle_pages)
        except SearchIndexError as exc:
            raise BuildError(str(exc)) from None
        self.search_weights = {}

    def index_page(self, path: str, html: str, body: str | None = None) -> None:
        """A page the builder rendered, written at `path` in the site; `body`: its searchable element,
        if the builder knows it."""
        if self.stream is not None:
            try:
                self.stream.add(path, html, body)
            except SearchIndexError as exc:
                self.stop_search()
                raise BuildError(str(exc)) from None

    def stop_search(self) -> None:
        stream, self.stream = self.stream, None
        if stream is not None:
            stream.close()

    def finish(self, site_dir: Path, *, search: bool = True, bundle_pages: int | None = None) -> None:
        """After the builder rendered the pages: the feeds and API written, the site indexed for search."""
        if self.serving:
            # Once the browser has the rebuilt page: the feeds follow a moment later.
            self.start_static(site_dir, after=STATIC_AFTER)
            if not search:
                return
            # In the background: a rebuild after an edit must not wait for the index.
            self.serve_index = self.serve_index or ServeIndexer(bundle_pages=bundle_pages)
            if self.serve_index.error:
                self.warn(str(self.serve_index.error))
            self.serve_index.after_build(site_dir)
            return
        self.join_static()
        stream, self.stream = self.stream, None
        if search:
            memory.give_back_freed_memory()  # Pagefind runs beside this process
            try:
                stats = stream.finish() if stream is not None else index_site(site_dir, bundle_pages=bundle_pages)
            except SearchIndexError as exc:
                raise BuildError(str(exc)) from None
            self.notice(stats.summary())
        elif stream is not None:
            stream.close()

