"""Which pages `mkdocs serve` regenerates after an edit: the plan from comparing two catalogs.

A small group: holding -> air -> airexpress; solo stands alone. Every test edits one thing and
checks the plan names exactly the pages that show it, and nothing else.
"""

from __future__ import annotations

from dataclasses import replace

from support.records import D, company, incident, post

from generator.build.plan import SiteState
from generator.model import Corpus, Correction
from generator.render.pages.page import PageGroup, SiteOptions
from generator.render.site_content import entity_pages, pages
from generator.scoring.catalog import build_catalog

OPTIONS = SiteOptions(site_url="https://example.org/")


COMPANIES = {c.slug: c for c in (company("holding"), company("air", parent="holding"),
                                 company("airexpress", parent="air"), company("solo"))}
INCIDENTS = (incident(name="lost", company="airexpress"), incident(name="late", company="solo"),
             incident(name="fees", company="holding"), incident("2023-06-01", name="old", company="solo"))


def corpus(**changes: object) -> Corpus:
    return replace(Corpus(companies=dict(COMPANIES), incidents=INCIDENTS), **changes)  # type: ignore[arg-type]


def planned(before: Corpus, after: Corpus):  # type: ignore[no-untyped-def]
    state = SiteState()
    assert state.plan(build_catalog(before), OPTIONS).full
    return state.plan(build_catalog(after), OPTIONS)


def test_unchanged_records_regenerate_no_entity_page() -> None:
    plan = planned(corpus(), corpus())
    assert not plan.full and plan.incidents == set() and plan.companies == set()


def test_an_edited_incident_regenerates_its_page_its_company_and_the_companies_above() -> None:
    edited = replace(INCIDENTS[0], title="lost, then found")
    plan = planned(corpus(), corpus(incidents=(edited, *INCIDENTS[1:])))
    assert plan.incidents == {"airexpress/2024-01-01-lost"}
    assert plan.companies == {"airexpress", "air", "holding"}  # parents roll up its record


def test_an_incident_moved_to_another_company_touches_both() -> None:
    moved = replace(INCIDENTS[1], company="holding")
    plan = planned(corpus(), corpus(incidents=(INCIDENTS[0], moved, *INCIDENTS[2:])))
    assert {"solo", "holding"} <= plan.companies and "air" not in plan.companies


def test_a_renamed_company_regenerates_its_incident_pages_and_its_family() -> None:
    renamed = dict(COMPANIES, air=replace(COMPANIES["air"], name="Air Two"))
    plan = planned(corpus(), corpus(companies=renamed))
    assert plan.companies == {"air", "airexpress", "holding"}
    assert plan.incidents == set()  # air itself has no incidents
    renamed_solo = dict(COMPANIES, solo=replace(COMPANIES["solo"], name="Solo Two"))
    assert planned(corpus(), corpus(companies=renamed_solo)).incidents == {
        "solo/2024-01-01-late", "solo/2023-06-01-old"}


def test_a_new_post_regenerates_the_companies_it_mentions() -> None:
    mention = post("p1", title="A post", link="https://example.org/p", companies=("solo",))
    plan = planned(corpus(), corpus(posts=(mention,)))
    assert plan.companies == {"solo"} and plan.incidents == set()


def test_a_new_reference_date_regenerates_everything() -> None:
    newer = incident("2024-02-01", name="newest", company="solo")
    assert planned(corpus(), corpus(incidents=(*INCIDENTS, newer))).full


