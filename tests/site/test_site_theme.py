"""The plugin brings its own theme overrides and pages, and the theme settings its pages need:
a site's mkdocs.yml says `theme: material` and `plugins: [trackrecord]`, and nothing more is needed."""

from __future__ import annotations

from pathlib import Path

import pytest
from support import SITE_URL
from support.pages import article, other_host_requests, soup
from support.sites import SITE_FIXTURES, Built, build_site, run_mkdocs, write_project

from generator.build.shipped import READER_PAGES, shipped

pytestmark = pytest.mark.integration  # builds sites, runs commands or serves HTTP

RECORDS = SITE_FIXTURES / "metrics" / "reviews"


def project_with_own_docs(root: Path, *keep: str, extra_config: str = "") -> Path:
    """A fixture project whose docs/ holds only about.md and `keep`: the rest comes from the package."""
    project = write_project(root, RECORDS, extra_config=extra_config)
    for page in (project / "docs").iterdir():
        if page.name not in ("about.md", *keep):
            page.unlink()
    return project


def replace_in_config(project: Path, old: str, new: str) -> None:
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    config.write_text(text.replace(old, new), encoding="utf-8")


def built_with_override(tmp_path: Path, partial: str, text: str) -> Built:
    """The fixture project with the site's own `overrides/partials/<partial>`, built strictly."""
    project = project_with_own_docs(tmp_path / "project")
    replace_in_config(project, "  name: material\n", "  name: material\n  custom_dir: overrides\n")
    own = project / "overrides" / "partials" / partial
    own.parent.mkdir(parents=True)
    own.write_text(text, encoding="utf-8")
    built = build_site(project, tmp_path / "site", strict=True)
    assert built.strict_failure is None, built.warnings
    return built


def test_a_site_without_the_pages_gets_them_without_edit_links(tmp_path: Path) -> None:
    project = project_with_own_docs(tmp_path / "project")
    built = build_site(project, tmp_path / "site", strict=True)
    assert built.strict_failure is None and built.warnings == [], built.warnings
    for name in READER_PAGES:
        page = built.page(name.removesuffix(".md") + "/")
        text = shipped(f"docs/{name}").read_text("utf-8")
        if text.startswith("---\n"):  # front matter (a guide's `search: {audience: contributors}`)
            text = text.split("\n---\n", 1)[1]
        heading = text.strip().splitlines()[0].removeprefix("# ")
        assert article(page).find("h1").get_text(strip=True).startswith(heading), name
        assert page.select("a.md-content__button") == [], f"{name}: an edit link to a file the site does not have"
    about = built.page("about/")
    assert about.select("a.md-content__button"), "the site's own page keeps its edit link"
    # The home and company pages link to methodology/ and api/, which must now resolve.
    home = article(built.page(""))
    assert home.find("a", href="api/") is not None


@pytest.mark.parametrize("own", ["methodology.md", "methodology/index.md"])
def test_a_page_of_the_sites_own_replaces_the_shipped_one(tmp_path: Path, own: str) -> None:
    project = project_with_own_docs(tmp_path / "project")
    (project / "docs" / own).parent.mkdir(parents=True, exist_ok=True)
    (project / "docs" / own).write_text("# Our own rules\n\nHow we grade.\n", encoding="utf-8")
    about = project / "docs" / "about.md"  # its link follows the page
    about.write_text(about.read_text("utf-8").replace("(methodology.md)", f"({own})"), encoding="utf-8")
    built = build_site(project, tmp_path / "site", strict=True)
    assert built.strict_failure is None, built.warnings
    assert article(built.page("methodology/")).find("h1").get_text(strip=True) == "Our own rules"


