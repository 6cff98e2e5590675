"""Divide a built site into Pagefind bundles, indexed one after another. No MkDocs here.

Pagefind holds every page it reads until it writes the index, and its peak is three to four times
that data: 1.26 GB for 11,000 pages, twice MkDocs' own peak. Indexing a share of the pages at a
time bounds the peak; the browser joins the bundles again with Pagefind's `mergeIndex`.

A bundle is a set of folders, whole or only their own files, given to Pagefind as one `--glob`.
Folders are split only as deep as needed, so a company's incidents stay in one bundle, and folders
without a searchable page are left out: Pagefind indexes every page of a run that has none.
"""

from __future__ import annotations

import math
import os
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

MANIFEST = "trackrecord-bundles.json"  # in the primary bundle: the folders of the others
# Pagefind needs about twice MkDocs' memory per page: in two halves its peak stays near MkDocs'
# own, while each further bundle adds ~20 KB per word typed to every reader's first search.
# Below this many pages one run needs under ~250 MB, and a second bundle would cost bytes for nothing.
SPLIT_FROM = 2000
PART_PREFIX = "part-"
# Page text is escaped when written, so a raw "<div" here is always markup, never a record's words.
_MARK = b" data-pagefind-body"
_SEARCHABLE = re.compile(rb"<div\b[^<>]* data-pagefind-body[\s>]")
_GLOB_SPECIAL = re.compile(r"([\\*?\[\]{}(),<>:!$#])")


@dataclass(frozen=True, slots=True)
class Bundle:
    folder: str  # "" for the primary bundle (pagefind/ itself), else e.g. "part-2"
    glob: str | None  # Pagefind's --glob; None means the whole site
    pages: int  # searchable pages it covers


@dataclass(frozen=True, slots=True)
class _Unit:
    glob: str
    pages: int


class _Tally:
    """Searchable pages per folder: directly inside it, and in its whole subtree."""

    def __init__(self, site_dir: Path, skip: str) -> None:
        self.own: dict[str, int] = defaultdict(int)
        self.tree: dict[str, int] = defaultdict(int)
        self.children: dict[str, list[str]] = defaultdict(list)
        for top, dirs, files in os.walk(site_dir):
            rel = Path(top).relative_to(site_dir).as_posix()
            rel = "" if rel == "." else rel
            if not rel:
                dirs[:] = [d for d in dirs if d != skip]
            dirs.sort()
            self.children[rel] = [f"{rel}/{d}" if rel else d for d in dirs]
            self.own[rel] = sum(1 for name in files if name.endswith(".html") and _searchable(Path(top, name)))
        for folder in sorted(self.own, key=lambda f: f.count("/") if f else -1, reverse=True):
            self.tree[folder] += self.own[folder] + sum(self.tree[c] for c in self.children[folder])

    def units(self, folder: str, limit: int) -> list[_Unit]:
        """Folders small enough to stay whole, in path order; larger ones give their own files and subfolders."""
        if self.tree[folder] == 0:
            return []
        prefix = f"{_escape(folder)}/" if folder else ""
        kids = [c for c in self.children[folder] if self.tree[c]]
        if folder and (self.tree[folder] <= limit or not kids):
            return [_Unit(f"{prefix}**/*.html", self.tree[folder])]
        found = [_Unit(f"{prefix}*.html", self.own[folder])] if self.own[folder] else []
        for kid in kids:
            found.extend(self.units(kid, limit))
        return found


def plan_bundles(site_dir: Path, max_pages: int | None = None, skip: str = "pagefind") -> list[Bundle]:
    """The bundles to index `site_dir` in, each a share of its searchable pages.

    By default a site of SPLIT_FROM searchable pages or more is indexed in two halves, and a smaller
    one whole. `max_pages` asks instead for bundles of at most that many pages each. `skip` is the
    index's own folder at the site root, never read as pages.
    """
    if max_pages is not None and max_pages < 1:
        raise ValueError(f"max_pages must be at least 1, not {max_pages}")
    tally = _Tally(Path(site_dir), skip)
    total = tally.tree[""]
    halves = 2 if total >= SPLIT_FROM else 1
    count = halves if max_pages is None else math.ceil(total / max_pages)
    if count <= 1:
        return [Bundle(folder="", glob=None, pages=total)]
    # Even bundles: 11,000 pages at most 4,000 a bundle make three of ~3,700, not 4,000 + 4,000 + 3,000.
    limit = max_pages or math.ceil(total / count)
    groups: list[list[_Unit]] = [[]]
    left = total
    for unit in tally.units("", limit):
        filled = sum(u.pages for u in groups[-1])
        target = (left + filled) / max(1, count - len(groups) + 1)  # an even share of what remains
        too_many = max_pages is not None and filled + unit.pages > max_pages
        if groups[-1] and (filled + unit.pages / 2 > target or too_many):
            groups.append([])
        groups[-1].append(unit)
        left -= unit.pages
    return [
        Bundle(folder="" if i == 0 else f"{PART_PREFIX}{i + 1}", glob=_glob(group), pages=sum(u.pages for u in group))
        for i, group in enumerate(groups)
    ]


def _glob(units: list[_Unit]) -> str:
    return units[0].glob if len(units) == 1 else "{" + ",".join(u.glob for u in units) + "}"


def _escape(path: str) -> str:
    """A path as a literal in Pagefind's glob syntax (wax): backslash before each special character."""
    return _GLOB_SPECIAL.sub(r"\\\1", path)


def _searchable(page: Path) -> bool:
    try:
        data = page.read_bytes()
    except OSError:  # vanished mid-walk (a serve rebuild): not there to index
        return False
    # find() first: running the pattern over every byte of 12,000 pages took twice as long.
    at = data.find(_MARK)
    while at != -1:
        if _SEARCHABLE.match(data, data.rfind(b"<", 0, at), at + len(_MARK) + 1):
            return True
        at = data.find(_MARK, at + 1)
    return False
