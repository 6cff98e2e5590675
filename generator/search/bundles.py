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
import posixpath
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from operator import attrgetter
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
_DIV = re.compile(rb"<(/?)div\b([^>]*)>")
_PAGE_COST = 250  # bytes of weight every page carries, whatever its size (see _weight)


@dataclass(frozen=True, slots=True)
class Bundle:
    folder: str  # "" for the primary bundle (pagefind/ itself), else e.g. "part-2"
    glob: str | None  # Pagefind's --glob; None means the whole site
    pages: int  # searchable pages it covers
    # What the glob matches: (site folder, whole subtree or only its own files); empty for the whole site.
    units: tuple[tuple[str, bool], ...] = ()

    def holds(self, path: str) -> bool:
        """Whether the page at `path` (in the site, e.g. "incidents/a/b/index.html") is in this bundle."""
        if self.glob is None:
            return True
        folder = posixpath.dirname(path)
        return any(folder == unit or (whole and (not unit or folder.startswith(f"{unit}/")))
                   for unit, whole in self.units)


@dataclass(frozen=True, slots=True)
class _Amount:
    pages: int = 0  # searchable pages
    weight: int = 0  # what Pagefind's memory follows: see _weight()

    def __add__(self, other: _Amount) -> _Amount:
        return _Amount(self.pages + other.pages, self.weight + other.weight)


Measure = Callable[[_Amount], int]
_PAGES: Measure = attrgetter("pages")
_WEIGHT: Measure = attrgetter("weight")


@dataclass(frozen=True, slots=True)
class _Unit:
    glob: str
    amount: _Amount
    folder: str
    whole: bool  # the folder and everything under it, or only the files directly inside it


class _Tally:
    """Searchable pages per folder, and their weight: directly inside it, and in its whole subtree."""

    def __init__(self, weights: Mapping[str, int | None]) -> None:
        """`weights`: every HTML file by its path in the site, with its weight (None: not searchable)."""
        self.own: dict[str, _Amount] = {"": _Amount()}
        self.tree: dict[str, _Amount] = {}
        kids: dict[str, set[str]] = {"": set()}
        for path, weight in weights.items():
            folder = posixpath.dirname(path)
            kids.setdefault(folder, set())
            child = folder
            while child:  # link the folder and its parents up to the root
                parent = posixpath.dirname(child)
                siblings = kids.setdefault(parent, set())
                if child in siblings:
                    break
                siblings.add(child)
                child = parent
            if weight is not None:
                self.own[folder] = self.own.get(folder, _Amount()) + _Amount(1, weight)
        self.children = {folder: sorted(names) for folder, names in kids.items()}
        for folder in self.children:
            self.own.setdefault(folder, _Amount())
        for folder in sorted(self.own, key=lambda f: f.count("/") if f else -1, reverse=True):
            self.tree[folder] = sum((self.tree[c] for c in self.children[folder]), self.own[folder])

    def units(self, folder: str, limit: int, measure: Measure) -> list[_Unit]:
        """Folders within `limit` by `measure` stay whole, in path order; larger ones give their own
        files and their subfolders."""
        whole = self.tree[folder]
        if whole.pages == 0:
            return []
        prefix = f"{_escape(folder)}/" if folder else ""
        kids = [c for c in self.children[folder] if self.tree[c].pages]
        if folder and (measure(whole) <= limit or not kids):
            return [_Unit(f"{prefix}**/*.html", whole, folder, True)]
        found = [_Unit(f"{prefix}*.html", self.own[folder], folder, False)] if self.own[folder].pages else []
        for kid in kids:
            found.extend(self.units(kid, limit, measure))
        return found


def plan_bundles(site_dir: Path, max_pages: int | None = None, skip: str = "pagefind") -> list[Bundle]:
    """The bundles to index `site_dir` in, each a share of its searchable pages.

    By default a site of SPLIT_FROM searchable pages or more is indexed in two halves of about
    equal weight (an incident page costs Pagefind four times a company page), and a smaller one
    whole. `max_pages` asks instead for even bundles of at most that many pages each. `skip` is
    the index's own folder at the site root, never read as pages.
    """
    return plan_from_weights(site_weights(Path(site_dir), skip), max_pages)


