"""While a record is invalid, `mkdocs serve` answers every request: the last good pages, with the
problems listed at the top, until the fix is saved and the page reloads without them."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import httpx
import pytest
from bs4 import BeautifulSoup
from support.serve import free_port, page_has, stop, wait_for
from support.sites import MKDOCS, SITE_FIXTURES, write_project
from test_site_serve import INCIDENT, OLD_TITLE, URL_PATH

from generator.render.pages.problems import NOTICE_ID

pytestmark = pytest.mark.integration  # builds sites, runs commands or serves HTTP

BROKEN_TITLE = "Refunded: a broken blender"
FIXED_TITLE = "Refunded a broken blender, title fixed"


def test_an_invalid_record_shows_its_problems_in_the_browser_until_fixed(tmp_path: Path) -> None:
    project = write_project(tmp_path / "project", SITE_FIXTURES / "metrics" / "reviews")
    port = free_port()
    url = f"http://127.0.0.1:{port}/{URL_PATH}"
    log = tmp_path / "serve.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [str(MKDOCS), "serve", "-a", f"127.0.0.1:{port}"],
            cwd=project, stdout=out, stderr=subprocess.STDOUT, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        )
        try:
            wait_for(page_has(url, OLD_TITLE), "the incident page", log, proc)
            record = project / INCIDENT
            text = record.read_text(encoding="utf-8")
            line = text.splitlines().index(f"title: {OLD_TITLE}") + 1
            record.write_text(text.replace(OLD_TITLE, BROKEN_TITLE), encoding="utf-8")
            wait_for(page_has(url, NOTICE_ID), "the problems on the page", log, proc)
            page = BeautifulSoup(httpx.get(url, timeout=5).text, "html.parser")
            notice = page.find(id=NOTICE_ID)
            assert notice is not None
            items = [li.get_text(" ", strip=True) for li in notice.find_all("li")]
            assert items == [
                f"{INCIDENT} , line {line}, column 8, (file): a colon followed by a space cannot stand in "
                f'unquoted text; put the title in quotes: title: "{BROKEN_TITLE}"'
            ]
            assert "last build without problems" in notice.get_text()
            # The last good page is still served under the notice, and MkDocs' reload script with it.
            assert page.find("h1") is not None and OLD_TITLE in page.find("h1").get_text()
            assert "livereload" in str(page)
            home = httpx.get(f"http://127.0.0.1:{port}/", timeout=5)
            assert home.status_code == 200 and NOTICE_ID in home.text
            record.write_text(text.replace(OLD_TITLE, FIXED_TITLE), encoding="utf-8")
            wait_for(page_has(url, FIXED_TITLE), "the fixed title", log, proc)
            assert NOTICE_ID not in httpx.get(url, timeout=5).text
        finally:
            stop(proc)
    served = log.read_text(encoding="utf-8", errors="replace")
    assert "Traceback" not in served
    assert "every page shows them until they are fixed" in served
