"""`trackrecord validate`: check records and report every problem at once."""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

import click

from generator.records.advice import advice
from generator.records.files import is_record_name
from generator.records.placement import belongs
from generator.records.reader import problems_under, scan
from generator.records.schema import RECORD_FORMAT
from generator.records.yaml_source import Problem

FORMATS = ("text", "github")


def _holds_records(folder: Path) -> bool:
    # feeds.yml too: a new site's companies/ and incidents/ may be empty, and git keeps no empty folder.
    return folder.is_dir() and ((folder / "companies").is_dir() or (folder / "incidents").is_dir()
                                or (folder / "feeds.yml").is_file())


def reviews_root(path: Path) -> Path:
    """The reviews/ folder a path belongs to, or the one inside the folder given (`validate .`)."""
    here = path.resolve()
    ancestors = [c for c in (here, *here.parents) if _holds_records(c)]
    # A company may be called `companies` or `incidents` (reviews/incidents/incidents/...), so an
    # ancestor named reviews/ wins over the nearest folder that merely holds such a subfolder.
    named = [c for c in ancestors if c.name == "reviews"]
    if named or ancestors:
        return (named or ancestors)[0]
    if _holds_records(here / "reviews"):
        return here / "reviews"
    raise click.ClickException(f"{path}: not inside a reviews/ folder (one with companies/, incidents/ or feeds.yml)")


def _outside(path: Path) -> Problem | None:
    """A record file given as a PATH that lies outside every reviews/ folder: it would never be read."""
    if not path.is_file() or not is_record_name(path.name):
        return None
    try:
        reviews_root(path)
        return None
    except click.ClickException:
        pass
    where = belongs((path.name,), str(path))
    return Problem(path.as_posix(), 1, 1, "(file)", f"is outside reviews/, where records are read, "
                   f"so it would never appear; {where}")


def _shown(path: Path, root: Path) -> str:
    """A target as problems name their files (relative to the root's parent); "" means all of it."""
    resolved = path.resolve()
    if resolved == root.parent or root.is_relative_to(resolved):
        return ""
    try:
        return resolved.relative_to(root.parent).as_posix()
    except ValueError:
        return resolved.as_posix()


def _from_here(problem: Problem, root: Path) -> Problem:
    """Paths as the writer can open them: relative to the current folder (usually the repository root)."""
    shown = os.path.relpath(root.parent / problem.path)
    return problem if shown == problem.path else dataclasses.replace(problem, path=Path(shown).as_posix())


def _escape_data(text: str) -> str:
    # Workflow commands end at a newline, and % starts an escape.
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    # In a property value, ':' and ',' would also end the value early.
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def format_problem(problem: Problem, fmt: str, level: str = "error") -> str:
    if fmt == "github":
        message = _escape_data(f"{problem.field}: {problem.message}")
        return f"::{level} file={_escape_property(problem.path)},line={problem.line},col={problem.col}::{message}"
    if level == "warning":
        return f"{problem.path}:{problem.line}:{problem.col}: {problem.field}: warning: {problem.message}"
    return str(problem)


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True,
              help="text: path:line:col lines. github: workflow annotations for pull requests.")
def validate(paths: tuple[Path, ...], fmt: str) -> None:
    """Check records, and the rules across them, and report ALL problems.

    PATHS are files or folders under a reviews/ folder (default: reviews/). Rules across files
    (unknown companies, cycles) are always checked against the whole folder; only problems in
    PATHS are reported. Exits 1 if there is any problem.

    Warnings ask for what a valid record leaves unsaid, such as whether the company answered
    a customer who contacted it; they do not change the exit status.

    \b
    Examples:
      trackrecord validate
      trackrecord validate reviews/incidents/united-airlines/2009-07-06-broken-guitar.yml
      trackrecord validate --format github
    """
    targets = list(paths) or [Path("reviews")]
    if not paths and not Path("reviews").is_dir():
        raise click.ClickException("no reviews/ folder here; run from the repository root or name a PATH")
    problems: list[Problem] = []
    warnings: list[Problem] = []
    checked = 0
    by_root: dict[Path, list[Path]] = {}
    for target in targets:
        if (stray := _outside(target)) is not None:
            problems.append(stray)
            continue
        by_root.setdefault(reviews_root(target), []).append(target)
    for root, members in by_root.items():
        corpus, found = scan(root)
        checked += len(corpus.companies) + len(corpus.incidents) + len(corpus.posts)
        shown = [_shown(m, root) for m in members]
        problems += [_from_here(p, root) for p in problems_under(found, shown)]
        warnings += [_from_here(p, root) for p in problems_under(advice(corpus.incidents, root.parent), shown)]
    for problem in problems:
        click.echo(format_problem(problem, fmt))
    for warning in warnings:
        click.echo(format_problem(warning, fmt, "warning"))
    asked = f"; {len(warnings)} warning(s) ask for more" if warnings else ""
    if problems:
        click.echo(f"{len(problems)} problem(s) found{asked} ({checked_against()}).", err=True)
        raise SystemExit(1)
    click.echo(f"OK: {checked} valid records{asked} ({checked_against()}).", err=True)


def checked_against() -> str:
    """What the records were checked against: after an upgrade, the format may be a new one."""
    return f"record format {RECORD_FORMAT}"
