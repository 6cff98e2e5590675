"""Listings are paginated: 120 bad incidents of one company give pages of 50, 50 and 20 with working links."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from support.pages import page_url, resolve, soup
from support.records import company_yaml, incident_yaml
from support.sites import Built, build_site, write_project

pytestmark = pytest.mark.integration

COUNT = 120
PAGE_SIZE = 50
START = dt.date(2020, 1, 1)


def _records() -> dict[str, str]:
    records = {"companies/bulk.yml": company_yaml("Bulk Buyers", industry="retail")}
    for n in range(COUNT):
        day = START + dt.timedelta(days=3 * n)  # all in 2020, so the year listing has 120 too
        records[f"incidents/bulk/{day}-case-{n:03d}.yml"] = incident_yaml(
            "bulk", day, f"Case number {n:03d}", issue="Another bad experience.", response="No answer.",
            sources=["https://example.org/bulk"], tags=["bulk"])
    return records


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    root = tmp_path_factory.mktemp("pagination")
    return build_site(write_project(root / "project", _records()), root / "site")


def _items(site: Built, url: str) -> list[str]:
    page = site.page(url)
    return [a.get_text() for a in page.select("article li.tr-item a.tr-item__title")]


def _pager_link(site: Built, url: str, rel: str) -> Path | None:
    link = site.page(url).select_one(f"article nav.tr-pager a[rel={rel}]")
    if link is None:
        return None
    target = resolve(site.site, url, str(link["href"]))
    assert target is not None
    return target


@pytest.mark.parametrize("listing", ["rating/bad/", "industry/retail/", "tag/bulk/", "year/2020/"])
def test_listing_pages_hold_50_50_20_newest_first(site: Built, listing: str) -> None:
    urls = [listing, f"{listing}page/2/", f"{listing}page/3/"]
    pages = [_items(site, url) for url in urls]
    assert [len(p) for p in pages] == [50, 50, 20]
    assert not (site.site / listing / "page/4/index.html").exists()
    assert not (site.site / listing / "page/1/index.html").exists(), "page 1 lives at the listing's own URL"
    every = [title for page in pages for title in page]
    assert every == [f"Case number {n:03d}" for n in reversed(range(COUNT))]


def test_prev_and_next_links_reach_the_neighbouring_pages(site: Built) -> None:
    urls = ["rating/bad/", "rating/bad/page/2/", "rating/bad/page/3/"]
    for i, url in enumerate(urls):
        prev_target = _pager_link(site, url, "prev")
        next_target = _pager_link(site, url, "next")
        if i == 0:
            assert prev_target is None
        else:
            assert prev_target == site.site / urls[i - 1] / "index.html"
            assert prev_target.is_file()
        if i == len(urls) - 1:
            assert next_target is None
        else:
            assert next_target == site.site / urls[i + 1] / "index.html"
            assert next_target.is_file()
        at = site.page(url).select_one("article nav.tr-pager .tr-pager__at")
        assert at is not None and at.get_text() == f"Page {i + 1} of 3"


def test_no_listing_page_lists_more_than_50(site: Built) -> None:
    listings = ("rating/", "industry/", "tag/", "year/", "from-the-web/", "companies/page/")
    seen = 0
    for html_file in site.html_files():
        url = page_url(site.site, html_file)
        if not url.startswith(listings) and url != "companies/":  # companies/<slug>/ is a company page
            continue
        page = soup(html_file)
        count = len(page.select("article li.tr-item")) + len(page.select("article .tr-card"))
        count += len(page.select("article li.tr-post"))
        assert count <= PAGE_SIZE, (url, count)
        seen += 1
    assert seen >= 13  # 4 listings x 3 pages + the indexes


def test_company_page_shows_the_newest_100_and_a_page_of_the_older_ones(site: Built) -> None:
    first, second = _items(site, "companies/bulk/"), _items(site, "companies/bulk/page/2/")
    assert [len(first), len(second)] == [100, 20]
    assert first + second == [f"Case number {n:03d}" for n in reversed(range(COUNT))]
    assert not (site.site / "companies/bulk/page/3/index.html").exists()
    assert _pager_link(site, "companies/bulk/", "next") == site.site / "companies/bulk/page/2/index.html"
    assert _pager_link(site, "companies/bulk/page/2/", "prev") == site.site / "companies/bulk/index.html"
    assert _pager_link(site, "companies/bulk/page/2/", "next") is None
    older = site.page("companies/bulk/page/2/")
    assert older.select_one("article h1").get_text() == "Bulk Buyers: incidents (page 2)"  # type: ignore[union-attr]
    back = older.select_one("article .tr-lede a")
    assert back is not None and resolve(site.site, "companies/bulk/page/2/", str(back["href"])) == \
        site.site / "companies/bulk/index.html"
    assert "data-pagefind-body" not in str(older.select_one("article")), "a list of older incidents is not a result"