def test_the_theme_comes_from_the_plugin_and_the_sites_custom_dir_goes_first(tmp_path: Path) -> None:
    built = built_with_override(tmp_path, "source.html", '<span class="site-own-source">ours</span>\n')
    home = built.page("")
    assert home.select(".site-own-source"), "the site's own override lost to the plugin's"
    assert home.select("[data-tr-search]"), "the plugin's search box is gone"
    assert home.find("link", rel="stylesheet", href="assets/trackrecord.css") is not None
    assert (built.site / "assets" / "trackrecord.css").is_file() and (built.site / "assets" / "search.js").is_file()
    feeds = [link["href"] for link in home.find_all("link", rel="alternate", type="application/atom+xml")]
    assert feeds == ["feeds/atom.xml"]


def test_fonts_stay_local_and_a_palette_comes_when_none_is_set(tmp_path: Path) -> None:
    project = project_with_own_docs(tmp_path / "project")
    built = build_site(project, tmp_path / "site", strict=True)
    assert other_host_requests(built.site, SITE_URL) == []
    schemes = [i["data-md-color-scheme"] for i in built.page("").select('form[data-md-component="palette"] input')]
    assert schemes == ["default", "slate"], "no light and dark palette"


def test_a_palette_the_site_sets_is_kept(tmp_path: Path) -> None:
    project = project_with_own_docs(tmp_path / "project")
    replace_in_config(project, "  name: material\n", "  name: material\n  palette:\n    primary: red\n")
    built = build_site(project, tmp_path / "site", strict=True)
    assert built.page("").find("body")["data-md-color-primary"] == "red"


def test_fonts_from_google_are_a_warning_that_strict_refuses(tmp_path: Path) -> None:
    project = project_with_own_docs(tmp_path / "project")
    replace_in_config(project, "  name: material\n", "  name: material\n  font:\n    text: Inter\n")
    result = run_mkdocs(project, "build", "--strict", "-d", str(tmp_path / "site"))
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "theme.font:" in output and "fonts.googleapis.com" in output and "font: false" in output, output
    assert "Traceback" not in output


@pytest.mark.parametrize("old, new, said", [
    (f"site_url: {SITE_URL}\n", "", "site_url: expected the site's absolute http or https address, such as "
                                    "https://example.org/, but it is not set"),
    ("  name: material\n", "  name: readthedocs\n",
     "theme: trackrecord's pages are made for Material for MkDocs, but the theme is 'readthedocs'"),
])
def test_a_setting_the_site_cannot_work_without_stops_the_build(tmp_path: Path, old: str, new: str, said: str) -> None:
    project = project_with_own_docs(tmp_path / "project")
    replace_in_config(project, old, new)
    result = run_mkdocs(project, "build", "-d", str(tmp_path / "site"))
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert said in output, output
    assert "Traceback" not in output, output
    assert not (tmp_path / "site").exists()


def test_without_a_nav_every_page_names_every_nav_entry(tmp_path: Path) -> None:
    """MkDocs makes the nav from the pages; the plugin drops a rendered page's Markdown to save memory,
    and with it went the title later pages showed for it ("None")."""
    project = project_with_own_docs(tmp_path / "project")
    replace_in_config(project, "nav:\n  - Home: index.md\n  - Companies: companies/index.md\n  - About: about.md\n", "")
    built = build_site(project, tmp_path / "site", strict=True)
    assert built.strict_failure is None, built.warnings
    pages = built.html_files()
    assert len(pages) > 20
    for html_file in pages:
        entries = [a.get_text(" ", strip=True) for a in soup(html_file).select("a.md-nav__link, a.md-tabs__link")]
        assert "Home" in entries and "None" not in entries and "" not in entries, (html_file, entries)


def test_a_sites_own_sidebar_partial_is_rendered_for_each_page(tmp_path: Path) -> None:
    """Generated pages share sidebars rendered once per place, unless the site overrides the partials
    they come from: an override may show something of each page."""
    built = built_with_override(tmp_path, "nav.html", '<nav class="site-own-nav">{{ page.title | e }}</nav>\n')
    pages = sorted(p for p in built.site.glob("incidents/*/*/index.html"))[:2]
    assert len(pages) == 2
    titles = [soup(p).select_one(".site-own-nav").get_text() for p in pages]  # type: ignore[union-attr]
    assert titles[0] != titles[1] and all(titles), titles
