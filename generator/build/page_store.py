"""Generated pages and files as real files in a cache folder outside docs/.

A file is rewritten only when its content changes, so its modification time says whether
MkDocs must render it again: with `mkdocs serve --dirty`, an edit to one record re-renders
only the pages whose content that edit changed. The cache lives outside docs/ so that
writing it never makes `mkdocs serve` rebuild in a loop.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Mapping
from pathlib import Path

from generator.build.output_paths import OutputClaims

# Digests of what each cache file holds, kept across rebuilds of one `mkdocs serve` process,
# so an unchanged file is not even read back.
_known: dict[Path, bytes] = {}


def _digest(content: bytes) -> bytes:
    return hashlib.blake2b(content, digest_size=16).digest()


def _write_if_changed(target: Path, content: bytes) -> bool:
    digest = _digest(content)
    if _known.get(target) == digest:
        return False
    try:
        if target.stat().st_size == len(content) and _digest(target.read_bytes()) == digest:
            _known[target] = digest
            return False
    except FileNotFoundError:
        target.parent.mkdir(parents=True, exist_ok=True)
    temp = target.with_name(f".{target.name}.{os.getpid()}.tmp")  # two processes may make pages at once
    temp.write_bytes(content)
    os.replace(temp, target)
    _known[target] = digest
    return True


class PageStore:
    """One build's files: each path is written once (DuplicateOutput names both producers of a
    second write); `claims` may hold paths taken by files written elsewhere, such as docs/."""

    def __init__(self, folder: Path, claims: OutputClaims | None = None) -> None:
        self.folder = folder
        self._current: set[Path] = set()
        self._claims = claims if claims is not None else OutputClaims()

    def put(self, path: str, content: str | bytes, producer: str) -> Path:
        """Store one generated file under its site path; returns the cache file's path."""
        self._claims.claim(path, producer)
        return self._store(path, content)

    def write(self, path: str, content: str | bytes) -> None:
        """Store a file without claiming its path; claim_written() claims it afterwards."""
        _write_if_changed(self.folder / path, content.encode("utf-8") if isinstance(content, str) else content)

    def claim_written(self, path: str, producer: str) -> None:
        """Claim a path write() stored (perhaps in another process), as put() would have."""
        self._claims.claim(path, producer)
        self._current.add(self.folder / path)

    def _store(self, path: str, content: str | bytes) -> Path:
        self.write(path, content)
        target = self.folder / path
        self._current.add(target)
        return target

    def remove(self, paths: Iterable[str]) -> None:
        """Delete the cache files of pages that no longer exist (a deleted record's page)."""
        for path in paths:
            target = self.folder / path
            target.unlink(missing_ok=True)
            _known.pop(target, None)

    def put_all(self, items: Mapping[str, str | bytes], producer: str) -> None:
        """Store files that one producer made; every path is claimed before any is written."""
        for path in items:
            self._claims.claim(path, producer)
        for path, content in items.items():
            self._store(path, content)

    def prune(self) -> int:
        """Remove cache files that no current page or file produced (a deleted record's page)."""
        removed = 0
        for file in self.folder.rglob("*"):
            if file.is_file() and file not in self._current:
                file.unlink()
                _known.pop(file, None)
                removed += 1
        return removed
