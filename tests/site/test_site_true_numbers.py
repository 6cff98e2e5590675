"""The sample's company pages say what their records say (issue 14): NSTAR and Best Buy answered their
customers, so neither may show a 0 % response rate; Ticketmaster was never asked about its fees, so its
record is shown but counts towards no rate and no grade; whatever is not known is shown as not known."""

from __future__ import annotations

import json

import pytest
from bs4 import BeautifulSoup, Tag
from support import REPO
from support.pages import article
from support.sites import Built

from generator.records.reader import load_corpus
from generator.scoring.answers import answer_of
from generator.scoring.catalog import build_catalog

pytestmark = pytest.mark.integration


def _stats(page: BeautifulSoup) -> dict[str, tuple[str, str]]:
    stats = article(page).find("div", class_="tr-stats")
    assert isinstance(stats, Tag)
    out = {}
    for tile in stats.find_all(class_="tr-stat"):
        over = tile.find(class_="tr-stat__over")
        out[tile.find(class_="tr-stat__label").get_text()] = (  # type: ignore[union-attr]
            tile.find(class_="tr-stat__value").get_text(), over.get_text() if over else "")  # type: ignore[union-attr]
    return out


@pytest.mark.parametrize("slug", ["nstar", "best-buy"])
def test_a_company_that_answered_shows_it_answered(sample_site: Built, slug: str) -> None:
    corpus = load_corpus(REPO / "reviews")
    [incident] = [i for i in corpus.incidents if i.company == slug]
    assert answer_of(incident).state == "answered"
    stats = _stats(sample_site.page(f"companies/{slug}/"))
    assert stats["response rate"] == ("100%", "answered 1 of 1 incident where it is known")
    api = json.loads(sample_site.json_text(f"api/v2/companies/{slug}.json"))["company"]
    assert api["metrics"]["response_rate"] == 1.0 and api["metrics"]["answers"]["answered"] == 1
    [full] = api["incidents"]
    assert (full["raised_with_company"], full["answer"]) == (True, "answered")


def test_nstars_incident_page_says_how_the_answer_is_known(sample_site: Built) -> None:
    body = article(sample_site.page("incidents/nstar/2010-07-12-no-credit-after-outage-ruined-engagement-party/"))
    facts = " ".join(body.find("dl", class_="tr-facts").get_text().split())  # type: ignore[union-attr]
    assert "Company answered yes (the record says it answered; the update of 2010-07-12 records its answer)" in facts
    assert "State of the case open" in facts
    timeline = body.find("ol", class_="tr-timeline")
    assert timeline is not None and "the company's answer" in timeline.get_text()


def test_headings_attribute_whose_account_each_part_is(sample_site: Built) -> None:
    body = article(sample_site.page("incidents/best-buy/2007-11-14-lost-software-discs-business-account/"))
    headings = [h.get_text() for h in body.find_all("h2")]
    assert "What the customer reports" in headings and "What the company did or said" in headings
    lede = body.find("p", class_="tr-lede")
    assert lede is not None and "The writer's rating of how the company behaved" in lede.get_text()
    badge = lede.find(class_="tr-badge")
    assert badge is not None and str(badge["title"]).startswith("The writer's rating")


def test_an_incident_never_raised_with_the_company_counts_for_nothing(sample_site: Built) -> None:
    stats = _stats(sample_site.page("companies/ticketmaster/"))
    assert stats["response rate"] == ("n/a", "no incident was raised with it")
    body = article(sample_site.page("incidents/ticketmaster/2009-11-12-fees-over-half-of-ticket-price/"))
    facts = " ".join(body.find("dl", class_="tr-facts").get_text().split())  # type: ignore[union-attr]
    assert "Raised with the company no" in facts
    why = article(sample_site.page("companies/ticketmaster/")).find("table", class_="tr-why")
    assert why is not None
    first = why.select("tbody tr")[0].get_text()
    assert "0.0%" in first and "not raised with the company" in first


def test_quoted_company_replies_are_the_companies_answers_with_the_post_as_source(sample_site: Built) -> None:
    for url, words in (("incidents/phish-ticketing/2009-11-12-boilerplate-reply-to-scalping-complaint/", "Dear Fan"),
                       ("incidents/unnamed-windows-7-upgrade-fulfilment/2009-11-12-garbled-reply-to-upgrade-delay/",
                        "first come first serve basis")):
        reply = article(sample_site.page(url)).find("blockquote", class_="tr-reply")
        assert reply is not None and words in " ".join(reply.get_text().split())
        assert "Every Outbound Channel Is Marketing" in reply.get_text()


def test_every_sample_company_grade_is_not_enough_data_and_every_share_is_in_percent(sample_site: Built) -> None:
    catalog = build_catalog(load_corpus(REPO / "reviews"))
    for slug, grade in catalog.grades.items():
        assert grade.letter is None, slug  # one story each, and fifteen years old
        page = article(sample_site.page(f"companies/{slug}/"))
        why = page.find("table", class_="tr-why")
        assert why is not None
        assert "×" not in why.get_text()
        cells = [cell.get_text() for cell in why.select("tbody tr td.tr-why__share")]
        assert cells and all(cell.endswith("%") for cell in cells)
