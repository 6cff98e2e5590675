"""Index a built site with Pagefind, offline, after MkDocs has written it. No MkDocs here.

Pagefind reads the HTML files, keeps what sits inside `data-pagefind-body` (generated pages and
hand-written docs; listings and chrome carry none, so they are never results), picks up
`data-pagefind-filter` and `data-pagefind-meta`, and writes a chunked index under `pagefind/`
that browsers fetch piece by piece. The binary ships inside the `pagefind[bin]` wheel, so this
runs without a network.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

OUTPUT_SUBDIR = "pagefind"
TIMEOUT_SECONDS = 600  # a 10,000-incident site indexes in seconds; a hang must not stall CI for hours


class SearchIndexError(Exception):
    """Pagefind is missing, failed, or wrote no index."""


@dataclass(frozen=True, slots=True)
class IndexStats:
    pages: int  # pages Pagefind indexed (those with data-pagefind-body)
    files: int  # files written under pagefind/
    bytes: int  # their total size
    seconds: float

    def summary(self) -> str:
        size = f"{self.bytes / 1e6:.1f} MB"
        return f"search index: {self.pages} pages, {self.files} files, {size} in {self.seconds:.1f} s"


def pagefind_binary() -> Path:
    """The binary from the `pagefind[bin]` wheel (or PAGEFIND_BINARY_PATH, or a `pagefind` on PATH)."""
    try:
        from pagefind.service import get_executable  # also looks at the env variable and PATH
    except ImportError:
        raise SearchIndexError("Pagefind is not installed: pip install 'pagefind[bin]'.") from None
    found = get_executable()
    if found is None or not found.exists():
        raise SearchIndexError("Pagefind is not installed: pip install 'pagefind[bin]'.")
    return found


def build_search_index(site_dir: Path, *, output_subdir: str = OUTPUT_SUBDIR) -> IndexStats:
    """Index `site_dir` in place; the bundle goes to `site_dir/output_subdir`. Returns what was written."""
    site_dir = Path(site_dir)
    if not site_dir.is_dir():
        raise SearchIndexError(f"{site_dir}: no built site to index.")
    out = site_dir / output_subdir
    # Chunk names carry content hashes: without this, a rebuild into the same folder piles up old chunks.
    if out.is_dir():
        shutil.rmtree(out)
    command = [str(pagefind_binary()), "--site", str(site_dir), "--output-subdir", output_subdir, "--quiet"]
    start = time.perf_counter()
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT_SECONDS, check=False)
    except subprocess.TimeoutExpired:
        raise SearchIndexError(f"Pagefind did not finish within {TIMEOUT_SECONDS} s.") from None
    except OSError as exc:
        raise SearchIndexError(f"Pagefind could not start: {exc}") from None
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        detail = (done.stderr or done.stdout).strip()[-2000:]
        raise SearchIndexError(f"Pagefind failed (exit {done.returncode}):\n{detail}")
    return _stats(out, seconds)


def _stats(out: Path, seconds: float) -> IndexStats:
    entry = out / "pagefind-entry.json"
    if not entry.is_file():
        raise SearchIndexError(f"Pagefind wrote no index: {entry} is missing.")
    try:
        languages = json.loads(entry.read_text(encoding="utf-8")).get("languages", {})
        pages = sum(int(lang.get("page_count", 0)) for lang in languages.values())
    except (ValueError, AttributeError) as exc:
        raise SearchIndexError(f"{entry}: unreadable ({exc}).") from None
    files = [p for p in out.rglob("*") if p.is_file()]
    return IndexStats(pages=pages, files=len(files), bytes=sum(p.stat().st_size for p in files), seconds=seconds)
