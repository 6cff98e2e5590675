"""The mistakes writers make, each answered with an exact message they can act on.

The cases live in tests/fixtures/writers/ (see its README), laid over the hostile tests' base tree."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.cli.validate_cmd import checked_against

WRITERS = Path(__file__).parent / "fixtures" / "writers"
BASE = Path(__file__).parent / "fixtures" / "hostile" / "base"
SINGLE_AT = "reviews/incidents/acme/2021-03-04-{}.yml"
EXPECT = re.compile(r"^# expect: (\d+):(\d+) (\S+): (.+)$", re.MULTILINE)


def case_names() -> list[str]:
    return sorted([p.stem for p in WRITERS.glob("*.yml")] + [p.name for p in WRITERS.iterdir() if p.is_dir()])


def new_tree(repo: Path, case: str) -> Path:
    shutil.copytree(BASE, repo, dirs_exist_ok=True)
    single = WRITERS / f"{case}.yml"
    if single.is_file():
        target = repo / SINGLE_AT.format(case)
        shutil.copyfile(single, target)
    else:
        shutil.copytree(WRITERS / case, repo, dirs_exist_ok=True)
    return repo


def expected_lines(repo: Path) -> list[str]:
    found = []
    for file in sorted((repo / "reviews").rglob("*")):
        if file.is_file():
            for line, col, field, message in EXPECT.findall(file.read_text("utf-8", errors="replace")):
                found.append(f"{file.relative_to(repo).as_posix()}:{line}:{col}: {field}: {message.strip()}")
    return sorted(found)


def validate(repo: Path, monkeypatch: pytest.MonkeyPatch, *args: str) -> tuple[int, str, str]:
    monkeypatch.chdir(repo)
    result = CliRunner().invoke(main, ["validate", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("case", case_names())
def test_each_mistake_gives_exactly_its_message(case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = new_tree(tmp_path, case)
    wanted = expected_lines(repo)
    assert wanted, f"{case} announces no '# expect:' line, so it could not fail"
    code, out, err = validate(repo, monkeypatch)
    assert code == 1
    assert sorted(out.splitlines()) == wanted
    assert err.strip() == f"{len(wanted)} problem(s) found ({checked_against()})."


def test_a_stray_file_named_as_a_path_is_reported_not_counted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = new_tree(tmp_path, "stray-unknown")
    code, out, err = validate(repo, monkeypatch, "reviews/stray.yml")
    assert code == 1
    assert out.splitlines() == expected_lines(repo)
    assert "OK" not in err


def test_a_path_outside_reviews_is_reported_with_where_it_belongs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = new_tree(tmp_path, "stray-unknown")
    (repo / "docs").mkdir()
    shutil.copyfile(BASE / "reviews/incidents/acme/2021-03-04-valid.yml", repo / "docs/lost.yml")
    code, out, err = validate(repo, monkeypatch, "docs/lost.yml", "reviews/companies/acme.yml")
    assert code == 1
    assert out.splitlines() == [
        "docs/lost.yml:1:1: (file): is outside reviews/, where records are read, so it would never appear; "
        "it is an incident of acme: move it to reviews/incidents/acme/2021-03-04-lost.yml"
    ]
    assert err.strip() == f"1 problem(s) found ({checked_against()})."


@pytest.mark.integration
def test_the_pre_commit_hook_refuses_a_misplaced_record(tmp_path: Path) -> None:
    from test_precommit_hook import run_hook

    repo = new_tree(tmp_path, "misspelt-folder")
    changed = "reviews/incident/acme/2021-03-04-misspelt-folder.yml"
    done = run_hook(repo, [changed, "reviews/companies/acme.yml"])
    assert done.returncode == 1, done.stdout + done.stderr
    assert done.stdout.splitlines() == [line for line in expected_lines(repo) if line.startswith(changed)]


@pytest.mark.integration
def test_serving_keeps_the_last_good_catalog_and_lists_the_problems_on_each_page(tmp_path: Path) -> None:
    """The pipeline's side of `mkdocs serve` with an invalid record (the browser's side is in
    tests/site/test_site_serve_problems.py)."""
    from generator.build.pipeline import BuildError, BuildSettings, Pipeline
    from generator.render.pages.page import SiteOptions
    from generator.render.pages.problems import NOTICE_ID

    repo = new_tree(tmp_path / "repo", "misspelt-field")
    settings = BuildSettings(reviews=repo / "reviews", store=tmp_path / "store", options=SiteOptions(site_url="https://example.org/"))
    said: list[str] = []
    serving = Pipeline(serving=True, warn=said.append)
    first = serving.load(settings)  # before any good build: the valid records
    assert set(first.corpus.companies) == {"acme"} and len(first.incidents_newest) == 1 and len(said) == 1
    assert "respone: unknown field; did you mean `response`?" in said[0]
    page = serving.page_html("<html><body class=x><h1>Acme</h1></body></html>")
    assert page.startswith(f'<html><body class=x><section id="{NOTICE_ID}"')
    assert page.endswith("<h1>Acme</h1></body></html>")
    assert "the pages below leave out the records with problems" in page
    assert serving.listing is not None  # the watcher's part, under mkdocs serve
    (repo / SINGLE_AT.format("misspelt-field")).unlink()
    serving.listing.relist()
    good = serving.load(settings)
    assert serving.page_html("<body>x</body>") == "<body>x</body>"
    shutil.copyfile(WRITERS / "unquoted-colon.yml", repo / SINGLE_AT.format("unquoted-colon"))
    serving.listing.relist()
    assert serving.load(settings) is good  # the last good pages stay
    assert "last build without problems" in serving.page_html("<body></body>")
    assert "&quot;Parcel lost: refund refused&quot;" in serving.page_html("<body></body>")
    with pytest.raises(BuildError, match="nothing was built"):
        Pipeline().load(settings)
