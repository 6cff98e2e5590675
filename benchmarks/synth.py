"""Write a synthetic trackrecord project: N incidents across N/10 companies, and N imported posts.

    python benchmarks/synth.py --incidents 10000 --out /tmp/corpus-10k [--seed 1]

The corpus looks like the sample records (text lengths, fields, timelines, replies, tags) so that
build timings mean something, and it passes `trackrecord validate`. The same seed writes the same
bytes. mkdocs.yml, docs/ and theme/ are copied from the repository (or from --project-from).
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import random
import re
import shutil
from pathlib import Path

from synth_text import Company, company_reply, incident_texts, post_fields, timeline_texts, title_for
from synth_words import (
    CHANNEL_PHRASES,
    FEED_THEMES,
    FIRST_NAMES,
    INDUSTRY_NOUNS,
    INDUSTRY_WEIGHTS,
    NAME_ENDS,
    NAME_STARTS,
    PUBLISHERS,
    REGIONS,
    SCENARIOS,
    TAG_EXTRAS,
)

# Run as a script, this folder is on sys.path: the siblings import by their plain names.
from generator.records.builders import feed_slug

REPO = Path(__file__).resolve().parent.parent
SPAN_YEARS = 15
LATEST = dt.date(2026, 9, 30)  # fixed, so a seed gives the same corpus on any day after it
_PLAIN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$|^\d{4}-\d{2}-\d{2}$")
_YAML_WORDS = {"y", "n", "yes", "no", "on", "off", "true", "false", "null"}
SCHEMA_LINE = "# yaml-language-server: $schema=../../../generator/schemas/{}.schema.json"


def latest_day() -> dt.date:
    return min(LATEST, dt.date.today())


# ---- YAML in the style writers use: block scalars for prose, quoted one-liners ----------------

def _scalar(value: str | int) -> str:
    text = str(value)
    if _PLAIN.match(text) and text not in _YAML_WORDS and not text.isdigit():
        return text
    return json.dumps(text, ensure_ascii=False)


def _emit(key: str, value: object, indent: int, lines: list[str], first: str = "") -> None:
    """One `key: value` entry; `first` replaces the indent for the first line of a list item."""
    pad = first or " " * indent
    if isinstance(value, str) and "\n" in value:
        lines.append(f"{pad}{key}: |")
        lines += [(" " * (indent + 2) + line) if line else "" for line in value.rstrip("\n").split("\n")]
    elif isinstance(value, dict):
        lines.append(f"{pad}{key}:")
        for k, v in value.items():
            _emit(k, v, indent + 2, lines)
    elif isinstance(value, list):
        lines.append(f"{pad}{key}:")
        for item in value:
            if isinstance(item, dict):
                for i, (k, v) in enumerate(item.items()):
                    _emit(k, v, indent + 4, lines, first=" " * (indent + 2) + "- " if i == 0 else "")
            else:
                lines.append(" " * (indent + 2) + "- " + _scalar(item))
    else:
        assert isinstance(value, str | int)
        lines.append(f"{pad}{key}: {_scalar(value)}")


def to_yaml(record: dict[str, object], kind: str) -> str:
    schema = SCHEMA_LINE.format(kind)
    lines = [schema.replace("../../../", "../../") if kind == "company" else schema]
    for key, value in record.items():
        _emit(key, value, 0, lines)
    return "\n".join(lines) + "\n"


# ---- companies ---------------------------------------------------------------------------------

def slugify(text: str, words: int = 8) -> str:
    return "-".join(re.findall(r"[a-z0-9]+", text.lower().replace("&", "and"))[:words]) or "x"


def make_companies(rng: random.Random, count: int) -> list[Company]:
    industries = list(INDUSTRY_WEIGHTS)
    weights = [INDUSTRY_WEIGHTS[i] for i in industries]
    names: set[str] = set()
    companies: list[Company] = []
    for _ in range(count):
        industry = rng.choices(industries, weights)[0]
        stem = rng.choice(NAME_STARTS) + rng.choice(NAME_ENDS)
        name = f"{stem} {rng.choice(INDUSTRY_NOUNS[industry])}"
        extra = 0
        while name in names:  # a regional arm, then a number, keeps every name (and slug) unique
            base = f"{stem} {rng.choice(INDUSTRY_NOUNS[industry])}"
            number = f" {extra // len(REGIONS) + 1}" if extra >= len(REGIONS) else ""
            name = f"{base} {REGIONS[extra % len(REGIONS)]}{number}"
            extra += 1
        names.add(name)
        aliases: list[str] = []
        if rng.random() < 0.4:
            initials = "".join(w[0] for w in name.split() if w[0].isalpha()).upper()
            aliases = [a for a in dict.fromkeys([stem, initials, f"{stem} Group"]) if len(a) >= 2 and a != name]
            aliases = aliases[: rng.randint(1, len(aliases))]
        companies.append(Company(slugify(name, 12), name, industry, tuple(aliases)))
    # Subsidiaries hang off companies that are not themselves subsidiaries: no cycles by construction.
    tops = [c for c in companies if rng.random() < 0.9]
    top_slugs = {c.slug for c in tops}
    for company in companies:
        if company.slug not in top_slugs and tops:
            company.parent = rng.choice(tops).slug
    for company in rng.sample(tops, k=len(tops) // 100):  # a few renamed or merged into another
        target = rng.choice(tops)
        if target.slug != company.slug and target.renamed_to is None:
            company.renamed_to = target.slug
    return companies


def company_record(company: Company, rng: random.Random) -> dict[str, object]:
    record: dict[str, object] = {"name": company.name}
    if company.aliases:
        record["aliases"] = list(company.aliases)
    record["website"] = f"https://www.{company.slug}.example"
    record["industry"] = company.industry
    if company.parent:
        record["parent"] = company.parent
    what = rng.choice(("A national", "A regional", "An online", "A long-established", "A fast-growing"))
    record["description"] = f"{what} {company.industry} company, {company.name} serves customers by phone, " \
                            f"online and in person.\n"
    if company.renamed_to:
        record["renamed_to"] = company.renamed_to
    return record


def allocate(rng: random.Random, companies: list[Company], n: int) -> list[Company]:
    """One company per incident, skewed like real complaint sites: a few draw hundreds, most a handful."""
    order = companies[:]
    rng.shuffle(order)
    weights = [1 / (rank + 1) ** 0.7 for rank in range(len(order))]
    picked = list(order) if n >= len(order) else []  # every company gets at least one when possible
    picked += rng.choices(order, weights, k=n - len(picked))
    rng.shuffle(picked)
    return picked


# ---- incidents ---------------------------------------------------------------------------------

def _day(rng: random.Random, latest: dt.date) -> dt.date:
    # More records for recent years, as a site grows: offsets bunch towards the latest day.
    return latest - dt.timedelta(days=int(SPAN_YEARS * 365 * rng.random() ** 1.5))


def _later(rng: random.Random, start: dt.date, most: int, latest: dt.date) -> dt.date | None:
    day = start + dt.timedelta(days=rng.randint(0, most))
    return day if day <= latest else None


def make_incident(rng: random.Random, company: Company, latest: dt.date) -> dict[str, object]:
    scenario = rng.choice(list(SCENARIOS))
    day = _day(rng, latest)
    rating = "good" if scenario == "recovery" else rng.choices(("bad", "ugly", "good"), (64, 30, 6))[0]
    channels = rng.sample(list(CHANNEL_PHRASES), k=rng.choice((1, 1, 1, 2, 2, 3)))
    issue, response, slots = incident_texts(rng, company, scenario, channels[0])
    record: dict[str, object] = {"company": company.slug, "title": title_for(rng, scenario, slots),
                                 "date": day.isoformat(), "rating": rating, "issue": issue, "response": response}
    record["sources"] = _sources(rng, company, day, latest)
    record["channel"] = channels
    if rng.random() < 0.8:
        record["reported_by"] = f"{rng.choice(('writer', 'editor', 'reader', 'volunteer'))}{rng.randint(1, 150)}"
    contacted = _later(rng, day, 7, latest) if rng.random() < 0.85 else None
    first = _later(rng, contacted, 60, latest) if contacted and rng.random() < 0.7 else None
    resolved = _later(rng, first, 120, latest) if first and rng.random() < 0.55 else None
    for name, value in (("contacted", contacted), ("first_response", first), ("resolved", resolved)):
        if value:
            record[name] = value.isoformat()
    if resolved:
        record["status"] = "resolved"
        record["outcome"] = rng.choice(("refund", "credit", "replacement", "repair", "apology", "compensation"))
    elif first:
        record["status"] = rng.choice(("responded", "responded", "responded", "disputed"))
    elif (latest - day).days > 90:
        record["status"] = "unresolved"
        if rng.random() < 0.5:
            record["outcome"] = "none"
    else:
        record["status"] = "open"
    if rng.random() < 0.3:
        record["timeline"] = _timeline(rng, company, day, latest, slots)
    scenario_tags = list(SCENARIOS[scenario]["tags"])
    tags = rng.sample(scenario_tags, k=rng.randint(1, 3)) + rng.sample(TAG_EXTRAS, k=rng.choice((0, 0, 1, 1, 2)))
    record["tags"] = list(dict.fromkeys(tags))
    if rng.random() < 0.15:
        when = _later(rng, day, 200, latest) or day
        statement = f"https://www.{company.slug}.example/news/statement-{rng.randint(100, 99999)}"
        record["company_reply"] = {"text": company_reply(rng), "date": when.isoformat(), "source": statement}
    return record


def _sources(rng: random.Random, company: Company, day: dt.date, latest: dt.date) -> list[object]:
    out: list[object] = []
    for _ in range(rng.choice((1, 1, 1, 2, 2, 3))):
        published = _later(rng, day, 60, latest) or day
        if rng.random() < 0.5:
            out.append(f"https://{slugify(rng.choice(PUBLISHERS))}.example/{published.year}/"
                       f"{company.slug}-{rng.randint(1000, 999999)}")
        else:
            out.append({"title": f"My experience with {company.name}", "publisher": rng.choice(PUBLISHERS),
                        "date": published.isoformat()})
    return out


def _timeline(rng: random.Random, company: Company, day: dt.date, latest: dt.date,
              slots: dict[str, str]) -> list[dict[str, object]]:
    entries: list[dict[str, object]] = []
    when = day
    for text in timeline_texts(rng, slots, rng.choice((1, 1, 2, 3))):
        when = _later(rng, when, 90, latest) or when
        entry: dict[str, object] = {"date": when.isoformat(), "text": text}
        if rng.random() < 0.4:  # some updates change the rating: made right, or made worse
            entry["rating"] = rng.choice(("good", "good", "bad", "ugly"))
        entries.append(entry)
    return entries


# ---- the project --------------------------------------------------------------------------------

def write_posts(rng: random.Random, reviews: Path, companies: list[Company], n: int, latest: dt.date) -> int:
    feeds: list[dict[str, object]] = []
    for i in range(max(3, n // 100)):
        name = f"{rng.choice(FIRST_NAMES)}'s {rng.choice(FEED_THEMES)} {i + 1}"
        slug = feed_slug(name)
        feed: dict[str, object] = {"url": f"https://{slug}.blog.example/feed.xml", "name": name,
                                   "site": f"https://{slug}.blog.example/"}
        if rng.random() < 0.2:
            feed["companies"] = [c.slug for c in rng.sample(companies, k=min(len(companies), rng.randint(1, 2)))]
        if rng.random() < 0.1:
            feed["include"] = ["customer service", "refund", "complaint"]
        feeds.append(feed)
    lines = ["# yaml-language-server: $schema=../generator/schemas/feeds.schema.json", "feeds:"]
    for feed in feeds:
        _emit("url", feed["url"], 2, lines, first="  - ")
        for key in ("name", "site", "companies", "include"):
            if key in feed:
                _emit(key, feed[key], 4, lines)
    (reviews / "feeds.yml").write_text("\n".join(lines) + "\n", "utf-8")
    for i in range(n):
        feed = feeds[min(len(feeds) - 1, int(len(feeds) * rng.random() ** 1.3))]
        linked = feed.get("companies", [])
        assert isinstance(linked, list)
        fields = post_fields(rng, i, feed_slug(str(feed["name"])), linked, companies, _day(rng, latest))
        digest = hashlib.sha256(str(fields["id"]).encode("utf-8")).hexdigest()[:16]
        target = reviews / "posts" / str(fields["feed"]) / f"{digest}.yml"
        target.parent.mkdir(parents=True, exist_ok=True)
        body = [SCHEMA_LINE.format("post"), "# Written by `trackrecord import`."]
        for key, value in fields.items():
            if isinstance(value, list):
                body += [f"{key}:", *(f"  - {json.dumps(v)}" for v in value)]
            else:
                body.append(f"{key}: {json.dumps(value, ensure_ascii=False)}")
        target.write_text("\n".join(body) + "\n", "utf-8")
    return len(feeds)


def write_project(out: Path, n: int, seed: int = 1, project_from: Path = REPO,
                  posts: int | None = None) -> dict[str, int]:
    """Write the whole project into `out` (created; must not hold a reviews/ folder). Returns counts."""
    rng = random.Random(seed)
    latest = latest_day()
    reviews = out / "reviews"
    if reviews.exists():
        raise SystemExit(f"{reviews}: already exists; synth writes into a new folder")
    (reviews / "companies").mkdir(parents=True)
    companies = make_companies(rng, max(1, n // 10))
    for company in companies:
        text = to_yaml(company_record(company, rng), "company")
        (reviews / "companies" / f"{company.slug}.yml").write_text(text, "utf-8")
    stems: set[str] = set()
    for company in allocate(rng, companies, n):
        record = make_incident(rng, company, latest)
        stem = f"{record['date']}-{slugify(str(record['title']))}"
        base, k = stem, 2
        while f"{company.slug}/{stem}" in stems:
            stem, k = f"{base}-{k}", k + 1
        stems.add(f"{company.slug}/{stem}")
        folder = reviews / "incidents" / company.slug
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{stem}.yml").write_text(to_yaml(record, "incident"), "utf-8")
    feeds = write_posts(rng, reviews, companies, n if posts is None else posts, latest)
    for name in ("docs", "theme"):
        if (project_from / name).is_dir():
            shutil.copytree(project_from / name, out / name, dirs_exist_ok=True)
    shutil.copy2(project_from / "mkdocs.yml", out / "mkdocs.yml")
    files = sum(1 for p in reviews.rglob("*") if p.is_file())
    return {"incidents": n, "companies": len(companies), "posts": n if posts is None else posts,
            "feeds": feeds, "files": files}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--incidents", type=int, required=True, help="how many incidents (companies: N/10)")
    parser.add_argument("--out", type=Path, required=True, help="folder to write the project into")
    parser.add_argument("--seed", type=int, default=1, help="same seed, same corpus (default 1)")
    parser.add_argument("--posts", type=int, default=None, help="imported posts (default: as many as incidents)")
    parser.add_argument("--project-from", type=Path, default=REPO,
                        help="where mkdocs.yml, docs/ and theme/ come from (default: this repository)")
    args = parser.parse_args(argv)
    counts = write_project(args.out, args.incidents, args.seed, args.project_from, args.posts)
    print(" ".join(f"{k}={v}" for k, v in counts.items()), f"-> {args.out}")


if __name__ == "__main__":
    main()
