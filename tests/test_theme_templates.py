"""The theme's templates use only what both template engines provide: Jinja2 (MkDocs) and MiniJinja
(Zensical, which adds no Python methods on values: `scope.split("/")` stopped its build at once).

A fast guard beside tests/site/test_site_zensical.py, which renders them for real: branches that the
sample never takes (a theme.palette mapping, `extra.alternate`) are checked here too.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

THEME = Path(__file__).resolve().parents[1] / "theme"
TEMPLATES = sorted(THEME.rglob("*.html"))
TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.DOTALL)
STRING = re.compile(r"'[^']*'|\"[^\"]*\"")
# Filters that Jinja2 and MiniJinja share, plus `url`, which MkDocs and Zensical each define, and
# `striptags`, which Zensical adds to MiniJinja's own.
SHARED_FILTERS = {"d", "default", "e", "escape", "length", "lower", "replace", "string", "trim", "upper",
                  "urlencode", "url", "join", "first", "last", "safe", "tojson", "int", "list", "striptags"}
# Called on a value: the theme's translation helper, present in both themes' context.
SHARED_CALLS = {"lang.t"}


def _code(template: Path) -> list[str]:
    """The template's tags with their string literals blanked out."""
    return [STRING.sub('""', tag) for tag in TAG.findall(template.read_text(encoding="utf-8"))]


def test_the_theme_has_templates() -> None:
    assert {p.relative_to(THEME).as_posix() for p in TEMPLATES} >= {"main.html", "partials/feed-links.html"}


@pytest.mark.parametrize("template", TEMPLATES, ids=[p.relative_to(THEME).as_posix() for p in TEMPLATES])
def test_only_shared_filters_and_no_python_methods(template: Path) -> None:
    for code in _code(template):
        filters = set(re.findall(r"\|\s*(\w+)", code))
        assert filters <= SHARED_FILTERS, f"{template.name}: {code!r} uses {filters - SHARED_FILTERS}"
        calls = set(re.findall(r"([\w.]+)\.(\w+)\s*\(", code))
        assert {f"{owner}.{name}" for owner, name in calls} <= SHARED_CALLS, f"{template.name}: {code!r}"
