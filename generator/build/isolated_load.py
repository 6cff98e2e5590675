"""Read the records in short-lived child processes, for a one-off build.

Parsing 20,000 YAML files churns through millions of small temporary objects. In one process
they leave the build's heap fragmented: at 10,000 incidents the corpus holds about 45 MB of
live objects in 200 MB of memory that Python never hands back, and MkDocs then renders on
top of that. Forked children do the parsing and send back only the finished corpus, which
unpickles compactly. Nothing else runs while the records load, so there is one child per core,
each reading its share of the incidents and posts (records/reader.py `scan(share=...)`).
`mkdocs serve` does not use this: it keeps parsed records across rebuilds.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import sys
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from generator.build import cores
from generator.model import Corpus
from generator.records.reader import InvalidRecords, load_corpus, merge_shares, scan
from generator.records.yaml_source import Problem


def _scan_in_child(root: Path, today: dt.date, share: tuple[int, int]) -> tuple[Corpus, list[Problem]]:
    return scan(root, today, share=share)


def load_corpus_isolated(root: Path, today: dt.date | None = None) -> Corpus:
    """Like `records.load_corpus`, with the reading done in forked children where fork exists."""
    if not sys.platform.startswith("linux"):  # fork is Linux's cheap, safe default; elsewhere read here
        return load_corpus(root, today)
    day = today or dt.date.today()  # one day for every share, even across midnight
    n = cores.processes()
    context = multiprocessing.get_context("fork")
    try:
        with ProcessPoolExecutor(n, mp_context=context) as pool:
            futures = [pool.submit(_scan_in_child, root, day, (k, n)) for k in range(n)]
            corpus, problems = merge_shares([future.result() for future in futures])
    except BrokenProcessPool:  # a child died (out of memory, killed): read in this process instead
        return load_corpus(root, day)
    if problems:
        raise InvalidRecords(problems)
    return corpus
