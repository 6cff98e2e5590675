"""`trackrecord validate --format github`: workflow-command annotations that GitHub pins to the line.

A pull request's check shows each `::error file=…,line=…,col=…::message` on the changed line,
so the path must be repository-relative and every value escaped the way the runner expects.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from support.records import company_yaml, incident_yaml, write_records

from generator.cli import main
from generator.cli.validate_cmd import format_problem
from generator.records.yaml_source import Problem

# Missing `response`, and a rating whose value carries a '%', which must reach GitHub as %25.
BROKEN_MISSING_RESPONSE_AND_PERCENT = """\
company: acme
title: Refund refused
date: 2024-01-10
rating: "100%"
issue: The customer waited for weeks.
sources: [https://example.com/a]
"""
BROKEN_AT = "incidents/acme/2024-01-10-refund-refused.yml"
VALID = incident_yaml("acme", "2024-01-12", "Refund refused", issue="The customer waited for weeks.",
                      response="Nothing at all.", sources=["https://example.com/a"])


@pytest.fixture()
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository root holding reviews/ with one company; the test runs from there, as CI does."""
    write_records(tmp_path / "reviews", {"companies/acme.yml": company_yaml("Acme")})
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_broken_record_gives_exact_annotation_lines(repo: Path) -> None:
    write_records(repo / "reviews", {BROKEN_AT: BROKEN_MISSING_RESPONSE_AND_PERCENT})
    write_records(repo / "reviews", {"incidents/acme/2024-01-12-refund-refused.yml": VALID})
    result = CliRunner().invoke(main, ["validate", "--format", "github"])
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "::error file=reviews/incidents/acme/2024-01-10-refund-refused.yml,line=1,col=1::"
        "response: is required; add it",
        "::error file=reviews/incidents/acme/2024-01-10-refund-refused.yml,line=4,col=9::"
        "rating: '100%25' is not allowed; expected one of: good, bad, ugly",
    ]
    assert "2 problem(s) found (record format " in result.stderr


def test_comma_and_colon_in_a_file_name_are_escaped(repo: Path) -> None:
    # Unescaped, the ',' would end the file property and GitHub would read 'b%3Ac.yml' as a key.
    write_records(repo / "reviews", {"incidents/acme/2024-01-11-a,b:c.yml": VALID.replace("2024-01-12", "2024-01-11")})
    result = CliRunner().invoke(main, ["validate", "--format", "github"])
    assert result.exit_code == 1
    [line] = result.stdout.splitlines()
    assert line.startswith("::error file=reviews/incidents/acme/2024-01-11-a%2Cb%3Ac.yml,line=1,col=1::(file): ")


def test_text_format_is_unchanged_by_the_option(repo: Path) -> None:
    write_records(repo / "reviews", {BROKEN_AT: BROKEN_MISSING_RESPONSE_AND_PERCENT})
    result = CliRunner().invoke(main, ["validate"])
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == (
        "reviews/incidents/acme/2024-01-10-refund-refused.yml:1:1: response: is required; add it"
    )


def test_valid_records_print_no_annotation(repo: Path) -> None:
    write_records(repo / "reviews", {"incidents/acme/2024-01-12-refund-refused.yml": VALID})
    result = CliRunner().invoke(main, ["validate", "--format", "github"])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""


def test_newlines_and_percent_in_a_message_stay_on_one_annotation_line() -> None:
    problem = Problem("reviews/x.yml", 3, 5, "title", "50% off\r\nthen ::error file=evil::injected")
    line = format_problem(problem, "github")
    assert line == "::error file=reviews/x.yml,line=3,col=5::title: 50%25 off%0D%0Athen ::error file=evil::injected"
    assert "\n" not in line and "\r" not in line


def test_escaping_order_keeps_an_existing_escape_literal() -> None:
    # A literal '%0A' in the data must not turn into a newline on GitHub's side.
    line = format_problem(Problem("reviews/%0A.yml", 1, 1, "f", "%0A"), "github")
    assert line == "::error file=reviews/%250A.yml,line=1,col=1::f: %250A"
