"""Hidden Pagefind marks: the facets (filters) and result metadata of incident and company pages.

Values go in as element text rather than `data-pagefind-filter="key:value"` attributes, so a
comma or colon in a company name cannot split a value. The block is `hidden` from readers and
`data-pagefind-ignore`d as text, so its words do not count twice; Pagefind still reads the
filters and metadata inside it.
"""

from __future__ import annotations

from collections.abc import Iterable

from generator.model import Company, Incident
from generator.render.text_safety import esc


def _marks(filters: Iterable[tuple[str, str]], meta: Iterable[tuple[str, str]]) -> str:
    spans = [f'<span data-pagefind-filter="{esc(key)}">{esc(value)}</span>' for key, value in filters if value]
    spans += [f'<span data-pagefind-meta="{esc(key)}">{esc(value)}</span>' for key, value in meta if value]
    return f'<div class="tr-search-marks" hidden data-pagefind-ignore>{"".join(spans)}</div>'


def incident_marks(item: Incident, company: Company) -> str:
    filters = [
        ("kind", "incident"),
        ("rating", item.rating),
        ("company", company.name),
        ("industry", company.industry or ""),
        ("year", str(item.date.year)),
        *(("channel", channel) for channel in item.channel),
    ]
    meta = [("kind", "incident"), ("rating", item.rating), ("company", company.name), ("date", item.date.isoformat())]
    return _marks(filters, meta)


def company_marks(company: Company, incidents: int, grade: str | None) -> str:
    filters = [("kind", "company"), ("company", company.name), ("industry", company.industry or "")]
    meta = [
        ("kind", "company"),
        ("company", company.name),
        ("industry", company.industry or ""),
        ("incidents", str(incidents)),
        ("grade", grade or ""),
    ]
    return _marks(filters, meta)
