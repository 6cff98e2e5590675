"""docs/methodology.md must say what the code does: its constants block is rendered from generator/scoring/grade.py,
and every number of its worked example is recomputed here with grade(). When a rule or constant changes,
these tests fail until the page is updated (paste the block from the failure message)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from support.records import incident

from generator.model import Incident, Source, TimelineEntry
from generator.scoring import grade as grading
from generator.scoring.metrics import age_days

PAGE = Path(__file__).resolve().parent.parent / "docs" / "methodology.md"


def _block(name: str) -> str:
    text = PAGE.read_text(encoding="utf-8")
    found = re.search(rf"<!-- {name}:start -->\n(.*?)\n<!-- {name}:end -->", text, re.S)
    assert found, f"docs/methodology.md has no <!-- {name}:start --> ... <!-- {name}:end --> block"
    return found.group(1)


def test_constants_block_is_rendered_from_the_code() -> None:
    expected = grading.constants_markdown()
    assert _block("constants") == expected, f"Replace the constants block with:\n{expected}"


def _none(cell: str) -> str | None:
    return None if cell in ("–", "-", "") else cell


def _example() -> tuple[dt.date, list[list[str]], dict[str, str]]:
    block = _block("example")
    rows = [
        [cell.strip() for cell in line.strip().strip("|").split("|")]
        for line in block.splitlines()
        if re.match(r"\|\s*\d{4}-\d{2}-\d{2}\s*\|", line)
    ]
    facts = dict(re.findall(r"^- ([^:]+): (.+)$", block, re.M))
    return dt.date.fromisoformat(facts["Reference date"]), rows, facts


COLUMNS = 14


def _incident(n: int, row: list[str]) -> Incident:
    date, first, now, status, outcome, raised, source = row[:7]
    when = dt.date.fromisoformat(date)
    updates = () if now == first else (TimelineEntry(date=when, text="A later update.", rating=now),)  # type: ignore[arg-type]
    return incident(when, first, f"case-{n}", company="example",  # type: ignore[arg-type]
                    sources=(Source(url=f"https://example.org/{source}"),),
                    channel=("email",) if raised == "yes" else (), status=_none(status), outcome=_none(outcome),
                    timeline=updates)


def _graded(rows: list[list[str]], as_of: dt.date) -> grading.Grade:
    return grading.grade([_incident(n, row) for n, row in enumerate(rows)], as_of)


def test_the_worked_example_has_rows_to_check() -> None:
    _, rows, facts = _example()
    assert len(rows) > grading.MIN_STORIES
    assert all(len(row) == COLUMNS for row in rows)
    assert {"Stories raised with the company", "Sum of counted weights", "Sum of points", "Weighted average",
            "Score", "Letter", "Share of the neutral start"} <= set(facts)
    # it shows every rule at work: a story of two records, an incident never raised, one made right
    assert any(row[9] == "2" for row in rows) and any(row[5] == "no" for row in rows)


def test_every_row_of_the_worked_example_is_what_grade_computes() -> None:
    as_of, rows, _ = _example()
    result = _graded(rows, as_of)
    assert [line.incident.date.isoformat() for line in result.lines] == [row[0] for row in rows], "rows newest first"
    for row, line in zip(rows, result.lines, strict=True):
        age, weight, story, counted, base, points, share = row[7:]
        assert int(age) == age_days(line.incident.date, as_of), row
        assert weight == f"{line.recency_weight:.3f}", row
        assert share == f"{line.share * 100:.1f}%", row
        if line.graded:
            assert story == str(line.story_size), row
            assert counted == f"{line.weight:.3f}", row
            assert base == f"{line.base:+g}", row
            assert points == f"{line.points:+.3f}", row
        else:
            assert (story, counted, base, points) == ("–", "0", "–", "0"), row
            assert line.weight == 0 and line.points == 0


def test_the_worked_example_totals_score_and_letter_are_what_grade_computes() -> None:
    as_of, rows, facts = _example()
    result = _graded(rows, as_of)
    weights = sum(line.weight for line in result.lines)
    points = sum(line.points for line in result.lines)
    prior, neutral = grading.PRIOR_WEIGHT, grading.PRIOR_POINTS
    average = (points + prior * neutral) / (weights + prior)
    assert result.weighted_average == pytest.approx(average)
    assert facts["Stories raised with the company"] == str(result.stories)
    assert facts["Sum of counted weights"] == f"{weights:.3f}"
    assert facts["Sum of points"] == f"{points:.3f}"
    assert facts["Weighted average"] == (
        f"({points:.3f} + {prior:g} × {neutral:g}) ÷ ({weights:.3f} + {prior:g}) = {average:.3f}")
    lowest, highest = min(grading.BASE_POINTS.values()), max(grading.BASE_POINTS.values())
    spread = f"{highest - lowest:g}"
    assert facts["Score"] == f"100 × ({average:.3f} + {-lowest:g}) ÷ {spread} = {result.score:.1f}"
    assert facts["Letter"] == result.letter
    start = f"{prior:g} ÷ ({weights:.3f} + {prior:g}) = {result.prior_share * 100:.1f}%"
    assert facts["Share of the neutral start"] == start


def test_the_prose_states_the_constants_it_relies_on() -> None:
    """The numbered rules repeat some constants in words; catch them going stale."""
    text = " ".join(PAGE.read_text(encoding="utf-8").split())
    assert f"fewer than {grading.MIN_STORIES} stories" in text
    assert f"add up to less than {grading.MIN_RECENT_WEIGHT:g}, the weight of one new incident" in text
    good, bad, ugly = (grading.BASE_POINTS[r] for r in ("good", "bad", "ugly"))
    assert f"good **{good:+g}**, bad **{bad:+g}**, ugly **{ugly:+g}**" in text
    assert f"earns **{grading.MADE_RIGHT_POINTS:+g}**" in text
    assert f"0.5 ^ (age in days ÷ {grading.DAYS_PER_YEAR} ÷ {grading.HALF_LIFE_YEARS:g})" in text
    assert (f"worth **{grading.PRIOR_WEIGHT:g} incidents** of full weight at **{grading.PRIOR_POINTS:+g} points**"
            in text)
    assert f"(the sum of the points + {grading.PRIOR_WEIGHT:g} × {grading.PRIOR_POINTS:g})" in text
    floors = ", ".join(f"{letter} from {floor:g}" for letter, floor in grading.LETTER_FLOORS)
    assert floors in text
