"""The MkDocs plugin `trackrecord`: a thin adapter. The only module that imports mkdocs.

It loads and checks every record before anything is written (an invalid record stops the
build with the same lines as `trackrecord validate`, and site/ stays as it was), then adds
the generated pages to MkDocs' file collection, has feeds and the API written beside them,
and indexes the result for search.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
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
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import get_build_date
from mkdocs.utils.templates import TemplateContext

from generator.build.pipeline import BuildError, BuildSettings, Pipeline
from generator.build.shipped import MissingFromPackage, check_theme, reader_pages, theme_dir
from generator.records.watch import ChangesObserver, report_changes
from generator.render.page_frame import FrameCache, site_overrides_frame
from generator.render.pages.page import SiteOptions, edit_base, is_count, rendered_body, sitemap_day
from generator.render.theme_listing import list_visible_files

log = get_plugin_logger("trackrecord")
# Below this many generated pages in a serve rebuild, sharing frames costs more than it saves (render/page_frame.py).
FRAME_CACHE_FROM = 50


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
    """Hooks that hand MkDocs' settings and files to the core pipeline (generator/build/pipeline.py)."""

    def __init__(self) -> None:
        self.pipeline = Pipeline()
        self.compiled_templates = _CompiledTemplates()
        self.bodies: dict[str, str] = {}  # generated pages' HTML, from on_page_markdown to on_page_content
        self.env: Environment | None = None
        self.frames: FrameCache | None = None
        self.handed = 0  # generated pages MkDocs got in this build

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining on_startup keeps this instance across `mkdocs serve` rebuilds, so records
        # that did not change are not read again after an edit.
        self.pipeline = Pipeline(serving=command == "serve", dirty=dirty, notice=log.info, warn=log.warning)

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        with _as_plugin_error():
            _add_theme(config)
        root = _root(config)
        # One store per command, so a `mkdocs build` beside a running `mkdocs serve` cannot prune
        # the other's pages.
        store = root / self.config.cache_dir / ("serve" if self.pipeline.serving else "build")
        options = SiteOptions(
            site_url=config.site_url,
            site_name=config.site_name,
            edit_base=edit_base(config.repo_url, config.edit_uri),
            docs_dir=_docs_dir(config),
            page_size=self.config.page_size,
            feed_limit=self.config.feed_limit,
        )
        settings = BuildSettings(reviews=(root / self.config.reviews).resolve(), store=store.resolve(),
                                 options=options, config_file=config.config_file_path or "mkdocs.yml",
                                 directory_urls=config.use_directory_urls)
        with _as_plugin_error():
            self.pipeline.load(settings)
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        own = {f.dest_uri for f in files if not f.inclusion.is_excluded()}
        with _as_plugin_error():
            for src_uri, path in reader_pages(own, directory_urls=config.use_directory_urls).items():
                # Generated, so without an edit link: the page is not in the site's repository.
                files.append(File.generated(config, src_uri, abs_src_path=str(path)))
        taken = {f.dest_uri: self._described(f, config) for f in files if not f.inclusion.is_excluded()}
        # A one-off build indexes its pages for search while they render, on the other core.
        early_search = self.config.search and not self.pipeline.serving
        with _as_plugin_error():
            made = self.pipeline.write_pages(Path(config.site_dir), taken, docs_edited=_docs_edited(files),
                                             weigh=early_search)
        store = str(self.pipeline.settings.store) if self.pipeline.settings else ""
        self.handed = len(made)
        others = {f.dest_uri for f in files.documentation_pages()}
        for page in made:
            generated = File(page.src_uri, src_dir=store, dest_dir=config.site_dir,
                             use_directory_urls=config.use_directory_urls,
                             inclusion=InclusionLevel.INCLUDED if page.in_nav else InclusionLevel.NOT_IN_NAV)
            generated.edit_uri = page.edit_uri  # out of docs/ to the record file
            files.append(generated)
        if early_search:
            with _as_plugin_error():
                self.pipeline.start_search(Path(config.site_dir), others,
                                           bundle_pages=self.config.search_bundle_pages)
        return files

    def _described(self, file: File, config: MkDocsConfig) -> str:
        """A file MkDocs already has, as a duplicate-output error names it."""
        if file.generated_by:
            return f"{file.src_uri} (made by {file.generated_by})"
        if file.src_dir is not None and Path(file.src_dir) == Path(config.docs_dir):
            return f"{_docs_dir(config)}/{file.src_uri} (a hand-written file)"
        return f"{file.src_uri} from the theme"

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        # MkDocs makes a new template environment for every build; while serving, the compiled
        # theme templates carry over (the bucket's checksum notices an edited template).
        if self.pipeline.serving:
            env.bytecode_cache = self.compiled_templates
        self.env = env
        pages = [f.page for f in files.documentation_pages() if f.page is not None]
        if pages and not any(page.update_date for page in pages):
            # No record dates any page (a site with no records yet). MkDocs dates sitemap.xml.gz by
            # its latest page and fails on none, so these pages keep its usual build date.
            for page in pages:
                page.update_date = get_build_date()
        return env

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        # A site's own templates, or another plugin's page context, may show something of each page in
        # the frame: then every page renders its own. So does each of the few pages a rebuild under
        # `serve --dirty` renders: the first page at a place renders its frame twice.
        custom = config.theme.custom_dir
        ours = custom is not None and Path(custom).resolve() == theme_dir().resolve()  # a checkout's theme/
        others = [hook for hook in config.plugins.events["page_context"] if getattr(hook, "__self__", None) is not self]
        few = self.pipeline.serving and self.handed < FRAME_CACHE_FROM
        if others or few or (not ours and site_overrides_frame(custom)):
            self.frames = None
        else:
            extra: Any = config.extra or {}
            homepage = extra.get("homepage")
            targets = [*_nav_urls(nav.items), *([homepage] if isinstance(homepage, str) else [])]
            self.frames = FrameCache(targets, config.theme.get("features") or [])
        return nav

    def on_page_context(self, context: TemplateContext, *, page: Page, config: MkDocsConfig,
                        nav: Navigation) -> TemplateContext:
        # Material renders the whole navigation, the header and the footer into every page: two fifths
        # of a 10,000-incident build's rendering. See render/page_frame.py.
        if self.env is not None and self.frames is not None and self._generated(page) \
                and page.file.inclusion.is_not_in_nav() \
                and (frame := self.frames.blocks(self.env, page, context)) is not None:
            context["tr_frame"] = frame  # type: ignore[typeddict-unknown-key]
        return context

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        # The sitemap's lastmod: the records' day, not the build date, so an unchanged page keeps it.
        page.update_date = sitemap_day(page.meta)
        # A generated page's body is HTML already: Python-Markdown over 12,000 of them only handed
        # the same HTML back, at half the build's time. It is put back in on_page_content.
        if self._generated(page) and (body := rendered_body(markdown)) is not None:
            self.bodies[page.file.src_uri] = body
            return ""
        return markdown

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        return self.bodies.pop(page.file.src_uri, html)

    def _generated(self, page: Page) -> bool:
        settings = self.pipeline.settings
        return settings is not None and page.file.src_dir == str(settings.store)

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        # A one-off build never looks at a generated page again once it is written, yet MkDocs
        # keeps every page's HTML to the end: 12,000 of them while Pagefind runs.
        generated = self._generated(page)
        output = self.pipeline.page_html(output)
        with _as_plugin_error():
            self.pipeline.index_page(page.file.dest_uri, output, page.content if generated else None)
        if not self.pipeline.serving and generated:
            # MkDocs works a page's title out from its Markdown; kept as it is now, the navigation
            # of pages rendered later still names it (without a nav in mkdocs.yml it said "None").
            page.title = page.title
            page.content = None
            page.markdown = None
        return output

    def on_shutdown(self) -> None:
        # MkDocs deletes the served site next: no feeds writer may start or write into it.
        self.pipeline.stop_static()

    def on_build_error(self, *, error: Exception) -> None:
        self.pipeline.stop_search()  # the Pagefind services it started

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        with _as_plugin_error():
            self.pipeline.finish(Path(config.site_dir), search=self.config.search,
                                 bundle_pages=self.config.search_bundle_pages)

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
        # MkDocs polls watched folders, re-reading every file's stat twice a second: with tens of
        # thousands of records that polling alone takes a core. Nothing is watched yet when
        # on_serve runs, so the operating system's own notifications can take its place; only
        # changes count, not the rebuild's own reading of the files.
        server.observer = ChangesObserver()
        settings = self.pipeline.settings
        if settings is not None:
            server.watch(str(settings.reviews))
            if (rescan := self.pipeline.rescan) is not None:
                report_changes(server.observer, settings.reviews, rescan.listing)
                # Edits made during the first build came before any watching.
                rescan.check_when(server.observer.is_alive)
        return server


