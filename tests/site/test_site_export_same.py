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


def _frames(site: Path) -> dict[str, list[str]]:
    """The frame around every generated page: header, tabs, sidebars, footer and the config script."""
    found = {}
    for html_file in sorted(site.rglob("index.html")):
        page = soup(html_file, "html.parser")
        if page.find("div", class_="tr-page") is not None:
            parts = [page.find("header", class_="md-header"), page.find("nav", class_="md-tabs"),
                     *page.find_all("div", class_="md-sidebar"), page.find("footer", class_="md-footer"),
                     page.find("script", id="__config")]
            found[html_file.relative_to(site).as_posix()] = [str(part) for part in parts]
    return found


@pytest.mark.slow
def test_export_and_plugin_give_the_same_pages(metrics_site: Built, tmp_path: Path) -> None:
    project = write_project(tmp_path / "project", METRICS)
    count = export(project / "mkdocs.yml", tmp_path / "export")
    exported = build_site(tmp_path / "export", tmp_path / "export-site")
    plugin_pages, export_pages = _bodies(metrics_site.site), _bodies(exported.site)
    assert len(plugin_pages) == count > 20
    assert export_pages == plugin_pages
    # The plugin renders the frame of a generated page outside the nav once per place in the site
    # (render/page_frame.py), with each page's title put back; plain MkDocs renders it on every page:
    # the same HTML.
    plugin_frames, export_frames = _frames(metrics_site.site), _frames(exported.site)
    assert len(plugin_frames) == count
    assert all(parts.count("None") <= 1 for parts in plugin_frames.values())  # only the tabs may be off
    assert plugin_frames == export_frames
    assert metrics_site.plugin is not None and metrics_site.plugin.frames is not None
    assert sum(frame is not None for frame in metrics_site.plugin.frames.rendered.values()) > 1
    titles = {parts[0] for parts in plugin_frames.values()}  # the header, with the page's own title
    assert len(titles) > 20 and not any("\x00" in header for header in titles)
    # The plugin hands MkDocs the HTML itself: no markdown="0" left over in its pages (Nu flags it).
    assert not [p for p in metrics_site.site.rglob("index.html") if 'class="tr-page" markdown=' in p.read_text("utf-8")
                or ' markdown="0"' in p.read_text("utf-8")]
    for static in ("feeds/atom.xml", "api/v2/incidents.json", "schemas/v1/incident.schema.json"):
        assert (exported.site / static).read_bytes() == (metrics_site.site / static).read_bytes(), static


RICH_THEME = """\
theme:
  name: material
  features:
    - content.action.edit
    - navigation.tabs
    - navigation.footer
    - navigation.top
  palette:
    - scheme: default
      toggle: {icon: material/brightness-7, name: Dark}
    - scheme: slate
      toggle: {icon: material/brightness-4, name: Light}
copyright: Kept by its writers
extra:
  social:
    - icon: fontawesome/brands/github
      link: https://github.com/example/trackrecord
"""


@pytest.mark.slow
def test_the_cached_frame_equals_plain_mkdocs_with_tabs_footer_palette_and_a_deep_nav(tmp_path: Path) -> None:
    project = write_project(tmp_path / "project", METRICS, docs=False)
    config = project / "mkdocs.yml"
    text = config.read_text("utf-8")
    text = text[: text.index("theme:")] + RICH_THEME + text[text.index("plugins:"):]
    text = text.replace("  - About: about.md\n", "  - Browse:\n      - By rating: rating/index.md\n"
                                                  "      - By year: year/index.md\n")
    config.write_text(text, "utf-8")
    built = build_site(project, tmp_path / "site")
    export(config, tmp_path / "export")
    exported = build_site(tmp_path / "export", tmp_path / "export-site")
    plugin_frames, export_frames = _frames(built.site), _frames(exported.site)
    assert len(plugin_frames) > 20 and all("None" not in parts for parts in plugin_frames.values())
    assert plugin_frames == export_frames
    assert built.plugin is not None and built.plugin.frames is not None
    assert sum(frame is not None for frame in built.plugin.frames.rendered.values()) > 2


def test_another_plugins_page_context_makes_every_page_render_its_own_frame(tmp_path: Path) -> None:
    # MkDocs' own search plugin has an on_page_context of its own: what it (or any plugin) does there
    # may differ per page, so nothing is shared.
    project = write_project(tmp_path / "project", METRICS, docs=False)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("plugins:\n", "plugins:\n  - search\n"), "utf-8")
    built = build_site(project, tmp_path / "site")
    assert built.plugin is not None and built.plugin.frames is None
    titles = {parts[0] for parts in _frames(built.site).values()}
    assert len(titles) > 20
