"""One import run: fetch every feed, read it, store its posts, remember its validators.

Fetching is asynchronous; reading a feed (feedparser, cleaning, matching) is CPU work, so with
many feeds it goes to a small process pool while the event loop keeps downloading.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from generator.importer.entries import Digest, digest, digest_in_worker, init_worker
from generator.importer.fetch import Fetched, FetchLimits, Request, Validators, fetch_all_async
from generator.importer.matching import CompanyMatcher
from generator.importer.public_hosts import HostPolicy
from generator.importer.store import load_state, post_file, save_post, save_state, state_file
from generator.model import Company, FeedSubscription

Result = Literal["new", "unchanged", "failed"]
POOL_FROM = 16  # fewer feeds than this are read in-process: starting workers would cost more


@dataclass
class FeedReport:
    """What happened to one feed, for the summary table."""

    feed: FeedSubscription
    result: Result = "unchanged"
    entries: int = 0
    new: int = 0
    updated: int = 0
    reason: str = ""
    notes: list[str] = field(default_factory=list)
    status: int | None = None
    gone: bool = False
    moved_to: str | None = None


class _Run:
    def __init__(self, reviews: Path, feeds: Sequence[FeedSubscription], companies: Sequence[Company],
                 dry_run: bool, on_done: Callable[[FeedReport], None] | None,
                 pool: ProcessPoolExecutor | None) -> None:
        self.reviews = reviews
        self.by_url = {f.url: f for f in feeds}
        self.matcher = CompanyMatcher(companies)
        self.dry_run = dry_run
        self.on_done = on_done
        self.pool = pool
        self.state_path = state_file(reviews)
        self.state = load_state(self.state_path)
        self.reports: dict[str, FeedReport] = {}

    def request(self, feed: FeedSubscription, fetch_url: str | None) -> Request:
        known = self.state.get(feed.url, {})
        return Request(feed.url, Validators(known.get("etag"), known.get("last_modified")), fetch_url)

    def remember(self, fetched: Fetched, validators: Validators | None) -> None:
        entry = dict(self.state.get(fetched.url, {}))
        if validators is not None:
            entry.pop("etag", None)
            entry.pop("last_modified", None)
            if validators.etag:
                entry["etag"] = validators.etag
            if validators.last_modified:
                entry["last_modified"] = validators.last_modified
        if fetched.moved_to:
            entry["moved_to"] = fetched.moved_to
        elif fetched.outcome != "failed":
            entry.pop("moved_to", None)
        self.state[fetched.url] = entry

    async def handle(self, fetched: Fetched) -> None:
        feed = self.by_url[fetched.url]
        report = FeedReport(feed, status=fetched.status, gone=fetched.gone, moved_to=fetched.moved_to)
        if fetched.moved_to:
            report.notes.append(f"moved permanently to {fetched.moved_to}; update feeds.yml")
        if fetched.outcome == "failed":
            report.result, report.reason = "failed", fetched.error or "failed"
            self.remember(fetched, None)
        elif fetched.outcome == "not-modified":
            report.reason = "not modified (304)"
            self.remember(fetched, None)
        else:
            self.store(fetched, report, await self.read(fetched, feed))
        self.reports[feed.url] = report
        if self.on_done is not None:
            self.on_done(report)

    async def read(self, fetched: Fetched, feed: FeedSubscription) -> Digest:
        if self.pool is None:
            return digest(fetched.body, fetched.headers, feed, self.matcher)
        loop = asyncio.get_running_loop()
        try:
            return await loop.run_in_executor(self.pool, digest_in_worker, fetched.body, dict(fetched.headers), feed)
        except BrokenProcessPool:
            return Digest(error="the process reading feeds died (out of memory?)")

    def store(self, fetched: Fetched, report: FeedReport, read: Digest) -> None:
        if read.error:
            # Stored posts stay as they are, and the old validators too, so the next run asks afresh.
            report.result, report.reason = "failed", read.error
            self.remember(fetched, None)
            return
        if read.warning:
            report.notes.append(read.warning)
        report.entries = read.entries
        skipped = read.skipped.copy()
        for post in read.posts:
            saved = save_post(post_file(self.reviews, report.feed.slug, post["id"]), post, self.dry_run)
            if saved == "new":
                report.new += 1
            elif saved == "updated":
                report.updated += 1
            elif saved == "kept":
                skipped["stored file unreadable or another post's, left alone"] += 1
        report.notes += [f"{count} skipped: {why}" for why, count in sorted(skipped.items())]
        report.result = "new" if report.new or report.updated else "unchanged"
        if not read.entries:
            report.reason = "the feed has no entries"
        else:
            report.reason = f"{report.new} new, {report.updated} updated" if report.result == "new" else "no new posts"
        self.remember(fetched, fetched.validators)


def _pool(workers: int | None, feeds: int, companies: Sequence[Company]) -> ProcessPoolExecutor | None:
    if workers is None:
        workers = (os.cpu_count() or 1) if feeds >= POOL_FROM else 0
    if workers <= 0:
        return None
    # Fork is fast; the pool is started and warmed before the event loop or any client thread exists.
    context = multiprocessing.get_context("fork") if os.name == "posix" else None
    pool = ProcessPoolExecutor(workers, mp_context=context, initializer=init_worker, initargs=(list(companies),))
    list(pool.map(int, range(workers)))
    return pool


def import_feeds(reviews: Path, feeds: Sequence[FeedSubscription], companies: Sequence[Company],
                 limits: FetchLimits | None = None, dry_run: bool = False,
                 fetch_url: Callable[[str], str] | None = None,
                 on_done: Callable[[FeedReport], None] | None = None,
                 workers: int | None = None, on_start: Callable[[], None] | None = None,
                 hosts: HostPolicy | None = None) -> list[FeedReport]:
    """Import `feeds` into reviews/posts/. Reports come back in the order of `feeds`.

    `fetch_url` maps a configured URL to the address actually asked (the sample refresh serves
    fixtures locally); the configured URL stays the key for state and the base for links.
    `workers`: processes that read feeds; None picks by the number of feeds and CPUs, 0 reads in-process.
    `on_start` runs once the workers exist: start progress display threads there, not before the fork.
    `hosts`: only public addresses are fetched from, and those it allows; None allows no others.
    Tests that serve feeds on 127.0.0.1 allow that address; the scheduled import never does.
    """
    pool = _pool(workers, len(feeds), companies)
    if on_start is not None:
        on_start()
    try:
        run = _Run(reviews, feeds, companies, dry_run, on_done, pool)
        requests = [run.request(f, fetch_url(f.url) if fetch_url else None) for f in feeds]
        asyncio.run(fetch_all_async(requests, limits or FetchLimits(), run.handle, hosts))
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
    if not dry_run and feeds:
        save_state(run.state_path, run.state)
    return [run.reports[f.url] for f in feeds]
