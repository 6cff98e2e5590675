"""Fixtures for the search tests: real builds (the plugin runs Pagefind), served on 127.0.0.1, and
Debian's headless Chromium driven by Selenium through /usr/bin/chromedriver (never a download)."""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
MKDOCS = Path(sys.executable).with_name("mkdocs")
CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
CHROMIUM_FLAGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-default-apps",
    "--disable-extensions", "--no-default-browser-check", "--window-size=1280,900",
]
PROJECT_YML = """\
site_name: search fixture
site_url: https://search-fixture.example.org/
theme:
  name: material
  custom_dir: {theme}
  font: false
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
    """The repository's own mkdocs.yml and sample records."""
    return mkdocs_build(REPO / "mkdocs.yml", tmp_path_factory.mktemp("search-sample") / "site")


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """tests/search/fixtures/hostile: records whose text tries to become markup in results."""
    root = tmp_path_factory.mktemp("search-hostile")
    project = root / "project"
    shutil.copytree(FIXTURES / "hostile" / "reviews", project / "reviews")
    shutil.copytree(REPO / "docs", project / "docs")
    (project / "mkdocs.yml").write_text(PROJECT_YML.format(theme=(REPO / "theme").as_posix()), encoding="utf-8")
    return mkdocs_build(project / "mkdocs.yml", root / "site")


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the name http.server uses
        pass


@pytest.fixture(scope="session")
def serve() -> Iterator[Callable[[Path], str]]:
    """serve(site) -> its http://127.0.0.1:PORT/ address, for the rest of the session."""
    servers: list[ThreadingHTTPServer] = []

    def start(site: Path) -> str:
        server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(site)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}/"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


def _chromium(profile: Path, javascript: bool) -> Any:
    if not (CHROMIUM.is_file() and CHROMEDRIVER.is_file()):
        pytest.skip("needs Debian's chromium and chromium-driver (tests/run.sh installs them)")
    webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is in the test extras")
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={profile}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    if not javascript:
        options.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SE_OFFLINE", "true")  # Selenium Manager must never fetch a browser or driver
        return webdriver.Chrome(service=Service(executable_path=str(CHROMEDRIVER)), options=options)


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
