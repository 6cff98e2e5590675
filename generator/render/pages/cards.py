"""A company card: name, then its good, bad and ugly counts, then its grade or what a grade needs.

The name is the card's link, stretched over the card by CSS, so the grade's own link to the
methodology is not nested inside another link.
"""

from __future__ import annotations

from generator.model import Company
from generator.render import urls
from generator.render.pages.verdict import grade_or_label, tally
from generator.render.text_safety import esc, link
from generator.scoring.catalog import Catalog


def company_card(here: str, company: Company, catalog: Catalog, level: int = 2) -> str:
    """`level`: the heading level of the company's name, one below the section the card is in."""
    metrics = catalog.metrics[company.slug]
    grade = catalog.grades[company.slug]
    industry = f'<p class="tr-card__industry">{esc(company.industry)}</p>' if company.industry else ""
    total = f"{metrics.total} incident{'' if metrics.total == 1 else 's'}"
    return (
        f'<article class="tr-card"><h{level} class="tr-card__name">'
        f'{link(here, urls.company(company.slug), company.name, "tr-card__link")}</h{level}>'
        f'<p class="tr-card__counts">{esc(total)}: {tally(metrics)}</p>'
        f'<p class="tr-card__grade">{grade_or_label(here, grade)}</p>{industry}</article>'
    )
