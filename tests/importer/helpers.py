"""Helpers shared by the importer tests: a reviews/ folder in a temp dir, and running an import."""

from __future__ import annotations

import hashlib
from pathlib import Path

from support.records import company_yaml, feeds_yaml, write_records

from generator.importer.config import load_companies, load_feeds
from generator.importer.fetch import FetchLimits
from generator.importer.pipeline import FeedReport, import_feeds
from generator.importer.public_hosts import HostPolicy, parse_allowed

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "feeds"
# Tight limits keep the slow cases fast; real runs use the defaults.
LIMITS = FetchLimits(connect_timeout=1.0, read_timeout=0.5, deadline=1.5, max_bytes=1_000_000, concurrency=8)
# The feed server listens on 127.0.0.1, which the import refuses unless told otherwise: tests opt in.
LOCAL = HostPolicy(parse_allowed("127.0.0.1"))

COMPANIES = {
    "acme-air": company_yaml("Acme Air", aliases=["AcmeAir"], industry="airline"),
    "shoe-barn": company_yaml("Shoe Barn", industry="retail"),
    "voltco": company_yaml("VoltCo", industry="utility"),
}


def make_reviews(root: Path, feeds: list[dict[str, object]]) -> Path:
    """A reviews/ folder with the test companies and a feeds.yml listing `feeds`."""
    records = {f"companies/{slug}.yml": text for slug, text in COMPANIES.items()}
    return write_records(root / "reviews", {**records, "feeds.yml": feeds_yaml(feeds)})


def run_import(reviews: Path, limits: FetchLimits = LIMITS, dry_run: bool = False,
               workers: int | None = None, hosts: HostPolicy | None = LOCAL) -> list[FeedReport]:
    """Import with 127.0.0.1 allowed, unless `hosts` says otherwise (None: public addresses only)."""
    companies = load_companies(reviews)
    feeds = load_feeds(reviews / "feeds.yml", companies)
    return import_feeds(reviews, feeds, companies, limits, dry_run=dry_run, workers=workers, hosts=hosts)


def snapshot(folder: Path) -> dict[str, tuple[str, int]]:
    """Every file under `folder`: content hash and modification time (ns), to prove nothing was written."""
    return {
        p.relative_to(folder).as_posix(): (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns)
        for p in sorted(folder.rglob("*")) if p.is_file()
    }


def post_files(reviews: Path) -> list[Path]:
    return sorted((reviews / "posts").rglob("*.yml"))
