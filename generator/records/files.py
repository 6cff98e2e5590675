"""List the record files below one folder of reviews/, with the stat each one was found at.

`mkdocs serve` lists every record on each rebuild to find the one that changed. For the
21,000 files of a 10,000-incident corpus, pathlib's rglob with a stat per file took 2.5 s of
an 8 s rebuild; one os.scandir walk takes a small fraction of that.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path
from stat import S_ISLNK, S_ISREG

RECORD_SUFFIXES = (".yml", ".yaml")
DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
INCIDENT_NAME = re.compile(r"^(\d{4}-\d{2}-\d{2})-[a-z0-9]+(-[a-z0-9]+)*$")  # YYYY-MM-DD-slug, its date grouped



def real_day(value: object) -> dt.date | None:
    """The day a YYYY-MM-DD text names, when it is a real one (not 2024-02-30), else None. The pattern
    first: fromisoformat alone would also take 20240131 and 2024-W05-3."""
    if not isinstance(value, str) or not DATE.match(value):
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None

@dataclass(frozen=True, slots=True)
class RecordFile:
    path: str  # where it is, for reading
    shown: str  # how messages name it: relative to the repository
    rel: tuple[str, ...]  # the parts below the listed folder, e.g. ("acme", "2021-03-04-late.yml")
    link: bool  # a symbolic link: reported, never followed
    stamp: tuple[int, int, int]  # mtime (ns), size, inode: any change means read it again

    @property
    def stem(self) -> str:
        return self.rel[-1].rsplit(".", 1)[0]

    @property
    def misnamed(self) -> bool:
        """Ends in .YML, .Yaml and the like: listed so that it is reported, never read."""
        return not self.rel[-1].endswith(RECORD_SUFFIXES)


def is_record_name(name: str) -> bool:
    # Any case, so that "2021-03-04-late.YML" is listed and reported rather than silently left out;
    # like Path.suffix, ".yml" alone has none. Hidden files are editors' own (Emacs' lock file
    # ".#2021-03-04-late.yml" while a record is being edited), never records.
    if name.startswith("."):
        return False
    lowered = name.lower()
    return lowered.endswith(RECORD_SUFFIXES) and lowered not in RECORD_SUFFIXES


def _stamp(stat: os.stat_result) -> tuple[int, int, int]:
    return (stat.st_mtime_ns, stat.st_size, stat.st_ino)


def list_records(folder: Path, shown: str) -> list[RecordFile]:
    """Every .yml/.yaml file or link below `folder` (whose shown name is `shown`), sorted by path.

    Links to folders are not followed, as with Path.rglob; links named like records are listed
    so that they are reported rather than silently followed or skipped.
    """
    found: list[RecordFile] = []
    pending: list[tuple[str, tuple[str, ...]]] = [(str(folder), ())]
    while pending:
        base, rel = pending.pop()
        try:
            with os.scandir(base) as listing:
                entries = list(listing)
        except (FileNotFoundError, NotADirectoryError, PermissionError):
            continue
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                pending.append((entry.path, (*rel, entry.name)))
            elif is_record_name(entry.name):
                link = entry.is_symlink()
                if link or entry.is_file(follow_symlinks=False):
                    parts = (*rel, entry.name)
                    found.append(RecordFile(entry.path, "/".join((shown, *parts)), parts, link,
                                            _stamp(entry.stat(follow_symlinks=False))))
    found.sort(key=lambda f: f.rel)
    return found


def one_record(file: Path, shown: str) -> RecordFile | None:
    """A single named record file (such as feeds.yml), or None when there is none."""
    return _stat_record(str(file), shown, (file.name,))


def _stat_record(path: str, shown: str, rel: tuple[str, ...]) -> RecordFile | None:
    """The file or link at `path` as listed now; None when it is gone or is something else (a folder)."""
    try:
        stat = os.lstat(path)
    except (FileNotFoundError, NotADirectoryError):
        return None
    link = S_ISLNK(stat.st_mode)
    return RecordFile(path, shown, rel, link, _stamp(stat)) if link or S_ISREG(stat.st_mode) else None


class RecordListing:
    """The record files of one reviews/ folder, kept across `mkdocs serve` rebuilds.

    Listing 21,000 files is a third of a rebuild after an edit; the file watcher already
    knows what changed. The watcher thread reports paths with `touched`, and each scan then
    re-reads the stat of those paths only. A folder created, moved or deleted (whose files
    bring no events of their own), or a lost batch of events, makes the next scan list all.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._touched: set[str] = set()
        self._everything = True  # nothing listed yet
        self._lists: dict[str, list[RecordFile]] = {}
        self._pending: set[str] = set()  # taken by `begin` for the scan under way
        self._relist = True

    def touched(self, path: str, *, folder: bool = False) -> None:
        """A file (or, with `folder`, a folder) below reviews/ changed. Called from the watcher's thread."""
        with self._lock:
            if folder:
                self._everything = True
            else:
                self._touched.add(path)

    def relist(self) -> None:
        """List everything at the next scan (events may have been missed)."""
        with self._lock:
            self._everything = True

    def begin(self) -> tuple[bool, frozenset[str]]:
        """Take what changed since the last scan; changes from now on count for the next.

        Returns whether everything is listed again, and the paths that changed."""
        with self._lock:
            self._pending, self._touched = self._touched, set()
            self._relist, self._everything = self._everything, False
        if self._relist:
            self._lists.clear()
        return self._relist, frozenset(self._pending)

    def listed(self, folder: Path, shown: str) -> list[RecordFile]:
        key = str(folder)
        known = self._lists.get(key)
        if known is None:
            known = self._lists[key] = list_records(folder, shown)
            return known
        prefix = key + os.sep
        changed = [p for p in self._pending if p.startswith(prefix)]
        if changed:
            known = self._lists[key] = _updated(known, changed, folder, shown)
        return known


def _updated(known: list[RecordFile], paths: list[str], folder: Path, shown: str) -> list[RecordFile]:
    """`known` with each path in `paths` stat-ed afresh: added, replaced or removed."""
    where = {f.path: n for n, f in enumerate(known)}
    out: list[RecordFile | None] = list(known)
    added = []
    base = len(str(folder)) + 1
    for path in paths:
        rel = tuple(path[base:].split(os.sep))
        if not is_record_name(rel[-1]):
            continue
        found = _stat_record(path, "/".join((shown, *rel)), rel)  # None: deleted, or e.g. a folder named like a record
        if (n := where.get(path)) is not None:
            out[n] = found  # an edit keeps the order as it is
        elif found is not None:
            added.append(found)
    kept = [f for f in out if f is not None]
    return sorted(kept + added, key=lambda f: f.rel) if added else kept


def incident_files(targets: list[Path]) -> list[Path]:
    """Every incident record (.yml or .yaml) at or below the targets (files or folders), each once, sorted."""
    found: set[Path] = set()
    for target in targets:
        if target.is_file():
            found.add(target)
        elif target.is_dir():
            found.update(p for p in target.rglob("*") if is_record_name(p.name) and p.parent.parent.name == "incidents")
    return sorted(found)


def write_atomically(path: Path, text: str) -> None:
    """Write or replace the file in one step, so that an interrupted run leaves the old record whole
    (or none). No fsync: the rename is atomic for readers and for a killed run; the tree is in git."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
