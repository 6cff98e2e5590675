"""Pagefind search in headless Chromium, on real builds served from 127.0.0.1.

Typing a company's name finds its page first, the "ugly" facet leaves only ugly incidents, hostile
record text stays text, the console stays clean, and without JavaScript the listings still work.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from support.search_ui import console_errors, open_page, show_all, tick, type_query, wait_results
from support.sites import SAMPLE, Built

from generator.records.reader import load_corpus

pytestmark = [pytest.mark.browser, pytest.mark.integration]

COMPANIES = sorted((c.slug, c.name) for c in load_corpus(SAMPLE).companies.values())


@pytest.fixture(scope="module",
                params=["sample_site", "bundled_site", pytest.param("zensical_site", marks=pytest.mark.slow)])
def sample_url(request: pytest.FixtureRequest, serve: Any) -> str:
    """The sample served three times: indexed in one Pagefind run, in bundles joined in the browser, and
    built by Zensical from the export, then indexed by `trackrecord index`."""
    return str(serve(request.getfixturevalue(request.param).site))


@pytest.mark.parametrize(("slug", "name"), COMPANIES, ids=[slug for slug, _ in COMPANIES])
def test_company_name_finds_its_page_first(browser: Any, sample_url: str, slug: str, name: str) -> None:
    open_page(browser, sample_url)
    type_query(browser, name, shortcut="/" if COMPANIES.index((slug, name)) % 2 == 0 else "ctrl+k")
    results = wait_results(browser, name)
    assert results, f"no results for {name!r}"
    assert results[0]["url"] == f"{sample_url}companies/{slug}/", f"first result for {name!r}: {results[0]}"
    assert results[0]["title"] == name
    assert not console_errors(browser)


def _ugly_incidents(site: Path) -> set[str]:
    """The ugly incidents as the rating listing (not search) lists them, as site-relative URLs."""
    page = BeautifulSoup((site / "rating" / "ugly" / "index.html").read_text(encoding="utf-8"), "lxml")
    links = page.select("article .tr-list .tr-item__title")
    assert links, "the ugly listing lists nothing"
    return {str(a["href"]).replace("../", "").lstrip("/") for a in links}


def test_ugly_facet_leaves_only_ugly_incidents(browser: Any, sample_site: Built, sample_url: str) -> None:
    open_page(browser, sample_url)
    type_query(browser, "customer")
    wait_results(browser, "customer")
    show_all(browser)
    before = wait_results(browser, "customer")
    assert {"ugly", "bad"} <= {r["rating"] for r in before}, f"the query should match more than ugly: {before}"

    tick(browser, "rating", "ugly")
    filtered = '{"rating":{"any":["ugly"]}}'
    wait_results(browser, "customer", filtered)
    show_all(browser)
    after = wait_results(browser, "customer", filtered)
    assert after and len(after) < len(before)
    assert all(r["rating"] == "ugly" for r in after), after
    ugly = _ugly_incidents(sample_site.site)
    assert {r["url"].removeprefix(sample_url) for r in after} <= ugly

    # The facet alone, with an empty box, lists exactly the ugly incidents.
    browser.find_element("css selector", ".md-search__input").clear()
    browser.find_element("css selector", ".md-search__input").send_keys(" ")
    wait_results(browser, "", filtered)
    show_all(browser)
    only = wait_results(browser, "", filtered)
    assert {r["url"].removeprefix(sample_url) for r in only} == ugly
    assert not console_errors(browser)


def test_keyboard_open_and_escape_close(browser: Any, sample_url: str) -> None:
    from selenium.webdriver.common.keys import Keys

    open_page(browser, sample_url)
    type_query(browser, "refund")
    wait_results(browser, "refund")
    assert browser.execute_script("return document.getElementById('__search').checked;")
    browser.switch_to.active_element.send_keys(Keys.ESCAPE)
    assert not browser.execute_script("return document.getElementById('__search').checked;")
    assert "md-search__input" not in (browser.switch_to.active_element.get_attribute("class") or "")
    assert not console_errors(browser)


@pytest.mark.slow
def test_zensical_site_opens_search_over_the_page(browser: Any, zensical_site: Built, serve: Any) -> None:
    """Zensical's theme has no Material search styles: the dialog is hidden until opened, then shown over
    the page, from the header's button as from the keyboard, and closes with Esc."""
    from selenium.webdriver.common.keys import Keys

    open_page(browser, serve(zensical_site.site))
    inner = browser.find_element("css selector", ".tr-search .md-search__inner")
    assert not inner.is_displayed()
    browser.find_element("css selector", ".tr-search-button").click()
    assert inner.is_displayed() and browser.switch_to.active_element.get_attribute("name") == "query"
    box = browser.execute_script("const r = arguments[0].getBoundingClientRect(); return [r.width, r.height, "
                                 "getComputedStyle(arguments[0]).position];", inner)
    assert box[2] == "fixed" and box[0] > 300 and box[1] > 40, box
    browser.switch_to.active_element.send_keys("guitar")
    results = wait_results(browser, "guitar")
    assert results and all(r["url"].startswith("http://127.0.0.1:") for r in results)
    browser.switch_to.active_element.send_keys(Keys.ESCAPE)
    assert not inner.is_displayed()
    assert not console_errors(browser)


