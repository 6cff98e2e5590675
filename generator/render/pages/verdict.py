"""The verdict a reader sees first, on company pages, cards and the home page: the good, bad and ugly
counts, then the grade, or a label saying what a grade would take (text, never a box like a field)."""

from __future__ import annotations

from generator.model import RATINGS
from generator.render import urls
from generator.render.pages.parts import GRADE_MEANS, badge, grade_badge, methodology
from generator.render.text_safety import esc
from generator.scoring.grade import SCORE_DECIMALS, Grade
from generator.scoring.metrics import CompanyMetrics
from generator.scoring.verdict import verdict_words


def tally(metrics: CompanyMetrics, here: str | None = None) -> str:
    """'2 ✓ Good · 3 ! Bad · 3 ✕ Ugly': every rating, none left out when it is 0. Badges link to what
    ratings mean when `here` is given (not on cards, where one link per company keeps tabbing short)."""
    items = " ".join(
        f'<span class="tr-tally__item"><span class="tr-tally__n">{metrics.counts[r]}</span> {badge(r, here)}</span>'
        for r in RATINGS
    )
    return f'<span class="tr-tally">{items}</span>'


def grade_or_label(here: str, grade: Grade) -> str:
    """The grade, linked to how it is computed, with its score; or the label, in words."""
    if grade.letter is not None:
        return f'{grade_badge(here, grade.letter)} <span class="tr-score">score {grade.score:.{SCORE_DECIMALS}f} of 100</span>'
    return f'<span class="tr-no-grade" title="{esc(GRADE_MEANS)}">{esc(verdict_words(grade))}</span>'


def verdict(here: str, metrics: CompanyMetrics, grade: Grade) -> str:
    """A company page's verdict: counts, then the grade or the label, with where to read more."""
    total = f"{metrics.total} incident{'' if metrics.total == 1 else 's'}"
    more = ("Why this grade", "#why-this-grade") if grade.letter else (
        "What a grade needs", methodology(here, urls.NEEDS_SECTION))
    return (
        '<div class="tr-verdict">'
        f'<p class="tr-verdict__counts"><strong>{total}</strong>: {tally(metrics, here)}</p>'
        f'<p class="tr-verdict__grade">{grade_or_label(here, grade)} · <a href="{esc(more[1])}">{more[0]}</a></p>'
        "</div>"
    )
