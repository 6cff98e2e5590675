"""The scale benchmark's one table, in Markdown: a row per figure, a column per side and corpus size."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from statistics import median
from typing import Any, Protocol

REPO = Path(__file__).resolve().parent.parent

# The targets of issue 20 (against the stock floor).
BUILD_RATIO, GROWTH, MEMORY_RATIO, EDIT_SECONDS, FIRST_SEARCH_KB = 0.8, 2.05, 1.5, 0.5, 300


class _Result(Protocol):
    side: str
    size: int
    counts: dict[str, int]
    builds: list[Any]
    floors: list[Any]
    edits: dict[str, Any]
    first_search: float | None


def _mid(runs: Sequence[Any], attr: str) -> float | None:
    good = [getattr(r, attr) for r in runs if r.ok]
    return median(good) if good else None


def _summed(r: Any) -> str:
    build, floor = _mid(r.builds, "sum_mb"), _mid(r.floors, "sum_mb")
    if build and not floor:
        return f"{build:.0f} / – (no floor at this size)"
    if not build or not floor:
        return "– (not measured; --sum-memory)"
    return f"{build:.0f} / {floor:.0f} ({build / floor:.2f}×)"


def _first_search(r: Any) -> str:
    sent = getattr(r, "first_search", None)
    if sent is None:
        return "– (not measured)"
    kb = sent / 1000
    return f"{kb:.0f} KB {'✓' if kb <= FIRST_SEARCH_KB else '✗'}"


def _with_floor(cell: Callable[[Any], str]) -> Callable[[Any], str]:
    """A cell that needs the floor: a dash at a size measured without one (--sampled-from)."""
    return lambda r: cell(r) if r.floors else "– (no floor)"


def _ratio(a: float | None, b: float | None) -> float | None:
    return a / b if a is not None and b else None


def _judge(value: float | None, limit: float, unit: str = "×") -> str:
    if value is None:
        return "n/a"
    return f"{value:.2f}{unit} {'✓' if value <= limit else '✗'}"


def _num(value: float | None, fmt: str = "{:.1f}") -> str:
    return "failed" if value is None else fmt.format(value)


def _edit(result: _Result, mode: str) -> str:
    edit = result.edits.get(mode)
    if edit is None:
        return "–"
    if edit.seconds is None:
        return f"✗ {edit.note}"
    each = getattr(edit, "each", ())
    spread = f" (median of {', '.join(f'{t:.1f}' for t in each)})" if len(each) > 1 else ""
    if mode != "serve --dirty":  # no target
        return f"{edit.seconds:.2f} s{spread}"
    return _judge(edit.seconds, EDIT_SECONDS, " s") + spread


def rows(results: Sequence[_Result]) -> list[tuple[str, str, Callable[[_Result], str]]]:
    previous: dict[int, _Result] = {}
    by_side: dict[str, list[_Result]] = {}
    for r in results:
        by_side.setdefault(r.side, []).append(r)
    for side_results in by_side.values():
        for before, after in zip(side_results, side_results[1:], strict=False):
            previous[id(after)] = before
    baseline = {r.size: r for r in results if r.side.startswith("baseline")}

    def growth(r: _Result, attr: str, kind: str) -> str:
        before = previous.get(id(r))
        if before is None:
            return "–"
        value = _ratio(_mid(getattr(r, kind), attr), _mid(getattr(before, kind), attr))
        label = f" ({r.size}/{before.size})"
        return (_judge(value, GROWTH) if kind == "builds" else _num(value, "{:.2f}×")) + label

    def versus_baseline(r: _Result) -> str:
        base = baseline.get(r.size)
        if base is None or base is r:
            return "–"
        return _num(_ratio(_mid(r.builds, "wall"), _mid(base.builds, "wall")), "{:.2f}×")

    return [
        ("incidents", "", lambda r: str(r.counts["incidents"])),
        ("companies", "", lambda r: str(r.counts["companies"])),
        ("imported posts (feeds)", "", lambda r: f"{r.counts['posts']} ({r.counts['feeds']})"),
        ("files under reviews/", "", lambda r: str(r.counts["files"])),
        ("pages written: build / floor", "",
         lambda r: f"{r.builds[-1].pages} / {r.floors[-1].pages if r.floors else '–'}"),
        ("full build, wall s", "", lambda r: _num(_mid(r.builds, "wall"))),
        ("floor build, wall s", "", _with_floor(lambda r: _num(_mid(r.floors, "wall")))),
        ("**build ÷ floor** (wall)", f"≤ {BUILD_RATIO}×",
         _with_floor(lambda r: _judge(_ratio(_mid(r.builds, "wall"), _mid(r.floors, "wall")), BUILD_RATIO))),
        ("build ÷ floor (CPU s)", "",
         _with_floor(lambda r: f"{_num(_ratio(_mid(r.builds, 'cpu'), _mid(r.floors, 'cpu')), '{:.2f}×')} "
                   f"({_num(_mid(r.builds, 'cpu'), '{:.0f}')} / {_num(_mid(r.floors, 'cpu'), '{:.0f}')})")),
        ("peak memory: build / floor, MB", "",
         lambda r: f"{_num(_mid(r.builds, 'peak_mb'), '{:.0f}')} / "
                   f"{_num(_mid(r.floors, 'peak_mb'), '{:.0f}') if r.floors else '–'}"),
        ("**memory ÷ floor**, largest process", f"≤ {MEMORY_RATIO}×",
         _with_floor(lambda r: _judge(_ratio(_mid(r.builds, "peak_mb"), _mid(r.floors, "peak_mb")), MEMORY_RATIO))),
        ("peak memory, processes added up: build / floor, MB", "", _summed),
        ("**growth** of the build", f"≤ {GROWTH}", lambda r: growth(r, "wall", "builds")),
        ("growth of the floor", "", _with_floor(lambda r: growth(r, "wall", "floors"))),
        ("**edit to visible**, `mkdocs serve --dirty`", f"≤ {EDIT_SECONDS} s", lambda r: _edit(r, "serve --dirty")),
        ("edit to visible, plain `mkdocs serve`", "", lambda r: _edit(r, "serve")),
        ("serve: first answer after, s", "",
         lambda r: " / ".join(f"{e.startup:.0f}" for e in r.edits.values()) or "–"),
        ("**first search downloads**, gzip", f"≤ {FIRST_SEARCH_KB} KB", _first_search),
        ("full build ÷ baseline's", "", versus_baseline),
    ]


def _git(*args: str) -> str:
    done = subprocess.run(["git", "-C", str(REPO), *args], capture_output=True, text=True)
    return done.stdout.strip()


def revision() -> str:
    """The commit under test, and whether the working tree's code differs from it (at the start of a run)."""
    dirty = _git("status", "--porcelain", "--", "generator", "theme", "mkdocs.yml", "docs")
    return _git("rev-parse", "--short", "HEAD") + (" + uncommitted changes" if dirty else "")


