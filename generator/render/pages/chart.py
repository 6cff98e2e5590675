"""A chart of a company's incidents per year by rating: static SVG, readable without JavaScript."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from generator.model import RATINGS, Incident
from generator.render.text_safety import esc

_BAR = 28
_GAP = 12
_HEIGHT = 120
_TOP = 16
_BOTTOM = 22


def yearly_counts(incidents: Sequence[Incident]) -> list[tuple[int, Counter[str]]]:
    """Every year from the first incident to the last, so quiet years show as gaps."""
    if not incidents:
        return []
    by_year: dict[int, Counter[str]] = {}
    for item in incidents:
        by_year.setdefault(item.date.year, Counter())[item.rating] += 1
    first, last = min(by_year), max(by_year)
    return [(year, by_year.get(year, Counter())) for year in range(first, last + 1)]


def chart(incidents: Sequence[Incident], name: str) -> str:
    """An inline SVG with a <title>, a <desc> and a data table as its text alternative."""
    rows = yearly_counts(incidents)
    if not rows:
        return ""
    peak = max(sum(c.values()) for _, c in rows) or 1
    width = len(rows) * (_BAR + _GAP) + _GAP
    scale = _HEIGHT / peak
    shapes: list[str] = []
    for i, (year, counts) in enumerate(rows):
        x = _GAP + i * (_BAR + _GAP)
        y: float = _TOP + _HEIGHT
        for rating in RATINGS:
            n = counts.get(rating, 0)
            if not n:
                continue
            h = n * scale
            y -= h
            shapes.append(
                f'<rect class="tr-chart__{rating}" x="{x}" y="{y:.1f}" width="{_BAR}" height="{h:.1f}">'
                f"<title>{year}: {n} {rating}</title></rect>"
            )
        shapes.append(
            f'<text x="{x + _BAR / 2:.0f}" y="{_TOP + _HEIGHT + 16}" text-anchor="middle">{year}</text>'
        )
    summary = "; ".join(
        f"{year}: " + ", ".join(f"{c.get(r, 0)} {r}" for r in RATINGS) for year, c in rows
    )
    svg = (
        f'<svg class="tr-chart" role="img" aria-labelledby="tr-chart-title tr-chart-desc" '
        f'viewBox="0 0 {width} {_TOP + _HEIGHT + _BOTTOM}" width="{width}" height="{_TOP + _HEIGHT + _BOTTOM}" '
        f'xmlns="http://www.w3.org/2000/svg">'
        f'<title id="tr-chart-title">Incidents per year for {esc(name)}, by rating</title>'
        f'<desc id="tr-chart-desc">{esc(summary)}</desc>' + "".join(shapes) + "</svg>"
    )
    table_rows = "".join(
        f"<tr><th scope=\"row\">{year}</th>" + "".join(f"<td>{c.get(r, 0)}</td>" for r in RATINGS) + "</tr>"
        for year, c in rows
    )
    table = (
        '<details class="tr-chart__data"><summary>The chart as a table</summary>'
        '<table><thead><tr><th scope="col">Year</th><th scope="col">Good</th><th scope="col">Bad</th>'
        f'<th scope="col">Ugly</th></tr></thead><tbody>{table_rows}</tbody></table></details>'
    )
    legend = (
        '<p class="tr-chart__legend"><span class="tr-key tr-key--good">Good</span> '
        '<span class="tr-key tr-key--bad">Bad</span> <span class="tr-key tr-key--ugly">Ugly</span></p>'
    )
    return f'<figure class="tr-chart-figure">{svg}{legend}{table}</figure>'
