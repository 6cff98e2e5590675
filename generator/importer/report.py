"""What the person running the import sees: a progress bar on a terminal, then one row per feed."""

from __future__ import annotations

from collections.abc import Sequence
from types import TracebackType

from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from generator.importer.pipeline import FeedReport

_STYLE = {"new": "green", "unchanged": "dim", "failed": "red"}


class ImportProgress:
    """A transient progress bar, shown only when the console is a terminal."""

    def __init__(self, console: Console, total: int) -> None:
        self._progress: Progress | None = None
        if console.is_terminal and total:
            self._progress = Progress(TextColumn("Importing feeds"), BarColumn(), MofNCompleteColumn(),
                                      TextColumn("{task.description}"), TimeElapsedColumn(),
                                      console=console, transient=True)
            self._task = self._progress.add_task("", total=total)

    def __enter__(self) -> ImportProgress:
        if self._progress is not None:
            self._progress.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        if self._progress is not None:
            self._progress.stop()

    def done(self, report: FeedReport) -> None:
        if self._progress is not None:
            self._progress.update(self._task, advance=1, description=escape(report.feed.name))


def summary_table(reports: Sequence[FeedReport], dry_run: bool = False) -> Table:
    title = "Import (dry run: nothing written)" if dry_run else "Import"
    table = Table(title=title, title_justify="left")
    table.add_column("Feed", overflow="fold")
    table.add_column("Result")
    table.add_column("New", justify="right")
    table.add_column("Updated", justify="right")
    table.add_column("Why", overflow="fold")
    for r in reports:
        why = "; ".join([r.reason, *r.notes]) if r.reason else "; ".join(r.notes)
        style = _STYLE[r.result]
        table.add_row(escape(r.feed.name), f"[{style}]{r.result}[/]", str(r.new), str(r.updated), escape(why))
    return table


def totals(reports: Sequence[FeedReport]) -> str:
    new = sum(r.new for r in reports)
    updated = sum(r.updated for r in reports)
    failed = sum(r.result == "failed" for r in reports)
    return f"{len(reports)} feeds: {new} new posts, {updated} updated, {failed} failed"
