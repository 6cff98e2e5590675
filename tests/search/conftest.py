"""Fixtures for the search tests: real builds (the plugin runs Pagefind, or `trackrecord index` does after
Zensical), served on 127.0.0.1, and Debian's headless Chromium driven by Selenium through
/usr/bin/chromedriver (never a download). The sample itself is tests/conftest.py's `sample_site`."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import pytest
from support import REPO
from support.browser import chromium, serving
from support.sites import Built, build_site, sample_project, write_project
from support.zensical import export_build_index

HOSTILE = Path(__file__).resolve().parent / "fixtures" / "hostile" / "reviews"


def _searchable(built: Built) -> Built:
    """A strict build that wrote its search index (the plugin's on_post_build runs Pagefind)."""
    assert built.strict_failure is None, built.warnings
    assert (built.site / "pagefind" / "pagefind-entry.json").is_file(), "the build wrote no search index"
    return built


@pytest.fixture(scope="session")
def demo_like_site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The sample configured as the demo is (headings with Material's "¶" permalinks), in one Pagefind run."""
    root = tmp_path_factory.mktemp("search-demo-like")
    return _searchable(build_site(sample_project(root / "project"), root / "site", strict=True))


@pytest.fixture(scope="session")
def bundled_site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The sample again, indexed five searchable pages at a time: six bundles the browser joins."""
    root = tmp_path_factory.mktemp("search-bundled")
    project = sample_project(root / "project", plugin_options="      search_bundle_pages: 5\n")
    built = _searchable(build_site(project, root / "site", strict=True))
    merged = json.loads((built.site / "pagefind" / "trackrecord-bundles.json").read_text(encoding="utf-8"))["merge"]
    assert len(merged) >= 3, f"the sample should need several bundles at 5 pages each: {merged}"
    return built


@pytest.fixture(scope="session")
def zensical_site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The sample without the plugin: `trackrecord export`, `zensical build`, then `trackrecord index`."""
    root = tmp_path_factory.mktemp("search-zensical")
    return Built(root / "export", export_build_index(REPO / "mkdocs.yml", root))


@pytest.fixture(scope="session")
def search_hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """tests/search/fixtures/hostile: records whose text tries to become markup in results."""
    root = tmp_path_factory.mktemp("search-hostile")
    return _searchable(build_site(write_project(root / "project", HOSTILE), root / "site", strict=True))


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
