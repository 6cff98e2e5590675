"""Metrics on the company pages and in the API match numbers worked out by hand.

The records and the arithmetic are in tests/fixtures/site/metrics/ (README.md there has the tables).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

import pytest
from bs4 import BeautifulSoup, Tag
from support.pages import article, page_url, resolve
from support.sites import METRICS, Built

from generator.records.reader import load_corpus
from generator.scoring.grade import grade
from generator.scoring.verdict import verdict_words

pytestmark = pytest.mark.integration

AS_OF = "2024-06-30"
ACME_INCIDENTS = {
    "2024-06-01-refund-after-broken-blender", "2024-03-15-ignored-warranty-claim", "2023-09-01-quick-replacement",
    "2023-07-01-exactly-a-year-old", "2023-06-30-a-year-and-a-day-old", "2023-01-10-rude-call-centre",
    "2022-11-20-promised-callback-never-came", "2021-05-05-lost-parcel",
}
# Hand-computed in tests/fixtures/site/metrics/README.md.
EXPECTED: dict[str, dict[str, Any]] = {
    "acme": {
        "counts": {"good": 2, "bad": 3, "ugly": 3}, "recent": {"good": 1, "bad": 2, "ugly": 1},
        "response_rate": 4 / 6, "resolution_rate": 2 / 5, "median": 7.0,
        "shown": {"response rate": "67%", "median time to first response": "7 days", "resolution rate": "40%"},
        "over": {"response rate": "answered 4 of 6 incidents where it is known",
                 "resolution rate": "resolved 2 of 5 incidents whose state is known"},
    },
    "acme-mobile": {
        "counts": {"good": 1, "bad": 1, "ugly": 1}, "recent": {"good": 1, "bad": 1, "ugly": 0},
        "response_rate": 1 / 3, "resolution_rate": 1 / 3, "median": 1.0,
        "shown": {"response rate": "33%", "median time to first response": "1 day", "resolution rate": "33%"},
        "over": {"response rate": "answered 1 of 3 incidents where it is known",
                 "resolution rate": "resolved 1 of 3 incidents whose state is known"},
    },
    "solo": {
        "counts": {"good": 1, "bad": 0, "ugly": 0}, "recent": {"good": 0, "bad": 0, "ugly": 0},
        "response_rate": None, "resolution_rate": None, "median": None,
        "shown": {"response rate": "n/a", "median time to first response": "n/a", "resolution rate": "n/a"},
        "over": {"response rate": "no incident was raised with it", "resolution rate": "nothing to resolve"},
    },
}


@pytest.fixture
def site(metrics_site: Built) -> Built:
    return metrics_site


def _api(site: Built, slug: str) -> dict:
    return json.loads(site.json_text(f"api/v2/companies/{slug}.json"))


def _counts_table(page: BeautifulSoup) -> dict[str, list[int]]:
    table = article(page).find("table", class_="tr-counts")
    assert isinstance(table, Tag)
    rows = {}
    for row in table.select("tbody tr"):
        rows[row.select_one("th").get_text(strip=True)] = [int(td.get_text()) for td in row.find_all("td")]  # type: ignore[union-attr]
    return rows


def _stats(page: BeautifulSoup, part: str = "tr-stat__value") -> dict[str, str]:
    stats = article(page).find("div", class_="tr-stats")
    assert isinstance(stats, Tag)
    return {
        s.find(class_="tr-stat__label").get_text(): s.find(class_=part).get_text()  # type: ignore[union-attr]
        for s in stats.find_all(class_="tr-stat") if s.find(class_=part) is not None
    }


def test_as_of_is_the_newest_date_in_the_records(site: Built) -> None:
    for name in ("companies.json", "incidents.json", "companies/acme.json"):
        assert json.loads(site.json_text(f"api/v2/{name}"))["as_of"] == AS_OF


@pytest.mark.parametrize("slug", sorted(EXPECTED))
def test_counts_and_rates_on_the_page(site: Built, slug: str) -> None:
    want = EXPECTED[slug]
    page = site.page(f"companies/{slug}/")
    order = ("good", "bad", "ugly")
    assert _counts_table(page) == {
        "All time": [want["counts"][r] for r in order],
        "Last 12 months": [want["recent"][r] for r in order],
    }
    assert _stats(page) == want["shown"]
    over = _stats(page, "tr-stat__over")
    assert {name: over[name] for name in want["over"]} == want["over"]


@pytest.mark.parametrize("slug", sorted(EXPECTED))
def test_counts_and_rates_in_the_api(site: Built, slug: str) -> None:
    want = EXPECTED[slug]
    metrics = _api(site, slug)["company"]["metrics"]
    assert metrics["counts"] == want["counts"]
    assert metrics["last_12_months"] == want["recent"]
    assert metrics["total"] == sum(want["counts"].values())
    assert metrics["response_rate"] == pytest.approx(want["response_rate"])
    assert metrics["response_rate_over"] == (6 if slug == "acme" else 3 if slug == "acme-mobile" else 0)
    assert metrics["resolution_rate"] == pytest.approx(want["resolution_rate"])
    assert metrics["median_days_to_first_response"] == want["median"]
    listed = {c["slug"]: c for c in json.loads(site.json_text("api/v2/companies.json"))["companies"]}
    assert listed[slug]["metrics"] == metrics


@pytest.mark.parametrize("slug", sorted(EXPECTED))
def test_grade_letter_is_the_grade_modules(site: Built, slug: str) -> None:
    corpus = load_corpus(METRICS)
    expected = grade([i for i in corpus.incidents if i.company == slug], dt.date.fromisoformat(AS_OF))
    shown = article(site.page(f"companies/{slug}/")).select_one(".tr-verdict .tr-verdict__grade")
    assert shown is not None
    if expected.letter is None:
        assert shown.select_one(".tr-no-grade").get_text() == verdict_words(expected)  # type: ignore[union-attr]
        assert shown.select_one(".tr-grade") is None
    else:
        assert shown.select_one("a.tr-grade").get_text() == f"Grade {expected.letter}"  # type: ignore[union-attr]
    api_grade = _api(site, slug)["company"]["grade"]
    assert api_grade["letter"] == expected.letter
    assert api_grade["enough_data"] is (expected.letter is not None)


def test_solo_has_not_enough_data(site: Built) -> None:
    shown = _api(site, "solo")["company"]["grade"]
    assert {key: shown[key] for key in ("letter", "score", "enough_data", "shortfall", "stories")} == {
        "letter": None, "score": None, "enough_data": False, "shortfall": "not enough data", "stories": 0}


def test_why_panel_links_every_incident_counted(site: Built) -> None:
    url = "companies/acme/"
    page = site.page(url)
    panel = article(page).find("details", class_="tr-why-panel")
    assert isinstance(panel, Tag)
    rows = panel.select("table.tr-why tbody tr:not(.tr-why__prior)")
    linked = set()
    for row in rows:
        href = str(row.select_one("a")["href"])  # type: ignore[index]
        target = resolve(site.site, url, href)
        assert target is not None and target.is_file(), href
        linked.add(page_url(site.site, target).rstrip("/"))
    assert linked == {f"incidents/acme/{slug}" for slug in ACME_INCIDENTS}
    assert len(rows) == len(ACME_INCIDENTS)
    # The arithmetic is shown: the summary states the score the grade module computed.
    corpus = load_corpus(METRICS)
    expected = grade([i for i in corpus.incidents if i.company == "acme"], dt.date.fromisoformat(AS_OF))
    assert expected.score is not None and f"{expected.score:.1f}" in panel.get_text()
    # Each incident's share of the grade, in percent, as the grade module computed it; the neutral start has the rest.
    by_title = {line.incident.title: f"{line.share * 100:.1f}%" for line in expected.lines}
    assert {row.select_one("a").get_text(): row.select_one("td.tr-why__share").get_text()  # type: ignore[union-attr]
            for row in rows} == by_title
    prior = panel.select_one("tr.tr-why__prior td.tr-why__share")
    assert prior is not None and prior.get_text() == f"{expected.prior_share * 100:.1f}%"


def test_parent_shows_rolled_up_record(site: Built) -> None:
    url = "companies/acme/"
    body = article(site.page(url))
    family = body.find(id="family")
    assert family is not None, "no subsidiaries section"
    subsidiaries = family.find_next("ul")
    assert [a.get_text() for a in subsidiaries.find_all("a")] == ["Acme Mobile"]  # type: ignore[union-attr]
    rollup = body.find("p", class_="tr-rollup")
    assert rollup is not None
    text = " ".join(rollup.get_text().split())
    corpus = load_corpus(METRICS)
    family_grade = grade([i for i in corpus.incidents if i.company in ("acme", "acme-mobile")],
                         dt.date.fromisoformat(AS_OF))
    assert f"Grade {family_grade.letter}" in text
    assert "11 incidents (3 good, 4 bad, 4 ugly)" in text
    assert "response rate 56% (answered 5 of 9 incidents where it is known)" in text
    assert "resolution rate 38% (resolved 3 of 8 incidents whose state is known)" in text

    rollup_api = _api(site, "acme")["company"]["rollup"]
    assert rollup_api["metrics"]["counts"] == {"good": 3, "bad": 4, "ugly": 4}
    assert rollup_api["metrics"]["last_12_months"] == {"good": 2, "bad": 3, "ugly": 1}
    assert rollup_api["metrics"]["response_rate"] == pytest.approx(5 / 9)
    assert rollup_api["metrics"]["resolution_rate"] == pytest.approx(3 / 8)
    assert rollup_api["metrics"]["median_days_to_first_response"] == 4.0
    assert rollup_api["grade"]["letter"] == family_grade.letter
    assert _api(site, "acme")["company"]["subsidiaries"] == ["acme-mobile"]


def test_subsidiary_names_its_parent(site: Built) -> None:
    body = article(site.page("companies/acme-mobile/"))
    part_of = next(p for p in body.find_all("p") if p.get_text().startswith("Part of"))
    parent = part_of.select_one("a")
    assert parent is not None and parent.get_text() == "Acme Stores"
    assert resolve(site.site, "companies/acme-mobile/", str(parent["href"])) == site.site / "companies/acme/index.html"


def test_rating_changed_by_timeline_is_shown_with_its_first_rating(site: Built) -> None:
    body = article(site.page("incidents/acme/2023-01-10-rude-call-centre/"))
    lede = body.find("p", class_="tr-lede")
    assert lede is not None
    badge = lede.select_one(".tr-badge")
    assert badge is not None and "tr-badge--good" in badge.get_attribute_list("class") and "Good" in badge.get_text()
    assert re.search(r"first rated bad", lede.get_text())


def test_company_reply_is_on_the_company_page(site: Built) -> None:
    replies = article(site.page("companies/acme-mobile/")).find("ul", class_="tr-replies")
    assert replies is not None and "We are glad we could help quickly." in replies.get_text()
