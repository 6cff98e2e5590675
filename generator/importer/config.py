"""Read the subscriptions (feeds.yml) and the companies whose names link posts."""

from __future__ import annotations

from pathlib import Path

from generator.model import Company, FeedSubscription
from generator.records.builders import build_company, build_feeds
from generator.records.schema import check
from generator.records.yaml_source import Problem, YamlProblem, read_document


class ConfigError(Exception):
    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(map(str, problems)))


def load_companies(reviews: Path) -> list[Company]:
    """Valid company records; a broken one is `trackrecord validate`'s business, not the import's."""
    found = []
    for file in sorted((reviews / "companies").glob("*.y*ml")):
        try:
            doc = read_document(file, file.as_posix())
        except YamlProblem:
            continue
        if not check(doc, "company"):
            found.append(build_company(file.stem, doc))
    return found


def load_feeds(file: Path, companies: list[Company]) -> tuple[FeedSubscription, ...]:
    """The subscriptions, or ConfigError with every problem."""
    shown = file.as_posix()
    if not file.is_file():
        raise ConfigError([Problem(shown, 1, 1, "(file)", "no such file; list feeds there (see docs/importing.md)")])
    try:
        doc = read_document(file, shown)
    except YamlProblem as exc:
        raise ConfigError([exc.problem]) from None
    problems = check(doc, "feeds")
    known = {c.slug for c in companies}
    entries = doc.data.get("feeds") if isinstance(doc.data, dict) else None
    for i, entry in enumerate(entries if isinstance(entries, list) else []):
        listed = entry.get("companies") if isinstance(entry, dict) else None
        for j, slug in enumerate(listed if isinstance(listed, list) else []):
            if isinstance(slug, str) and slug not in known:
                line, col = doc.where(("feeds", i, "companies", j))
                problems.append(Problem(shown, line, col, f"feeds[{i}].companies[{j}]", f"unknown company {slug!r}"))
    if problems:
        raise ConfigError(sorted(problems, key=lambda p: (p.line, p.col)))
    feeds = build_feeds(doc)
    seen: dict[str, int] = {}
    urls: dict[str, int] = {}
    for i, feed in enumerate(feeds):
        if feed.slug in seen:
            line, col = doc.where(("feeds", i, "name"))
            message = f"{feed.name!r} gives the folder {feed.slug!r}, as feeds[{seen[feed.slug]}] does; rename one"
            problems.append(Problem(shown, line, col, f"feeds[{i}].name", message))
        seen.setdefault(feed.slug, i)
        if feed.url in urls:
            line, col = doc.where(("feeds", i, "url"))
            problems.append(Problem(shown, line, col, f"feeds[{i}].url", f"also feeds[{urls[feed.url]}]'s url"))
        urls.setdefault(feed.url, i)
    if problems:
        raise ConfigError(sorted(problems, key=lambda p: (p.line, p.col)))
    return feeds
