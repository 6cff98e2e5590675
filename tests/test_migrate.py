"""`trackrecord migrate` on a copy of the sample records as they were before issue 14
(tests/fixtures/migrate/reviews/), and `trackrecord validate`'s warnings about unsaid answers."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from generator.cli import main
from generator.records.reader import load_corpus
from generator.scoring.catalog import build_catalog

OLD_SAMPLE = Path(__file__).resolve().parent / "fixtures" / "migrate" / "reviews"
INCIDENTS = "reviews/incidents"
SWAPPED = "status: responded became answer: answered"
# What the old sample records say, and so what migrate must do with each.
REWRITTEN = {
    "dell/2005-06-01-ignored-blogger-complaints.yml": SWAPPED,
    "phish-ticketing/2009-11-12-boilerplate-reply-to-scalping-complaint.yml": SWAPPED,
    "united-airlines/2008-03-31-broken-guitar-passed-around.yml": SWAPPED,
    "unnamed-windows-7-upgrade-fulfilment/2009-11-12-garbled-reply-to-upgrade-delay.yml": SWAPPED,
    "ideeli/2010-07-12-phone-and-twitter-teams-recover-rough-start.yml": "added answer: answered (status resolved",
    "unnamed-blog-web-host/2009-08-12-three-months-to-fix-blog-problem.yml": "added answer: answered (status resolved",
}
UNDECIDED = {
    "best-buy/2007-11-14-lost-software-discs-business-account.yml": "channel: in-store",
    "nstar/2010-06-19-no-credit-after-outage-ruined-engagement-party.yml": "channel: phone",
    "zappos/2009-07-06-trusts-staff-to-tweet-freely.yml": "channel: social",
}


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(OLD_SAMPLE, tmp_path / "reviews")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def _texts(repo: Path) -> dict[str, str]:
    return {p.relative_to(repo / INCIDENTS).as_posix(): p.read_text("utf-8") for p in (repo / INCIDENTS).rglob("*.yml")}


def test_the_old_sample_validates_and_builds_as_it_is(repo: Path) -> None:
    result = run("validate")
    assert result.exit_code == 0, result.output
    # it warns, and asks: the old status, and the records that leave the answer unsaid
    assert result.output.count("warning: status responded is the old format") == 4
    for name in UNDECIDED:
        assert f"{INCIDENTS}/{name}" in result.output
    assert "OK: 20 valid records; 7 warning(s) ask for more (record format 1)." in result.output
    catalog = build_catalog(load_corpus(repo / "reviews"))
    assert catalog.metrics["dell"].answered == 1  # status responded still reads as answered


def test_dry_run_lists_every_change_and_writes_nothing(repo: Path) -> None:
    before = _texts(repo)
    result = run("migrate", "--dry-run")
    assert result.exit_code == 0, result.output
    for name, change in REWRITTEN.items():
        assert f"{INCIDENTS}/{name}: {change}" in result.output
    assert "Would rewrite 6 of 10 incident records." in result.output
    assert "Cannot decide 3 record(s)" in result.output
    for name, how in UNDECIDED.items():
        assert f"{INCIDENTS}/{name}: was raised with the company ({how}), but does not say whether it answered" in (
            result.output)
    assert _texts(repo) == before


def test_migrate_rewrites_only_the_lines_it_must(repo: Path) -> None:
    before = _texts(repo)
    numbers_before = build_catalog(load_corpus(repo / "reviews")).metrics
    result = run("migrate")
    assert result.exit_code == 0, result.output
    assert "Rewrote 6 of 10 incident records." in result.output
    after = _texts(repo)
    for name, text in after.items():
        old_lines, new_lines = before[name].splitlines(), text.splitlines()
        if name not in REWRITTEN:
            assert text == before[name], name
        elif "status: responded" in before[name]:
            # one line swapped in place: comments, order and layout stay
            assert len(new_lines) == len(old_lines)
            changed = [(a, b) for a, b in zip(old_lines, new_lines, strict=True) if a != b]
            assert changed == [("status: responded", "answer: answered")], name
        else:
            assert [line for line in new_lines if line not in old_lines] == ["answer: answered"], name
            assert len(new_lines) == len(old_lines) + 1
            assert new_lines.index("answer: answered") == new_lines.index("status: resolved") - 1
    # the first line, the editor's schema comment, is kept everywhere
    assert all(text.startswith("# yaml-language-server:") for text in after.values())
    # the numbers do not change: the new fields say what the old ones were read as
    assert build_catalog(load_corpus(repo / "reviews")).metrics == numbers_before
    # validated, only the undecided records still warn
    check = run("validate")
    assert check.exit_code == 0 and "status responded" not in check.output
    assert sorted(line.split(":")[0] for line in check.output.splitlines() if "warning:" in line) == sorted(
        f"{INCIDENTS}/{name}" for name in UNDECIDED)


def test_migrate_is_idempotent_and_takes_paths(repo: Path) -> None:
    first = run("migrate", f"{INCIDENTS}/dell")
    assert "Rewrote 1 of 1 incident records." in first.output
    again = run("migrate", f"{INCIDENTS}/dell")
    assert "Rewrote 0 of 1 incident records." in again.output
    run("migrate")
    settled = _texts(repo)
    assert "Rewrote 0 of 10" in run("migrate").output
    assert _texts(repo) == settled


def test_a_record_it_cannot_rewrite_safely_is_listed_not_touched(repo: Path) -> None:
    odd = repo / INCIDENTS / "dell/2005-06-01-ignored-blogger-complaints.yml"
    text = odd.read_text("utf-8").replace("status: responded", 'status: "responded"  # said so')
    odd.write_text(text, "utf-8")
    result = run("migrate", str(odd))
    assert result.exit_code == 0
    assert odd.read_text("utf-8").count('answer: answered  # said so') == 1  # quoted form, comment kept
    broken = repo / INCIDENTS / "nstar/2010-06-19-no-credit-after-outage-ruined-engagement-party.yml"
    broken.write_text("company: [unclosed\n", "utf-8")
    result = run("migrate", str(broken))
    assert result.exit_code == 0 and "cannot be read" in result.output
    assert broken.read_text("utf-8") == "company: [unclosed\n"


def test_help_has_examples() -> None:
    result = run("migrate", "--help")
    assert result.exit_code == 0 and "trackrecord migrate --dry-run" in result.output


def test_validate_refuses_not_answered_beside_an_answer(repo: Path) -> None:
    record = repo / INCIDENTS / "unnamed-windows-7-upgrade-fulfilment/2009-11-12-garbled-reply-to-upgrade-delay.yml"
    record.write_text(record.read_text("utf-8").replace("status: responded", "answer: not-answered"), "utf-8")
    assert run("validate").exit_code == 0  # contacted date and channel alone are no answer
    record.write_text(record.read_text("utf-8") + "first_response: 2009-11-13\n", "utf-8")
    result = run("validate", str(record))
    assert result.exit_code == 1
    assert "first_response: answer says the company did not answer, but a first response is dated" in result.output


def test_validate_warns_in_github_format_too(repo: Path) -> None:
    result = run("validate", "--format", "github", f"{INCIDENTS}/nstar")
    assert result.exit_code == 0
    assert result.output.startswith("::warning file=reviews/incidents/nstar/")


def test_a_record_named_yaml_is_migrated_too(repo: Path) -> None:
    """validate reads .yaml as well as .yml; migrate must rewrite what validate says it would."""
    old = repo / INCIDENTS / "ideeli" / "2010-07-12-phone-and-twitter-teams-recover-rough-start.yml"
    renamed = old.with_suffix(".yaml")
    old.rename(renamed)
    result = run("migrate")
    assert result.exit_code == 0, result.output
    assert "answer: answered" in renamed.read_text("utf-8")
