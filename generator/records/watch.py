"""Feed a RecordListing from file-system events while `mkdocs serve` runs. No MkDocs here."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from watchdog import events
from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver, ObservedWatch

from generator.records.files import RecordListing

# watchdog reports a kernel queue overflow (events were lost) only as a log line on this logger.
_INOTIFY_LOGGER = "watchdog.observers.inotify_c"
# Events that change a file. Opening and reading one are events too (inotify reports them), and
# MkDocs rebuilds on any event: reading the edited record during the rebuild asked for a second.
CHANGES: list[type[FileSystemEvent]] = [
    events.FileCreatedEvent, events.FileModifiedEvent, events.FileDeletedEvent, events.FileMovedEvent,
    events.FileClosedEvent, events.DirCreatedEvent, events.DirDeletedEvent, events.DirMovedEvent,
    events.DirModifiedEvent,
]


class ChangesObserver(Observer):  # type: ignore[misc,valid-type]  # Observer is the platform's own class
    """The operating system's file notifications, for changes only (see CHANGES)."""

    def schedule(self, event_handler: FileSystemEventHandler, path: str | Path, *, recursive: bool = False,
                 event_filter: list[type[FileSystemEvent]] | None = None,
                 follow_symlink: bool = False) -> ObservedWatch:
        return super().schedule(event_handler, path, recursive=recursive, event_filter=event_filter or CHANGES,
                                follow_symlink=follow_symlink)


def report_changes(observer: BaseObserver, reviews: Path, listing: RecordListing) -> None:
    """Tell `listing` about every change below `reviews/` that `observer` sees from now on."""
    observer.schedule(_RecordEvents(listing), str(reviews), recursive=True)
    logging.getLogger(_INOTIFY_LOGGER).addHandler(_LostEvents(listing))


class _RecordEvents(FileSystemEventHandler):
    """Tells the record listing which paths below reviews/ changed."""

    def __init__(self, listing: RecordListing) -> None:
        self.listing = listing

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type in ("opened", "closed_no_write"):  # reading changes nothing
            return
        if event.is_directory and event.event_type == "modified":  # its files' own events say what
            return
        for path in (event.src_path, event.dest_path):
            if path:
                self.listing.touched(os.fsdecode(path), folder=event.is_directory)


class _LostEvents(logging.Handler):
    """The kernel dropped file events (watchdog only logs it): the next rebuild lists everything."""

    def __init__(self, listing: RecordListing) -> None:
        super().__init__(logging.WARNING)
        self.listing = listing

    def emit(self, record: logging.LogRecord) -> None:
        if "overflow" in record.getMessage().lower():
            self.listing.relist()
