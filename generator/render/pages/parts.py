"""Small HTML pieces shared by pages: badges, incident rows, pagers, stat tiles."""

from __future__ import annotations

from collections.abc import Sequence

from generator.model import Incident, Post
from generator.render import urls
from generator.render.text_safety import clean_html, esc, external_link, link, rel
from generator.scoring.catalog import Catalog

RATING_WORDS = {"good": "Good", "bad": "Bad", "ugly": "Ugly"}
RATING_ICONS = {"good": "✓", "bad": "!", "ugly": "✕"}
# A rating is an opinion, and every badge says whose.
RATING_MEANS = "The writer's rating of how the company behaved, from the sources"
GRADE_MEANS = "Computed from the writers' ratings by the rules on the methodology page"


def methodology(here: str, section: str) -> str:
    """The address of a section of the methodology page, from the page at `here`."""
    return f"{rel(here, urls.METHODOLOGY)}#{section}"


def badge(rating: str, here: str | None = None) -> str:
    """Colour plus an icon plus the word: the rating never rests on colour alone. Given the page it is
    on (`here`), a link to what the ratings mean; without, a plain badge (inside another link)."""
    word = RATING_WORDS.get(rating, rating)
    inner = f'<span aria-hidden="true">{RATING_ICONS.get(rating, "")}</span> {esc(word)}'
    title = f"{esc(RATING_MEANS)}: {esc(word.lower())}"
    if here is None:
        return f'<span class="tr-badge tr-badge--{esc(rating)}" title="{title}">{inner}</span>'
    href = esc(methodology(here, urls.RATINGS_SECTION))
    return f'<a class="tr-badge tr-badge--{esc(rating)}" href="{href}" title="{title}">{inner}</a>'


def grade_badge(here: str, letter: str) -> str:
    """A letter grade, linked to how grades are computed."""
    href = esc(methodology(here, urls.GRADE_SECTION))
    return (f'<a class="tr-grade tr-grade--{esc(letter.lower())}" href="{href}" title="{esc(GRADE_MEANS)}">'
            f"Grade {esc(letter)}</a>")


def date_text(day: object) -> str:
    return f'<time datetime="{esc(day)}">{esc(day)}</time>'


RECEIVED_HOW = {"email": "by email", "web-form": "through the site's form", "issue-form": "through the issue form",
                "letter": "by letter", "phone": "by phone", "other": "privately"}


def marks(item: Incident) -> str:
    """What a reader should know before the title: the company replied, the record is disputed."""
    found = []
    if item.company_reply is not None:
        found.append('<span class="tr-mark tr-mark--replied">The company replied</span>')
    if item.disputed:
        found.append('<span class="tr-mark tr-mark--disputed">Disputed: not counted</span>')
    elif item.dispute is not None:
        found.append('<span class="tr-mark tr-mark--decided">Dispute decided</span>')
    return " ".join(found)


def incident_item(here: str, item: Incident, catalog: Catalog, show_company: bool = True) -> str:
    company = ""
    if show_company:
        company = f' · {link(here, urls.company(item.company), catalog.company_name(item.company))}'
    return (
        f'<li class="tr-item">{badge(item.rating, here)} '
        f'{link(here, urls.incident(item), item.title, "tr-item__title")}'
        f'<span class="tr-item__meta">{company} · {date_text(item.date)}</span>'
        f'{" " + marks(item) if marks(item) else ""}</li>'
    )


def incident_list(here: str, items: Sequence[Incident], catalog: Catalog, show_company: bool = True) -> str:
    if not items:
        return '<p class="tr-empty">No incidents recorded.</p>'
    rows = "\n".join(incident_item(here, item, catalog, show_company) for item in items)
    return f'<ul class="tr-list">\n{rows}\n</ul>'


def post_item(here: str, post: Post, catalog: Catalog, feed_names: dict[str, str]) -> str:
    """A post is a link to the original, its summary and its source: never a copy of the article. The
    summary is sanitized again here: post files also arrive by pull request, not only from the importer."""
    companies = ", ".join(link(here, urls.company(slug), catalog.company_name(slug)) for slug in post.companies
                          if slug in catalog.corpus.companies)
    when = date_text(post.published.date()) if post.published else ""
    about = f" · about {companies}" if companies else ""
    by = f" · by {esc(post.author)}" if post.author else ""
    summary = clean_html(post.summary, post.link) if post.summary else ""
    return (
        f'<li class="tr-post">{external_link(post.link, post.title, "tr-post__title")}'
        f'<span class="tr-item__meta">{esc(feed_names.get(post.feed, post.feed))}{by}'
        f'{" · " + when if when else ""}{about}</span>'
        f'<div class="tr-post__summary">{summary}</div></li>'
    )


def pager(here: str, base: str, page: int, pages: int) -> str:
    """Previous / next links and page numbers; `base` is the listing's first-page URL."""
    if pages <= 1:
        return ""

    def url(n: int) -> str:
        return base if n == 1 else f"{base}page/{n}/"

    parts = []
    if page > 1:
        parts.append(f'<a rel="prev" href="{esc(rel(here, url(page - 1)))}">← Newer</a>')
    parts.append(f'<span class="tr-pager__at">Page {page} of {pages}</span>')
    if page < pages:
        parts.append(f'<a rel="next" href="{esc(rel(here, url(page + 1)))}">Older →</a>')
    return f'<nav class="tr-pager" aria-label="Pages">{" ".join(parts)}</nav>'


def stat(label: str, value: str, over: str = "") -> str:
    """A figure, its name and, when given, what it is taken over ("answered 2 of 3 incidents ...")."""
    note = f'<span class="tr-stat__over">{esc(over)}</span>' if over else ""
    return (f'<div class="tr-stat"><span class="tr-stat__value">{value}</span>'
            f'<span class="tr-stat__label">{esc(label)}</span>{note}</div>')


def percent(rate: float | None) -> str:
    return "n/a" if rate is None else f"{rate * 100:.0f}%"


def share(part: float) -> str:
    """A share of a grade, in percent: one decimal, so that a small share does not read as none."""
    return f"{part * 100:.1f}%"


def days(value: float | None) -> str:
    if value is None:
        return "n/a"
    return f"{value:g} day" + ("" if value == 1 else "s")
