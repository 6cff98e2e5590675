"""`trackrecord new` writes a draft with every field, which `trackrecord validate` then guides to valid."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from generator.cli import main
from generator.records.reader import load_corpus
from generator.records.schema import schema, schema_text

FULL = ["--company", "acme-post", "--company-name", "Acme Post", "--title", "Parcel lost, refund refused",
        "--date", "2021-03-04", "--rating", "bad", "--no-interactive"]


def invoke(repo: Path, monkeypatch: pytest.MonkeyPatch, *args: str, given: str | None = None) -> Result:
    monkeypatch.chdir(repo)
    result = CliRunner().invoke(main, list(args), input=given)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def problem_fields(result: Result) -> set[str]:
    return {line.split(": ", 2)[1] for line in result.stdout.splitlines()}


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    (tmp_path / "reviews" / "companies").mkdir(parents=True)
    return tmp_path


def test_flags_write_a_draft_with_every_field_and_print_its_path(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    result = invoke(repo, monkeypatch, "new", *FULL)
    assert result.exit_code == 0, result.output
    assert result.stdout == "reviews/incidents/acme-post/2021-03-04-parcel-lost-refund-refused.yml\n"
    text = (repo / result.stdout.strip()).read_text("utf-8")
    lines = text.splitlines()
    assert lines[0] == "# yaml-language-server: $schema=../../schemas/incident.schema.json"
    spec = schema("incident")
    for name in spec["properties"]:
        if name in spec["required"]:
            assert re.search(rf"^{name}:", text, re.MULTILINE), f"required {name} is not a key"
        else:
            assert re.search(rf"^# {name}:", text, re.MULTILINE), f"optional {name} is not a commented line"
        description = spec["properties"][name]["description"]
        assert f"# {name} (" in text and description in text, f"{name} is not explained"
    assert 'title: "Parcel lost, refund refused"' in lines
    assert "date: 2021-03-04" in lines
    assert not [line for line in lines if line != line.rstrip()], "trailing spaces"


def test_the_schema_line_resolves_in_the_site_to_this_versions_schema(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`new` brings reviews/schemas/ up to date, and the first line of what it writes leads there."""
    stale = repo / "reviews" / "schemas" / "incident.schema.json"
    stale.parent.mkdir()
    stale.write_text("{}", encoding="utf-8")  # from an older trackrecord
    result = invoke(repo, monkeypatch, "new", *FULL)
    assert result.exit_code == 0, result.output
    assert "updated reviews/schemas/" in result.stderr
    for record in (result.stdout.strip(), "reviews/companies/acme-post.yml"):
        line = (repo / record).read_text("utf-8").splitlines()[0]
        kind = "incident" if "/incidents/" in record else "company"
        target = ((repo / record).parent / line.split("$schema=", 1)[1]).resolve()
        assert target.read_text("utf-8") == schema_text(kind), record
    again = invoke(repo, monkeypatch, "new", "--company", "acme-post", "--title", "A second one", "--no-interactive")
    assert again.exit_code == 0 and "updated reviews/schemas/" not in again.stderr  # nothing to bring up to date


