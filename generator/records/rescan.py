"""While `mkdocs serve` runs: the records scanned again after an edit, re-reading only the edited files.

A full scan of 10,000 incidents looks at 21,000 files' cached results and checks the rules across
files for each, about a third of a second: most of the time from saving a record to seeing it. When
the only changes since the last scan are to incident files that scan read (same path, still there),
nothing else can have changed: each incident file's problems and document depend only on itself and
on the companies, which did not change. So those files are read and checked again, each put back in
its place, and every other file's outcome is the last scan's. Anything else (a file added, moved or
deleted, a company, a post, feeds.yml, a folder, lost file events, a new day) scans everything.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from generator.model import Corpus, Incident
from generator.records.builders import build_incident
from generator.records.files import RecordListing, is_record_name, list_records
from generator.records.reader import ReadCache, RecordTree, built, known_company, read_incident_file, scan_tree
from generator.records.yaml_source import Document, Problem


@dataclass(frozen=True, slots=True)
class _LastScan:
    root: Path
    today: dt.date
    corpus: Corpus
    problems: tuple[Problem, ...]
    outcomes: dict[str, tuple[Document | None, list[Problem]]]  # see RecordTree.outcomes
    company_docs: dict[str, Document]
    contacts: dict[str, tuple[str, ...]]


class Rescanner:
    """The records' scan kept across the rebuilds of one `mkdocs serve`; the file watcher feeds `listing`."""

    def __init__(self) -> None:
        self.cache: ReadCache = {}
        self.listing = RecordListing()
        self.last_was_partial = False  # for tests: whether the last scan re-read only the edited files
        self._last: _LastScan | None = None
        self._first: dict[str, tuple[int, int, int]] | None = None  # every record's stamp before the first scan
        self._checker: threading.Thread | None = None

    def check_when(self, watching: Callable[[], bool]) -> None:
        """The file watcher is starting: once `watching()` says it is, find in a thread the records that
        changed while the first scan ran, before any watching, and report them to the listing. The
        next scan waits for it. Listing everything again instead made the first edit's rebuild a full one."""
        first, self._first = self._first, None
        if first is None or self._last is None:
            self.listing.relist()
            return
        root = self._last.root

        def check() -> None:
            try:
                for _ in range(600):
                    if watching():
                        break
                    time.sleep(0.05)
                else:
                    raise TimeoutError("the file watcher never started")
                now = _stamps(root)
                for path in now.keys() | first.keys():
                    if now.get(path) != first.get(path):
                        self.listing.touched(path)
            except Exception:  # noqa: BLE001 - whatever went wrong, listing everything is always right
                self.listing.relist()

        self._checker = threading.Thread(target=check, name="trackrecord-check", daemon=True)
        self._checker.start()

    def scan(self, root: Path, today: dt.date | None = None) -> tuple[Corpus, list[Problem]]:
        """What records/reader.py's scan() gives for `root` now."""
        today = today or dt.date.today()
        if self._checker is not None:
            self._checker.join()
            self._checker = None
        if self._last is None and self._first is None:
            self._first = _stamps(root)  # taken before the files are read: a later change differs
        relist, touched = self.listing.begin()
        last, self._last = self._last, None  # a scan that fails half way leaves none to build on
        again = None
        if last is not None and not relist and last.root == root and last.today == today:
            again = self._again(last, touched)
        self.last_was_partial = again is not None
        if again is None:
            tree = RecordTree(root, today, self.cache, self.listing)
            corpus, problems = scan_tree(tree)
            again = _LastScan(root, today, corpus, tuple(problems), tree.outcomes, tree.company_docs, tree.contacts)
        self._last = again
        return again.corpus, list(again.problems)

    def _again(self, last: _LastScan, touched: frozenset[str]) -> _LastScan | None:
        """The last scan with the touched incident files read again; None when a full scan is needed."""
        # Other files (an editor's swap file, say) are never read as records.
        edited = {path for path in touched if is_record_name(os.path.basename(path))}
        if not edited.issubset(last.outcomes):
            return None
        tree = RecordTree(last.root, last.today, self.cache, self.listing)
        tree.company_docs, tree.contacts = last.company_docs, dict(last.contacts)
        files = [file for file in tree.listed("incidents") if file.path in edited] if edited else []
        if len(files) != len(edited):  # one is gone, or is a folder now
            return None
        for file in files:
            read_incident_file(tree, file)
        # A file's problems are all in the file itself (records/reader.py read_incident_file).
        shown = {file.shown for file in files}
        problems = [p for p in last.problems if p.path not in shown]
        problems += [p for _, found in tree.outcomes.values() for p in found]
        problems.sort(key=lambda p: (p.path, p.line, p.col))
        outcomes = {**last.outcomes, **tree.outcomes}
        corpus = dataclasses.replace(last.corpus, incidents=self._incidents(last, tree.outcomes, outcomes))
        return dataclasses.replace(last, corpus=corpus, problems=tuple(problems), outcomes=outcomes,
                                   contacts=tree.contacts)

    @staticmethod
    def _incidents(last: _LastScan, fresh: dict[str, tuple[Document | None, list[Problem]]],
                   outcomes: dict[str, tuple[Document | None, list[Problem]]]) -> tuple[Incident, ...]:
        def listed(doc: Document | None) -> bool:
            return doc is not None and doc.data["company"] in last.company_docs

        swap: dict[int, Incident] = {}
        for path, (doc, _) in fresh.items():
            before = last.outcomes[path][0]
            if listed(before) != listed(doc):  # one joins the corpus or leaves it: list them all again
                return tuple(built(doc, build_incident) for doc in known_company(
                    (doc for doc, _ in outcomes.values() if doc is not None), last.company_docs))
            if before is not None and doc is not None and listed(doc):
                swap[id(built(before, build_incident))] = built(doc, build_incident)
        return tuple(swap.get(id(item), item) for item in last.corpus.incidents)


def _stamps(root: Path) -> dict[str, tuple[int, int, int]]:
    """Every file named like a record below `root`, anywhere: what a scan reads or reports."""
    return {file.path: file.stamp for file in list_records(root, root.name)}
