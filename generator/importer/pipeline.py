"""One import run: fetch every feed, read it, store its posts, remember its validators."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from generator.importer.entries import to_post
from generator.importer.fetch import Fetched, FetchLimits, Request, Validators, fetch_all
from generator.importer.matching import CompanyMatcher, KeywordFilter
from generator.importer.parse import parse_feed
from generator.importer.store import load_state, post_file, save_post, save_state, state_file
from generator.model import Company, FeedSubscription

Result = Literal["new", "unchanged", "failed"]


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
                 dry_run: bool, on_done: Callable[[FeedReport], None] | None) -> None:
        self.reviews = reviews
        self.by_url = {f.url: f for f in feeds}
        self.matcher = CompanyMatcher(companies)
        self.dry_run = dry_run
        self.on_done = on_done
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

    def handle(self, fetched: Fetched) -> None:
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
            self.store(fetched, report)
        self.reports[feed.url] = report
        if self.on_done is not None:
            self.on_done(report)

    def store(self, fetched: Fetched, report: FeedReport) -> None:
        feed = report.feed
        parsed = parse_feed(fetched.body, fetched.headers, feed.url)
        if parsed.error:
            # Stored posts stay as they are, and the old validators too, so the next run asks afresh.
            report.result, report.reason = "failed", parsed.error
            self.remember(fetched, None)
            return
        if parsed.warning:
            report.notes.append(parsed.warning)
        keywords = KeywordFilter(feed.include, feed.exclude)
        skipped: Counter[str] = Counter()
        seen: set[str] = set()
        report.entries = len(parsed.entries)
        for entry in parsed.entries:
            post = to_post(entry, feed, self.matcher, keywords)
            if isinstance(post, str):
                skipped[post] += 1
                continue
            if post["id"] in seen:
                skipped["duplicate id"] += 1
                continue
            seen.add(post["id"])
            saved = save_post(post_file(self.reviews, feed.slug, post["id"]), post, self.dry_run)
            if saved == "new":
                report.new += 1
            elif saved == "updated":
                report.updated += 1
            elif saved == "kept":
                skipped["stored file unreadable or another post's, left alone"] += 1
        report.notes += [f"{count} skipped: {why}" for why, count in sorted(skipped.items())]
        report.result = "new" if report.new or report.updated else "unchanged"
        if not parsed.entries:
            report.reason = "the feed has no entries"
        else:
            report.reason = f"{report.new} new, {report.updated} updated" if report.result == "new" else "no new posts"
        self.remember(fetched, fetched.validators)


def import_feeds(reviews: Path, feeds: Sequence[FeedSubscription], companies: Sequence[Company],
                 limits: FetchLimits | None = None, dry_run: bool = False,
                 fetch_url: Callable[[str], str] | None = None,
                 on_done: Callable[[FeedReport], None] | None = None) -> list[FeedReport]:
    """Import `feeds` into reviews/posts/. Reports come back in the order of `feeds`.

    `fetch_url` maps a configured URL to the address actually asked (the sample refresh serves
    fixtures locally); the configured URL stays the key for state and the base for links.
    """
    run = _Run(reviews, feeds, companies, dry_run, on_done)
    requests = [run.request(f, fetch_url(f.url) if fetch_url else None) for f in feeds]
    fetch_all(requests, limits or FetchLimits(), run.handle)
    if not dry_run and feeds:
        save_state(run.state_path, run.state)
    return [run.reports[f.url] for f in feeds]
