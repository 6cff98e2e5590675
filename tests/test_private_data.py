"""`trackrecord validate` refuses email addresses and phone numbers in record text, at path:line:col,
unless the company's file lists them as its public contacts."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.records.private_data import findings_in
from generator.records.reader import scan

RECORD = """\
company: acme
title: Refund refused by the shop
date: 2021-05-05
rating: bad
issue: |
  The customer wrote to the manager at jane.doe@gmail.com and called
  her on +44 20 7946 0958, then the press line support@acme.example.
response: Nothing, said the support line on 0800 123 4567.
sources:
  - https://medium.com/@writer/refund-refused
"""


def _reviews(tmp_path: Path, company: str = "name: Acme\n") -> Path:
    reviews = tmp_path / "reviews"
    (reviews / "companies").mkdir(parents=True)
    (reviews / "companies" / "acme.yml").write_text(company, "utf-8")
    (reviews / "incidents" / "acme").mkdir(parents=True)
    (reviews / "incidents" / "acme" / "2021-05-05-refund.yml").write_text(RECORD, "utf-8")
    return reviews


def test_each_address_and_number_is_refused_where_it_stands(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _reviews(tmp_path)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["validate"])
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if "looks like" in line]
    where = [line.split(": ", 2)[:2] for line in lines]
    assert where == [
        ["reviews/incidents/acme/2021-05-05-refund.yml:6:40", "issue"],
        ["reviews/incidents/acme/2021-05-05-refund.yml:7:10", "issue"],
        ["reviews/incidents/acme/2021-05-05-refund.yml:7:48", "issue"],
        ["reviews/incidents/acme/2021-05-05-refund.yml:8:45", "response"],
    ], result.output
    assert "'jane.doe@gmail.com' looks like an email address" in lines[0]
    assert "'+44 20 7946 0958' looks like a phone number" in lines[1]
    assert "public_contacts" in lines[0] and "by role" in lines[0]
    assert "Traceback" not in result.output


def test_the_company_s_public_contacts_pass(tmp_path: Path) -> None:
    reviews = _reviews(tmp_path, "name: Acme\npublic_contacts: [Support@Acme.example, 0800 123 4567]\n")
    _corpus, problems = scan(reviews)
    assert sorted(p.line for p in problems) == [6, 7], [str(p) for p in problems]


@pytest.mark.parametrize("text", [
    "between 2009-07-06 and 2010-01-01 2011-02-02", "order 12345678", "in 2019 and 2020 and 2021",
    "version 1.2.3", "at 10.30 on 06.07.2009", "a loss of 3 000 000 dollars", "ip 192.168.1.1",
])
def test_dates_prices_and_other_numbers_are_not_phone_numbers(text: str) -> None:
    assert list(findings_in(text, ())) == []


@pytest.mark.parametrize("text", ["call (555) 123-4567", "ring 1-800-555-0199", "+1 415 555 0100", "x@y.co"])
def test_phone_numbers_and_addresses_are_found(text: str) -> None:
    assert len(list(findings_in(text, ()))) == 1


def test_a_cached_record_is_checked_again_when_its_company_s_contacts_change(tmp_path: Path) -> None:
    """While serving, a record read from cache keeps its findings only while its company lists the same contacts."""
    reviews = _reviews(tmp_path)
    cache: dict = {}
    assert len(scan(reviews, cache=cache)[1]) == 4
    assert len(scan(reviews, cache=cache)[1]) == 4  # the same findings from the cached document
    (reviews / "companies" / "acme.yml").write_text(
        "name: Acme\npublic_contacts: [Support@Acme.example, 0800 123 4567]\n", "utf-8")
    assert sorted(p.line for p in scan(reviews, cache=cache)[1]) == [6, 7]
    (reviews / "companies" / "acme.yml").write_text("name: Acme\n", "utf-8")
    assert len(scan(reviews, cache=cache)[1]) == 4