def test_a_missing_company_file_is_created_and_an_existing_one_kept(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = invoke(repo, monkeypatch, "new", *FULL)
    company = repo / "reviews" / "companies" / "acme-post.yml"
    assert "created reviews/companies/acme-post.yml" in result.stderr
    text = company.read_text("utf-8")
    assert text.startswith("# yaml-language-server: $schema=../schemas/company.schema.json\n")
    assert 'name: "Acme Post"' in text.splitlines()
    for name in schema("company")["properties"]:
        assert re.search(rf"^(# )?{name}:", text, re.MULTILINE), name
    company.write_text("name: Acme Post Ltd\n", "utf-8")
    again = invoke(repo, monkeypatch, "new", *FULL)
    assert again.exit_code == 0
    assert again.stdout.strip().endswith("2021-03-04-parcel-lost-refund-refused-2.yml"), "must not overwrite"
    assert company.read_text("utf-8") == "name: Acme Post Ltd\n"
    assert "created" not in again.stderr


def test_validate_says_what_the_draft_still_needs_then_passes_once_filled(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    draft = repo / invoke(repo, monkeypatch, "new", *FULL).stdout.strip()
    checked = invoke(repo, monkeypatch, "validate")
    assert checked.exit_code == 1
    assert problem_fields(checked) == {"issue", "response", "sources"}
    text = draft.read_text("utf-8")
    text = text.replace('issue: ""', "issue: |\n  The parcel never arrived and the tracking page\n  showed nothing.")
    text = text.replace('response: ""', "response: The company closed the ticket.")
    text = text.replace("sources: []", "sources:\n  - https://blog.example/lost-parcel")
    text = text.replace("# status: resolved", "status: unresolved")
    draft.write_text(text, "utf-8")
    checked = invoke(repo, monkeypatch, "validate")
    assert checked.exit_code == 0, checked.stdout
    incident = load_corpus(repo / "reviews").incidents[0]
    assert (incident.title, incident.status, incident.sources[0].url) == (
        "Parcel lost, refund refused", "unresolved", "https://blog.example/lost-parcel")


def test_sources_given_as_flags_are_written(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    invoke(repo, monkeypatch, "new", *FULL, "--source", "https://a.example/1", "--source", "https://b.example/2")
    checked = invoke(repo, monkeypatch, "validate")
    assert problem_fields(checked) == {"issue", "response"}


def test_a_title_full_of_yaml_syntax_stays_text(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    title = "yes: \"no\" # not a comment & *not-an-alias ünïcode"
    args = [a if a != "Parcel lost, refund refused" else title for a in FULL]
    draft = repo / invoke(repo, monkeypatch, "new", *args).stdout.strip()
    text = draft.read_text("utf-8").replace('issue: ""', "issue: Something went wrong here.")
    text = text.replace('response: ""', "response: Nothing.").replace("sources: []", "sources: [https://a.example]")
    draft.write_text(text, "utf-8")
    assert load_corpus(repo / "reviews").incidents[0].title == title


def test_prompts_on_a_terminal_and_asks_again_on_bad_answers(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    answers = [
        "Acme Post",   # not a slug: asked again
        "acme-post",
        "Parcel lost",
        "2024-02-30",  # no such day: asked again
        "20210304",    # not YYYY-MM-DD: asked again
        "2021-03-04",
        "terrible",    # not a rating: asked again
        "ugly",
        "https://blog.example/lost-parcel",
        "Acme Post Ltd",
    ]
    result = invoke(repo, monkeypatch, "new", "--interactive", given="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.output
    assert result.output.count("is not a slug") == 1
    assert result.output.count("is not a real date") == 2
    assert "'terrible' is not one of" in result.output
    path = result.stdout.strip().splitlines()[-1].rsplit(": ", 1)[-1]
    assert path == "reviews/incidents/acme-post/2021-03-04-parcel-lost.yml"
    text = (repo / path).read_text("utf-8")
    assert 'rating: "ugly"' in text
    assert '  - "https://blog.example/lost-parcel"' in text
    assert 'name: "Acme Post Ltd"' in (repo / "reviews/companies/acme-post.yml").read_text("utf-8")


def test_without_a_terminal_nothing_is_asked(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    result = invoke(repo, monkeypatch, "new", given="acme-post\n")
    assert result.exit_code == 1
    assert "--company must be a slug" in result.stderr
    assert not (repo / "reviews" / "incidents").exists()


def test_a_bad_company_flag_is_refused_without_a_traceback(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    result = invoke(repo, monkeypatch, "new", "--company", "../../etc", "--no-interactive")
    assert result.exit_code == 2
    assert "'../../etc' is not a slug" in result.stderr
    assert list(repo.rglob("*.yml")) == []


@pytest.mark.integration
def test_help_has_examples() -> None:
    script = Path(sys.executable).with_name("trackrecord")
    done = subprocess.run([str(script), "new", "--help"], capture_output=True, text=True, timeout=30)
    assert done.returncode == 0
    assert "Examples:" in done.stdout and "trackrecord new --company" in done.stdout
    shown = CliRunner().invoke(main, ["validate", "--help"])
    assert shown.exit_code == 0
    assert "Examples:" in shown.stdout and "trackrecord validate reviews/" in shown.stdout


@pytest.mark.parametrize(("flag", "value", "message"), [
    ("--date", "2999-01-01", "2999-01-01 is in the future; a record tells what has already happened"),
    ("--date", "2024-02-30", "'2024-02-30' is not a real date written YYYY-MM-DD"),
    ("--source", "blog.example/post", "'blog.example/post' is not an http(s) address, such as https://example.com/post"),
    ("--source", "ftp://blog.example/post", "'ftp://blog.example/post' is not an http(s) address"),
    ("--company", "Acme Post", "'Acme Post' is not a slug"),
])
def test_a_bad_flag_exits_2_with_the_rule_validate_applies(
    flag: str, value: str, message: str, repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    args = [a for a in FULL]
    if flag in args:
        args[args.index(flag) + 1] = value
    else:
        args += [flag, value]
    result = invoke(repo, monkeypatch, "new", *args)
    assert result.exit_code == 2
    assert f"Invalid value for '{flag}': {message}" in result.stderr
    assert "Traceback" not in result.output
    assert not (repo / "reviews" / "incidents").exists()


def test_a_future_date_or_bad_source_on_a_terminal_is_asked_again(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    answers = ["acme-post", "Parcel lost", "2999-01-01", "2021-03-04", "ugly", "blog.example/x",
               "https://blog.example/x", "Acme Post"]
    result = invoke(repo, monkeypatch, "new", "--interactive", given="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.output
    assert result.output.count("is in the future") == 1
    assert result.output.count("is not an http(s) address") == 1
    path = result.stdout.strip().splitlines()[-1].rsplit(": ", 1)[-1]
    assert path == "reviews/incidents/acme-post/2021-03-04-parcel-lost.yml"
    assert '  - "https://blog.example/x"' in (repo / path).read_text("utf-8")
