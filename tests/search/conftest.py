"""Fixtures for the search tests: real builds (the plugin runs Pagefind, or `trackrecord index` does after
Zensical), served on 127.0.0.1, and
Debian's headless Chromium driven by Selenium through /usr/bin/chromedriver (never a download)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import pytest
from browser_harness import chromium, serving
from sample_project import sample_project
from zensical_build import export_build_index

REPO = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
MKDOCS = Path(sys.executable).with_name("mkdocs")
PROJECT_YML = """\
site_name: search fixture
site_url: https://search-fixture.example.org/
theme:
  name: material
plugins:
  - trackrecord:
      reviews: reviews
nav:
  - Home: index.md
"""


def mkdocs_build(config: Path, site: Path) -> Path:
    """`mkdocs build --strict` as a user runs it; the plugin's on_post_build writes site/pagefind/."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run(
        [str(MKDOCS), "build", "--strict", "-q", "-f", str(config), "-d", str(site)],
        cwd=config.parent, env=env, capture_output=True, text=True, timeout=300, check=False,
    )
    assert done.returncode == 0, done.stderr + done.stdout
    assert (site / "pagefind" / "pagefind-entry.json").is_file(), "the build wrote no search index"
    return site


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample corpus (tests/fixtures/site/sample/), configured as the demo is."""
    root = tmp_path_factory.mktemp("search-sample")
    return mkdocs_build(sample_project(root / "project"), root / "site")


@pytest.fixture(scope="session")
def bundled_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample again, indexed five searchable pages at a time: six bundles the browser joins."""
    root = tmp_path_factory.mktemp("search-bundled")
    site = mkdocs_build(sample_project(root / "project", "      search_bundle_pages: 5\n"), root / "site")
    merged = json.loads((site / "pagefind" / "trackrecord-bundles.json").read_text(encoding="utf-8"))["merge"]
    assert len(merged) >= 3, f"the sample should need several bundles at 5 pages each: {merged}"
    return site


@pytest.fixture(scope="session")
def zensical_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample without the plugin: `trackrecord export`, `zensical build`, then `trackrecord index`."""
    return export_build_index(REPO / "mkdocs.yml", tmp_path_factory.mktemp("search-zensical"))


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """tests/search/fixtures/hostile: records whose text tries to become markup in results."""
    root = tmp_path_factory.mktemp("search-hostile")
    project = root / "project"
    shutil.copytree(FIXTURES / "hostile" / "reviews", project / "reviews")
    shutil.copytree(REPO / "docs", project / "docs")
    (project / "mkdocs.yml").write_text(PROJECT_YML, encoding="utf-8")
    return mkdocs_build(project / "mkdocs.yml", root / "site")


@pytest.fixture(scope="session")
def serve() -> Iterator[Callable[[Path], str]]:
    """serve(site) -> its http://127.0.0.1:PORT/ address, for the rest of the session."""
    with ExitStack() as servers:
        yield lambda site: servers.enter_context(serving(site))


def _chromium(profile: Path, javascript: bool) -> Any:
    return chromium(profile, flags=["--window-size=1280,900"], javascript=javascript)


@pytest.fixture(scope="session")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    driver = _chromium(tmp_path_factory.mktemp("chromium-js"), javascript=True)
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture(scope="session")
def browser_without_js(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    driver = _chromium(tmp_path_factory.mktemp("chromium-nojs"), javascript=False)
    try:
        yield driver
    finally:
        driver.quit()
