"""`trackrecord migrate`: rewrite old-format incident records into the new answer fields."""

from __future__ import annotations

import os
from pathlib import Path

import click

from generator.records.files import incident_files, write_atomically
from generator.records.migrate import plan_file


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--dry-run", is_flag=True, help="Only say what would change; write nothing.")
def migrate(paths: tuple[Path, ...], dry_run: bool) -> None:
    """Rewrite incident records into the format that says whether the company answered.

    The old `status: responded` becomes `answer: answered`, and a record whose company reply,
    first response date or resolved case shows an answer gains `answer: answered`. Only those
    lines change; comments and layout stay. The numbers on the site do not change: the new
    fields say what the old ones were already read as.

    Records raised with the company that never say whether it answered are listed, not
    guessed: add `answer: answered`, `answer: not-answered` or `answer: not-known` to each.
    PATHS are incident files or folders (default: reviews/). Run it again at any time; a
    record already in the new format is left alone.

    \b
    Examples:
      trackrecord migrate --dry-run
      trackrecord migrate
      trackrecord migrate reviews/incidents/nstar
    """
    targets = list(paths) or [Path("reviews")]
    if not paths and not Path("reviews").is_dir():
        raise click.ClickException("no reviews/ folder here; run from the repository root or name a PATH")
    files = incident_files(targets)
    rewritten, undecided = 0, []
    for file in files:
        shown = Path(os.path.relpath(file)).as_posix()
        result = plan_file(file, shown)
        if result.new_text is not None:
            rewritten += 1
            if not dry_run:
                write_atomically(file, result.new_text)
            for change in result.changes:
                click.echo(f"{shown}: {change}")
        if result.undecided:
            undecided.append(f"{shown}: {result.undecided}")
    verb = "would rewrite" if dry_run else "rewrote"
    click.echo(f"{verb.capitalize()} {rewritten} of {len(files)} incident records.", err=True)
    if undecided:
        click.echo(f"\nCannot decide {len(undecided)} record(s); please say what the sources show:", err=True)
        for line in undecided:
            click.echo(f"  {line}", err=True)
