"""What a reader downloads for a first search on a built site, for the scale benchmark's table.

The site is served on 127.0.0.1 by search_bench's counting server (text gzip-compressed, as static
hosts send it). Headless Chromium opens the home page, opens search with "/" and types a company's
name; every byte sent from page load until a second after the first result counts, less what the same
home page costs when search is never opened. Needs Chromium, chromedriver and selenium (the test extras).
"""

from __future__ import annotations

import shutil
import statistics
import tempfile
from pathlib import Path

from search_bench import CHROMEDRIVER, CHROMIUM, Server, companies, page_only, search


def available() -> bool:
    try:
        import selenium  # noqa: F401
    except ImportError:
        return False
    return Path(CHROMIUM).is_file() and Path(CHROMEDRIVER).is_file()


def first_search_bytes(site: Path, project: Path, runs: int = 2, seed: int = 1) -> float | None:
    """The median over `runs` companies' names of the bytes a first search downloads; None without Chromium."""
    if not available():
        return None
    tmp = Path(tempfile.mkdtemp(prefix="scale-first-search-"))
    server = Server(site)
    try:
        base = sum(hit.sent for hit in page_only(server, tmp))
        sent = []
        for slug, name in companies(project, runs, seed):
            found = search(server, "pagefind", name, slug, tmp, timeout=120)
            if found.ms is not None:
                sent.append(sum(hit.sent for hit in found.hits) - base)
        return statistics.median(sent) if sent else None
    finally:
        server.close()
        shutil.rmtree(tmp, ignore_errors=True)
