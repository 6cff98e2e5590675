"""A hand-written file where the plugin generates one stops the build with both named.

MkDocs gave a second file for the same path in site/ silently precedence: the reader saw one
or the other depending on the order of writing.
"""

from __future__ import annotations

import pytest
from support.sites import METRICS, run_mkdocs, write_project

pytestmark = pytest.mark.integration


@pytest.mark.parametrize("hand_written, path, generated", [
    ("docs/companies/acme.md", "companies/acme/index.html",
     "the page trackrecord generates for company acme (reviews/companies/acme.yml)"),
    ("docs/feeds/atom.xml", "feeds/atom.xml", "the feeds, JSON API and schemas trackrecord generates"),
], ids=["page", "feed"])
def test_a_hand_written_file_on_a_generated_path_is_a_clear_build_error(
    tmp_path, hand_written: str, path: str, generated: str  # type: ignore[no-untyped-def]
) -> None:
    project = write_project(tmp_path / "project", METRICS)
    (project / hand_written).parent.mkdir(parents=True, exist_ok=True)
    (project / hand_written).write_text("# Written by hand\n", encoding="utf-8")
    result = run_mkdocs(project, "build", "-d", str(tmp_path / "site"))
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert f"two files would be written to {path}: {hand_written} (a hand-written file), and {generated}." in output
    assert "Traceback" not in output