def render(results: Sequence[_Result], args: argparse.Namespace, started: dt.datetime, code: str,
           load_before: tuple[float, float, float], load_after: tuple[float, float, float]) -> str:
    table_rows = rows(results)
    head = ["figure", "target", *(f"{r.side} · {r.size}" for r in results)]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for label, target, cell in table_rows:
        lines.append("| " + " | ".join([label, target, *(cell(r) for r in results)]) + " |")
    errors = [f"- {r.side} · {r.size}: {run.error}" for r in results for run in (*r.builds, *r.floors) if not run.ok]
    command = " ".join(["python benchmarks/scale.py", *(sys.argv[1:] if args is not None else [])])
    out = [
        "## Scale benchmark",
        "",
        f"{started:%Y-%m-%d %H:%M} UTC · working tree at {code} · "
        f"{os.cpu_count()} cores · load average {load_before[0]:.1f} before, {load_after[0]:.1f} after · "
        f"seed {args.seed} · {args.repeat} run(s) each, medians",
        "",
        f"Command: `{command}`",
        "",
        *lines,
        "",
        "The floor is stock MkDocs + Material (`theme: {name: material, font: false}`, no custom_dir, no plugins, "
        "not even search, `nav: [index.md]`, link and nav validation off) building the docs/ that "
        "`trackrecord export` wrote for the same corpus. Wall times are of fresh `mkdocs build` subprocesses; "
        "peak memory is the largest resident set of any one process in the build's tree (GNU time %M; "
        "processes that run at the same time are not added up). Edit to visible: "
        "an incident's title is changed in its YAML (atomic rename) while `mkdocs serve` runs with livereload, "
        "and its page is polled every 50 ms until the new title shows (120 s limit). First search: headless "
        "Chromium opens the home page, opens search and types a company's name; every byte sent (gzip) until a "
        "second after the first result, less the home page alone (median of two names).",
    ]
    if errors:
        out += ["", "Failed runs:", *errors]
    return "\n".join(out) + "\n"
