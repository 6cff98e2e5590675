"""The catalog's indexes, roll-ups and reference date on a small hand-built corpus of a group of companies.

The group: holding -> air, bus; air -> airexpress (a grandchild). Reference date 2024-01-01; incidents are
0 days (weight 1), 730 days (2022-01-01, weight 0.5) or 1460 days (2020-01-02, weight 0.25) old.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from support import records
from support.records import D, company, incident, post

from generator.model import CompanyReply, Corpus, Incident, Post, TimelineEntry
from generator.scoring.catalog import Catalog, ScoreMemo, build_catalog

AS_OF = D("2024-01-01")
NEW, TWO_YEARS, FOUR_YEARS = "2024-01-01", "2022-01-01", "2020-01-02"


COMPANIES = [
    company("holding", "Holding Group"),
    company("air", "Air Co", "airline", "holding"),
    company("bus", "Bus Co", "travel", "holding"),
    company("airexpress", "Air Express", "airline", "air"),
    company("solo", "Solo Shop", "retail"),
    company("quiet", "Quiet Ltd", "retail"),
    company("noind", "No Industry"),
]
FEES = incident(NEW, "bad", "fees", company="holding", channel=("phone",), tags=("fees",))
LOST_BAG = incident(NEW, "ugly", "lost-bag", company="air", contacted=D("2023-12-01"), first_response=D("2023-12-05"),
                    tags=("lost-luggage",))
UPGRADE = incident(TWO_YEARS, "good", "upgrade", company="air")
DELAY = incident(NEW, "bad", "delay", company="bus", contacted=D("2023-12-20"), first_response=D("2023-12-30"),
                 tags=("fees", "fees"))
REFUNDED = incident(FOUR_YEARS, "bad", "refunded", company="airexpress", status="resolved", outcome="refund")
SOLO = [
    incident(NEW, "good", "helpful", company="solo", channel=("email",)),
    incident(TWO_YEARS, "good", "quick", company="solo", channel=("phone",)),
    incident(FOUR_YEARS, "bad", "rude", company="solo", channel=("in-store",)),
]
NOIND = [incident(NEW, "bad", name, company="noind", channel=("email",)) for name in ("a", "b", "c")]
POSTS = [
    post("p1", feed="f", path="reviews/posts/p1.yml", title="One", link="https://example.org/1",
         published=dt.datetime(2023, 12, 1, 10, 0, tzinfo=dt.UTC), companies=("solo", "air")),
    # naive, and an hour before p1 once p1 is read as UTC
    post("p2", feed="f", path="reviews/posts/p2.yml", title="Two", link="https://example.org/2",
         published=dt.datetime(2023, 12, 1, 9, 0), companies=("solo", "solo")),
    post("p3", feed="f", path="reviews/posts/p3.yml", title="Three", link="https://example.org/3",
         companies=("air",)),
    post("p4", feed="f", path="reviews/posts/p4.yml", title="Four", link="https://example.org/4",
         updated=dt.datetime(2023, 12, 2), companies=("bus",)),
]  # fmt: skip
INCIDENTS = (FEES, LOST_BAG, UPGRADE, DELAY, REFUNDED, *SOLO, *NOIND)


def corpus(incidents: tuple[Incident, ...] = INCIDENTS, posts: tuple[Post, ...] = ()) -> Corpus:
    return records.corpus(COMPANIES, incidents, posts)


@pytest.fixture(scope="module")
def cat() -> Catalog:
    return build_catalog(corpus(posts=tuple(POSTS)), as_of=AS_OF)


def keys(incidents: tuple[Incident, ...]) -> list[str]:
    return [i.key for i in incidents]


def test_incidents_by_company_newest_first_with_every_company(cat: Catalog) -> None:
    assert keys(cat.incidents_by_company["air"]) == [LOST_BAG.key, UPGRADE.key]
    assert keys(cat.incidents_by_company["noind"]) == ["noind/2024-01-01-a", "noind/2024-01-01-b", "noind/2024-01-01-c"]
    assert cat.incidents_by_company["quiet"] == ()
    assert set(cat.incidents_by_company) == {c.slug for c in COMPANIES}


def test_newest_first_ties_broken_by_company_then_slug(cat: Catalog) -> None:
    newest = keys(cat.incidents_newest)
    assert len(newest) == len(INCIDENTS)
    # all 2024-01-01, in key order: air, bus, holding, noind a b c, solo
    assert newest[:7] == [LOST_BAG.key, DELAY.key, FEES.key, *(i.key for i in NOIND), SOLO[0].key]
    assert newest[7:] == [UPGRADE.key, SOLO[1].key, REFUNDED.key, SOLO[2].key]


def test_by_rating_uses_current_rating_and_has_all_keys() -> None:
    turned = incident("2023-05-05", "bad", "turned", company="quiet",
                      timeline=(TimelineEntry(D("2023-06-01"), "Fixed.", "good"),))
    cat = build_catalog(corpus((turned,)), as_of=AS_OF)
    assert list(cat.by_rating) == ["good", "bad", "ugly"]
    assert keys(cat.by_rating["good"]) == [turned.key]
    assert cat.by_rating["bad"] == () and cat.by_rating["ugly"] == ()


def test_by_rating_on_the_group(cat: Catalog) -> None:
    assert keys(cat.by_rating["ugly"]) == [LOST_BAG.key]
    assert keys(cat.by_rating["good"]) == [SOLO[0].key, UPGRADE.key, SOLO[1].key]
    assert len(cat.by_rating["bad"]) == 7  # fees, delay, 3 noind, refunded (still rated bad), rude


def test_by_industry_leaves_out_companies_without_one(cat: Catalog) -> None:
    assert list(cat.by_industry) == ["airline", "retail", "travel"]
    assert keys(cat.by_industry["airline"]) == [LOST_BAG.key, UPGRADE.key, REFUNDED.key]
    assert keys(cat.by_industry["travel"]) == [DELAY.key]
    assert keys(cat.by_industry["retail"]) == keys(tuple(SOLO))
    assert cat.companies_by_industry["retail"] == ("quiet", "solo")  # Quiet Ltd, Solo Shop: by name


def test_by_tag_and_by_year(cat: Catalog) -> None:
    assert list(cat.by_tag) == ["fees", "lost-luggage"]
    assert keys(cat.by_tag["fees"]) == [DELAY.key, FEES.key]  # DELAY lists "fees" twice, indexed once
    assert list(cat.by_year) == [2024, 2022, 2020]
    assert keys(cat.by_year[2022]) == [UPGRADE.key, SOLO[1].key]
    assert keys(cat.by_year[2020]) == [REFUNDED.key, SOLO[2].key]


def test_subsidiaries_and_descendants(cat: Catalog) -> None:
    assert dict(cat.subsidiaries) == {"air": ("airexpress",), "holding": ("air", "bus")}
    assert dict(cat.descendants) == {"air": ("airexpress",), "holding": ("air", "airexpress", "bus")}


def test_rollup_metrics_cover_all_descendants(cat: Catalog) -> None:
    own, rolled = cat.metrics["holding"], cat.rollup["holding"]
    assert own.total == 1 and dict(own.counts) == {"good": 0, "bad": 1, "ugly": 0}
    # fees, lost-bag, upgrade, delay, refunded (grandchild included)
    assert keys(cat.rollup_incidents["holding"]) == [LOST_BAG.key, DELAY.key, FEES.key, UPGRADE.key, REFUNDED.key]
    assert rolled.total == 5
    assert dict(rolled.counts) == {"good": 1, "bad": 3, "ugly": 1}
    # recent (age <= 365): fees, lost-bag, delay
    assert dict(rolled.recent_counts) == {"good": 0, "bad": 2, "ugly": 1}
    # contacted: fees (channel), lost-bag and delay (dates), refunded (resolved) = 4; upgrade has no sign of contact
    # answered: lost-bag, delay (first responses), refunded (resolved) = 3; fees: not known, so not counted as no
    # case state known: refunded only (resolved) = 1, and it is resolved
    assert (rolled.contacted, rolled.answered, rolled.answer_not_known, rolled.resolved) == (4, 3, 1, 1)
    assert (rolled.response_rate, rolled.state_known, rolled.resolution_rate) == (1.0, 1, 1.0)
    # waits: lost-bag 12-01 -> 12-05 = 4, delay 12-20 -> 12-30 = 10; median of two = (4 + 10) / 2 = 7
    assert rolled.median_days_to_response == 7.0


def test_rollup_grades(cat: Catalog) -> None:
    assert not cat.grades["holding"].enough_data  # one incident of its own
    # holding rolled up, upgrade not raised with the company so not graded: fees -1*1, lost-bag -2*1, delay -1*1,
    # refunded (made right) +0.5*0.25; points -3.875, weights 3.25 + the neutral start 3 = 6.25,
    # average -0.62, score 100 * 1.38 / 3 = 46.0 D
    holding = cat.rollup_grades["holding"]
    assert (holding.score, holding.letter, holding.stories) == (46.0, "D", 4)
    assert holding.weighted_average == pytest.approx(-0.62)
    # air rolled up: lost-bag and refunded were raised with the company, upgrade was not: 2 stories, no grade
    assert (cat.rollup_grades["air"].letter, cat.rollup_grades["air"].stories) == (None, 2)
    assert not cat.grades["air"].enough_data


def test_companies_without_subsidiaries_roll_up_to_themselves(cat: Catalog) -> None:
    for slug in ("solo", "bus", "airexpress", "quiet", "noind"):
        assert cat.rollup[slug] is cat.metrics[slug]
        assert cat.rollup_grades[slug] is cat.grades[slug]
        assert cat.rollup_incidents[slug] == cat.incidents_by_company[slug]


def test_grades_and_ranking(cat: Catalog) -> None:
    # solo: +1*1 + 1*0.5 - 1*0.25 = 1.25 over 1.75 + 3 = 4.75: 0.263158 -> 100 * 2.263158 / 3 = 75.44 -> 75.4 B
    assert (cat.grades["solo"].score, cat.grades["solo"].letter) == (75.4, "B")
    # noind: three bad today: -3 / (3 + 3) = -0.5 -> 50.0 D
    assert (cat.grades["noind"].score, cat.grades["noind"].letter) == (50.0, "D")
    assert cat.ranked == ("solo", "noind")  # only companies with enough data of their own
    assert cat.metrics["quiet"].total == 0 and not cat.grades["quiet"].enough_data


def test_posts_newest_first_mixing_time_zones_undated_last(cat: Catalog) -> None:
    assert [p.id for p in cat.posts_newest] == ["p4", "p1", "p2", "p3"]
    assert {slug: [p.id for p in posts] for slug, posts in cat.posts_by_company.items()} == {
        "air": ["p1", "p3"],
        "bus": ["p4"],
        "solo": ["p1", "p2"],  # p2 names solo twice, listed once
    }


def test_company_name_falls_back_to_the_slug(cat: Catalog) -> None:
    assert cat.company_name("airexpress") == "Air Express"
    assert cat.company_name("ghost") == "ghost"


def test_incident_by_key(cat: Catalog) -> None:
    assert cat.incident_by_key[REFUNDED.key] is REFUNDED


@pytest.mark.parametrize(
    ("changed", "expected"),
    [
        (replace(FEES, timeline=(TimelineEntry(D("2024-02-10"), "Update.", None),)), "2024-02-10"),
        (replace(FEES, company_reply=CompanyReply("No.", D("2024-03-03"), "https://example.org/r")), "2024-03-03"),
        (replace(FEES, resolved=D("2024-04-04"), status="resolved"), "2024-04-04"),
        (FEES, "2024-01-01"),  # nothing newer than the incidents' own dates
    ],
)
def test_default_reference_date_is_the_newest_date_in_the_records(changed: Incident, expected: str) -> None:
    others = tuple(i for i in INCIDENTS if i is not FEES)
    assert build_catalog(corpus((changed, *others))).as_of == D(expected)


def test_default_reference_date_counts_posts() -> None:
    late = replace(POSTS[0], published=dt.datetime(2024, 5, 6, 12, 0, tzinfo=dt.UTC))
    assert build_catalog(corpus(posts=(late,))).as_of == D("2024-05-06")
    assert build_catalog(corpus(posts=tuple(POSTS))).as_of == AS_OF  # all posts older than the incidents


def test_explicit_reference_date_wins() -> None:
    cat = build_catalog(corpus(), as_of=D("2030-01-01"))
    assert cat.as_of == D("2030-01-01")
    assert cat.metrics["solo"].recent_counts["good"] == 0  # six years on, nothing is recent


def test_empty_corpus() -> None:
    cat = build_catalog(Corpus())
    assert cat.incidents_newest == () and cat.ranked == ()
    assert all(cat.by_rating[r] == () for r in ("good", "bad", "ugly"))
    assert cat.as_of == dt.date.today()


@pytest.mark.slow
def test_scales_to_twenty_thousand_incidents() -> None:
    """Every incident counted once through a four-level group. How long it takes is measured by
    benchmarks/catalog_bench.py (a timed assertion here would fail on a busy machine, not on a bug)."""
    cat = build_catalog(records.group_corpus(2000, 10))
    assert len(cat.incidents_newest) == 20_000
    assert cat.rollup["c0"].total == 20_000  # the root of the tree rolls up every company
    assert sum(m.total for m in cat.metrics.values()) == 20_000


def test_a_score_memo_gives_the_same_catalog_and_rescores_only_what_changed() -> None:
    memo = ScoreMemo()
    first = build_catalog(corpus(), as_of=AS_OF, memo=memo)
    assert first == build_catalog(corpus(), as_of=AS_OF)
    # Bus's incident is edited, which makes it a new object: bus and everything above
    # it is scored again; solo's incidents are the same objects, so its scores come back as they were.
    edited = replace(DELAY, status="resolved", outcome="refund")
    changed = tuple(edited if i is DELAY else i for i in INCIDENTS)
    second = build_catalog(corpus(changed), as_of=AS_OF, memo=memo)
    assert second == build_catalog(corpus(changed), as_of=AS_OF)
    assert second.metrics["bus"] != first.metrics["bus"]
    assert second.rollup["holding"] != first.rollup["holding"]
    assert second.grades["solo"] is first.grades["solo"] and second.metrics["solo"] is first.metrics["solo"]
    # Another reference date scores everything again.
    third = build_catalog(corpus(changed), as_of=D("2025-01-01"), memo=memo)
    assert third.grades["solo"] is not first.grades["solo"]
    assert third == build_catalog(corpus(changed), as_of=D("2025-01-01"))


def test_a_score_memo_orders_the_posts_again_only_when_one_changed() -> None:
    memo = ScoreMemo()
    posts = tuple(POSTS)
    first = build_catalog(corpus(posts=posts), as_of=AS_OF, memo=memo)
    assert first.posts_newest == build_catalog(corpus(posts=posts), as_of=AS_OF).posts_newest
    # The same post objects in a new tuple (a rescan): the ordering comes back as it was.
    again = build_catalog(corpus(posts=tuple(list(posts))), as_of=AS_OF, memo=memo)
    assert again.posts_newest is first.posts_newest
    # A post edited to be the newest is a new object: ordered again, and first now.
    newest = replace(posts[-1], published=dt.datetime(2030, 1, 1, tzinfo=dt.UTC))
    edited = (*posts[:-1], newest)
    third = build_catalog(corpus(posts=edited), as_of=AS_OF, memo=memo)
    assert third.posts_newest == build_catalog(corpus(posts=edited), as_of=AS_OF).posts_newest
    assert third.posts_newest[0] is newest and third.posts_newest is not first.posts_newest
