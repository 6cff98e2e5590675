"""Large sites are indexed in bundles (generator/search/bundles.py): the plan, and real Pagefind runs on it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.search import bundles as search_bundles
from generator.search.bundles import MANIFEST, SPLIT_FROM, plan_bundles
from generator.search.pagefind import build_search_index

BODY = '<div class="tr-page" data-pagefind-body markdown="0"><h1>{name}</h1><p>Refund refused for {name}.</p></div>'
LISTING = '<div class="tr-page" markdown="0"><h1>{name}</h1><p>Refund refused, a listing of it.</p></div>'
PAGE = '<!doctype html><html lang="en"><head><title>{name}</title></head><body>{body}</body></html>'


def _page(site: Path, url: str, searchable: bool = True) -> None:
    path = site / url / "index.html"
    path.parent.mkdir(parents=True, exist_ok=True)
    body = (BODY if searchable else LISTING).format(name=url.strip("/") or "home")
    path.write_text(PAGE.format(name=url, body=body), encoding="utf-8")


def _site(root: Path, companies: dict[str, int], listings: int = 0) -> Path:
    """A company page each, `n` incidents per company, and `listings` pages without data-pagefind-body."""
    for slug, n in companies.items():
        _page(root, f"companies/{slug}/")
        for i in range(n):
            _page(root, f"incidents/{slug}/{i:03d}/")
    for i in range(listings):
        _page(root, f"tag/t{i:03d}/", searchable=False)
    _page(root, "about/")
    return root


def _indexed(out: Path) -> int:
    entry = json.loads((out / "pagefind-entry.json").read_text(encoding="utf-8"))
    return sum(lang["page_count"] for lang in entry["languages"].values())


def test_small_site_is_one_bundle_over_the_whole_site(tmp_path: Path) -> None:
    site = _site(tmp_path / "site", {"acme": 3}, listings=2)
    assert [(b.folder, b.glob, b.pages) for b in plan_bundles(site, 100)] == [("", None, 5)]
    assert [(b.folder, b.glob, b.pages) for b in plan_bundles(site)] == [("", None, 5)]  # under SPLIT_FROM


def test_a_large_site_is_indexed_in_two_even_halves_by_default(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    site = _site(tmp_path / "site", {f"c{i}": 2 + i % 3 for i in range(10)})  # 10 + 29 incidents + about
    assert SPLIT_FROM > 40
    assert len(plan_bundles(site)) == 1
    monkeypatch.setattr(search_bundles, "SPLIT_FROM", 40)
    halves = plan_bundles(site)
    assert [b.folder for b in halves] == ["", "part-2"]
    assert sum(b.pages for b in halves) == 40 and abs(halves[0].pages - halves[1].pages) <= 4, halves


def test_bundles_are_even_bounded_and_keep_a_company_together(tmp_path: Path) -> None:
    site = _site(tmp_path / "site", {f"c{i}": 2 for i in range(10)})  # 10 companies + 20 incidents + about
    bundles = plan_bundles(site, 12)
    assert [b.folder for b in bundles] == ["", "part-2", "part-3"]
    assert sum(b.pages for b in bundles) == 31
    assert all(b.pages <= 12 for b in bundles)
    assert max(b.pages for b in bundles) - min(b.pages for b in bundles) <= 3, [b.pages for b in bundles]
    for bundle in bundles:  # a company's incidents are one unit, never cut across bundles
        assert bundle.glob is not None
        assert "incidents/c1/0" not in bundle.glob


def test_a_folder_over_the_limit_is_split_into_its_subfolders(tmp_path: Path) -> None:
    site = _site(tmp_path / "site", {"huge": 9, "tiny": 1})
    globs = " ".join(str(b.glob) for b in plan_bundles(site, 4))
    assert "incidents/huge/000/**/*.html" in globs
    assert "incidents/tiny/**/*.html" in globs


def test_bundle_size_must_be_positive(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="at least 1"):
        plan_bundles(tmp_path, 0)


@pytest.mark.integration
def test_bundled_index_holds_every_searchable_page_once_and_no_listing(tmp_path: Path) -> None:
    # Listings sort after "incidents": at 4 pages a bundle, folders of listings alone would make
    # bundles without a marked page, and Pagefind would index every page of those.
    site = _site(tmp_path / "site", {"acme": 3, "a,b{c}": 2, "zeta": 4}, listings=9)
    _page(site, "odd [name]/")  # special characters in the glob are escaped
    whole = build_search_index(site, output_dir=tmp_path / "whole", bundle_pages=1000)
    split = build_search_index(site, bundle_pages=4)

    out = site / "pagefind"
    merge = json.loads((out / MANIFEST).read_text(encoding="utf-8"))["merge"]
    assert len(merge) >= 3, merge
    counts = [_indexed(out)] + [_indexed(out / folder) for folder in merge]
    assert whole.pages == split.pages == sum(counts) == 3 + 9 + 2  # companies, incidents, about and odd
    assert all(n <= 4 for n in counts), counts
    assert json.loads((tmp_path / "whole" / MANIFEST).read_text(encoding="utf-8")) == {"merge": []}
    assert split.files == sum(1 for p in out.rglob("*") if p.is_file())


def test_halves_even_out_what_pagefind_holds_not_the_page_count(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """A company page's long lists sit in data-pagefind-ignore: light for Pagefind, however long."""
    site = tmp_path / "site"
    lists = '<div data-pagefind-ignore><div class="x">' + "<p>An incident listed here.</p>" * 600 + "</div></div>"
    text = "<p>What the customer went through, told at length.</p>" * 40
    for i in range(20):
        path = site / "companies" / f"c{i:02d}" / "index.html"
        path.parent.mkdir(parents=True)
        path.write_text(PAGE.format(name=i, body=f'<div data-pagefind-body><h1>C{i}</h1>{lists}<p>Family.</p></div>'),
                        encoding="utf-8")
        path = site / "incidents" / f"c{i:02d}" / "one" / "index.html"
        path.parent.mkdir(parents=True)
        path.write_text(PAGE.format(name=i, body=f'<div data-pagefind-body><h1>I{i}</h1>{text}</div>'),
                        encoding="utf-8")
    monkeypatch.setattr(search_bundles, "SPLIT_FROM", 10)
    first, second = plan_bundles(site)
    assert first.glob is not None and "companies/**/*.html" in first.glob  # all 20 companies, then incidents
    assert first.pages > 20 and second.pages < 20, (first.pages, second.pages)
    assert first.pages + second.pages == 40
