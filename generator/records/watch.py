"""Feed a RecordListing from file-system events while `mkdocs serve` runs. No MkDocs here."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers.api import BaseObserver

from generator.records.files import RecordListing

# watchdog reports a kernel queue overflow (events were lost) only as a log line on this logger.
_INOTIFY_LOGGER = "watchdog.observers.inotify_c"


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