def test_a_partial_plan_yields_the_planned_pages_the_listings_of_the_edit_and_the_indexes() -> None:
    state = SiteState()
    state.plan(build_catalog(corpus()), OPTIONS)
    catalog = build_catalog(corpus(incidents=(replace(INCIDENTS[1], title="late again"), *INCIDENTS[:1],
                                              *INCIDENTS[2:])))
    plan = state.plan(catalog, OPTIONS)
    got = {page.src_uri for page in pages(catalog, OPTIONS, plan)}
    assert got & entity_pages(catalog) == {"companies/solo/index.md", "incidents/solo/2024-01-01-late/index.md"}
    # The edited incident is rated bad and dated 2024: those listings come again, no others.
    assert {"rating/bad/index.md", "year/2024/index.md"} <= got
    assert "year/2023/index.md" not in got
    assert {"index.md", "rating/index.md", "year/index.md"} <= got  # always
    assert "companies/index.md" not in got  # a new title changes no company's card


def test_the_companies_index_comes_again_when_a_card_or_the_sites_day_changes() -> None:
    state = SiteState()
    state.plan(build_catalog(corpus()), OPTIONS)
    late, old = INCIDENTS[1], INCIDENTS[3]  # both solo's
    steps = [
        ((replace(late, title="late again"), old), False),
        ((replace(late, initial_rating="good"), old), True),  # solo's card counts one more good
        ((late, old), True),  # and back
        # A correction moves the incident's day, and so may move the site's, which the index carries;
        # solo's card (counts and grade) stays as it was.
        ((late, replace(old, corrections=(Correction(D("2023-07-01"), "The date.", "A typo."),))), True),
    ]
    for (edited_late, edited_old), cards in steps:
        catalog = build_catalog(corpus(incidents=(INCIDENTS[0], edited_late, INCIDENTS[2], edited_old)))
        plan = state.plan(catalog, OPTIONS)
        assert not plan.full
        assert plan.cards is cards
        assert ("companies/index.md" in {page.src_uri for page in pages(catalog, OPTIONS, plan)}) is cards


def test_a_narrow_rebuild_hands_mkdocs_the_regenerated_pages_and_the_nav_only() -> None:
    state = SiteState()
    first = build_catalog(corpus())
    state.plan(first, OPTIONS)
    state.reset(entity_pages(first))
    for page in pages(first, OPTIONS):
        state.keep(page)
    everything = set(state.pages)

    catalog = build_catalog(corpus(incidents=(replace(INCIDENTS[1], title="late again"), *INCIDENTS[:1],
                                              *INCIDENTS[2:])))
    plan = state.plan(catalog, OPTIONS)
    state.carry_over(plan, entity_pages(catalog))
    regenerated = set()
    for page in pages(catalog, OPTIONS, plan):
        state.keep(page)
        regenerated.add(page.src_uri)

    narrow = {uri for uri, _ in state.handed_over(regenerated, narrow=True)}
    in_nav = {uri for uri, kept in state.pages.items() if kept.in_nav}
    assert narrow == regenerated | in_nav
    assert "incidents/solo/2024-01-01-late/index.md" in narrow
    assert "incidents/airexpress/2024-01-01-lost/index.md" not in narrow  # untouched: left out
    assert {"companies/index.md", "rating/index.md", "from-the-web/index.md"} <= narrow  # the nav
    # Without narrowing (a plain build, or an edited hand-written page) MkDocs gets every page.
    assert {uri for uri, _ in state.handed_over(regenerated, narrow=False)} == everything


def test_a_company_page_of_older_incidents_goes_when_the_company_shrinks() -> None:
    many = tuple(incident(f"2023-{1 + n // 28:02d}-{1 + n % 28:02d}", name=f"case-{n:03d}", company="solo")
                 for n in range(101))
    state = SiteState()
    first = build_catalog(corpus(incidents=(*INCIDENTS, *many)))
    state.plan(first, OPTIONS)
    state.reset(entity_pages(first))
    for page in pages(first, OPTIONS):
        state.keep(page)
    assert "companies/solo/page/2/index.md" in state.pages and "companies/solo/page/2/index.md" in state.entities
    assert state.pages["companies/solo/page/2/index.md"].group == PageGroup("company", "solo")

    fewer = build_catalog(corpus(incidents=(*INCIDENTS, *many[:-3])))  # solo: 103 incidents, then 100
    plan = state.plan(fewer, OPTIONS)
    assert not plan.full and "solo" in plan.companies
    gone = state.carry_over(plan, entity_pages(fewer))
    assert "companies/solo/page/2/index.md" in gone  # the cache file is removed
    assert "companies/solo/page/2/index.md" not in {p.src_uri for p in pages(fewer, OPTIONS, plan)}


