"""Links that share well (issue 19): Open Graph and Twitter tags, JSON-LD, robots.txt, and dates and
tags that do not break at phone width. Read from real builds of the metrics and hostile fixtures."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from bs4 import BeautifulSoup, Tag
from support import SITE_URL
from support.pages import article
from support.sites import HOSTILE, METRICS, Built, build_site, write_project

from generator.records.reader import load_corpus
from generator.render.pages.lastmod import incident_day

pytestmark = pytest.mark.integration

COMPANY = "companies/acme-mobile/"
INCIDENT = "incidents/acme/2024-06-01-refund-after-broken-blender/"
EVIL = "incidents/evil/2020-02-02-everything-hostile/"


def _meta(page: BeautifulSoup, key: str) -> str:
    """The content of the one <meta property=key> (Open Graph) or <meta name=key> (Twitter) in <head>."""
    attr = "property" if key.startswith("og:") else "name"
    found = page.head.find_all("meta", attrs={attr: key})  # type: ignore[union-attr]
    assert len(found) == 1, (key, found)
    return str(found[0]["content"])


def _json_ld(page: BeautifulSoup) -> dict[str, Any]:
    blocks = page.head.find_all("script", type="application/ld+json")  # type: ignore[union-attr]
    assert len(blocks) == 1, blocks
    data = json.loads(blocks[0].get_text())
    assert isinstance(data, dict)
    return data


def test_a_company_page_shares_its_grade_and_counts(metrics_site: Built) -> None:
    page = metrics_site.page(COMPANY)
    verdict = article(page).find(class_="tr-verdict")
    assert isinstance(verdict, Tag) and "Grade C" in verdict.get_text()  # the same grade as the page shows
    assert _meta(page, "og:title") == "Acme Mobile: customer-service track record"
    assert _meta(page, "og:description") == "Grade C. 3 incidents on record: 1 good, 1 bad, 1 ugly."
    assert _meta(page, "og:url") == f"{SITE_URL}{COMPANY}"
    assert _meta(page, "og:type") == "website"
    assert _meta(page, "twitter:card") == "summary"
    assert _meta(page, "twitter:title") == _meta(page, "og:title")
    assert _json_ld(page) == {"@context": "https://schema.org", "@type": "Organization", "name": "Acme Mobile",
                              "mainEntityOfPage": f"{SITE_URL}{COMPANY}"}


def test_a_company_page_without_a_grade_says_so_and_gives_its_website(metrics_site: Built) -> None:
    company = load_corpus(METRICS).companies["acme"]
    page = metrics_site.page("companies/acme/")
    verdict = article(page).find(class_="tr-verdict")
    assert isinstance(verdict, Tag)
    description = _meta(page, "og:description")
    shown = verdict.select_one(".tr-grade, .tr-no-grade")
    assert shown is not None
    # The page's own words: "Grade D", or the label that says what a grade needs.
    assert description.startswith(shown.get_text().rstrip(".") + ".")
    assert description.endswith("8 incidents on record: 2 good, 3 bad, 3 ugly.")
    data = _json_ld(page)
    assert data["@type"] == "Organization" and data["name"] == company.name
    assert data["url"] == company.website and data["alternateName"] == list(company.aliases)


def test_an_incident_page_shares_the_writers_rating_and_the_company(metrics_site: Built) -> None:
    page = metrics_site.page(INCIDENT)
    assert _meta(page, "og:title") == "Refunded a broken blender within ten days"
    assert _meta(page, "og:description") == "Rated bad by the writer · about Acme Stores · 2024-06-01"
    assert _meta(page, "og:url") == f"{SITE_URL}{INCIDENT}"
    assert _meta(page, "og:type") == "article"
    assert _meta(page, "twitter:card") == "summary"
    data = _json_ld(page)
    # What the record is about, and no review or rating markup: search engines do not allow a site
    # to mark up third-party reviews it collects as rich results.
    assert data == {
        "@context": "https://schema.org", "@type": "Article", "headline": "Refunded a broken blender within ten days",
        "datePublished": "2024-06-01", "url": f"{SITE_URL}{INCIDENT}",
        "about": {"@type": "Organization", "name": "Acme Stores", "url": f"{SITE_URL}companies/acme/"},
    }
    assert "Rating" not in json.dumps(data) and "review" not in json.dumps(data).lower()


def test_listings_and_the_home_page_carry_no_share_card(metrics_site: Built) -> None:
    for url in ("", "companies/", "rating/bad/"):
        page = metrics_site.page(url)
        assert page.head.find("meta", attrs={"property": "og:title"}) is None, url  # type: ignore[union-attr]
        assert page.head.find("script", type="application/ld+json") is None, url  # type: ignore[union-attr]


@pytest.mark.parametrize("parser", ["html.parser", "lxml"])
def test_hostile_names_stay_text_in_share_tags_and_json_ld(hostile_site: Built, parser: str) -> None:
    corpus = load_corpus(HOSTILE)
    company = corpus.companies["evil"]
    incident = next(i for i in corpus.incidents if i.company == "evil")
    for url in ("companies/evil/", EVIL):
        page = hostile_site.page(url, parser)
        block = page.head.find("script", type="application/ld+json")  # type: ignore[union-attr]
        assert isinstance(block, Tag)
        raw = block.get_text()
        assert "<" not in raw and ">" not in raw and "&" not in raw, raw  # no way out of the <script>
        data = _json_ld(page)
        name = data["name"] if url.startswith("companies/") else data["about"]["name"]
        assert name == company.name
        # One <meta> per tag, nothing born from the name, and the name back as its own characters.
        assert company.name in _meta(page, "og:title" if url.startswith("companies/") else "og:description")
        assert page.head.find_all("script", src=re.compile("evil")) == []  # type: ignore[union-attr]
    assert _meta(hostile_site.page(EVIL, parser), "og:title") == incident.title
    assert _json_ld(hostile_site.page(EVIL, parser))["headline"].rstrip("…") in incident.title


def test_robots_txt_names_the_sitemap(metrics_site: Built) -> None:
    robots = (metrics_site.site / "robots.txt").read_text(encoding="utf-8")
    assert robots == f"User-agent: *\nAllow: /\nSitemap: {SITE_URL}sitemap.xml\n"
    assert (metrics_site.site / "sitemap.xml").is_file()


def test_a_sites_own_robots_txt_wins(tmp_path: Any) -> None:
    """A site that already ships docs/robots.txt keeps it, and its build does not stop on two of them."""
    project = write_project(tmp_path / "project", METRICS, docs=False)
    (project / "docs" / "robots.txt").write_text("User-agent: *\nDisallow: /private/\n", encoding="utf-8")
    built = build_site(project, tmp_path / "site")
    assert (built.site / "robots.txt").read_text(encoding="utf-8") == "User-agent: *\nDisallow: /private/\n"
    assert not [w for w in built.warnings if "robots.txt" in w or w.startswith("ERROR")], built.warnings


def test_dates_and_tags_do_not_break_at_phone_width(metrics_site: Built) -> None:
    css = (metrics_site.site / "assets" / "trackrecord.css").read_text(encoding="utf-8")
    rules = re.findall(r"([^{}]+)\{([^}]*)\}", re.sub(r"/\*.*?\*/", "", css, flags=re.DOTALL))
    nowrap = {sel.strip() for sels, body in rules if re.search(r"white-space:\s*nowrap", body)
              for sel in sels.split(",")}
    assert ".md-typeset time" in nowrap and ".tr-tag" in nowrap, nowrap
    page = article(metrics_site.page(INCIDENT))
    assert page.find("time") is not None  # the elements the rule is for are there


def _lastmods(built: Built) -> dict[str, str | None]:
    sitemap = BeautifulSoup((built.site / "sitemap.xml").read_text(encoding="utf-8"), "xml")
    return {str(url.loc.string).removeprefix(SITE_URL): (url.lastmod.string if url.lastmod else None)
            for url in sitemap.find_all("url")}


def test_sitemap_days_come_from_the_records_and_stay_while_they_do(tmp_path: Any) -> None:
    project = write_project(tmp_path / "project", METRICS)
    first = _lastmods(build_site(project, tmp_path / "site"))
    corpus = load_corpus(project / "reviews")
    item = corpus.incidents[0]
    page = f"incidents/{item.company}/{item.slug}/"
    assert first[page] == incident_day(item).isoformat()
    assert first[""] == max(incident_day(i) for i in corpus.incidents).isoformat()  # the home page counts all
    assert first["about/"] is None  # a hand-written page: nothing in the records dates it
    assert first == _lastmods(build_site(project, tmp_path / "again"))  # the build date plays no part

    record = project / item.path
    record.write_text(record.read_text(encoding="utf-8")
                      + "timeline:\n  - date: 2026-11-30\n    text: The company wrote again.\n", encoding="utf-8")
    after = _lastmods(build_site(project, tmp_path / "edited"))
    assert after[page] == after[f"companies/{item.company}/"] == "2026-11-30"
    unrelated = next(i for i in corpus.incidents if i.company != item.company)
    unrelated_page = f"incidents/{unrelated.company}/{unrelated.slug}/"
    assert after[unrelated_page] == first[unrelated_page] == incident_day(unrelated).isoformat()
