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
from dataclasses import dataclass
from pathlib import Path

from generator.model import Corpus, Incident
from generator.records.builders import build_incident
from generator.records.files import RecordListing, is_record_name
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

    def scan(self, root: Path, today: dt.date | None = None) -> tuple[Corpus, list[Problem]]:
        """What records/reader.py's scan() gives for `root` now."""
        today = today or dt.date.today()
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
