"""`trackrecord validate` refuses every hostile case with exactly the `path:line:col: field:` lines it
announces, exit 1 and no traceback. The cases live in tests/fixtures/hostile/ (see its README)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner
from support.sites import SAMPLE

from generator.cli import main
from generator.cli.validate_cmd import checked_against
from generator.records.schema import RECORD_FORMAT
from generator.records.yaml_source import MAX_BYTES

HOSTILE = Path(__file__).parent / "fixtures" / "hostile"
BASE = HOSTILE / "base"
REPO = Path(__file__).resolve().parents[1]
SINGLE_AT = "reviews/incidents/acme/2021-03-04-{}.yml"
EXPECT = re.compile(rb"^# expect: (\d+):(\d+) (\S+): (.+)$", re.MULTILINE)
PROBLEM = re.compile(r"^(?P<path>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<field>[^:]+): (?P<message>.+)$")
CONSOLE_SCRIPT = Path(sys.executable).with_name("trackrecord")


@dataclass(frozen=True, order=True)
class Expected:
    path: str
    line: int
    col: int
    field: str
    words: str = ""

    @property
    def prefix(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.field}:"


def case_names() -> list[str]:
    files = [p.stem for p in HOSTILE.glob("*.yml")]
    folders = [p.name for p in HOSTILE.iterdir() if p.is_dir() and p.name != "base"]
    return sorted(files + folders)


def lay_out(case: str, repo: Path) -> None:
    """Lay one case over the tree in `repo` (which holds reviews/)."""
    single = HOSTILE / f"{case}.yml"
    if single.is_file():
        target = repo / SINGLE_AT.format(case)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(single, target)
    else:
        shutil.copytree(HOSTILE / case, repo, dirs_exist_ok=True)


def new_tree(repo: Path, *cases: str) -> Path:
    shutil.copytree(BASE, repo, dirs_exist_ok=True)
    for case in cases:
        lay_out(case, repo)
    return repo


def expectations(repo: Path) -> list[Expected]:
    """What the files in the tree announce about themselves."""
    found = []
    for file in sorted((repo / "reviews").rglob("*")):
        if file.is_file():
            for line, col, field, words in EXPECT.findall(file.read_bytes()):
                shown = file.relative_to(repo).as_posix()
                found.append(Expected(shown, int(line), int(col), field.decode(), words.decode().strip()))
    return sorted(found)


def make_generated(repo: Path) -> list[Expected]:
    """The cases too big, too bare or too odd to commit: a 20 MB file, a zero-byte file and a link."""
    big = repo / SINGLE_AT.format("twenty-megabytes")
    big.parent.mkdir(parents=True, exist_ok=True)
    with big.open("wb") as handle:
        handle.write(b"company: acme\nissue: |\n")
        line = b"  " + b"x" * 1022 + b"\n"
        for _ in range(20 * 1024):
            handle.write(line)
    size = big.stat().st_size
    assert size > 20 * 1024 * 1024
    empty = repo / SINGLE_AT.format("zero-bytes")
    empty.write_bytes(b"")
    # A link to a perfectly valid record outside reviews/ is still refused: links could reach any file.
    outside = repo / "outside.yml"
    shutil.copyfile(BASE / "reviews/incidents/acme/2021-03-04-valid.yml", outside)
    link = repo / SINGLE_AT.format("valid-link")
    link.symlink_to(outside)
    return [
        Expected(big.relative_to(repo).as_posix(), 1, 1, "(file)", f"the file has {size:,} bytes; a record may have at "
                 f"most {MAX_BYTES:,}"),
        Expected(empty.relative_to(repo).as_posix(), 1, 1, "(file)", "the file is empty"),
        Expected(link.relative_to(repo).as_posix(), 1, 1, "(file)", "is a symbolic link"),
    ]


def parse_report(stdout: str) -> list[Expected]:
    """Every stdout line must be one problem; nothing else goes to stdout."""
    problems = []
    for text in stdout.splitlines():
        match = PROBLEM.match(text)
        assert match, f"not a path:line:col: field: message line: {text!r}"
        problems.append(Expected(match["path"], int(match["line"]), int(match["col"]), match["field"],
                                 match["message"]))
    return sorted(problems)


def assert_report(stdout: str, expected: list[Expected]) -> None:
    got = parse_report(stdout)
    assert [p.prefix for p in got] == [e.prefix for e in expected]
    unmatched = list(got)
    for wanted in expected:
        match = next((p for p in unmatched if p.prefix == wanted.prefix and wanted.words.lower() in p.words.lower()),
                     None)
        assert match, f"no problem at {wanted.prefix} says {wanted.words!r}; got {[p.words for p in unmatched]}"
        unmatched.remove(match)


def run_in_process(repo: Path, monkeypatch: pytest.MonkeyPatch, *args: str) -> tuple[int, str, str]:
    monkeypatch.chdir(repo)
    result = CliRunner().invoke(main, ["validate", *args])
    # Only a deliberate exit is acceptable; anything else would be a traceback for the writer.
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def test_the_base_tree_is_valid(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = new_tree(tmp_path)
    assert expectations(repo) == []
    code, out, err = run_in_process(repo, monkeypatch)
    assert (code, out) == (0, "")
    assert f"OK: 2 valid records (record format {RECORD_FORMAT})." in err  # names the format it checked


@pytest.mark.parametrize("case", case_names())
def test_hostile_case_gives_exactly_its_announced_problems(
    case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = new_tree(tmp_path, case)
    expected = expectations(repo)
    assert expected, f"{case} announces no '# expect:' line, so it could not fail"
    code, out, err = run_in_process(repo, monkeypatch)
    assert code == 1
    assert_report(out, expected)
    assert "Traceback" not in out + err
    assert f"{len(expected)} problem(s) found ({checked_against()})." in err


def test_twenty_megabytes_zero_bytes_and_links_are_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = new_tree(tmp_path)
    expected = make_generated(repo)
    code, out, err = run_in_process(repo, monkeypatch)
    assert code == 1
    assert_report(out, sorted(expected))


@pytest.mark.integration
def test_every_case_at_once_through_the_console_script(tmp_path: Path) -> None:
    """One tree with every hostile case: the real `trackrecord` reports ALL of them in one run,
    with no traceback and no other output on stdout."""
    repo = new_tree(tmp_path, *case_names())
    expected = sorted(expectations(repo) + make_generated(repo))
    assert len(expected) > 40
    done = subprocess.run([str(CONSOLE_SCRIPT), "validate"], cwd=repo, capture_output=True, text=True, timeout=60)
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stdout + done.stderr
    assert_report(done.stdout, expected)
    assert done.stderr.strip() == f"{len(expected)} problem(s) found ({checked_against()})."


def test_paths_limit_the_report_to_those_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = new_tree(tmp_path, *case_names())
    one = SINGLE_AT.format("yaml11-surprises")
    code, out, _ = run_in_process(repo, monkeypatch, one, "reviews/companies")
    assert code == 1
    wanted = [e for e in expectations(repo) if e.path == one or e.path.startswith("reviews/companies/")]
    assert {e.path for e in wanted} > {one}  # companies/ has problems of its own (cycles, duplicates)
    assert_report(out, wanted)


def test_github_format_annotates_each_problem(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = new_tree(tmp_path, "duplicate-key")
    code, out, _ = run_in_process(repo, monkeypatch, "--format", "github")
    assert code == 1
    assert out.splitlines() == [
        f"::error file={SINGLE_AT.format('duplicate-key')},line=4,col=1::title: duplicate key (first given on line 3)"
    ]


def test_the_sample_records_are_valid(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(SAMPLE, tmp_path / "reviews")
    code, out, err = run_in_process(tmp_path, monkeypatch)
    assert (code, out) == (0, ""), out
    assert err.startswith("OK: ")


def test_validate_dot_in_the_repository_reports_everything(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = new_tree(tmp_path, "duplicate-key", "parent-cycle")
    code, out, _ = run_in_process(repo, monkeypatch, ".")
    assert code == 1
    assert_report(out, expectations(repo))


def test_paths_are_shown_from_the_current_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run from elsewhere, the printed path still opens the file."""
    repo = new_tree(tmp_path / "site-repo", "duplicate-key")
    code, out, _ = run_in_process(tmp_path, monkeypatch, "site-repo/reviews")
    assert code == 1
    assert out == f"site-repo/{SINGLE_AT.format('duplicate-key')}:4:1: title: duplicate key (first given on line 3)\n"
    assert (tmp_path / out.split(":", 1)[0]).is_file()
    assert repo.is_dir()


@pytest.mark.parametrize("slug", ["incidents", "companies"])
def test_a_company_named_like_a_folder_is_checked_against_the_real_root(
    slug: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = new_tree(tmp_path)
    (repo / "reviews/companies" / f"{slug}.yml").write_text("name: Odd Name Inc\n", "utf-8")
    valid = (BASE / "reviews/incidents/acme/2021-03-04-valid.yml").read_text("utf-8")
    record = repo / "reviews/incidents" / slug / "2021-03-04-odd.yml"
    record.parent.mkdir(parents=True)
    record.write_text(valid.replace("company: acme", f"company: {slug}"), "utf-8")
    code, out, err = run_in_process(repo, monkeypatch, record.relative_to(repo).as_posix())
    assert (code, out) == (0, ""), out
    record.write_text(valid.replace("company: acme", f"company: {slug}\nextra: 1"), "utf-8")
    code, out, _ = run_in_process(repo, monkeypatch, record.parent.relative_to(repo).as_posix())
    assert code == 1
    assert out.startswith(f"reviews/incidents/{slug}/2021-03-04-odd.yml:3:1: extra: unknown field")
