"""Driving the search overlay (theme/assets/search.js) in Chromium: open it as a reader does, wait for
the results of exactly one query, and read them back; and the keyboard: Tab, where focus is, phone width."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

WAIT = 10  # seconds; a search on the sample takes well under one
# Where focus is: enough to name the element in a failure, and its box in the viewport.
FOCUSED = """
const e = document.activeElement;
if (!e || e === document.body) return null;
const r = e.getBoundingClientRect();
return {tag: e.tagName, id: e.id, cls: String(e.className || ''), href: e.getAttribute('href') || '',
        text: (e.getAttribute('aria-label') || e.textContent || '').trim().slice(0, 40), value: e.value || '',
        left: r.left, top: r.top, width: r.width, height: r.height,
        inSearch: !!e.closest('[data-tr-search]'), inArticle: !!e.closest('article')};
"""


def open_page(driver: Any, url: str) -> None:
    """Load `url` and wait until search.js has set the search up; earlier console output is dropped."""
    driver.get_log("browser")
    driver.get(url)
    until(driver, "const s = document.querySelector('[data-tr-search]'); return s && !s.hidden;")


def until(driver: Any, script: str, what: str = "") -> Any:
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, WAIT).until(lambda d: d.execute_script(script), what or script)


def type_query(driver: Any, text: str, shortcut: str = "/") -> None:
    """Open search with its shortcut (from wherever focus is) and type `text` into the box."""
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    if shortcut == "/":
        ActionChains(driver).send_keys("/").perform()
    else:  # Ctrl+K
        ActionChains(driver).key_down(Keys.CONTROL).send_keys("k").key_up(Keys.CONTROL).perform()
    active = driver.switch_to.active_element
    assert "md-search__input" in (active.get_attribute("class") or ""), f"{shortcut} did not focus the search box"
    active.send_keys(text)


def wait_results(driver: Any, text: str, filters: str = "{}") -> list[dict[str, str]]:
    """The results shown for exactly this query and these filters (search.js stamps the list)."""
    query = json.dumps(f"{text}|{filters}")
    until(driver, f"return document.querySelector('.md-search-result__list').dataset.done === {query};",
          f"results for {text!r} with filters {filters}")
    return list(driver.execute_script(
        "return [...document.querySelectorAll('.md-search-result__item')].map(li => ({"
        " url: li.querySelector('a').href, title: li.querySelector('h1').textContent, kind: li.dataset.kind,"
        " excerpt: li.querySelector('.tr-hit__excerpt').textContent,"
        " rating: (li.querySelector('.tr-badge') || {className: ''}).className.replace(/.*tr-badge--/, '') }));"
    ))


def show_all(driver: Any) -> None:
    """Press "More results" until every result is on screen."""
    for _ in range(50):
        more = driver.find_element("css selector", ".tr-search-more")
        if not more.is_displayed():
            return
        shown = len(driver.find_elements("css selector", ".md-search-result__item"))
        more.click()
        until(driver, f"const list = document.querySelector('.md-search-result__list');"
                      f"return !list.dataset.loading && list.children.length > {shown};")


def console_errors(driver: Any) -> list[dict[str, Any]]:
    """Console errors since the page loaded."""
    return [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]


def open_filters(driver: Any) -> None:
    """Open the filter panel (if it is closed) and wait for its filters."""
    if not driver.execute_script("return document.querySelector('.tr-facets').open;"):
        driver.find_element("css selector", ".tr-facets summary").click()
    until(driver, "return document.querySelector('.tr-facets__groups').dataset.ready === 'true';", "filters loaded")


def tick(driver: Any, facet: str, value: str) -> None:
    open_filters(driver)
    driver.find_element("css selector", f'input[data-facet="{facet}"][value="{value}"]').click()


def press(driver: Any, key: str, *, shift: bool = False) -> dict[str, Any] | None:
    """Press `key` (a selenium Keys value) where focus is; returns what has focus afterwards (FOCUSED)."""
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    chain = ActionChains(driver)
    (chain.key_down(Keys.SHIFT).send_keys(key).key_up(Keys.SHIFT) if shift else chain.send_keys(key)).perform()
    return focused(driver)


def focused(driver: Any) -> dict[str, Any] | None:
    return driver.execute_script(FOCUSED)  # type: ignore[no-any-return]


@contextmanager
def viewport(driver: Any, width: int, height: int = 844) -> Iterator[None]:
    """The page laid out `width` CSS pixels wide (a phone), however wide the headless window is."""
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})
    try:
        yield
    finally:
        driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
