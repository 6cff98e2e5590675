"""What the person running the import sees: a progress bar on a terminal, then one row per feed."""

from __future__ import annotations

from collections.abc import Sequence
from types import TracebackType

from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from generator.importer.pipeline import FeedReport
from generator.render.text_safety import one_line


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
        return self

    def start(self) -> None:
        """Start drawing. Separate from __enter__: its refresh thread must not exist when workers fork."""
        if self._progress is not None:
            self._progress.start()

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        if self._progress is not None:
            self._progress.stop()

    def done(self, report: FeedReport) -> None:
        if self._progress is not None:
            self._progress.update(self._task, advance=1, description=escape(report.feed.name))


def summary_lines(reports: Sequence[FeedReport], dry_run: bool = False) -> list[str]:
    """One aligned row per feed. Plain text: rendering a rich Table of 500 rows took 0.6 s of CPU."""
    rows = [("Feed", "Result", "New", "Updated", "Why")]
    for r in reports:
        why = "; ".join(part for part in [r.reason, *r.notes] if part)
        rows.append((one_line(r.feed.name), r.result, str(r.new), str(r.updated), one_line(why)))
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    title = "Import (dry run: nothing written)" if dry_run else "Import"
    lines = [title]
    for row in rows:
        cells = [row[0].ljust(widths[0]), row[1].ljust(widths[1]), row[2].rjust(widths[2]), row[3].rjust(widths[3])]
        lines.append("  ".join([*cells, row[4]]).rstrip())
    return lines


def totals(reports: Sequence[FeedReport]) -> str:
    new = sum(r.new for r in reports)
    updated = sum(r.updated for r in reports)
    failed = sum(r.result == "failed" for r in reports)
    return f"{len(reports)} feeds: {new} new posts, {updated} updated, {failed} failed"
