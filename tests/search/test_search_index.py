"""The indexer (generator/search/pagefind.py) on small hand-written sites, and the marks pages carry."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from support.pages import html_site
from support.records import company, incident
from support.sites import Built

from generator.render.pages.search_marks import company_marks, incident_marks
from generator.search.pagefind import SearchIndexError, ServeIndexer, build_search_index


@pytest.mark.integration
def test_indexes_only_marked_pages_and_clears_old_chunks(tmp_path: Path) -> None:
    site = html_site(tmp_path / "site", {
        "": '<div class="tr-page"><h1>Home, a listing: not a result</h1></div>',
        "companies/acme/": '<div class="tr-page" data-pagefind-body><h1>Acme</h1><p>Lost parcels.</p></div>',
        "incidents/acme/one/": '<div data-pagefind-body><h1>One</h1>'
                               '<span data-pagefind-filter="rating">ugly</span></div>',
    })
    stale = site / "pagefind" / "fragment" / "en_stale.pf_fragment"
    stale.parent.mkdir(parents=True)
    stale.write_bytes(b"from an earlier build")

    stats = build_search_index(site)

    assert stats.pages == 2  # the page without data-pagefind-body stays out
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert entry["languages"]["en"]["page_count"] == 2
    assert not stale.exists()
    assert list((site / "pagefind" / "filter").iterdir()), "the rating filter was not written"
    assert stats.files == sum(1 for p in (site / "pagefind").rglob("*") if p.is_file())
    assert stats.bytes > 0 and stats.seconds >= 0
    assert "2 pages" in stats.summary()


def test_missing_site_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(SearchIndexError, match="no built site"):
        build_search_index(tmp_path / "nowhere")


@pytest.mark.integration
def test_failing_pagefind_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake = tmp_path / "pagefind"
    fake.write_text("#!/bin/sh\necho 'broken on purpose' >&2\nexit 3\n", encoding="utf-8")
    fake.chmod(0o755)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(fake))
    site = html_site(tmp_path / "site", {"": "<div data-pagefind-body><h1>x</h1></div>"})
    with pytest.raises(SearchIndexError, match=r"exit 3\):\nbroken on purpose"):
        build_search_index(site)


def test_absent_pagefind_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(tmp_path / "not-installed"))
    with pytest.raises(SearchIndexError, match="not installed"):
        build_search_index(html_site(tmp_path / "site", {"": "<p>x</p>"}))


HOSTILE = company("acme", 'Acme, Inc.: <b onmouseover="x()">Widgets</b>', industry="retail")


def _spans(html: str, attribute: str) -> dict[str, list[str]]:
    block = BeautifulSoup(html, "html.parser").div
    assert block is not None and block.has_attr("hidden") and block.has_attr("data-pagefind-ignore")
    found: dict[str, list[str]] = {}
    for span in block.find_all("span", attrs={attribute: True}):
        found.setdefault(str(span[attribute]), []).append(span.get_text())
    assert not block.find_all(["b", "script", "img"])  # names are text, never markup
    return found


def test_incident_marks_carry_every_facet_as_text() -> None:
    item = incident("2024-01-02", "bad", "x", channel=("email", "phone"))
    html = incident_marks(item, HOSTILE)
    assert _spans(html, "data-pagefind-filter") == {
        "kind": ["incident"], "rating": ["bad"], "company": [HOSTILE.name], "industry": ["retail"],
        "year": ["2024"], "channel": ["email", "phone"],
    }
    assert _spans(html, "data-pagefind-meta") == {
        "kind": ["incident"], "rating": ["bad"], "company": [HOSTILE.name], "date": ["2024-01-02"],
    }


def test_company_marks_skip_empty_values() -> None:
    bare = company("b", "Bare")
    assert _spans(company_marks(bare, 0, None), "data-pagefind-filter") == {"kind": ["company"], "company": ["Bare"]}
    assert _spans(company_marks(HOSTILE, 3, "B"), "data-pagefind-meta") == {
        "kind": ["company"], "company": [HOSTILE.name], "industry": ["retail"], "incidents": ["3"], "grade": ["B"],
    }


@pytest.mark.integration
def test_sample_build_marks_results_and_leaves_listings_out(sample_site: Built) -> None:
    def page(url: str) -> BeautifulSoup:
        return BeautifulSoup((sample_site.site / url / "index.html").read_text(encoding="utf-8"), "lxml")

    for listing in ("", "companies/", "rating/", "rating/ugly/", "year/", "tag/", "industry/"):
        assert not page(listing).select("[data-pagefind-body]"), f"{listing or 'home'} would be a search result"
    incident = page("incidents/united-airlines/2009-07-06-broken-guitar-passed-around/")
    assert len(incident.select("[data-pagefind-body]")) == 1
    assert [s.get_text() for s in incident.select('[data-pagefind-filter="rating"]')] == ["ugly"]
    company = page("companies/united-airlines/")
    assert company.select_one("h1[data-pagefind-weight]")
    # The company's incident list is found on the incidents' own pages, not as the company's text.
    assert company.select("[data-pagefind-body] [data-pagefind-ignore] #incidents")
    about = page("about/")  # a hand-written page: the theme marks its article content
    assert len(about.select("article [data-pagefind-body]")) == 1


@pytest.mark.integration
def test_serve_indexer_survives_the_rebuilds_cleaning_and_catches_up(tmp_path: Path) -> None:
    from mkdocs.utils import clean_directory  # what `mkdocs serve` runs on the site before each rebuild

    site = html_site(tmp_path / "site", {"a/": "<div data-pagefind-body><h1>A</h1></div>"})
    indexer = ServeIndexer(quiet=0.2)
    indexer.after_build(site)
    assert (site / "pagefind").is_symlink()  # linked at once; the index follows
    assert indexer.wait(120), "the background index never finished"
    assert indexer.error is None and indexer.last is not None and indexer.last.pages == 1
    assert (site / "pagefind" / "pagefind-entry.json").is_file()

    clean_directory(str(site))  # an edit: MkDocs empties the folder (but leaves the link) and rebuilds
    assert (site / "pagefind").is_symlink()
    html_site(site, {f"{n}/": f"<div data-pagefind-body><h1>{n}</h1></div>" for n in ("a", "b", "c")})
    indexer.after_build(site)
    indexer.after_build(site)  # a second edit while the first refresh runs: one more run, not two
    assert indexer.wait(120)
    assert indexer.last is not None and indexer.last.pages == 3
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert entry["languages"]["en"]["page_count"] == 3


@pytest.mark.integration
def test_serve_indexer_writes_every_bundle_behind_the_link(tmp_path: Path) -> None:
    site = html_site(tmp_path / "site", {f"{n}/": f"<div data-pagefind-body><h1>{n}</h1></div>" for n in "abc"})
    indexer = ServeIndexer(quiet=0.1, bundle_pages=1)
    indexer.after_build(site)
    assert indexer.wait(120), "the background index never finished"
    assert indexer.error is None and indexer.last is not None and indexer.last.pages == 3
    merge = json.loads((site / "pagefind" / "trackrecord-bundles.json").read_text(encoding="utf-8"))["merge"]
    assert merge == ["part-2/", "part-3/"]
    for folder in merge:
        entry = json.loads((site / "pagefind" / folder / "pagefind-entry.json").read_text(encoding="utf-8"))
        assert entry["languages"]["en"]["page_count"] == 1
