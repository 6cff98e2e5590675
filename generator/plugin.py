"""The MkDocs plugin `trackrecord`: a thin adapter. The only module that imports mkdocs.

It loads and checks every record before anything is written (an invalid record stops the
build with the same lines as `trackrecord validate`, and site/ stays as it was), then adds
the generated pages to MkDocs' file collection, has feeds and the API written beside them,
and indexes the result for search.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import gc
import os
import posixpath
from pathlib import Path
from typing import Any

from jinja2 import BytecodeCache, Environment
from jinja2.bccache import Bucket
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from watchdog.observers import Observer as NativeObserver

from generator.background_write import BackgroundWriteError, BackgroundWriter
from generator.catalog import Catalog, ScoreMemo, build_catalog
from generator.incremental import FULL, SiteState
from generator.isolated_load import load_corpus_isolated
from generator.output_cache import OutputCache
from generator.pages.page import SiteOptions, edit_base, is_count
from generator.record_files import RecordListing
from generator.record_watch import report_changes
from generator.records import InvalidRecords, ReadCache, load_corpus
from generator.search_index import SearchIndexError, ServeIndexer, index_site
from generator.site import entity_pages, pages, static_files

log = get_plugin_logger("trackrecord")
LARGE_CORPUS = 1000  # incidents; from here a full re-render after each edit takes tens of seconds


class _Count(c.Type[int]):
    """A whole number of at least 1: a page size of 0 would never end a listing."""

    def __init__(self, default: int | None = None) -> None:
        super().__init__(int, default=default)

    def run_validation(self, value: object) -> int:
        if not is_count(value):
            raise c.ValidationError(f"Expected a whole number of at least 1, but received: {value!r}")
        return value


class TrackrecordConfig(Config):
    reviews = c.Type(str, default="reviews")
    page_size = _Count(default=50)
    feed_limit = _Count(default=50)
    cache_dir = c.Type(str, default=".trackrecord-cache")
    search = c.Type(bool, default=True)  # index the built site with Pagefind
    # Searchable pages per Pagefind run; unset, a large site is indexed in two halves.
    search_bundle_pages = c.Optional(_Count())


class TrackrecordPlugin(BasePlugin[TrackrecordConfig]):
    def __init__(self) -> None:
        self.catalog: Catalog | None = None
        self.options = SiteOptions()
        self.reviews_dir = Path("reviews")
        self.cache_dir = Path(".trackrecord-cache")
        self.read_cache: ReadCache | None = None
        self.listing: RecordListing | None = None
        self.scores: ScoreMemo | None = None
        self.state = SiteState()
        self.writer: BackgroundWriter | None = None
        self.serving = False
        self.dirty = False
        self.frozen = False
        self.compiled_templates = _CompiledTemplates()
        self.serve_index: ServeIndexer | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining on_startup keeps this instance across `mkdocs serve` rebuilds, so records
        # that did not change are not read again after an edit.
        self.read_cache = {} if command == "serve" else None
        self.listing = RecordListing() if command == "serve" else None
        self.scores = ScoreMemo() if command == "serve" else None
        self.serving = command == "serve"
        self.dirty = dirty

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        root = Path(config.config_file_path or ".").resolve().parent
        self.reviews_dir = (root / self.config.reviews).resolve()
        # One folder per command, so a `mkdocs build` beside a running `mkdocs serve` cannot prune
        # the other's pages.
        self.cache_dir = (root / self.config.cache_dir / ("serve" if self.serving else "build")).resolve()
        if self.serving:
            self._stop_writer()
        if not config.site_url:
            raise PluginError("site_url is required in mkdocs.yml: feeds and the API need absolute URLs.")
        try:
            if self.read_cache is None:  # a one-off build: parse where the garbage cannot stay
                corpus = load_corpus_isolated(self.reviews_dir)
            else:
                corpus = load_corpus(self.reviews_dir, cache=self.read_cache, listing=self.listing)
        except InvalidRecords as exc:
            raise PluginError(
                f"{len(exc.problems)} problem(s) in the records; nothing was built:\n{exc}"
            ) from None
        self.catalog = build_catalog(corpus, memo=self.scores)
        if self.serving and not self.frozen:
            # What the first load read stays alive for the whole session. Leaving it out of the
            # cycle collector's full passes saved seconds per rebuild at 10,000 incidents.
            gc.freeze()
            self.frozen = True
            if not self.dirty and len(corpus.incidents) >= LARGE_CORPUS:
                log.info(f"{len(corpus.incidents)} incidents: without --dirty MkDocs renders every page again "
                         "after each edit; `mkdocs serve --dirty` renders only the pages the edit changed.")
        # Not resolved: a docs/ that is a link, or lies outside the project, must not fail here.
        docs_dir = Path(os.path.relpath(config.docs_dir, root)).as_posix()
        self.options = SiteOptions(
            site_url=config.site_url,
            site_name=config.site_name,
            edit_base=edit_base(config.repo_url, config.edit_uri),
            docs_dir=docs_dir,
            page_size=self.config.page_size,
            feed_limit=self.config.feed_limit,
        )
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        assert self.catalog is not None
        cache = OutputCache(self.cache_dir)
        plan = self.state.plan(self.catalog, self.options) if self.serving else FULL
        if not self.serving:
            self._start_writer(config)
        if not plan.full:
            cache.remove(self.state.carry_over(plan, entity_pages(self.catalog)))
        else:
            self.state.reset(entity_pages(self.catalog))
        regenerated = set()
        for page in pages(self.catalog, self.options, plan):
            cache.put(page.src_uri, page.markdown())
            self.state.pages[page.src_uri] = (page.in_nav, page.edit_path)
            regenerated.add(page.src_uri)
        # An edited hand-written page may link to any generated page: then MkDocs gets them all.
        narrow = self.dirty and not plan.full and not _docs_edited(files)
        for uri, in_nav, edit_path in self.state.handed_over(regenerated, narrow=narrow):
            generated = self._file(uri, config, in_nav=in_nav)
            # MkDocs joins edit_uri with this path; pointing it out of docs/ reaches the record.
            generated.edit_uri = posixpath.relpath(edit_path, self.options.docs_dir) if edit_path else None
            files.append(generated)
        if plan.full:
            cache.prune()
        if not self.serving:
            # A one-off build needs the catalog no more: the pages are written and the feeds'
            # process has its own copy. Freed now, its memory serves MkDocs' rendering.
            self.catalog = None
            gc.collect()
        return files

    def _file(self, src_uri: str, config: MkDocsConfig, *, in_nav: bool) -> File:
        return File(
            src_uri,
            src_dir=str(self.cache_dir),
            dest_dir=config.site_dir,
            use_directory_urls=config.use_directory_urls,
            inclusion=InclusionLevel.INCLUDED if in_nav else InclusionLevel.NOT_IN_NAV,
        )

    def _start_writer(self, config: MkDocsConfig) -> None:
        # Feeds and the API are written straight into site/ by a second process. A build starts
        # it before MkDocs renders, on the other core, and waits for it in on_post_build. While
        # serving it starts after the pages (an edited page shows first: forking a large process
        # makes the parent's next writes slower) and nothing waits for it.
        catalog, options = self.catalog, self.options
        assert catalog is not None
        self.writer = BackgroundWriter(lambda: static_files(catalog, options), Path(config.site_dir))
        self.writer.start()

    def _stop_writer(self) -> None:
        """While serving: the last rebuild's feeds are stale once another starts, so stop writing them."""
        writer, self.writer = self.writer, None
        if writer is not None and (error := writer.cancel()):
            log.warning(f"writing feeds and the API failed: {error}")

    def _join_writer(self) -> None:
        writer, self.writer = self.writer, None
        if writer is None:
            return
        try:
            writer.join()
        except BackgroundWriteError as exc:
            raise PluginError(f"writing feeds and the API failed: {exc}") from None

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        # MkDocs makes a new template environment for every build; while serving, the compiled
        # theme templates carry over (the bucket's checksum notices an edited template).
        if self.serving:
            env.bytecode_cache = self.compiled_templates
        return env

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        # A one-off build never looks at a generated page again once it is written, yet MkDocs
        # keeps every page's HTML to the end: 12,000 of them while Pagefind runs.
        if not self.serving and page.file.src_dir == str(self.cache_dir):
            page.content = None
            page.markdown = None
        return output

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.serving:
            self._start_writer(config)
        else:
            self._join_writer()
        if not self.config.search:
            return
        if self.serving:  # index in the background: a rebuild after an edit must not wait for it
            self.serve_index = self.serve_index or ServeIndexer(bundle_pages=self.config.search_bundle_pages)
            if self.serve_index.error:
                log.warning(str(self.serve_index.error))
            self.serve_index.after_build(Path(config.site_dir))
            return
        _give_back_freed_memory()  # Pagefind runs beside this process: leave it the memory rendering used
        try:
            stats = index_site(Path(config.site_dir), bundle_pages=self.config.search_bundle_pages)
        except SearchIndexError as exc:
            raise PluginError(str(exc)) from None
        log.info(stats.summary())

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
        # MkDocs polls watched folders, re-reading every file's stat twice a second: with tens of
        # thousands of records that polling alone takes a core. Nothing is watched yet when
        # on_serve runs, so the operating system's own notifications can take its place.
        server.observer = NativeObserver()  # type: ignore[assignment]  # same interface
        server.watch(str(self.reviews_dir))
        if self.listing is not None:
            # Edits made during the first build came before any watching: list everything once more.
            self.listing.relist()
            report_changes(server.observer, self.reviews_dir, self.listing)
        return server


def _docs_edited(files: Files) -> bool:
    """Whether a hand-written page changed since it was last rendered."""
    return any(f.is_modified() for f in files.documentation_pages())


class _CompiledTemplates(BytecodeCache):
    """Compiled Jinja templates kept in memory across `mkdocs serve` rebuilds."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if (code := self.compiled.get(bucket.key)) is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


def _give_back_freed_memory() -> None:
    """Return freed heap pages to the system (glibc keeps them for reuse); elsewhere, do nothing."""
    gc.collect()
    with contextlib.suppress(OSError, AttributeError, TypeError):  # not glibc: no malloc_trim
        ctypes.CDLL(ctypes.util.find_library("c")).malloc_trim(0)
