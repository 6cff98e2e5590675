"""`trackrecord export` of the hand-computed metrics fixture (tests/fixtures/site/metrics/), file by file
against the golden tree tests/fixtures/golden/metrics-export/: any change to a generated page, feed, API
file or the exported mkdocs.yml shows here as a diff.

When the change is meant:  .venv/bin/python -m pytest tests/test_export_golden.py --update-golden
then review `git diff tests/fixtures/golden/` and commit it with the change. The export is deterministic
(the reference date is the newest date in the records, not today), so the tree only changes with the code.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from support import FIXTURES, REPO
from support.golden import assert_golden, tree_files
from support.sites import METRICS, write_project

from generator.cli import main

pytestmark = pytest.mark.integration  # builds sites, runs commands or serves HTTP

GOLDEN = FIXTURES / "golden" / "metrics-export"
SCHEMAS = "docs/schemas/v1/"


def _golden_part(rel: str) -> bool:
    """Copies are left out: theme/ is the repository's theme, the schemas are generator/schemas/ (below)."""
    return not rel.startswith(("theme/", SCHEMAS))


def test_the_metrics_export_matches_the_golden_tree(tmp_path: Path, update_golden: bool) -> None:
    project = write_project(tmp_path / "project", METRICS, docs=False)  # hand-written pages change too often
    out = tmp_path / "export"
    result = CliRunner().invoke(main, ["export", str(out), "--config", str(project / "mkdocs.yml")])
    assert result.exit_code == 0, result.output
    schemas = {p.name: p.read_bytes() for p in (REPO / "generator" / "schemas").glob("*.json")}
    assert {p.name: p.read_bytes() for p in (out / SCHEMAS).iterdir()} == schemas
    made = tree_files(out, _golden_part)
    assert not [rel for rel, data in made.items() if str(tmp_path).encode() in data], "the export names its folder"
    assert_golden(made, GOLDEN, update=update_golden, test="tests/test_export_golden.py")


def test_a_difference_names_the_file_and_the_refresh_writes_the_tree(tmp_path: Path) -> None:
    golden = tmp_path / "golden"
    assert_golden({"a.md": b"one\n", "b/c.md": b"two\n"}, golden, update=True, test="t.py")
    assert tree_files(golden) == {"a.md": b"one\n", "b/c.md": b"two\n"}
    assert_golden({"a.md": b"one\n", "b/c.md": b"two\n"}, golden, update=False, test="t.py")
    with pytest.raises(AssertionError) as failed:
        assert_golden({"a.md": b"One\n", "d.md": b"new\n"}, golden, update=False, test="t.py")
    message = str(failed.value)
    for line in ("  changed: a.md", "  not written any more: b/c.md", "  new: d.md", "-one", "+One",
                 "  .venv/bin/python -m pytest t.py --update-golden"):
        assert line in message.splitlines(), message
