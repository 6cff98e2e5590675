"""Zensical builds what `trackrecord export` writes, and `trackrecord index` makes it searchable.

Zensical reads mkdocs.yml but runs no MkDocs plugin, skips what it does not understand and still
reports success, so every promise is checked in its output: each company and incident of the
fixture has its page, titled, with the generated content the plugin renders, the theme's and our
styles are linked and present, the feeds, API and schemas are there byte for byte, Pagefind indexed
exactly the pages marked for search, and hostile record text stays text in Zensical's templates too.
The theme's feed-links partial gives the same links under MiniJinja as under Jinja2.
"""

from __future__ import annotations

import gzip
import json
import textwrap
from pathlib import Path
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup, Tag
from support import REPO
from support.hostile import problems_in_document
from support.pages import page_url, resolve, soup
from support.sites import HOSTILE, Built, build_site, sample_project
from support.theme import render_partial
from support.zensical import export_build_index, zensical_build

from generator.build.export_settings import load_settings
from generator.records.reader import load_corpus
from generator.render.pages.page import GeneratedPage, SiteOptions
from generator.render.site_content import pages, static_files
from generator.scoring.catalog import build_catalog

pytestmark = [pytest.mark.slow, pytest.mark.integration]


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's own mkdocs.yml, docs/ and theme/, with the hostile fixture's records (two companies,
    two incidents, posts) as its reviews/."""
    return sample_project(tmp_path_factory.mktemp("zensical") / "project", reviews=HOSTILE)


@pytest.fixture(scope="module")
def site(project: Path) -> Path:
    return export_build_index(project / "mkdocs.yml", project.parent)


@pytest.fixture(scope="module")
def plugin_site(project: Path) -> Built:
    """The same project built by `mkdocs build` with the plugin, to compare with."""
    return build_site(project, project.parent / "mkdocs-site")


@pytest.fixture(scope="module")
def options(project: Path) -> SiteOptions:
    return load_settings(project / "mkdocs.yml").options


@pytest.fixture(scope="module")
def generated(options: SiteOptions) -> list[GeneratedPage]:
    return list(pages(build_catalog(load_corpus(HOSTILE)), options))


def _page(site: Path, url: str) -> BeautifulSoup:
    return soup(site / url / "index.html", "html.parser")


def _generated_div(page: BeautifulSoup) -> Tag:
    found = page.find("div", class_="tr-page")
    assert isinstance(found, Tag), "no generated content (div.tr-page) in the page"
    # Zensical's Python-Markdown leaves markdown="0" on the block; the plugin hands MkDocs the HTML
    # without it. The rest must be the same.
    del found["markdown"]
    return found


def test_every_company_and_incident_has_its_page_and_title(site: Path, options: SiteOptions,
                                                           generated: list[GeneratedPage]) -> None:
    corpus = load_corpus(HOSTILE)
    headings = {f"companies/{slug}/": company.name for slug, company in corpus.companies.items()}
    # A withdrawn record's page is its notice, with none of its text (tests/site/test_site_hostile.py).
    headings |= {f"incidents/{i.company}/{i.slug}/": i.title for i in corpus.incidents if i.withdrawn is None}
    assert len(headings) == 4
    by_url = {page.url: page for page in generated}
    assert set(headings) <= set(by_url)
    for url, page in by_url.items():
        html = _page(site, url)
        title = html.find("title")
        assert title is not None and title.get_text() == f"{page.title} - {options.site_name}", url
        if url in headings:
            heading = _generated_div(html).find("h1")
            assert heading is not None and heading.get_text() == headings[url], url


def test_generated_content_is_what_the_plugin_renders(site: Path, plugin_site: Built,
                                                      generated: list[GeneratedPage]) -> None:
    """The pages' generated content, as Zensical and as `mkdocs build` with the plugin render it."""
    for page in generated:
        ours = _generated_div(_page(site, page.url))
        plugin = _generated_div(plugin_site.page(page.url, "html.parser"))
        assert ours == plugin, page.url
        assert ours.has_attr("data-pagefind-body") == page.searchable, page.url


def test_styles_are_linked_and_present(site: Path, generated: list[GeneratedPage]) -> None:
    ours = {"assets/trackrecord.css", "assets/search.css"}
    for name in ours:
        assert (site / name).read_bytes() == (REPO / "theme" / name).read_bytes(), name
    for page in generated:
        html = _page(site, page.url)
        sheets = [str(link["href"]) for link in html.find_all("link", rel="stylesheet")]
        files = {resolve(site, page.url, href) for href in sheets}
        assert None not in files and all(f is not None and f.is_file() for f in files), (page.url, sheets)
        linked = {f.relative_to(site).as_posix() for f in files if f is not None}
        assert ours <= linked, (page.url, sheets)
        assert any(name.startswith("assets/stylesheets/") for name in linked), f"{page.url}: no theme stylesheet"
        assert (site / "assets" / "search.js").is_file()
        assert html.find("script", src=lambda src: bool(src) and src.endswith("assets/search.js")), page.url


def test_feeds_api_and_schemas_are_there_byte_for_byte(site: Path, options: SiteOptions) -> None:
    files = static_files(build_catalog(load_corpus(HOSTILE)), options)
    assert any(p.startswith("feeds/") for p in files) and any(p.startswith("api/v2/") for p in files)
    assert "feeds/companies-evil.atom.xml" in files and "api/v2/companies/evil.json" in files
    for path, content in files.items():
        assert (site / path).is_file(), path
        assert (site / path).read_bytes() == content, path


