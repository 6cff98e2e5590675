"""`trackrecord export` and the plugin run one pipeline: the same generated pages, byte for byte in
their bodies (but for white space), for the hand-computed fixture. The export is built by plain
MkDocs, which runs Python-Markdown over each page; the plugin hands MkDocs the bodies' HTML
without it (issue 20): this also checks that skipping Markdown changes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.pages import soup
from support.sites import METRICS, Built, build_site, write_project

from generator.build.export import export

pytestmark = pytest.mark.integration


def _bodies(site: Path) -> dict[str, str]:
    """Every generated page's body (the div the generator writes), by its path in the site."""
    found = {}
    for html_file in sorted(site.rglob("index.html")):
        body = soup(html_file, "html.parser").find("div", class_="tr-page")
        if body is not None:
            del body["markdown"]  # an instruction to Python-Markdown, which the plugin's pages no longer carry
            found[html_file.relative_to(site).as_posix()] = " ".join(str(body).split())
    return found


def _sidebars(site: Path) -> dict[str, list[str]]:
    """The navigation and table-of-contents sidebars of every generated page."""
    found = {}
    for html_file in sorted(site.rglob("index.html")):
        page = soup(html_file, "html.parser")
        if page.find("div", class_="tr-page") is not None:
            found[html_file.relative_to(site).as_posix()] = [str(d) for d in page.find_all("div", class_="md-sidebar")]
    return found


@pytest.mark.slow
def test_export_and_plugin_give_the_same_pages(metrics_site: Built, tmp_path: Path) -> None:
    project = write_project(tmp_path / "project", METRICS)
    count = export(project / "mkdocs.yml", tmp_path / "export")
    exported = build_site(tmp_path / "export", tmp_path / "export-site")
    plugin_pages, export_pages = _bodies(metrics_site.site), _bodies(exported.site)
    assert len(plugin_pages) == count > 20
    assert export_pages == plugin_pages
    # The plugin renders a generated page's sidebars once per place in the site (SidebarCache); plain
    # MkDocs renders them on every page: the same HTML.
    plugin_bars, export_bars = _sidebars(metrics_site.site), _sidebars(exported.site)
    assert len(plugin_bars) == count and all(len(bars) == 2 for bars in plugin_bars.values())
    assert plugin_bars == export_bars
    assert metrics_site.plugin is not None and len(metrics_site.plugin.sidebars.rendered) > 1
    # The plugin hands MkDocs the HTML itself: no markdown="0" left over in its pages (Nu flags it).
    assert not [p for p in metrics_site.site.rglob("index.html") if 'class="tr-page" markdown=' in p.read_text("utf-8")
                or ' markdown="0"' in p.read_text("utf-8")]
    for static in ("feeds/atom.xml", "api/v2/incidents.json", "schemas/v1/incident.schema.json"):
        assert (exported.site / static).read_bytes() == (metrics_site.site / static).read_bytes(), static