def test_a_company_slugged_page_keeps_its_page_through_an_unrelated_edit() -> None:
    """companies/page/ is the company `page`, not the companies index's pager (companies/page/2/):
    each page says which group it belongs to, so nothing is read back from its URL."""
    options = replace(OPTIONS, page_size=2)  # five companies: the index has a companies/page/2/ and /3/
    with_page = corpus(companies=dict(COMPANIES, page=company("page")))
    state = SiteState()
    first = build_catalog(with_page)
    state.plan(first, options)
    state.reset(entity_pages(first))
    for page in pages(first, options):
        state.keep(page)
    assert state.pages["companies/page/index.md"].group == PageGroup("company", "page")
    assert state.pages["companies/page/2/index.md"].group == PageGroup("companies")

    edited = build_catalog(replace(with_page, incidents=(replace(INCIDENTS[1], title="late again"),
                                                         *INCIDENTS[:1], *INCIDENTS[2:])))
    plan = state.plan(edited, options)
    assert not plan.full and "page" not in plan.companies
    state.carry_over(plan, entity_pages(edited))
    regenerated = set()
    for page in pages(edited, options, plan):
        state.keep(page)
        regenerated.add(page.src_uri)
    assert "companies/page/index.md" not in regenerated  # untouched by the edit, so carried over
    handed = {uri for uri, _ in state.handed_over(regenerated, narrow=False)}
    assert {"companies/page/index.md", "companies/page/2/index.md", "companies/page/3/index.md"} <= handed
    assert handed == {page.src_uri for page in pages(edited, options)}  # the whole site, as a full build has it


def _site(catalog, options):  # type: ignore[no-untyped-def]
    return {page.src_uri: page.markdown() for page in pages(catalog, options)}


def test_an_edit_that_moves_nothing_regenerates_only_the_listing_pages_that_show_it() -> None:
    """Every page a partial plan leaves alone is the same in a full build after the edit; the listing
    pages it regenerates are the full build's. A title edit comes again only on its own page of a long
    listing; an edit that moves the incident (rating, date) regenerates the whole listings."""
    options = replace(OPTIONS, page_size=2)
    many = tuple(incident(f"2023-0{1 + n}-0{1 + n}", name=f"case-{n}", company="solo") for n in range(7))
    base = corpus(incidents=(*INCIDENTS, *many))
    edits = {
        "title": replace(many[3], title="a new title"),
        "rating": replace(many[3], initial_rating="good"),
        "date": replace(many[3], date=many[3].date.replace(day=9)),
    }
    for what, edited in edits.items():
        after = replace(base, incidents=tuple(edited if i is many[3] else i for i in base.incidents))
        state = SiteState()
        before_catalog = build_catalog(base)
        state.plan(before_catalog, options, options.page_size)
        plan = state.plan(build_catalog(after), options, options.page_size)
        assert not plan.full, what
        before, full = _site(before_catalog, options), _site(build_catalog(after), options)
        partial = {page.src_uri: page.markdown() for page in pages(build_catalog(after), options, plan)}
        for uri, text in full.items():
            assert partial.get(uri, before.get(uri)) == text, (what, uri)
        bad_pages = {uri for uri in partial if uri.startswith("rating/bad/")}
        if what == "title":
            assert plan.listing_pages and not plan.listings
            assert bad_pages == {"rating/bad/page/4/index.md"}, bad_pages  # newest first, case-3 is 8th of 11
        else:
            assert len(bad_pages) > 1, (what, bad_pages)
