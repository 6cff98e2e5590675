"""Make a one-off build's pages in two processes, one per core. No MkDocs here.

Making 12,000 pages' HTML from the catalog is a sixth of a 10,000-incident build, and nothing else
needs the second core then. The pages are independent once the catalog is known, so a forked child
makes every other piece of work (site_content.numbered_pages: a company, an incident, a listing)
and writes those pages into the store, while this process makes the rest. Only what the build
needs of each page comes back. `mkdocs serve` makes its pages here: an edit regenerates a few.
"""

from __future__ import annotations

import functools
import multiprocessing
import os
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection

from generator.build.page_store import PageStore
from generator.build.plan import KeptPage, Plan
from generator.render.pages.lastmod import RecordDays
from generator.render.pages.page import SiteOptions
from generator.render.site_content import numbered_pages
from generator.scoring.catalog import Catalog
from generator.search.bundles import page_weight

Put = Callable[[str, str, str], object]  # (source path, Markdown, producer): store one page


@dataclass(frozen=True, slots=True)
class Made:
    """What the build needs of a page once it is in the store."""

    number: int  # of the piece of work that made it: pages sort back into pages() order by it
    src_uri: str
    kept: KeptPage
    weight: int | None  # its search weight (search/bundles.py), when asked for


def make_pages(catalog: Catalog, options: SiteOptions, plan: Plan, store: PageStore, *,
               weigh: bool = False, processes: int = 1, records: RecordDays | None = None) -> list[Made]:
    """Every page of `plan` into `store`, in pages() order. With `processes` > 1 (and fork) the
    other shares are made in forked children, which write to the store without claiming the paths;
    the paths are claimed here afterwards, in pages() order, so a second page on one path is still
    refused (DuplicateOutput) and names the same two pages. `records`: the days of records kept while
    serving (see render/pages/lastmod.py), for one process."""
    def put_only(uri: str, markdown: str, producer: str) -> None:
        store.write(uri, markdown)

    if processes < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return _make(catalog, options, plan, (0, 1), store.put, weigh, records)
    context = multiprocessing.get_context("fork")
    children = []
    for k in range(1, processes):
        receive, send = context.Pipe(duplex=False)
        child = context.Process(target=_child, args=(catalog, options, plan, (k, processes), put_only, weigh, send),
                                daemon=True)
        child.start()
        send.close()
        children.append((k, child, receive))
    try:
        made = _make(catalog, options, plan, (0, processes), put_only, weigh)
        for k, child, receive in children:
            again = functools.partial(_make, catalog, options, plan, (k, processes), put_only, weigh)
            made += _collect(child, receive, again)
    finally:  # this process failed, or a child did: none is left running or waiting to report
        for _, child, receive in children:
            if child.is_alive():
                child.kill()
            child.join()
            receive.close()
    made.sort(key=lambda page: page.number)  # stable: a piece's own pages keep their order
    for page in made:
        store.claim_written(page.src_uri, page.kept.producer)
    return made


def _make(catalog: Catalog, options: SiteOptions, plan: Plan, share: tuple[int, int], put: Put,
          weigh: bool, records: RecordDays | None = None) -> list[Made]:
    made = []
    for number, page in numbered_pages(catalog, options, plan, share, records):
        put(page.src_uri, page.markdown(), page.producer)
        weight = page_weight(page.rendered().encode()) if weigh and page.searchable else None
        made.append(Made(number, page.src_uri, KeptPage(page.in_nav, page.edit_path, page.group), weight))
    return made


def _child(catalog: Catalog, options: SiteOptions, plan: Plan, share: tuple[int, int], put: Put, weigh: bool,
           report: Connection) -> None:
    try:
        made = _make(catalog, options, plan, share, put, weigh)
    except BaseException:  # noqa: BLE001 - the parent raises it, with this traceback
        report.send(("error", traceback.format_exc()))
        report.close()
        os._exit(1)
    report.send(("made", made))
    report.close()
    os._exit(0)


def _collect(child: multiprocessing.process.BaseProcess, receive: Connection,
             again: Callable[[], list[Made]]) -> list[Made]:
    """The child's pages; if it died without a word (killed, out of memory), its share made here."""
    try:
        kind, value = receive.recv()
    except (EOFError, OSError):
        kind, value = "died", None
    finally:
        receive.close()
    child.join()
    if kind == "made" and child.exitcode == 0:
        return list(value)
    if kind == "error":
        raise RuntimeError(f"making pages in a second process failed:\n{value}")
    return again()