def test_the_company_pages_link_their_own_feeds(site: Path) -> None:
    html = _page(site, "companies/evil/")
    feeds = [resolve(site, "companies/evil/", str(link["href"])) for link in html.find_all("link", rel="alternate")
             if str(link.get("type", "")).startswith("application/")]
    assert [f.relative_to(site).as_posix() for f in feeds if f is not None] == [
        "feeds/atom.xml", "feeds/rss.xml", "feeds/feed.json",
        "feeds/companies-evil.atom.xml", "feeds/companies-evil.rss.xml", "feeds/companies-evil.feed.json",
    ]
    assert all(f is not None and f.is_file() for f in feeds)


def _indexed_urls(site: Path) -> set[str]:
    """The page URLs in Pagefind's fragments (gzip, a 12-byte signature, then JSON)."""
    found = set()
    for fragment in (site / "pagefind" / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(fragment.read_bytes())
        assert data.startswith(b"pagefind_dcd"), fragment
        found.add(json.loads(data[len(b"pagefind_dcd"):])["url"])
    return found


def test_search_index_holds_exactly_the_pages_marked_for_it(site: Path, generated: list[GeneratedPage]) -> None:
    marked = {
        "/" + page_url(site, f) for f in site.rglob("*.html")
        if not f.is_relative_to(site / "pagefind") and "data-pagefind-body" in f.read_text(encoding="utf-8")
    }
    assert {f"/{p.url}" for p in generated if p.searchable} <= marked
    assert "/about/" in marked and "/" not in marked  # hand-written pages yes, listings no
    assert _indexed_urls(site) == marked
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert entry["languages"]["en"]["page_count"] == len(marked)
    assert (site / "pagefind" / "pagefind.js").is_file()
    assert not (site / "search.json").is_file() or not json.loads(
        (site / "search.json").read_text(encoding="utf-8"))["items"], "Zensical's own search should be off"


def test_no_record_text_becomes_markup_in_zensicals_templates(site: Path) -> None:
    problems = {}
    for html_file in site.rglob("index.html"):
        for parser in ("html.parser", "lxml"):
            found = problems_in_document(soup(html_file, parser))
            if found:
                problems[f"{html_file.relative_to(site).as_posix()} ({parser})"] = found
    assert not problems, problems
    title = _page(site, "incidents/evil/2020-02-02-everything-hostile/").find("title")
    assert title is not None and '</title><script>alert("title")</script>' in title.get_text()


# The feed-links partial, under MiniJinja: hand-written pages whose front matter names feed scopes.
PARTIAL_CASES = {
    "plain": {},
    "company": {"feeds": "companies/acme"},
    "rating": {"feeds": "rating/ugly", "feeds_title": "Ugly incidents"},
    "nested": {"feeds": "companies/acme/more"},
    "elsewhere": {"feeds": "elsewhere/acme"},
    "empty-name": {"feeds": "companies/"},
    "quoted": {"feeds": 'companies/x" onload="alert(1)'},
    "hostile-title": {"feeds": "companies/acme", "feeds_title": '"><script>alert(1)</script>'},
}
PARTIAL_SITE = "https://partial.example.org/"


def test_feed_links_partial_gives_the_same_links_under_minijinja(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# Home\n", encoding="utf-8")
    for name, meta in PARTIAL_CASES.items():
        front = "".join(f"{key}: {json.dumps(value)}\n" for key, value in {"title": "Acme", **meta}.items())
        (docs / f"{name}.md").write_text(f"---\n{front}---\n\n# Acme\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(textwrap.dedent(f"""\
        site_name: 'trackrecord "<b>"'
        site_url: {PARTIAL_SITE}
        theme:
          name: material
          custom_dir: {(REPO / 'theme').as_posix()}
          font: false
        plugins:
          - search:
              enabled: false
        """), encoding="utf-8")
    zensical_build(tmp_path)

    def links(html: BeautifulSoup, url: str) -> list[tuple[str, str, str]]:
        return [(str(x["type"]), str(x["title"]), urljoin(PARTIAL_SITE + url, str(x["href"])))
                for x in html.find_all("link", rel="alternate") if str(x.get("type", "")).startswith("application/")]

    for name, meta in PARTIAL_CASES.items():
        url = f"{name}/"
        page = soup(tmp_path / "site" / name / "index.html", "html.parser")
        built = links(page, url)
        expected = links(render_partial(PARTIAL_SITE, meta, title="Acme", page_url=url, base_url=".."), url)
        assert len(built) == (6 if name in ("company", "rating", "quoted", "hostile-title") else 3), name
        assert all(set(x.attrs) == {"rel", "type", "title", "href"} for x in page.find_all("link", rel="alternate"))
        if name == "quoted":
            # Not a slug, so no feed exists for it; the engines' urlencode differ on "=()", and both keep
            # the quote and the space from breaking out of the attribute.
            assert [b[:2] for b in built] == [e[:2] for e in expected]
            assert all("/feeds/companies-x%22%20onload" in href for _, _, href in built[3:])
        else:
            assert built == expected, name
