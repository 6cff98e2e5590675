"""While serving, an edit rewrites only the cache files whose content it changed.

MkDocs' --dirty mode re-renders a page only when its source file is newer than its output, so
a listing rewritten with identical bytes would be rendered again for nothing. Two builds run
in one process by one plugin instance, as `mkdocs serve --dirty` makes them (support.sites.serve_builds);
the test compares the cache files' modification times between them.
"""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

import pytest
from support.records import company_yaml
from support.sites import METRICS, SAMPLE, serve_builds, write_project

pytestmark = pytest.mark.integration


def _mtimes(folder: Path) -> dict[str, int]:
    return {p.relative_to(folder).as_posix(): p.stat().st_mtime_ns for p in folder.rglob("*.md")}


def _nav_links(html: str) -> list[str]:
    """The targets of the site's navigation (tabs and the side nav), in order."""
    return re.findall(r'<a href="([^"]*)"[^>]*class="md-(?:tabs|nav)__link', html)


def test_an_edit_rewrites_its_incident_and_company_pages_and_nothing_else(tmp_path: Path) -> None:
    project = write_project(tmp_path / "project", SAMPLE)
    site = tmp_path / "site"
    with serve_builds(project, site, dirty=True) as rebuild:
        rebuild()
        cache = project / ".trackrecord-cache" / "serve"
        before = _mtimes(cache)
        page = site / "incidents/dell/2007-11-14-ignored-blogger-complaints/index.html"
        nav_before = _nav_links(page.read_text("utf-8"))
        untouched = site / "companies/united-airlines/index.html"
        untouched_stat = untouched.stat().st_mtime_ns
        assert "incidents/dell/2007-11-14-ignored-blogger-complaints/index.md" in before

        record = project / "reviews/incidents/dell/2007-11-14-ignored-blogger-complaints.yml"
        text = record.read_text("utf-8")
        record.write_text(re.sub(r"^title: .*$", 'title: "An edited title"', text, count=1, flags=re.M), "utf-8")
        time.sleep(0.05)  # so a rewritten file gets a later modification time
        rebuild()
    after = _mtimes(cache)

    rewritten = {path for path in after if after[path] != before.get(path)}
    # The incident, its company, and the pages that list it by title; no other listing or page.
    assert "incidents/dell/2007-11-14-ignored-blogger-complaints/index.md" in rewritten
    assert "companies/dell/index.md" in rewritten
    assert "index.md" in rewritten  # the home page lists the latest incidents
    assert "companies/united-airlines/index.md" not in rewritten
    assert not any(p.startswith("incidents/united-airlines/") for p in rewritten)
    assert "from-the-web/index.md" not in rewritten
    assert "rating/ugly/index.md" not in rewritten  # Dell's incident is rated bad
    assert "An edited title" in (site / "incidents/dell/2007-11-14-ignored-blogger-complaints/index.html").read_text()
    assert os.path.exists(site / "companies/united-airlines/index.html")
    # MkDocs got only the regenerated pages and the nav's: the page it re-rendered keeps the
    # whole nav, and a page it was not given stays as it was.
    assert _nav_links(page.read_text("utf-8")) == nav_before
    assert "../../../companies/" in nav_before
    assert untouched.stat().st_mtime_ns == untouched_stat


def test_a_company_slugged_page_survives_an_unrelated_edit(tmp_path: Path) -> None:
    """The company `page` lives at companies/page/, beside the companies index's pager at
    companies/page/2/. A rebuild after an edit to another company's record keeps its page."""
    # page_size 2 pages the companies index.
    project = write_project(tmp_path / "project", METRICS, extra_config="      page_size: 2\n")
    (project / "reviews/companies/page.yml").write_text(company_yaml("Page and Sons", industry="retail"), "utf-8")
    site = tmp_path / "site"
    with serve_builds(project, site) as rebuild:  # as `mkdocs serve` (without --dirty) rebuilds, in one process
        rebuild()
        assert "Page and Sons" in (site / "companies/page/index.html").read_text("utf-8")
        assert (site / "companies/page/2/index.html").is_file()
        record = project / "reviews/incidents/solo/2019-04-04-kind-reply.yml"
        text = record.read_text("utf-8")
        record.write_text(re.sub(r"^title: .*$", 'title: "A kind reply, edited"', text, count=1, flags=re.M),
                          "utf-8")
        rebuild()
    assert "A kind reply, edited" in (site / "incidents/solo/2019-04-04-kind-reply/index.html").read_text("utf-8")
    assert "Page and Sons" in (site / "companies/page/index.html").read_text("utf-8")
    assert (site / "companies/page/2/index.html").is_file()