def test_nothing_loads_before_search_opens(browser: Any, sample_url: str) -> None:
    """Readers who never search download none of the index."""
    open_page(browser, sample_url)
    loaded = browser.execute_script("return performance.getEntriesByType('resource').map(e => e.name);")
    assert not [u for u in loaded if "/pagefind/" in u], loaded


def test_hostile_record_text_stays_text_in_results(browser: Any, search_hostile_site: Built, serve: Any) -> None:
    url = serve(search_hostile_site.site)
    open_page(browser, url)
    type_query(browser, "zebrafish")
    results = wait_results(browser, "zebrafish")
    titles = [r["title"] for r in results]
    assert any("<img src=x onerror=" in t for t in titles), titles  # shown as the characters it is
    assert browser.execute_script("return window.__searchPwned;") is None
    assert not browser.find_elements("css selector", ".md-search-result__list img, .md-search-result__list script")
    marks = browser.execute_script(
        "return [...document.querySelectorAll('.md-search-result__list mark')].map(m => m.textContent.toLowerCase());"
    )
    assert marks and all("zebrafish" in m for m in marks), marks

    tick(browser, "rating", "ugly")
    after = wait_results(browser, "zebrafish", '{"rating":{"any":["ugly"]}}')
    assert [r["rating"] for r in after] == ["ugly"]
    companies = browser.execute_script(
        "return [...document.querySelectorAll('select[data-facet=company] option')].map(o => o.value);"
    )
    assert "Acme, Inc.: <b>Widgets</b>" in companies  # the comma and colon did not split the value
    assert not console_errors(browser)


def test_listings_browsable_without_javascript(browser_without_js: Any, sample_site: Built, serve: Any) -> None:
    driver = browser_without_js
    url = serve(sample_site.site)
    driver.get(url)
    assert not driver.find_element("css selector", ".tr-search").is_displayed()  # nothing that cannot work
    assert not driver.find_element("css selector", ".tr-search-button").is_displayed()

    driver.find_element("css selector", "article .tr-ways a .tr-badge--ugly").click()
    assert driver.current_url == f"{url}rating/ugly/"
    items = driver.find_elements("css selector", "article .tr-list .tr-item__title")
    assert {a.get_attribute("href").removeprefix(url) for a in items} == _ugly_incidents(sample_site.site)
    title = items[0].text
    items[0].click()
    assert driver.find_element("css selector", "article h1").text == title

    driver.get(url)
    driver.find_element("link text", "Companies A–Z").click()
    cards = driver.find_elements("css selector", "article .tr-cards .tr-card__link")
    assert cards
    cards[0].click()
    assert "/companies/" in driver.current_url
    assert driver.find_element("css selector", "article h1").text


def test_bundles_join_on_a_site_served_below_a_path(browser: Any, bundled_site: Built, serve: Any,
                                                    tmp_path: Path) -> None:
    """A GitHub Pages project site lives at /<repo>/: every bundle's results must keep that prefix."""
    (tmp_path / "repo").symlink_to(bundled_site.site, target_is_directory=True)
    url = f"{serve(tmp_path)}repo/"
    bundles = bundled_site.site / "pagefind" / "trackrecord-bundles.json"
    merged = json.loads(bundles.read_text(encoding="utf-8"))["merge"]
    # A company whose page Pagefind put in a merged bundle, not the first one.
    slug, name = next((s, n) for s, n in COMPANIES
                      if any(_in_bundle(bundled_site.site, folder, f"companies/{s}/") for folder in merged))
    open_page(browser, url)
    type_query(browser, name)
    results = wait_results(browser, name)
    assert results and results[0]["url"] == f"{url}companies/{slug}/", results[:3]
    assert not console_errors(browser)


def _in_bundle(site: Path, folder: str, page: str) -> bool:
    """Whether Pagefind put `page` in the bundle `folder`: its fragments name the page's URL."""
    import gzip

    for fragment in (site / "pagefind" / folder / "fragment").glob("*.pf_fragment"):
        text = gzip.decompress(fragment.read_bytes()).decode("utf-8", "replace")
        if f'"url":"/{page}"' in text:
            return True
    return False
