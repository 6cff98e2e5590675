"""In-process builds start clean: MkDocs keeps our plugin's instance for the life of the process (it
defines on_startup), so without support.sites forgetting it a serve session's plugin, with its serve
state, built the next test's site."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest
from support.records import company_yaml, incident_yaml
from support.sites import build_site, serve_builds, write_project

pytestmark = pytest.mark.integration


def test_a_serve_session_leaves_no_serve_state_to_the_next_build(tmp_path: Path) -> None:
    records = {"companies/acme.yml": company_yaml("Acme"),
               "incidents/acme/2024-01-12-refund-refused.yml": incident_yaml("acme", "2024-01-12", "Refund refused")}
    project = write_project(tmp_path / "project", records, extra_config="      search: false\n", docs=False)
    cache = project / ".trackrecord-cache"
    with serve_builds(project, tmp_path / "served") as rebuild:
        served = rebuild()
        assert served.plugin.pipeline.serving
        assert rebuild().plugin is served.plugin  # a rebuild while serving keeps the instance, as MkDocs does
    assert (cache / "serve").is_dir() and not (cache / "build").exists()
    assert gc.get_freeze_count() == 0, "the serve session's gc.freeze() outlived it"

    built = build_site(project, tmp_path / "site")
    assert built.plugin is not served.plugin
    assert not built.plugin.pipeline.serving
    assert built.plugin.pipeline.memo is None  # a one-off build keeps no records, corpus or grades for a next one
    assert (cache / "build").is_dir(), "the build used the serve session's page store"
    assert (tmp_path / "site" / "feeds" / "atom.xml").is_file()  # written before the build returned
