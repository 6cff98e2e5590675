"""The sitemap's day for each generated page comes from the records it shows (render/pages/lastmod.py)."""

from __future__ import annotations

import dataclasses
import datetime as dt

from support.records import D, company, corpus, incident, post

from generator.model import TimelineEntry, Withdrawal
from generator.render.pages.lastmod import LastChanged, RecordDays
from generator.render.pages.page import INDEX, POSTS, PageGroup, SiteOptions, sitemap_day
from generator.render.site_content import pages
from generator.scoring.catalog import Catalog, build_catalog


def _catalog() -> Catalog:
    return build_catalog(corpus(
        [company("acme", industry="Telecom"), company("bolt", industry="Retail"), company("kid", parent="acme")],
        [incident("2023-05-01", "bad", "late", company="acme", tags=("refund",),
                  timeline=(TimelineEntry(date=D("2024-02-03"), text="They paid."),)),
         incident("2022-01-01", "good", "quick", company="bolt", contacted=D("2022-01-02"), resolved=D("2022-03-09")),
         incident("2021-07-07", "ugly", "gone", company="kid"),
         incident("2020-01-01", "bad", "pulled", company="bolt", withdrawn=Withdrawal(D("2025-03-04"), "Wrong firm."))],
        [post("p1", companies=("bolt",), published=dt.datetime(2024, 8, 9, 10, 0))],
    ))


def test_each_page_group_takes_the_latest_day_of_its_records() -> None:
    catalog = _catalog()
    days = LastChanged(catalog)
    assert days.day(PageGroup("incident", "acme/2023-05-01-late")) == D("2024-02-03")  # its timeline moves it
    assert days.day(PageGroup("incident", "bolt/2020-01-01-pulled")) == D("2025-03-04")  # the withdrawal
    assert days.day(PageGroup("incident", "bolt/2022-01-01-quick")) == D("2022-03-09")  # the day it was resolved
    # A company's grade table weighs its incidents as of the site's newest date: that moves its page.
    assert catalog.as_of == D("2024-08-09")
    assert days.day(PageGroup("company", "acme")) == catalog.as_of
    assert days.day(PageGroup("company", "kid")) == catalog.as_of
    assert days.day(PageGroup("company", "bolt")) == D("2025-03-04")  # an incident withdrawn from its page
    assert days.day(PageGroup("rating", "good")) == D("2022-03-09")
    assert days.day(PageGroup("rating", "ugly")) == D("2021-07-07")
    assert days.day(PageGroup("rating", "bad")) == D("2025-03-04")  # the withdrawn one left it then
    assert days.day(PageGroup("tag", "refund")) == D("2024-02-03")
    assert days.day(PageGroup("year", "2022")) == D("2022-03-09")
    assert days.day(PageGroup("year", "2020")) == D("2025-03-04")
    assert days.day(PageGroup("industry", "Retail")) == D("2025-03-04")
    assert days.day(POSTS) == D("2024-08-09")
    assert days.day(INDEX) == D("2025-03-04")


def test_a_company_without_incidents_takes_only_its_posts_day() -> None:
    catalog = build_catalog(corpus([company("acme"), company("quiet")], [incident("2024-01-01", company="acme")],
                                   [post("p", companies=("quiet",), published=dt.datetime(2023, 2, 3, 4, 5))]))
    assert LastChanged(catalog).day(PageGroup("company", "quiet")) == D("2023-02-03")


def test_every_generated_page_carries_its_day_in_front_matter() -> None:
    catalog = _catalog()
    made = list(pages(catalog, SiteOptions(site_url="https://example.org/")))
    assert made and all(page.lastmod is not None for page in made)
    acme = next(page for page in made if page.url == "companies/acme/")
    assert "\nlastmod: " in acme.markdown() and sitemap_day({"lastmod": "2024-02-03"}) == "2024-02-03"
    assert acme.lastmod == catalog.as_of


def test_a_hand_written_page_gives_a_day_only_when_it_is_a_real_one() -> None:
    assert sitemap_day({}) == ""
    assert sitemap_day({"lastmod": dt.date(2024, 1, 2)}) == "2024-01-02"
    assert sitemap_day({"lastmod": "2024-02-30"}) == ""
    assert sitemap_day({"lastmod": "<script>"}) == ""
    assert sitemap_day({"lastmod": 20240101}) == ""


def test_days_kept_across_catalogs_follow_an_edited_record() -> None:
    # While serving, one RecordDays serves every rebuild's catalog: an edited record is a new object.
    records = RecordDays()
    first = _catalog()
    assert LastChanged(first, records).day(PageGroup("rating", "ugly")) == D("2021-07-07")
    edited = dataclasses.replace(first.corpus, incidents=tuple(
        dataclasses.replace(i, timeline=(TimelineEntry(date=D("2024-01-01"), text="Still waiting."),))
        if i.slug.endswith("gone") else i for i in first.corpus.incidents))
    second = build_catalog(dataclasses.replace(edited, incidents=(*edited.incidents, *first.withdrawn)))
    kept = LastChanged(second, records)
    fresh = LastChanged(second)
    for group in (PageGroup("rating", "ugly"), PageGroup("company", "kid"), PageGroup("rating", "bad"), INDEX, POSTS):
        assert kept.day(group) == fresh.day(group)
    assert kept.day(PageGroup("rating", "ugly")) == D("2024-01-01")