def _add_theme(config: MkDocsConfig) -> None:
    """trackrecord's overrides between the site's own custom_dir and Material, and the settings its pages need."""
    theme, config_file = config.theme, config.config_file_path or "mkdocs.yml"
    checked = check_theme(theme.name, theme.get("font"), theme.get("palette"))
    if checked.error:
        raise PluginError(f"{config_file}: {checked.error}")
    for warning in checked.warnings:
        log.warning(f"{config_file}: {warning}")
    if checked.font is not None:
        theme["font"] = checked.font
    if checked.palette is not None:
        theme["palette"] = checked.palette
    ours = str(theme_dir())
    if not any(Path(d).resolve() == Path(ours) for d in theme.dirs):  # the theme/ of a checkout may be custom_dir
        theme.dirs.insert(1 if theme.custom_dir else 0, ours)
    list_visible_files(theme)


def _nav_urls(items: list[Any]) -> Iterator[str]:
    """The URLs of the nav's pages, links and sections' pages, at every level."""
    for item in items:
        if isinstance(getattr(item, "url", None), str):
            yield item.url
        yield from _nav_urls(getattr(item, "children", None) or [])


def _root(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path or ".").resolve().parent


def _docs_dir(config: MkDocsConfig) -> str:
    """docs_dir relative to the project. Not resolved: a docs/ that is a link, or lies outside the
    project, must not fail here."""
    return Path(os.path.relpath(config.docs_dir, _root(config))).as_posix()


@contextlib.contextmanager
def _as_plugin_error() -> Iterator[None]:
    """The pipeline's errors (and a broken install's) as MkDocs shows them: the message, no traceback."""
    try:
        yield
    except (BuildError, MissingFromPackage) as exc:
        raise PluginError(str(exc)) from None


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
