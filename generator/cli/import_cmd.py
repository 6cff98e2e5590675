"""`trackrecord import`: bring in posts from the feeds listed in reviews/feeds.yml."""

from __future__ import annotations

import os
from pathlib import Path

import click

from generator.records.builders import feed_slug

# Mirrors generator.importer.fetch.FetchLimits; the importer itself (httpx, feedparser, nh3)
# is imported only when the command runs, so the other commands start faster.
_DEFAULTS = {"concurrency": 100, "read_timeout": 20.0, "deadline": 45.0, "max_bytes": 5 * 1024 * 1024}


@click.command(name="import")
@click.option("--reviews", type=click.Path(file_okay=False, path_type=Path), default=Path("reviews"),
              show_default=True, help="The reviews/ folder; posts go to its posts/ folder.")
@click.option("--feeds", "feeds_file", type=click.Path(dir_okay=False, path_type=Path),
              help="The subscriptions file.  [default: REVIEWS/feeds.yml]")
@click.option("--only", "only", multiple=True, metavar="NAME",
              help="Import only the feed with this name or folder slug. Repeatable.")
@click.option("--dry-run", is_flag=True, help="Fetch and read everything, but write nothing.")
@click.option("--strict", is_flag=True, help="Exit 1 if any feed failed (default: only a bad config does).")
@click.option("--concurrency", type=click.IntRange(1, 512), default=_DEFAULTS["concurrency"], show_default=True,
              help="Feeds fetched at the same time.")
@click.option("--timeout", type=click.FloatRange(0.1, 600), default=_DEFAULTS["read_timeout"], show_default=True,
              help="Seconds to wait for a connection, and for each read.")
@click.option("--deadline", type=click.FloatRange(0.1, 3600), default=_DEFAULTS["deadline"], show_default=True,
              help="Seconds one feed may take in all, however slowly it drips.")
@click.option("--max-bytes", type=click.IntRange(1024), default=_DEFAULTS["max_bytes"], show_default=True,
              help="Largest feed accepted, counted after decompression.")
def import_(reviews: Path, feeds_file: Path | None, only: tuple[str, ...], dry_run: bool, strict: bool,
            concurrency: int, timeout: float, deadline: float, max_bytes: int) -> None:
    """Import posts from the RSS and Atom feeds listed in feeds.yml.

    Each entry becomes reviews/posts/<feed>/<hash>.yml, linked to the companies it names. Feeds
    are fetched at the same time, with a timeout, a deadline and a size cap each, and only when
    they changed (ETag / Last-Modified). Stored posts are never deleted. Running it again on
    unchanged feeds writes nothing, so a scheduled job can commit whatever changed.

    Feeds are fetched from public addresses only: a feed (or a redirect) to a loopback, private
    or link-local address is refused, so a feed list from a pull request cannot reach this
    machine or its network.

    Exits 0 unless feeds.yml is invalid; with --strict, also 1 if any feed failed.

    \b
    Examples:
      trackrecord import
      trackrecord import --only "Shoebox Diaries" --dry-run
      trackrecord import --feeds my-feeds.yml --strict
    """
    from rich.console import Console

    from generator.importer.config import ConfigError, load_companies, load_feeds
    from generator.importer.fetch import FetchLimits
    from generator.importer.pipeline import import_feeds
    from generator.importer.public_hosts import ALLOW_ENV, HostPolicy, parse_allowed
    from generator.importer.report import ImportProgress, summary_lines, totals

    try:
        allowed = parse_allowed(os.environ.get(ALLOW_ENV, ""))
    except ValueError as exc:
        raise click.ClickException(str(exc)) from None
    if allowed:
        shown = ", ".join(sorted(map(str, allowed)))
        click.echo(f"{ALLOW_ENV} is set: also fetching from {shown} (for tests only)", err=True)
    companies = load_companies(reviews)
    try:
        feeds = load_feeds(feeds_file or reviews / "feeds.yml", companies)
    except ConfigError as exc:
        raise click.ClickException("invalid feeds file:\n" + "\n".join(map(str, exc.problems))) from None
    if only:
        wanted = {name.casefold() for name in only} | {feed_slug(name) for name in only}
        chosen = tuple(f for f in feeds if f.name.casefold() in wanted or f.slug in wanted)
        if not chosen:
            names = ", ".join(f.name for f in feeds) or "(none)"
            raise click.ClickException(f"no feed named {', '.join(only)!r}; the feeds are: {names}")
        feeds = chosen
    limits = FetchLimits(connect_timeout=timeout, read_timeout=timeout, deadline=deadline,
                         max_bytes=max_bytes, concurrency=concurrency)
    console = Console(stderr=True)
    with ImportProgress(console, len(feeds)) as progress:
        reports = import_feeds(reviews, feeds, companies, limits, dry_run=dry_run, on_done=progress.done,
                               on_start=progress.start, hosts=HostPolicy(allowed))
    for line in summary_lines(reports, dry_run):
        click.echo(line)
    click.echo(totals(reports))
    if strict and any(r.result == "failed" for r in reports):
        raise SystemExit(1)
