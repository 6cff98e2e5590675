"""The sample corpus (tests/fixtures/site/sample/) builds with --strict, has every page, and no broken link."""

from __future__ import annotations

import json

import pytest
from support import SITE_URL
from support.pages import article, broken_links
from support.sites import SAMPLE, Built

from generator.records.reader import load_corpus
from generator.records.schema import KINDS
from generator.render import urls
from generator.scoring.catalog import build_catalog

pytestmark = pytest.mark.integration


def test_sample_builds_strict_without_warnings(sample_site: Built) -> None:
    shown = "\n".join(sample_site.warnings) or "(none logged)"
    assert sample_site.strict_failure is None, f"mkdocs build --strict failed; warnings:\n{shown}"
    assert sample_site.warnings == [], f"warnings:\n{shown}"


def test_every_page_of_the_sample_exists(sample_site: Built) -> None:
    catalog = build_catalog(load_corpus(SAMPLE))
    assert catalog.corpus.companies and catalog.corpus.incidents, "the sample has records"
    wanted = ["", "companies/", "rating/", "industry/", "tag/", "year/", urls.posts()]
    wanted += [urls.listing("rating", r) for r in ("good", "bad", "ugly")]
    wanted += [urls.company(slug) for slug in catalog.corpus.companies]
    wanted += [urls.incident(item) for item in catalog.corpus.incidents]
    wanted += [urls.listing("industry", key) for key in catalog.by_industry]
    wanted += [urls.listing("tag", key) for key in catalog.by_tag]
    wanted += [urls.listing("year", str(key)) for key in catalog.by_year]
    missing = [url for url in wanted if not (sample_site.site / url / "index.html").is_file()]
    assert not missing, f"pages missing: {missing}"

    companies = json.loads(sample_site.json_text("api/v2/companies.json"))
    assert {c["slug"] for c in companies["companies"]} == set(catalog.corpus.companies)
    incidents = json.loads(sample_site.json_text("api/v2/incidents.json"))
    assert {i["id"] for i in incidents["incidents"]} == {i.key for i in catalog.corpus.incidents}
    for slug in catalog.corpus.companies:
        detail = json.loads(sample_site.json_text(f"api/v2/companies/{slug}.json"))
        assert detail["company"]["slug"] == slug
    for kind in KINDS:
        schema = json.loads(sample_site.json_text(f"schemas/v1/{kind}.schema.json"))
        assert schema["$schema"].startswith("https://json-schema.org/")


def test_each_company_page_names_its_company(sample_site: Built) -> None:
    corpus = load_corpus(SAMPLE)
    for company in corpus.companies.values():
        heading = article(sample_site.page(urls.company(company.slug))).find("h1")
        assert heading is not None and heading.get_text() == company.name


def test_every_internal_link_resolves(sample_site: Built) -> None:
    """Every relative href/src (and every absolute one under site_url) on every page names a built file."""
    assert len(sample_site.html_files()) > 20
    checked, broken = broken_links(sample_site.site, SITE_URL)
    assert checked > 500, "the crawl found too few links to mean anything"
    assert not broken, "broken internal links:\n" + "\n".join(broken[:50])


def test_an_incidents_facts_read_as_separate_words(sample_site: Built) -> None:
    # Search (Pagefind) and screen readers take the text as it stands; terms and values ran together before.
    page = article(sample_site.page("incidents/dell/2007-11-14-ignored-blogger-complaints/"))
    facts = page.find("dl", class_="tr-facts")
    assert facts is not None
    text = " ".join(facts.get_text().split())
    assert text.startswith("First reported (the sources do not date the incident itself) 2007-11-14 ")
    assert " Channel blog " in f"{text} " and " Company answered yes " in f"{text} "


def test_feed_authors_show_by_name_and_never_by_address(sample_site: Built) -> None:
    """The sample feed gives "notes@service-desk-notes.example (Dana Reyes)": the name shows, the address nowhere."""
    for path in sample_site.site.rglob("*"):
        if path.suffix in (".html", ".json", ".xml"):
            assert "notes@service-desk-notes.example" not in path.read_text("utf-8"), path
    listing = article(sample_site.page("from-the-web/")).get_text()
    assert "by Dana Reyes" in listing
    feed = json.loads(sample_site.json_text("feeds/companies-ticketmaster.feed.json"))
    assert {"name": "Dana Reyes"} in [a for item in feed["items"] for a in item.get("authors", [])]
