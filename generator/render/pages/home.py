"""The home page: totals, the latest incidents, the best and worst records, and every way in."""

from __future__ import annotations

from generator.model import RATINGS
from generator.render import urls
from generator.render.pages.cards import company_card
from generator.render.pages.page import INDEX, GeneratedPage, SiteOptions
from generator.render.pages.parts import RATING_WORDS, badge, incident_list, stat
from generator.render.text_safety import esc, link, rel
from generator.scoring.catalog import Catalog

LATEST = 10
RANKED = 5


def home_page(catalog: Catalog, options: SiteOptions) -> GeneratedPage:
    here = ""
    corpus = catalog.corpus
    totals = "".join([
        stat("companies", str(len(corpus.companies))),
        stat("incidents", str(len(corpus.incidents))),
        *(stat(RATING_WORDS[r].lower(), str(len(catalog.by_rating[r]))) for r in RATINGS),
        stat("posts from the web", str(len(corpus.posts))),
    ])
    graded = catalog.ranked
    if graded:
        best = "".join(company_card(here, corpus.companies[s], catalog) for s in graded[:RANKED])
        worst = "".join(company_card(here, corpus.companies[s], catalog) for s in reversed(graded[-RANKED:]))
        ranked = (
            f'<h2 id="best">Best records</h2><div class="tr-cards">{best}</div>'
            f'<h2 id="worst">Worst records</h2><div class="tr-cards">{worst}</div>'
        )
    else:
        ranked = (
            '<p class="tr-note">No company has enough incidents for a grade yet, so there is no ranking. '
            f'{link(here, "methodology/", "Why")}</p>'
        )
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
{ranked}
<p class="tr-subscribe">Subscribe to new incidents: {feeds}</p>"""
    return GeneratedPage(url=here, title="Home", body=body, group=INDEX, in_nav=True, feeds="", searchable=False,
                         description="How companies treat their customers, with the evidence.")
