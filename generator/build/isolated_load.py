"""Read the records in a short-lived child process, for a one-off build.

Parsing 20,000 YAML files churns through millions of small temporary objects. In one process
they leave the build's heap fragmented: at 10,000 incidents the corpus holds about 45 MB of
live objects in 200 MB of memory that Python never hands back, and MkDocs then renders on
top of that. A forked child does the parsing and sends back only the finished corpus, which
unpickles compactly. `mkdocs serve` does not use this: it keeps parsed records across rebuilds.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import sys
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from generator.model import Corpus
from generator.records.reader import InvalidRecords, load_corpus, scan
from generator.records.yaml_source import Problem


def _scan_in_child(root: Path, today: dt.date | None) -> tuple[Corpus, list[Problem]]:
    return scan(root, today)


def load_corpus_isolated(root: Path, today: dt.date | None = None) -> Corpus:
    """Like `records.load_corpus`, with the reading done in a forked child where fork exists."""
    if not sys.platform.startswith("linux"):  # fork is Linux's cheap, safe default; elsewhere read here
        return load_corpus(root, today)
    context = multiprocessing.get_context("fork")
    try:
        with ProcessPoolExecutor(1, mp_context=context) as pool:
            corpus, problems = pool.submit(_scan_in_child, root, today).result()
    except BrokenProcessPool:  # the child died (out of memory, killed): read in this process instead
        return load_corpus(root, today)
    if problems:
        raise InvalidRecords(problems)
    return corpus
