"""The sample corpus as a project in a temporary folder: tests/fixtures/site/sample/ (its records and
mkdocs.yml) with this repository's docs/ beside them. Tests build this, never the demo's reviews/."""

from __future__ import annotations

import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "tests" / "fixtures" / "site" / "sample"
SAMPLE_REVIEWS = SAMPLE / "reviews"
SAMPLE_SITE_URL = "https://sample.example.org/"  # site_url in the fixture's mkdocs.yml
PLUGIN_LINE = "      reviews: reviews\n"


def sample_project(root: Path, plugin_lines: str = "") -> Path:
    """Copy the sample into `root` with extra lines under the plugin's options; returns its mkdocs.yml."""
    root.mkdir(parents=True, exist_ok=True)
    shutil.copytree(REPO / "docs", root / "docs")
    shutil.copytree(SAMPLE_REVIEWS, root / "reviews")
    text = (SAMPLE / "mkdocs.yml").read_text(encoding="utf-8")
    assert text.count(PLUGIN_LINE) == 1 and f"site_url: {SAMPLE_SITE_URL}\n" in text
    (root / "mkdocs.yml").write_text(text.replace(PLUGIN_LINE, PLUGIN_LINE + plugin_lines), encoding="utf-8")
    return root / "mkdocs.yml"
