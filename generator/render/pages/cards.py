"""A company card: name, grade and counts at a glance."""

from __future__ import annotations

from generator.model import RATINGS, Company
from generator.render import urls
from generator.render.pages.parts import RATING_WORDS, grade_badge
from generator.render.text_safety import esc, rel
from generator.scoring.catalog import Catalog


def company_card(here: str, company: Company, catalog: Catalog) -> str:
    metrics = catalog.metrics[company.slug]
    grade = catalog.grades[company.slug]
    counts = " ".join(
        f'<span class="tr-count tr-count--{r}">{metrics.counts[r]} {RATING_WORDS[r].lower()}</span>' for r in RATINGS
    )
    industry = f'<span class="tr-card__industry">{esc(company.industry)}</span>' if company.industry else ""
    return (
        f'<a class="tr-card" href="{esc(rel(here, urls.company(company.slug)))}">'
        f'<span class="tr-card__name">{esc(company.name)}</span>{industry}'
        f"{grade_badge(grade.letter, grade.shortfall)}<span class=\"tr-card__counts\">{counts}</span></a>"
    )
