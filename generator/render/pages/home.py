"""The home page: totals, the latest incidents, the best and worst records, the companies most
written about, what a grade needs, and every way in. Useful before any company has a grade."""

from __future__ import annotations

from generator.model import RATINGS
from generator.render import urls
from generator.render.pages.cards import company_card
from generator.render.pages.page import INDEX, GeneratedPage, SiteOptions
from generator.render.pages.parts import RATING_WORDS, badge, incident_list, methodology, stat
from generator.render.text_safety import esc, link, rel
from generator.scoring.catalog import Catalog
from generator.scoring.verdict import needs_words

LATEST = 10
RANKED = 5


def most_written_about(catalog: Catalog) -> list[str]:
    """Companies with incidents or posts: most incidents first, then most posts, then by name."""
    def posts(slug: str) -> int:
        return len(catalog.posts_by_company.get(slug, ()))

    def incidents(slug: str) -> int:
        return len(catalog.incidents_by_company.get(slug, ()))

    found = [slug for slug in catalog.corpus.companies if incidents(slug) or posts(slug)]
    return sorted(found, key=lambda s: (-incidents(s), -posts(s), catalog.company_name(s).casefold(), s))


def home_page(catalog: Catalog, options: SiteOptions) -> GeneratedPage:
    here = ""
    corpus = catalog.corpus
    # The counts lead: incidents by rating first.
    totals = "".join([
        stat("incidents", str(len(corpus.incidents))),
        *(stat(RATING_WORDS[r].lower(), str(len(catalog.by_rating[r]))) for r in RATINGS),
        stat("companies", str(len(corpus.companies))),
        stat("posts from the web", str(len(corpus.posts))),
    ])
    needs = (f'<p class="tr-needs">{esc(needs_words())} '
             f'<a href="{esc(methodology(here, urls.NEEDS_SECTION))}">What a grade needs</a></p>')
    graded = catalog.ranked
    if graded:
        # Split when there are few, so that no company is both among the best and the worst.
        half = min(RANKED, -(-len(graded) // 2))
        best = "".join(company_card(here, corpus.companies[s], catalog, 3) for s in graded[:half])
        rest = graded[half:][-RANKED:]
        worst = "".join(company_card(here, corpus.companies[s], catalog, 3) for s in reversed(rest))
        have = "1 company has" if len(graded) == 1 else f"{len(graded)} companies have"
        ranked = (
            f'<h2 id="grades">Grades</h2><p>{have} a grade, of {len(corpus.companies)}.</p>{needs}'
            f'<h3 id="best">Best records</h3><div class="tr-cards">{best}</div>'
            + (f'<h3 id="worst">Worst records</h3><div class="tr-cards">{worst}</div>' if rest else "")
        )
    else:
        ranked = f'<h2 id="grades">Grades</h2><p>No company has a grade yet, so there is no ranking.</p>{needs}'
    written = most_written_about(catalog)[:RANKED]
    most = "".join(company_card(here, corpus.companies[s], catalog, 3) for s in written)
    written_about = (
        '<h2 id="most-written-about">Most written about</h2>'
        '<p>The companies with the most incidents on record, then the most posts from the web.</p>'
        f'<div class="tr-cards">{most}</div>'
    ) if written else ""
    ratings = " ".join(f'<a href="{esc(rel(here, urls.listing("rating", r)))}">{badge(r)}</a>' for r in RATINGS)
    ways = " · ".join(
        link(here, u, t) for u, t in (
            ("companies/", "Companies A–Z"), ("industry/", "By industry"), ("tag/", "By tag"),
            ("year/", "By year"), (urls.posts(), "From the web"), ("api/", "JSON API"),
        )
    )
    feeds = " · ".join(
        f'<a href="{esc(rel(here, urls.feed("", fmt)))}" type="{mime}">{label}</a>'
        for fmt, mime, label in (("atom", "application/atom+xml", "Atom"), ("rss", "application/rss+xml", "RSS"),
                                 ("json", "application/feed+json", "JSON Feed"))
    )
    body = f"""<h1>{esc(options.site_name)}</h1>
<p class="tr-lede">A public, sourced record of how companies treat their customers: the good, the bad and the ugly.</p>
<div class="tr-stats">{totals}</div>
<p class="tr-ways">Browse: {ratings} · {ways}</p>
<h2 id="latest">Latest incidents</h2>
{incident_list(here, catalog.incidents_newest[:LATEST], catalog)}
{ranked + written_about if graded else written_about + ranked}
<p class="tr-subscribe">Subscribe to new incidents: {feeds}</p>"""
    return GeneratedPage(url=here, title="Home", body=body, group=INDEX, in_nav=True, feeds="", searchable=False,
                         description="How companies treat their customers, with the evidence.")
