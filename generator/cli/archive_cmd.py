"""`trackrecord archive`: ask a web archive to save each source and record where the copy is."""

from __future__ import annotations

import os
from pathlib import Path

import click

from generator.records.archive_edit import Unarchived, add_archive, unarchived
from generator.records.files import incident_files, write_atomically
from generator.records.yaml_source import Document, YamlProblem, read_document


def _pending(files: list[Path]) -> list[tuple[Path, str, Unarchived]]:
    found = []
    for file in files:
        shown = Path(os.path.relpath(file)).as_posix()
        try:
            doc = read_document(file, shown)
        except YamlProblem as exc:
            click.echo(f"skipped {exc.problem} (run trackrecord validate)", err=True)
            continue
        found += [(file, shown, source) for source in unarchived(doc)]
    return found


@click.command("archive")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--service", default=None, metavar="URL",
              help="The archive's save address; the source's address is added to its end. "
                   "Default: https://web.archive.org/save/")
@click.option("--limit", type=click.IntRange(1, 1000), default=20, show_default=True,
              help="Ask for at most this many sources in one run (the rest wait for the next run).")
@click.option("--timeout", type=click.FloatRange(1, 600), default=60, show_default=True,
              help="Seconds to wait for the archive's answer to one request.")
@click.option("--deadline", type=click.FloatRange(1, 3600), default=600, show_default=True,
              help="Seconds for the whole run.")
@click.option("--dry-run", is_flag=True, help="Only list the sources that have no archived copy; ask nothing.")
def archive_cmd(paths: tuple[Path, ...], service: str | None, limit: int, timeout: float, deadline: float,
                dry_run: bool) -> None:
    """Ask a web archive to save every source that has no archive_url yet, and record its answer.

    Each source address with no archived copy is sent to the archive's "save page now" service;
    the copy's address it answers with is written into the record as archive_url (comments and
    layout kept). This command uses the network; a build never does. PATHS are incident files or
    folders (default: reviews/).

    \b
    Examples:
      trackrecord archive --dry-run
      trackrecord archive --limit 5
      trackrecord archive reviews/incidents/united-airlines
    """
    from generator.importer.archive import DEFAULT_SERVICE, ArchiveLimits, save_all
    from generator.importer.public_hosts import ALLOW_ENV, HostPolicy, parse_allowed

    targets = list(paths) or [Path("reviews")]
    if not paths and not Path("reviews").is_dir():
        raise click.ClickException("no reviews/ folder here; run from the repository root or name a PATH")
    service = service or DEFAULT_SERVICE
    if not service.startswith(("https://", "http://")):
        raise click.ClickException(f"--service {service!r} is not an http(s) address")
    pending = _pending(incident_files(targets))
    if dry_run or not pending:
        for _file, shown, source in pending:
            click.echo(f"{shown}: {source.url}")
        click.echo(f"{len(pending)} source(s) have no archived copy.", err=True)
        return
    try:
        allowed = parse_allowed(os.environ.get(ALLOW_ENV, ""))
    except ValueError as exc:
        raise click.ClickException(str(exc)) from None
    if allowed:
        click.echo(f"{ALLOW_ENV} is set: also asking {', '.join(sorted(map(str, allowed)))} (for tests only)", err=True)
    chosen = pending[:limit]
    answers = save_all([source.url for _, _, source in chosen], service,
                       ArchiveLimits(timeout=timeout, deadline=deadline, limit=limit), HostPolicy(allowed))
    saved = 0
    for (file, shown, source), answer in zip(chosen, answers, strict=True):
        if answer.archived is None:
            click.echo(f"{shown}: {source.url}: not archived: {answer.problem}")
            continue
        if _record(file, shown, source, answer.archived):
            saved += 1
            click.echo(f"{shown}: {source.url}: archived at {answer.archived}")
        else:
            click.echo(f"{shown}: {source.url}: archived at {answer.archived}, but the record could not be "
                       "edited safely; add it by hand as archive_url")
    left = len(pending) - len(chosen)
    more = f"; {left} more wait for the next run (--limit {limit})" if left else ""
    click.echo(f"Recorded {saved} of {len(chosen)} archived copies{more}.", err=True)


def _record(file: Path, shown: str, source: Unarchived, archived: str) -> bool:
    """Edit the file afresh (an earlier answer may have changed it), atomically."""
    try:
        doc: Document = read_document(file, shown)
    except YamlProblem:
        return False
    current = next((s for s in unarchived(doc) if s.at == source.at and s.url == source.url), None)
    if current is None:
        return False
    text = file.read_text("utf-8")
    edited = add_archive(text, doc, current, archived)
    if edited is None:
        return False
    write_atomically(file, edited)
    return True
