"""A build that meets an invalid record stops with path:line:col lines, and the old site stays byte for byte."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from support.pages import tree_hashes
from support.sites import METRICS, build_site, run_mkdocs, write_project

pytestmark = pytest.mark.integration

RECORD = "reviews/incidents/acme/2024-06-01-refund-after-broken-blender.yml"

# (what is broken, text to replace, its replacement, a problem line the output must contain)
BREAKS = {
    "bad rating": ("rating: bad", "rating: terrible", rf"{re.escape(RECORD)}:5:9: rating: "),
    "yaml syntax": ("title: Refunded", "title: [Refunded", rf"{re.escape(RECORD)}:\d+:\d+: "),
    "unknown company": ("company: acme", "company: acme", r"reviews/incidents/acme/2024-06-01-stray\.yml:\d+:\d+: "),
}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Path, dict[str, str]]]:
    root = tmp_path_factory.mktemp("failed-build")
    project = write_project(root / "project", METRICS)
    site = root / "site"
    first = build_site(project, site, strict=True)  # in-process: quicker, and just as real
    assert first.strict_failure is None, first.warnings
    hashes = tree_hashes(site)
    assert len(hashes) > 30 and "index.html" in hashes
    yield project, site, hashes


@pytest.mark.parametrize("name", sorted(BREAKS))
def test_invalid_record_stops_build_and_keeps_old_site(built: tuple[Path, Path, dict[str, str]], name: str) -> None:
    project, site, before = built
    old, new, expected = BREAKS[name]
    record = project / RECORD
    original = record.read_text(encoding="utf-8")
    extra = project / "reviews/incidents/acme/2024-06-01-stray.yml"
    try:
        if name == "unknown company":  # a second file about a company that has no file
            extra.write_text(original.replace("company: acme", "company: nobody"), encoding="utf-8")
        else:
            assert old in original
            record.write_text(original.replace(old, new, 1), encoding="utf-8")
        result = run_mkdocs(project, "build", "-d", str(site))
    finally:
        record.write_text(original, encoding="utf-8")
        extra.unlink(missing_ok=True)
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert re.search(expected, output), output
    assert "Traceback" not in output, output
    assert "nothing was built" in output, output
    assert tree_hashes(site) == before


def test_missing_reviews_folder_is_a_clear_error(tmp_path: Path) -> None:
    project = write_project(tmp_path / "project", METRICS)
    shutil.rmtree(project / "reviews")
    result = run_mkdocs(project, "build", "-d", str(tmp_path / "site"))
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "reviews" in output and "no such folder" in output, output
    assert "Traceback" not in output, output
    assert not (tmp_path / "site").exists()


@pytest.mark.parametrize("option", ["page_size: 0", "feed_limit: -5", "search_bundle_pages: many", "page_size: true"])
def test_a_count_below_one_is_a_clear_config_error(tmp_path: Path, option: str) -> None:
    project = write_project(tmp_path / "project", METRICS, extra_config=f"      {option}\n")
    result = run_mkdocs(project, "build", "-d", str(tmp_path / "site"))
    output = result.stdout + result.stderr
    assert result.returncode != 0
    name, value = option.split(": ")
    assert name in output and "Expected a whole number of at least 1" in output and value in output.lower(), output
    assert "Traceback" not in output, output
    assert not (tmp_path / "site").exists()
