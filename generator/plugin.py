"""The MkDocs plugin `trackrecord`: a thin adapter. The only module that imports mkdocs.

It loads and checks every record before anything is written (an invalid record stops the
build with the same lines as `trackrecord validate`, and site/ stays as it was), then adds
the generated pages and files to MkDocs' file collection.
"""

from __future__ import annotations

import posixpath
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel

from generator.catalog import Catalog, build_catalog
from generator.pages.page import SiteOptions
from generator.records import InvalidRecords, load_corpus
from generator.site import pages, static_files


class TrackrecordConfig(Config):
    reviews = c.Type(str, default="reviews")
    page_size = c.Type(int, default=50)
    feed_limit = c.Type(int, default=50)


class TrackrecordPlugin(BasePlugin[TrackrecordConfig]):
    def __init__(self) -> None:
        self.catalog: Catalog | None = None
        self.options = SiteOptions()
        self.reviews_dir = Path("reviews")

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        root = Path(config.config_file_path or ".").resolve().parent
        self.reviews_dir = (root / self.config.reviews).resolve()
        if not config.site_url:
            raise PluginError("site_url is required in mkdocs.yml: feeds and the API need absolute URLs.")
        try:
            corpus = load_corpus(self.reviews_dir)
        except InvalidRecords as exc:
            raise PluginError(
                f"{len(exc.problems)} problem(s) in the records; nothing was built:\n{exc}"
            ) from None
        self.catalog = build_catalog(corpus)
        edit_base = urljoin(config.repo_url, config.edit_uri) if config.repo_url and config.edit_uri else None
        docs_dir = posixpath.normpath(Path(config.docs_dir).resolve().relative_to(root).as_posix())
        self.options = SiteOptions(
            site_url=config.site_url,
            site_name=config.site_name,
            edit_base=edit_base,
            docs_dir=docs_dir,
            page_size=self.config.page_size,
            feed_limit=self.config.feed_limit,
        )
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        assert self.catalog is not None
        for page in pages(self.catalog, self.options):
            generated = File.generated(
                config,
                page.src_uri,
                content=page.markdown(),
                inclusion=InclusionLevel.INCLUDED if page.in_nav else InclusionLevel.NOT_IN_NAV,
            )
            # MkDocs joins edit_uri with this path; pointing it out of docs/ reaches the record.
            generated.edit_uri = posixpath.relpath(page.edit_path, self.options.docs_dir) if page.edit_path else None
            files.append(generated)
        for path, content in static_files(self.catalog, self.options).items():
            files.append(File.generated(config, path, content=content))
        return files

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
        server.watch(str(self.reviews_dir))
        return server
