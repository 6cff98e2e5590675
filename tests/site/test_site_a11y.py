"""axe-core (WCAG 2.1 AA) in headless Chromium over the sample, in the light and the dark palette: home, a
company, an incident, a listing and the search overlay with results. Any serious or critical violation
fails, printed with its rule, the elements and the contrast figures. Screenshots of home, a company and
the search overlay at 1280 and 390 px, light and dark, go to test-artifacts/screenshots/ for people to see.

axe comes from the npm registry (support.checkers; tests/run.sh installs it); Chromium is Debian's.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from support import REPO
from support.browser import chromium, serving
from support.checkers import axe_script
from support.sites import Built, build_site, sample_project

pytestmark = [pytest.mark.browser, pytest.mark.integration]

SCREENSHOTS = REPO / "test-artifacts" / "screenshots"
PAGES = {
    "home": "",
    "company": "companies/united-airlines/",
    "incident": "incidents/united-airlines/2009-07-06-broken-guitar-passed-around/",
    "listing": "rating/ugly/",
    "search": "",  # the home page with the overlay open on results for QUERY
}
QUERY = "united"
PALETTES = {"light": "default", "dark": "slate"}  # our names -> Material's data-md-color-scheme
WIDTHS = {"1280": (1280, 900), "390": (390, 844)}
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING = {"serious", "critical"}
WAIT = 15  # seconds; bounds waiting for search results, never asserted on


@pytest.fixture(scope="module")
def demo_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The sample configured as the demo is (tabs, permalinks, the plugin's palette and toggle), built once
    for this module and served on 127.0.0.1."""
    root = tmp_path_factory.mktemp("a11y")
    built: Built = build_site(sample_project(root / "project"), root / "site", strict=True)
    assert built.strict_failure is None, built.warnings
    with serving(built.site) as url:
        yield url


@pytest.fixture(scope="module")
def driver(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    browser = chromium(tmp_path_factory.mktemp("a11y-chromium"))
    try:
        yield browser
    finally:
        browser.quit()


def _until(driver: Any, script: str, what: str) -> Any:
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, WAIT).until(lambda d: d.execute_script(script), what)


def _settle(driver: Any) -> None:
    """Wait for the load event and for Material's transitions, so axe and the camera see the settled page."""
    driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "const settle = () => Promise.all(document.getAnimations().map(a => a.finished.catch(() => null)))"
        "  .then(() => requestAnimationFrame(() => done()));"
        "if (document.readyState === 'complete') settle(); else window.addEventListener('load', settle);"
    )


def _open(driver: Any, url: str, palette: str, width: str) -> None:
    """Load `url` in `palette`, stored the way Material's toggle stores it (localStorage `__palette`), and
    check that the page took it."""
    w, h = WIDTHS[width]
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": w, "height": h, "deviceScaleFactor": 1, "mobile": width == "390",
    })
    driver.get(url)
    driver.execute_script(
        "const input = document.querySelector(`input[name=__palette][data-md-color-scheme=${arguments[0]}]`);"
        "const color = {media: input.dataset.mdColorMedia, scheme: input.dataset.mdColorScheme,"
        "  primary: input.dataset.mdColorPrimary, accent: input.dataset.mdColorAccent};"
        "const index = [...document.querySelectorAll('input[name=__palette]')].indexOf(input);"
        "__md_set('__palette', {index, color});",
        PALETTES[palette],
    )
    driver.get(url)
    _settle(driver)
    scheme = driver.execute_script("return document.body.getAttribute('data-md-color-scheme');")
    assert scheme == PALETTES[palette], f"{url}: asked for the {palette} palette, the page shows {scheme!r}"


def _open_search(driver: Any) -> None:
    """Open the overlay with "/" and type QUERY; wait until search.js has shown its results."""
    _until(driver, "const s = document.querySelector('[data-tr-search]'); return s && !s.hidden;", "search ready")
    if driver.find_element("css selector", ".tr-search-button").is_displayed():
        driver.find_element("css selector", ".tr-search-button").click()
    else:
        driver.find_element("css selector", "body").send_keys("/")
    box = driver.find_element("css selector", "[data-tr-search] input[name=query]")
    _until(driver, "return document.getElementById('__search').checked;", "the overlay open")
    box.send_keys(QUERY)
    done = json.dumps(f"{QUERY}|{{}}")
    _until(driver, f"const l = document.querySelector('.md-search-result__list');"
                   f"return l.dataset.done === {done} && l.children.length > 0;", f"results for {QUERY!r}")
    _settle(driver)


