"""The built sample in headless Chromium: fits a phone, badges carry their words, no errors, no third party.

Uses Debian's /usr/bin/chromium and /usr/bin/chromedriver (tests/run.sh installs them), given by path so
that Selenium Manager never downloads a browser or driver. Screenshots go to test-artifacts/screenshots/.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from support import REPO
from support.browser import chromium, serving
from support.sites import Built

pytestmark = [pytest.mark.browser, pytest.mark.integration]

SCREENSHOTS = REPO / "test-artifacts" / "screenshots"
PAGES = {
    "home": "", "company": "companies/united-airlines/",
    "incident": "incidents/united-airlines/2009-07-06-broken-guitar-passed-around/",
}
VIEWPORTS = {"desktop": (1366, 900), "phone": (390, 844)}
WORDS = {"good": "Good", "bad": "Bad", "ugly": "Ugly"}


@pytest.fixture(scope="module")
def base_url(sample_site: Built) -> Iterator[str]:
    with serving(sample_site.site) as url:
        yield url


@pytest.fixture(scope="module")
def hostile_url(hostile_site: Built) -> Iterator[str]:
    with serving(hostile_site.site) as url:
        yield url


@pytest.fixture(scope="module")
def driver(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    browser = chromium(tmp_path_factory.mktemp("chromium-profile"), flags=["--metrics-recording-only"],
                       logs=("browser", "performance"))
    try:
        yield browser
    finally:
        browser.quit()


def _load(driver: Any, url: str, viewport: str, dark: bool = False) -> None:
    width, height = VIEWPORTS[viewport]
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": width, "height": height, "deviceScaleFactor": 1, "mobile": viewport == "phone",
    })
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {
        "features": [{"name": "prefers-color-scheme", "value": "dark" if dark else "light"}],
    })
    driver.get_log("browser")  # drop what earlier pages logged
    driver.get_log("performance")
    driver.get(url)
    driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "if (document.readyState === 'complete') done(); else window.addEventListener('load', () => done());"
    )
    # Let Material's entrance transitions (tabs, header) finish, so the screenshot shows the settled page.
    driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "Promise.all(document.getAnimations().map(a => a.finished.catch(() => null))).then(() => done());"
    )


def _assert_fits(driver: Any, viewport: str, state: str) -> None:
    """No horizontal scrolling. On a phone the layout viewport grows to fit wide content, so check both."""
    scroll_width, inner_width = driver.execute_script(
        "return [document.documentElement.scrollWidth, window.innerWidth];"
    )
    assert inner_width == VIEWPORTS[viewport][0], f"{state}: the page widened the viewport to {inner_width}px"
    assert scroll_width <= inner_width + 1, f"{state}: horizontal scrolling ({scroll_width}px > {inner_width}px)"


def _screenshot(driver: Any, name: str) -> Path:
    """The whole page, not just the viewport, so the layout below the fold can be looked at too."""
    size = driver.execute_script(
        "return [document.documentElement.scrollWidth, document.documentElement.scrollHeight];"
    )
    shot = driver.execute_cdp_cmd("Page.captureScreenshot", {
        "format": "png", "captureBeyondViewport": True,
        "clip": {"x": 0, "y": 0, "width": size[0], "height": min(size[1], 6000), "scale": 1},
    })
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    import base64

    path.write_bytes(base64.b64decode(shot["data"]))
    return path


def _rgba(css: str) -> tuple[float, float, float, float]:
    parts = [float(x) for x in css[css.index("(") + 1 : css.index(")")].replace("/", ",").split(",")]
    return (parts[0], parts[1], parts[2], parts[3] if len(parts) > 3 else 1.0)


def _luminance(rgb: tuple[float, float, float]) -> float:
    def channel(c: float) -> float:
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _contrast(fg_css: str, bg_css: str) -> float:
    """WCAG contrast ratio of a (possibly translucent) text colour over an opaque background."""
    fg, bg = _rgba(fg_css), _rgba(bg_css)
    mixed = tuple(fg[3] * fg[i] + (1 - fg[3]) * bg[i] for i in range(3))
    light, dark = sorted((_luminance(mixed), _luminance(bg[:3])), reverse=True)  # type: ignore[arg-type]
    return (light + 0.05) / (dark + 0.05)


def _muted_text_contrast(driver: Any) -> dict[str, float]:
    """The lowest contrast of the muted texts (labels, dates, the "no grade yet" label) on the page background."""
    found = driver.execute_script(
        "const bg = getComputedStyle(document.body).backgroundColor;"
        "const muted = '.tr-stat__label, .tr-item__meta, .tr-no-grade, .tr-facts dt';"
        "return [...document.querySelectorAll('article').item(0).querySelectorAll(muted)]"
        ".map(e => [e.className, getComputedStyle(e).color, bg]);"
    )
    worst: dict[str, float] = {}
    for name, color, background in found:
        worst[name] = min(worst.get(name, 99.0), _contrast(color, background))
    return worst


def _severe(driver: Any) -> list[dict[str, Any]]:
    """Console errors since the page loaded (a failed request logs its URL first)."""
    return [e for e in driver.get_log("browser")
            if e["level"] == "SEVERE"]


def _requested_urls(driver: Any) -> list[str]:
    urls = [str(u) for u in driver.execute_script(
        "return performance.getEntriesByType('resource').map(e => e.name).concat([location.href]);"
    )]
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message.get("method") == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return urls


CASES = [(page, viewport) for page in PAGES for viewport in VIEWPORTS]


@pytest.mark.parametrize(("page", "viewport"), CASES, ids=[f"{p}-{v}" for p, v in CASES])
def test_page_in_chromium(driver: Any, base_url: str, page: str, viewport: str) -> None:
    _load(driver, base_url + PAGES[page], viewport)
    shot = _screenshot(driver, f"{page}-{viewport}")
    assert shot.stat().st_size > 10_000

    _assert_fits(driver, viewport, "as loaded")

    badges = driver.find_elements("css selector", "article .tr-badge")
    assert badges, "no rating badge on the page"
    for badge in badges:
        if not badge.is_displayed():  # e.g. inside a closed <details>
            continue
        rating = next(c.split("--")[1] for c in badge.get_attribute("class").split() if c.startswith("tr-badge--"))
        assert WORDS[rating] in badge.text, f"badge {rating!r} shows {badge.text!r}"

    contrast = _muted_text_contrast(driver)
    assert contrast and min(contrast.values()) >= 3.0, f"muted text too faint: {contrast}"

    severe = _severe(driver)
    assert not severe, severe

    # Opened panels (why this grade, the chart as a table) must not widen the page either.
    driver.execute_script("document.querySelectorAll('details').forEach(d => { d.open = true; });")
    _assert_fits(driver, viewport, "with every <details> open")

    foreign = [u for u in _requested_urls(driver)
               if not u.startswith((base_url, "data:", "blob:"))]
    assert not foreign, f"requests to other hosts: {foreign}"


def test_feed_links_trigger_no_sitemap_lookups(driver: Any, base_url: str) -> None:
    _load(driver, base_url + PAGES["company"], "desktop")
    lookups = [u for u in _requested_urls(driver) if u.endswith("sitemap.xml") and not u.startswith(base_url)]
    assert not lookups, lookups


def test_dark_palette_screenshot(driver: Any, base_url: str) -> None:
    """The slate palette follows prefers-color-scheme; the badges keep their words there too."""
    _load(driver, base_url + PAGES["company"], "desktop", dark=True)
    driver.execute_script("localStorage.clear()")  # a palette stored by an earlier page would win
    _load(driver, base_url + PAGES["company"], "desktop", dark=True)
    scheme = driver.execute_script("return document.body.getAttribute('data-md-color-scheme')")
    assert scheme == "slate"
    _screenshot(driver, "company-desktop-dark")
    contrast = _muted_text_contrast(driver)
    assert contrast and min(contrast.values()) >= 3.0, f"muted text too faint in the dark palette: {contrast}"
    badges = driver.find_elements("css selector", "article .tr-lede .tr-badge, article .tr-counts .tr-badge")
    words = [b.text for b in badges]
    assert all(any(w in text for w in WORDS.values()) for text in words), words
    assert not _severe(driver)


HOSTILE_PAGES = ["incidents/evil/2020-02-02-everything-hostile/", "companies/evil/", "", "companies/", "rating/ugly/",
                 "from-the-web/"]
# Every dialog a script could open is recorded instead, before any page script runs.
TRAP = "window.__calls = []; for (const n of ['alert', 'confirm', 'prompt', 'print']) " \
       "window[n] = (...a) => window.__calls.push(n + ':' + a.join(','));"


def test_hostile_records_run_nothing_in_chromium(driver: Any, hostile_url: str) -> None:
    """The hostile fixture in a real browser: no injected script runs, on the pages or in search results."""
    trap = driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": TRAP})
    try:
        for url in HOSTILE_PAGES:
            _load(driver, hostile_url + url, "desktop")
            driver.execute_script("document.querySelectorAll('details').forEach(d => { d.open = true; });")
            assert driver.execute_script("return window.__calls") == [], url
            live = driver.execute_script(
                "return [...document.querySelectorAll('article script, article style, article iframe, article img,"
                " article form, article object, article embed')].map(e => e.outerHTML.slice(0, 80));"
            )
            assert live == [], (url, live)
        # Search the hostile words: results are built from indexed record text and must stay text.
        driver.execute_script(
            "document.getElementById('__search').checked = true;"
            "const input = document.querySelector('[data-tr-search] input[name=query]');"
            "input.value = 'alert script'; input.dispatchEvent(new Event('input', {bubbles: true}));"
        )
        results = driver.execute_async_script(
            "const done = arguments[arguments.length - 1]; const start = Date.now();"
            "(function poll() {"
            "  const list = document.querySelector('[data-tr-search] .md-search-result__list');"
            "  const items = list ? list.querySelectorAll('li') : [];"
            "  if (items.length || Date.now() - start > 15000) done(list ? list.innerHTML : null);"
            "  else setTimeout(poll, 100);"
            "})();"
        )
        assert results, "search showed no results for words that are on the hostile pages"
        assert driver.execute_script("return window.__calls") == []
        found = driver.execute_script(
            "return [...document.querySelectorAll('[data-tr-search] .md-search-result__list *')]"
            ".filter(e => !['LI', 'A', 'ARTICLE', 'H1', 'P', 'MARK', 'SPAN'].includes(e.tagName)"
            " || [...e.attributes].some(a => a.name.startsWith('on'))).map(e => e.outerHTML.slice(0, 80));"
        )
        assert found == [], found
        assert not _severe(driver)
    finally:
        driver.execute_cdp_cmd("Page.removeScriptToEvaluateOnNewDocument", {"identifier": trap["identifier"]})


def test_screenshots_dir_is_ignored_by_git() -> None:
    ignore = (REPO / ".gitignore").read_text(encoding="utf-8")
    assert "/test-artifacts/" in ignore.split() or "test-artifacts/" in ignore.split()
    assert os.path.commonpath([SCREENSHOTS, REPO]) == str(REPO)
