"""Real MkDocs projects in temporary folders, built with the real plugin and theme, and read back as HTML.

A fixture project is what a user has: mkdocs.yml (`theme: material` and the plugin, which adds its own theme
overrides), docs/ copied from the repository, and a reviews/ tree. Every test builds through here: in-process
with MkDocs' own `load_config` + `build` (`build_site`, and `serve_builds` for rebuilds as `mkdocs serve`
makes them), or as `.venv/bin/mkdocs` subprocesses where the exit code and output matter (`run_mkdocs`).

MkDocs keeps a plugin that defines `on_startup` (ours does) for the life of the process: its `plugins`
option caches the instance so that `mkdocs serve` rebuilds reuse it. In one test process that cache
would hand one test's plugin, serve state and all, to the next build; every build here starts without it.
"""

from __future__ import annotations

import gc
import logging
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # Material's banner about MkDocs 2, printed on import

from bs4 import BeautifulSoup  # noqa: E402
from mkdocs.commands.build import build  # noqa: E402
from mkdocs.config import load_config  # noqa: E402
from mkdocs.config.defaults import MkDocsConfig  # noqa: E402
from mkdocs.exceptions import Abort  # noqa: E402

from support import FIXTURES, REPO, SITE_URL  # noqa: E402
from support.integration import require_integration  # noqa: E402
from support.pages import soup  # noqa: E402
from support.records import write_records  # noqa: E402

SITE_FIXTURES = FIXTURES / "site"
METRICS = SITE_FIXTURES / "metrics" / "reviews"  # hand-computed numbers (its README works them out)
HOSTILE = SITE_FIXTURES / "hostile" / "reviews"  # record text that tries to become markup everywhere
SAMPLE_PROJECT = SITE_FIXTURES / "sample"  # the sample corpus (a copy of the demo's records, see its README)
SAMPLE = SAMPLE_PROJECT / "reviews"
SAMPLE_SITE_URL = "https://sample.example.org/"  # site_url in the sample's mkdocs.yml
MKDOCS = Path(sys.executable).with_name("mkdocs")
REPO_URL = "https://github.com/example/trackrecord"
EDIT_URI = "edit/main/docs/"

# A small mkdocs.yml a site owner could write (the plugin adds its own theme overrides);
# content.action.edit makes Material show its edit button.
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


def write_project(root: Path, records: Mapping[str, str] | Path, *, extra_config: str = "",
                  docs: bool = True) -> Path:
    """A project in `root`: records are YAML strings by path under reviews/, or a fixture's reviews/ folder.
    `extra_config`: more trackrecord options, indented as they are under the plugin; `docs`: copy the
    repository's docs/ (without it, docs/ is empty: quicker to build, and no hand-written page changes it)."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "mkdocs.yml").write_text(
        MKDOCS_YML.format(site_url=SITE_URL, repo_url=REPO_URL, edit_uri=EDIT_URI, extra=extra_config),
        encoding="utf-8",
    )
    if docs:
        shutil.copytree(REPO / "docs", root / "docs")
    else:
        (root / "docs").mkdir()  # MkDocs wants the folder; the generated pages are all it will hold
    if isinstance(records, Path):
        shutil.copytree(records, root / "reviews")
    else:
        write_records(root / "reviews", records)
    return root


def sample_project(root: Path, *, reviews: Path = SAMPLE, plugin_options: str = "",
                   site_url: str | None = None) -> Path:
    """The sample corpus as a project in `root`: tests/fixtures/site/sample/ (its records and mkdocs.yml,
    configured as the demo is) with this repository's docs/ beside them. Tests build this, never the
    demo's reviews/. `plugin_options` go under the plugin's `reviews:` line; `site_url` replaces its own."""
    root.mkdir(parents=True, exist_ok=True)
    shutil.copytree(REPO / "docs", root / "docs")
    shutil.copytree(reviews, root / "reviews")
    text = (SAMPLE_PROJECT / "mkdocs.yml").read_text(encoding="utf-8")
    assert text.count("      reviews: reviews\n") == 1 and f"site_url: {SAMPLE_SITE_URL}\n" in text
    text = text.replace("      reviews: reviews\n", f"      reviews: reviews\n{plugin_options}")
    if site_url is not None:
        text = text.replace(f"site_url: {SAMPLE_SITE_URL}\n", f"site_url: {site_url}\n")
    (root / "mkdocs.yml").write_text(text, encoding="utf-8")
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
    plugin: Any = None  # the trackrecord plugin instance that built it (None for a build without it)

    def page(self, url: str, parser: str = "lxml") -> BeautifulSoup:
        """The page at a directory URL such as 'companies/acme/' ('' is the home page)."""
        return soup(self.site / url / "index.html", parser)

    def json_text(self, path: str) -> str:
        return (self.site / path).read_text(encoding="utf-8")

    def html_files(self) -> list[Path]:
        return sorted(self.site.rglob("*.html"))


def forget_plugin_instances() -> None:
    """Drop the plugin instances MkDocs keeps across builds in this process (see the module's docstring)."""
    plugins_option = dict(MkDocsConfig._schema)["plugins"]
    plugins_option.plugin_cache.clear()


def _config_file(project: Path) -> Path:
    return project if project.is_file() else project / "mkdocs.yml"


def _build(config: MkDocsConfig, built: Built, **options: Any) -> Built:
    """One MkDocs build, collecting every warning it logs (the ones --strict turns into a failure)."""
    collect = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collect)
    built.plugin = config.plugins.get("trackrecord")
    try:
        try:
            build(config, **options)
        except Abort as exc:  # strict: the site is written, then the warnings abort the build
            built.strict_failure = str(exc)
    finally:
        logger.removeHandler(collect)
    built.warnings = collect.lines
    return built