def _axe(driver: Any) -> list[dict[str, Any]]:
    if not driver.execute_script("return typeof window.axe === 'object';"):
        driver.execute_script(axe_script())
    result = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}, resultTypes: ['violations']})"
        "  .then(r => done(r.violations), e => done({error: String(e)}));",
        WCAG_AA,
    )
    assert not isinstance(result, dict), f"axe failed to run: {result}"
    return list(result)


def _figures(node: dict[str, Any]) -> str:
    """The numbers axe measured (contrast, colours, font), from whichever check failed."""
    keys = ("contrastRatio", "expectedContrastRatio", "fgColor", "bgColor", "fontSize", "fontWeight",
            "nodeColor", "parentColor")
    found = []
    for check in (*node.get("any", []), *node.get("all", []), *node.get("none", [])):
        data = check.get("data")
        if isinstance(data, dict):
            found += [f"{k}={data[k]}" for k in keys if data.get(k) not in (None, "")]
    return " ".join(found)


def _report(violations: list[dict[str, Any]]) -> str:
    lines = []
    for v in violations:
        lines.append(f"[{v['impact']}] {v['id']}: {v['help']} ({len(v['nodes'])} elements)")
        for node in v["nodes"][:8]:
            lines.append(f"    {' '.join(map(str, node['target']))}  {_figures(node)}")
            lines.append(f"      {' '.join(node['html'].split())[:160]}")
    return "\n".join(lines)


def _blocking(violations: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [v for v in violations if v.get("impact") in BLOCKING]


def _screenshot(driver: Any, name: str) -> Path:
    """A PNG under test-artifacts/screenshots/: the whole page, or for the overlay the viewport it covers.
    Always the viewport's width: a narrower clip makes Chromium lay the page out again, and the search box
    (whose width Material animates) was caught halfway."""
    overlay = name.startswith("search")
    width, height = driver.execute_script(
        "return [window.innerWidth, arguments[0] ? window.innerHeight : document.documentElement.scrollHeight];",
        overlay,
    )
    shot = driver.execute_cdp_cmd("Page.captureScreenshot", {
        "format": "png", "captureBeyondViewport": not overlay,
        "clip": {"x": 0, "y": 0, "width": width, "height": min(height, 6000), "scale": 1},
    })
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    path.write_bytes(base64.b64decode(shot["data"]))
    return path


AXE_CASES = [(page, palette) for page in PAGES for palette in PALETTES]


@pytest.mark.parametrize(("page", "palette"), AXE_CASES, ids=[f"{p}-{c}" for p, c in AXE_CASES])
def test_no_serious_axe_violation(driver: Any, demo_url: str, page: str, palette: str) -> None:
    _open(driver, demo_url + PAGES[page], palette, "1280")
    if page == "search":
        _open_search(driver)
    blocking = _blocking(_axe(driver))
    assert not blocking, f"axe (WCAG 2.1 AA) on {page} in the {palette} palette:\n{_report(blocking)}"


SHOT_CASES = [(page, width, palette) for page in ("home", "company", "search") for width in WIDTHS
              for palette in PALETTES]


@pytest.mark.parametrize(("page", "width", "palette"), SHOT_CASES, ids=["-".join(c) for c in SHOT_CASES])
def test_screenshot(driver: Any, demo_url: str, page: str, width: str, palette: str) -> None:
    """At phone width too: axe again (the drawer, the overlay full screen), no sideways scrolling, a picture."""
    _open(driver, demo_url + PAGES[page], palette, width)
    if page == "search":
        _open_search(driver)
    scroll, inner = driver.execute_script("return [document.documentElement.scrollWidth, window.innerWidth];")
    assert inner == WIDTHS[width][0] and scroll <= inner + 1, f"horizontal scrolling: {scroll}px in {inner}px"
    blocking = _blocking(_axe(driver)) if width == "390" else []
    shot = _screenshot(driver, f"{page}-{width}-{palette}")
    assert shot.stat().st_size > 10_000, f"{shot} looks empty"
    assert not blocking, f"axe (WCAG 2.1 AA) on {page} at {width} px, {palette}:\n{_report(blocking)}"
