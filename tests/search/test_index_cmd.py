"""`trackrecord index SITE_DIR`: the real Pagefind on small built sites, and clear refusals otherwise."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from support.pages import html_site

from generator.cli import main

SITE = {
    "": '<div class="tr-page"><h1>Home, a listing</h1></div>',
    "companies/acme/": '<div class="tr-page" data-pagefind-body><h1>Acme</h1><p>Lost parcels.</p></div>',
    "incidents/acme/one/": '<div class="tr-page" data-pagefind-body><h1>One</h1><p>A parcel went missing.</p></div>',
}


def _index(*args: str) -> Result:
    return CliRunner().invoke(main, ["index", *args])


def _refused(result: Result, *phrases: str) -> None:
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    for phrase in phrases:
        assert phrase in result.output, result.output


@pytest.mark.integration
def test_indexes_a_built_site_and_reports_what_it_wrote(tmp_path: Path) -> None:
    site = html_site(tmp_path / "site", SITE)
    result = _index(str(site))
    assert result.exit_code == 0, result.output
    assert result.output.startswith("search index: 2 pages,")  # the home page carries no mark
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert entry["languages"]["en"]["page_count"] == 2
    assert (site / "pagefind" / "pagefind.js").is_file()
    assert json.loads((site / "pagefind" / "trackrecord-bundles.json").read_text(encoding="utf-8")) == {"merge": []}


@pytest.mark.integration
def test_bundle_pages_splits_the_index_as_the_plugin_option_does(tmp_path: Path) -> None:
    site = html_site(tmp_path / "site", SITE)
    result = _index(str(site), "--bundle-pages", "1")
    assert result.exit_code == 0, result.output
    merged = json.loads((site / "pagefind" / "trackrecord-bundles.json").read_text(encoding="utf-8"))["merge"]
    assert merged == ["part-2/"]
    assert (site / "pagefind" / "part-2" / "pagefind-entry.json").is_file()
    zero = _index(str(site), "--bundle-pages", "0")
    assert zero.exit_code == 2 and "0 is not in the range x>=1" in zero.output


def test_a_missing_folder_or_a_file_is_refused(tmp_path: Path) -> None:
    _refused(_index(str(tmp_path / "nowhere")), "nowhere: no such folder", "Build the site first")
    a_file = tmp_path / "index.html"
    a_file.write_text("<p>x</p>", encoding="utf-8")
    _refused(_index(str(a_file)), "index.html: a file, not a folder")


@pytest.mark.parametrize(("layout", "hint"), [
    ({"mkdocs.yml": "site_name: x\n", "docs/index.md": "# x\n"}, "looks like a project or an export"),
    ({"mkdocs.yml": "site_name: x\n", "site/index.html": "<p>x</p>"}, "seems to be {root}/site: index that folder"),
    ({"index.md": "# x\n"}, "It holds the Markdown sources"),
    ({"notes.txt": "x"}, "Build it first"),
])
def test_a_folder_that_is_not_a_built_site_is_refused_with_a_hint(tmp_path: Path, layout: dict[str, str],
                                                                  hint: str) -> None:
    root = tmp_path / "folder"
    for rel, text in layout.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    result = _index(str(root))
    _refused(result, f"{root}: not a built site (it has no index.html).", hint.format(root=root))
    assert not (root / "pagefind").exists()


def test_a_site_with_no_page_marked_for_search_is_refused_and_its_index_kept(tmp_path: Path) -> None:
    """Pagefind would index every page whole (navigation, listings); a stale index is better than that."""
    site = html_site(tmp_path / "site", {"": "<h1>Home</h1>", "about/": "<p>About, without the theme's marks</p>"})
    kept = site / "pagefind" / "pagefind-entry.json"
    kept.parent.mkdir()
    kept.write_text("{}", encoding="utf-8")
    _refused(_index(str(site)), "no page is marked for search (data-pagefind-body)", "theme.custom_dir")
    assert kept.read_text(encoding="utf-8") == "{}"