def build_site(project: Path, site: Path, *, strict: bool = False) -> Built:
    """`mkdocs build` of `project` (a folder with mkdocs.yml, or the file) into `site`, in-process and with a
    new plugin instance, as the command runs it."""
    require_integration("builds a site")
    forget_plugin_instances()
    config = load_config(str(_config_file(project)), site_dir=str(site), strict=strict)
    config.plugins.on_startup(command="build", dirty=False)
    try:
        return _build(config, Built(project, site))
    finally:
        config.plugins.on_shutdown()
        forget_plugin_instances()


@contextmanager
def serve_builds(project: Path, site: Path, *, dirty: bool = False, search: bool = False
                 ) -> Iterator[Callable[..., Built]]:
    """Builds as `mkdocs serve [--dirty]` makes them, without the server: the block gets `rebuild()`, whose
    first call is the startup build and every later one a rebuild after an edit, all by one plugin instance.
    No watcher runs: before each rebuild the plugin is told the files given as `rebuild(changed)`, or else
    to list every record again, as it does when the watcher lost events.

    `search` off by default: the serve indexer refreshes Pagefind in a thread seconds after the last build,
    which would run during later tests. When the block ends, the feeds' writer is waited for, what the
    session kept from the garbage collector is handed back, and the plugin instance is dropped."""
    require_integration("builds a site")
    forget_plugin_instances()
    configs: list[MkDocsConfig] = []

    def rebuild(changed: Iterable[Path] | None = None) -> Built:
        config = load_config(str(_config_file(project)), site_dir=str(site))
        if not search and "trackrecord" in config.plugins:
            config.plugins["trackrecord"].config["search"] = False
        if not configs:
            config.plugins.on_startup(command="serve", dirty=dirty)
        elif (plugin := config.plugins.get("trackrecord")) is not None and plugin.pipeline.listing is not None:
            # The file watcher's part: it reports the `changed` files, or that something below reviews/ did.
            if changed is None:
                plugin.pipeline.listing.relist()
            for path in changed or ():
                plugin.pipeline.listing.touched(str(path.resolve()))
        configs.append(config)
        return _build(config, Built(project, site), dirty=dirty)

    try:
        yield rebuild
    finally:
        if configs:
            if (plugin := configs[-1].plugins.get("trackrecord")) is not None:
                plugin.pipeline.join_static()
            configs[-1].plugins.on_shutdown()
        gc.unfreeze()  # the session's gc.freeze() (build/memory.py) must not outlive it
        forget_plugin_instances()


def run_mkdocs(project: Path, *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """`.venv/bin/mkdocs ARGS` in the project, as a user runs it."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [str(MKDOCS), *args], cwd=project, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )
