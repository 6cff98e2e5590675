"""`trackrecord export`: the plugin's pages as plain Markdown (the scale benchmark's floor builds it)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from generator.cli import main

REPO = Path(__file__).resolve().parents[1]


def _project(root: Path, plugin_lines: str = "") -> Path:
    """The sample project (mkdocs.yml, docs, theme, reviews) copied to `root`, with extra plugin options."""
    for name in ("docs", "theme", "reviews"):
        shutil.copytree(REPO / name, root / name)
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    assert text.count("      reviews: reviews\n") == 1
    text = text.replace("      reviews: reviews\n", f"      reviews: reviews\n{plugin_lines}")
    (root / "mkdocs.yml").write_text(text, encoding="utf-8")
    return root / "mkdocs.yml"


def test_export_writes_the_pages_and_a_config_without_the_plugin(tmp_path: Path) -> None:
    config = _project(tmp_path / "project")
    out = tmp_path / "export"
    result = CliRunner().invoke(main, ["export", str(out), "--config", str(config)])
    assert result.exit_code == 0, result.output
    exported = yaml.safe_load((out / "mkdocs.yml").read_text(encoding="utf-8"))
    assert not any("trackrecord" in str(p) for p in exported.get("plugins", [])), exported["plugins"]
    assert {"search": {"enabled": False}} in exported["plugins"]  # builders that default their own search on
    assert (out / "docs" / "companies" / "zappos" / "index.md").is_file()
    assert "data-pagefind-body" in (out / "docs" / "companies" / "zappos" / "index.md").read_text(encoding="utf-8")
    assert list((out / "docs" / "incidents").glob("*/*/index.md")), "no incident pages exported"
    count = int(result.output.split()[1])
    assert count == sum(1 for p in (out / "docs").rglob("*.md")) - sum(1 for p in (REPO / "docs").rglob("*.md"))


@pytest.mark.parametrize("line", ["page_size: 0", "feed_limit: many"])
def test_a_bad_count_option_is_a_clear_error(tmp_path: Path, line: str) -> None:
    config = _project(tmp_path / "project", f"      {line}\n")
    result = CliRunner().invoke(main, ["export", str(tmp_path / "export"), "--config", str(config)])
    assert result.exit_code == 1
    assert f"{config}: trackrecord option {line.split(':')[0]}: expected a whole number of at least 1" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert not (tmp_path / "export").exists()
