"""Search for readers, in headless Chromium on the sample built as the demo is (Material's "¶" permalinks on).

Records come before the site's own pages and those for contributors; no "¶" reaches a title or an
excerpt; the filter counts are those of the results on screen; the open overlay keeps focus and gives
it back on Escape; generated pages start with a skip link; at phone width Tab never reaches what is
off-screen (the closed drawer, the closed search dialog).
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

import pytest
from support.search_ui import (
    console_errors,
    focused,
    open_filters,
    open_page,
    press,
    show_all,
    tick,
    type_query,
    until,
    viewport,
    wait_results,
)

pytestmark = [pytest.mark.browser, pytest.mark.integration]

RECORDS = {"company", "incident", "post"}
INCIDENT = "incidents/united-airlines/2009-07-06-broken-guitar-passed-around/"
PHONE = 390


@pytest.fixture(scope="module", params=["demo_like_site", "bundled_site"])
def demo_url(request: pytest.FixtureRequest, serve: Any) -> str:
    """The sample with the demo's configuration, indexed in one run and in bundles joined in the browser."""
    return str(serve(request.getfixturevalue(request.param).site))


def _all_results(driver: Any, text: str) -> list[dict[str, str]]:
    wait_results(driver, text)
    show_all(driver)
    return wait_results(driver, text)


def test_united_lists_records_before_contributor_pages(browser: Any, demo_url: str) -> None:
    open_page(browser, demo_url)
    type_query(browser, "United")
    results = _all_results(browser, "United")
    kinds = [r["kind"] for r in results]
    assert "contributors" in kinds, f"the sample's writing guides mention United; the order is untested: {kinds}"
    assert kinds[0] in RECORDS, results[0]
    records = [i for i, kind in enumerate(kinds) if kind in RECORDS]
    others = [i for i, kind in enumerate(kinds) if kind not in RECORDS]
    assert max(records) < min(others), f"a page that is not a record came before a record: {kinds}"
    assert kinds[-kinds.count("contributors"):] == ["contributors"] * kinds.count("contributors"), kinds
    assert results[0]["url"] == f"{demo_url}companies/united-airlines/"
    # The guides say who they are for.
    meta = browser.execute_script(
        "return [...document.querySelectorAll('.md-search-result__item[data-kind=contributors] .tr-hit__meta')]"
        ".map(p => p.textContent);")
    assert meta and set(meta) == {"For contributors"}, meta
    assert not console_errors(browser)


@pytest.mark.parametrize("query", ["United", "records", "feeds"])
def test_no_permalink_glyph_in_titles_or_excerpts(browser: Any, demo_url: str, query: str) -> None:
    open_page(browser, demo_url)
    type_query(browser, query)
    results = _all_results(browser, query)
    assert any(r["kind"] not in RECORDS for r in results), f"{query!r} should find hand-written pages: {results}"
    for result in results:
        assert "¶" not in result["title"] and "¶" not in result["excerpt"], result


def _shown_counts(driver: Any) -> dict[str, dict[str, int]]:
    """The counts the filter panel shows now, by facet and value."""
    pairs = driver.execute_script(
        "return [...document.querySelectorAll('.tr-facets__groups [data-count-for]')].map(n => "
        "[JSON.parse(n.dataset.countFor),"
        " n.tagName === 'OPTION' ? n.textContent.match(/\\((\\d+)\\)$/)[1] : n.textContent]);"
    )
    counts: dict[str, dict[str, int]] = {}
    for (facet, value), n in pairs:
        counts.setdefault(facet, {})[value] = int(n)
    return counts


def _wait_counted(driver: Any, text: str, filters: str = "{}") -> dict[str, dict[str, int]]:
    key = json.dumps(f"{text}|{filters}")
    until(driver, f"return document.querySelector('.tr-facets__groups').dataset.counted === {key};",
          f"filter counts for {text!r} with {filters}")
    return _shown_counts(driver)


def _check_counts(shown: dict[str, dict[str, int]], results: list[dict[str, str]]) -> None:
    by_kind = Counter(r["kind"] for r in results)
    by_rating = Counter(r["rating"] for r in results if r["rating"])
    assert shown["kind"] == {kind: by_kind.get(kind, 0) for kind in shown["kind"]}, (shown["kind"], by_kind)
    assert shown["rating"] == {r: by_rating.get(r, 0) for r in shown["rating"]}, (shown["rating"], by_rating)


def test_filter_counts_follow_the_query(browser: Any, demo_url: str) -> None:
    open_page(browser, demo_url)
    type_query(browser, "United")
    results = _all_results(browser, "United")
    open_filters(browser)  # first opened after the query: the counts are already the query's
    shown = _wait_counted(browser, "United")
    _check_counts(shown, results)
    assert shown["kind"]["incident"] < 10 and shown["company"]["United Airlines"] == 2, shown  # not the site's totals
    assert shown["company"]["Zappos"] == 0, shown

    tick(browser, "kind", "incident")
    filtered = '{"kind":{"any":["incident"]}}'
    results = wait_results(browser, "United", filtered)
    shown = _wait_counted(browser, "United", filtered)
    _check_counts(shown, results)
    assert shown["kind"]["company"] == 0 and shown["kind"]["incident"] == len(results) > 0, shown

    box = browser.find_element("css selector", ".md-search__input")  # an empty box: the site's totals again
    box.clear()
    box.send_keys(" ")
    browser.find_element("css selector", 'input[data-facet="kind"][value="incident"]').click()
    assert _wait_counted(browser, "")["kind"]["incident"] == 10
    assert not console_errors(browser)


def test_focus_stays_in_open_search_and_escape_gives_it_back(browser: Any, demo_url: str) -> None:
    from selenium.webdriver.common.keys import Keys

    open_page(browser, f"{demo_url}{INCIDENT}")
    opener = browser.find_element("css selector", "article a[href*='companies/united-airlines']")
    browser.execute_script("arguments[0].focus();", opener)
    type_query(browser, "refund")
    wait_results(browser, "refund")
    open_filters(browser)
    seen = set()
    for shift in (False, True):
        for _ in range(25):
            now = press(browser, Keys.TAB, shift=shift)
            assert now and now["inSearch"], f"Tab left the open search for {now}"
            seen.add((now["tag"], now["cls"], now["text"], now["value"]))
    assert len(seen) > 5, f"Tab should walk the box, the filters and the results: {seen}"
    assert browser.execute_script("return document.getElementById('__search').checked;")
    press(browser, Keys.ESCAPE)
    assert not browser.execute_script("return document.getElementById('__search').checked;")
    assert browser.execute_script("return document.activeElement === arguments[0];", opener), focused(browser)
    assert not console_errors(browser)


def test_tab_passes_the_closed_search_box_by(browser: Any, demo_url: str) -> None:
    """At desktop width the box sits in the header: Tab goes into it and on, without opening search."""
    from selenium.webdriver.common.keys import Keys

    open_page(browser, demo_url)
    path = [press(browser, Keys.TAB) for _ in range(8)]
    at = next(i for i, f in enumerate(path) if f and "md-search__input" in f["cls"])
    assert path[at + 1] and not path[at + 1]["inSearch"], path
    assert not browser.execute_script("return document.getElementById('__search').checked;")


@pytest.mark.parametrize("page", ["", "companies/united-airlines/", INCIDENT, "rating/ugly/"])
def test_generated_page_starts_with_a_skip_link(browser: Any, demo_url: str, page: str) -> None:
    from selenium.webdriver.common.keys import Keys

    open_page(browser, f"{demo_url}{page}")
    first = press(browser, Keys.TAB)
    assert first and "md-skip" in first["cls"] and first["text"] == "Skip to content", first
    landed = press(browser, Keys.ENTER)
    assert landed and landed["id"] == "tr-content" and landed["inArticle"], landed
    after = press(browser, Keys.TAB)
    assert after and after["inArticle"], f"the next Tab after skipping should be in the content: {after}"


def test_hand_written_page_keeps_materials_skip_link(browser: Any, demo_url: str) -> None:
    from selenium.webdriver.common.keys import Keys

    open_page(browser, f"{demo_url}about/")
    first = press(browser, Keys.TAB)
    assert first and "md-skip" in first["cls"] and first["href"].endswith("#about"), first
    assert len(browser.find_elements("css selector", "a.md-skip")) == 1


def _off_screen(driver: Any, where: dict[str, Any]) -> bool:
    """Whether what has focus cannot be seen: of no size, or outside the viewport (the browser scrolls
    what it focuses into view). Material's palette switch is a radio button of no size: the label
    beside it is what shows."""
    box = where
    if where["tag"] == "INPUT" and "md-option" in where["cls"]:
        box = driver.execute_script("const r = document.activeElement.nextElementSibling.getBoundingClientRect();"
                                    "return {left: r.left, top: r.top, width: r.width, height: r.height};")
    width, height = driver.execute_script("return [innerWidth, innerHeight];")
    return bool(box["width"] <= 0 or box["height"] <= 0 or box["left"] + box["width"] <= 0 or box["left"] >= width
                or box["top"] + box["height"] <= 0 or box["top"] >= height)


@pytest.mark.parametrize("page", ["", INCIDENT, "about/"])
def test_phone_width_tab_never_reaches_what_is_off_screen(browser: Any, demo_url: str, page: str) -> None:
    from selenium.webdriver.common.keys import Keys

    with viewport(browser, PHONE):
        open_page(browser, f"{demo_url}{page}")
        assert browser.execute_script("return innerWidth;") == PHONE
        stops = []
        for _ in range(40):
            now = press(browser, Keys.TAB)
            if now is None or (stops and now == stops[0]):
                break  # round the page and back
            assert not _off_screen(browser, now), f"Tab reached something off-screen at {PHONE} px: {now}"
            stops.append(now)
        assert any(s["inArticle"] for s in stops), f"Tab never reached the page's content: {stops}"
        assert not any(s["inSearch"] for s in stops if "tr-search-button" not in s["cls"]), stops


def test_phone_width_drawer_and_search_open_from_the_keyboard(browser: Any, demo_url: str) -> None:
    from selenium.webdriver.common.keys import Keys

    with viewport(browser, PHONE):
        open_page(browser, f"{demo_url}{INCIDENT}")
        path = [press(browser, Keys.TAB) for _ in range(4)]
        menu = next(f for f in path if f and f["text"] == "Navigation")
        assert menu["tag"] == "LABEL"
        browser.execute_script("document.querySelector('.md-header label[for=__drawer]').focus();")
        inside = press(browser, Keys.ENTER)
        assert browser.execute_script("return document.getElementById('__drawer').checked;")
        until(browser, "const r = document.activeElement.getBoundingClientRect(); return r.left >= 0;",
              "the drawer slid in")
        assert inside and browser.execute_script("return !!document.activeElement.closest('.md-sidebar--primary');")
        assert not _off_screen(browser, focused(browser) or {}), focused(browser)
        back = press(browser, Keys.ESCAPE)
        assert not browser.execute_script("return document.getElementById('__drawer').checked;")
        assert back and back["text"] == "Navigation", back

        search = browser.find_element("css selector", ".tr-search-button")
        browser.execute_script("arguments[0].focus();", search)
        box = press(browser, Keys.ENTER)
        assert box and "md-search__input" in box["cls"] and not _off_screen(browser, box), box
        browser.switch_to.active_element.send_keys("guitar")
        assert wait_results(browser, "guitar")
        for _ in range(10):
            now = press(browser, Keys.TAB)
            assert now and now["inSearch"] and not _off_screen(browser, now), now
        press(browser, Keys.ESCAPE)
        assert browser.execute_script("return document.activeElement === arguments[0];", search)
        assert not console_errors(browser)