def site_weights(site_dir: Path, skip: str = "pagefind") -> dict[str, int | None]:
    """Every HTML file of a built site by its path in the site, with its weight (see page_weight)."""
    found: dict[str, int | None] = {}
    for top, dirs, files in os.walk(site_dir):
        rel = Path(top).relative_to(site_dir).as_posix()
        rel = "" if rel == "." else rel
        if not rel:
            dirs[:] = [d for d in dirs if d != skip]
        for name in files:
            if name.endswith(".html"):
                found[f"{rel}/{name}" if rel else name] = _weight(Path(top, name))
    return found


def plan_from_weights(weights: Mapping[str, int | None], max_pages: int | None = None) -> list[Bundle]:
    """plan_bundles for pages known by their paths and weights, before (or without) reading a site."""
    if max_pages is not None and max_pages < 1:
        raise ValueError(f"max_pages must be at least 1, not {max_pages}")
    tally = _Tally(weights)
    total_pages = tally.tree[""].pages
    halves = 2 if total_pages >= SPLIT_FROM else 1
    count = halves if max_pages is None else math.ceil(total_pages / max_pages)
    if count <= 1:
        return [Bundle(folder="", glob=None, pages=total_pages)]
    measure = _WEIGHT if max_pages is None else _PAGES  # weight for halves, pages for a page limit
    total = measure(tally.tree[""])
    # Even bundles: 11,000 pages at most 4,000 a bundle make three of ~3,700, not 4,000 + 4,000 + 3,000.
    limit = max_pages or math.ceil(total / count)
    groups: list[list[_Unit]] = [[]]
    left, filled = total, 0
    for unit in tally.units("", limit, measure):
        size = measure(unit.amount)
        target = (left + filled) / max(1, count - len(groups) + 1)  # an even share of what remains
        too_many = max_pages is not None and filled + size > max_pages
        if groups[-1] and (filled + size / 2 > target or too_many):
            groups.append([])
            filled = 0
        groups[-1].append(unit)
        filled += size
        left -= size
    return [
        Bundle(folder="" if i == 0 else f"{PART_PREFIX}{i + 1}", glob=_glob(group),
               pages=sum(u.amount.pages for u in group), units=tuple((u.folder, u.whole) for u in group))
        for i, group in enumerate(groups)
    ]


def _glob(units: list[_Unit]) -> str:
    return units[0].glob if len(units) == 1 else "{" + ",".join(u.glob for u in units) + "}"


def _escape(path: str) -> str:
    """A path as a literal in Pagefind's glob syntax (wax): backslash before each special character."""
    return _GLOB_SPECIAL.sub(r"\\\1", path)


def _weight(page: Path) -> int | None:
    try:
        data = page.read_bytes()
    except OSError:  # vanished mid-walk (a serve rebuild): not there to index
        return None
    return page_weight(data)


def page_weight(data: bytes) -> int | None:
    """None for a page without data-pagefind-body; else what it costs Pagefind to hold, in bytes.

    Pagefind's memory follows the markup it indexes: measured at 10,000 incidents, an incident
    page (2.9 KB of it) took 112 KB and a company page (0.5 KB, its lists being ignored) 27 KB.
    So the weight is the body's markup outside data-pagefind-ignore blocks, plus a fixed 250 bytes.
    """
    start = _body_start(data)
    if start is None:
        return None
    end = data.find(b"</article>", start)
    end = len(data) if end == -1 else end
    indexed, depth, ignored_from, last = 0, 0, None, start
    for tag in _DIV.finditer(data, start, end):
        if tag.group(1):  # </div>
            depth -= 1
            if ignored_from is not None and depth < ignored_from:
                ignored_from, last = None, tag.end()
            if depth == 0:
                return indexed + (tag.start() - last if ignored_from is None else 0) + _PAGE_COST
        else:
            if ignored_from is None and b"data-pagefind-ignore" in tag.group(2):
                indexed += tag.start() - last
                ignored_from = depth + 1
            depth += 1
    return indexed + (end - last if ignored_from is None else 0) + _PAGE_COST


def _body_start(data: bytes) -> int | None:
    # find() first: running the pattern over every byte of 12,000 pages took twice as long.
    at = data.find(_MARK)
    while at != -1:
        start = data.rfind(b"<", 0, at)
        if _SEARCHABLE.match(data, start, at + len(_MARK) + 1):
            return start
        at = data.find(_MARK, at + 1)
    return None
