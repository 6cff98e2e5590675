"""`mkdocs serve` rebuilds when a record under reviews/ changes, and never writes into docs/."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from support.serve import free_port, page_has, stop, wait_for
from support.sites import METRICS, MKDOCS, write_project

pytestmark = pytest.mark.integration

INCIDENT = "reviews/incidents/acme/2024-06-01-refund-after-broken-blender.yml"
URL_PATH = "incidents/acme/2024-06-01-refund-after-broken-blender/"
OLD_TITLE = "Refunded a broken blender within ten days"
NEW_TITLE = "Live reload picked up this brand new title"
ADDED = "reviews/incidents/acme/2024-06-01-a-second-blender.yml"
ADDED_URL = "incidents/acme/2024-06-01-a-second-blender/"
ADDED_TITLE = "A record added while serving"


def _docs_state(docs: Path) -> dict[str, tuple[int, int]]:
    """Each file's size and modification time: a write of any kind changes one of them, or the set."""
    return {p.relative_to(docs).as_posix(): (p.stat().st_size, p.stat().st_mtime_ns) for p in docs.rglob("*")}


@pytest.mark.parametrize("flags", [[], ["--dirty"]], ids=["serve", "serve-dirty"])
def test_serve_rebuilds_on_record_change_and_leaves_docs_alone(tmp_path: Path, flags: list[str]) -> None:
    project = write_project(tmp_path / "project", METRICS)
    docs_before = _docs_state(project / "docs")
    port = free_port()
    url = f"http://127.0.0.1:{port}/{URL_PATH}"
    log = tmp_path / "serve.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [str(MKDOCS), "serve", "-a", f"127.0.0.1:{port}", *flags],
            cwd=project, stdout=out, stderr=subprocess.STDOUT, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        )
        try:
            wait_for(page_has(url, OLD_TITLE), "the incident page", log, proc)
            record = project / INCIDENT
            text = record.read_text(encoding="utf-8")
            assert f"title: {OLD_TITLE}\n" in text
            record.write_text(text.replace(OLD_TITLE, NEW_TITLE), encoding="utf-8")
            wait_for(page_has(url, NEW_TITLE), "the new title after the edit", log, proc)
            # A record that did not exist when serving began: its page, and its company's page, show it.
            scratch = tmp_path / "new-record.yml"
            scratch.write_text(text.replace(OLD_TITLE, ADDED_TITLE), encoding="utf-8")
            os.replace(scratch, project / ADDED)
            wait_for(page_has(f"http://127.0.0.1:{port}/{ADDED_URL}", ADDED_TITLE), "the added record", log, proc)
            wait_for(page_has(f"http://127.0.0.1:{port}/companies/acme/", ADDED_TITLE), "it on its company", log,
                      proc)
            (project / ADDED).unlink()
            wait_for(lambda: not page_has(f"http://127.0.0.1:{port}/companies/acme/", ADDED_TITLE)(),
                      "the removed record gone from its company page", log, proc)
        finally:
            stop(proc)
    assert _docs_state(project / "docs") == docs_before, "mkdocs serve wrote into docs/"
    assert "Traceback" not in log.read_text(encoding="utf-8", errors="replace")
