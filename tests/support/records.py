"""The record factories every test uses: model objects for the stages after the loader, YAML text for
the loader and the builds. Defaults are plain and valid; a test names what it is about.

    incident("2024-01-01", "ugly", "lost-bag", company="air", tags=("lost-luggage",))
    incident_yaml("acme", "2024-01-12", "Refund refused")  # a valid record file's text
"""

from __future__ import annotations

import datetime as dt
import textwrap
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import yaml

from generator.model import Company, Corpus, Incident, Post, Rating, Source, TimelineEntry

D = dt.date.fromisoformat
DateLike = str | dt.date


def _date(value: DateLike) -> dt.date:
    return value if isinstance(value, dt.date) else D(value)


# -- model objects --------------------------------------------------------------------------------

def company(slug: str = "acme", name: str | None = None, industry: str | None = None, parent: str | None = None,
            **fields: Any) -> Company:
    return Company(slug=slug, name=slug.title() if name is None else name, path=f"reviews/companies/{slug}.yml",
                   industry=industry, parent=parent, **fields)


def incident(date: DateLike = "2024-01-01", rating: Rating = "bad", name: str = "case", *, company: str = "acme",
             **fields: Any) -> Incident:
    """An incident of `company` on `date`, slug `<date>-<name>`, with a source of its own (the grade links
    records that share a source into one story)."""
    day = _date(date)
    slug = f"{day.isoformat()}-{name}"
    values: dict[str, Any] = {
        "title": name,
        "issue": "What happened.",
        "response": "What the company did.",
        "sources": (Source(url=f"https://example.org/{company}/{slug}"),),
        **fields,
    }
    return Incident(company=company, slug=slug, path=f"reviews/incidents/{company}/{slug}.yml", date=day,
                    initial_rating=rating, **values)


def post(id: str, *, feed: str = "blog", companies: Iterable[str] = (), **fields: Any) -> Post:  # noqa: A002
    values: dict[str, Any] = {"path": f"reviews/posts/{feed}/{id}.yml", "title": id,
                              "link": f"https://example.org/posts/{id}", **fields}
    return Post(id=id, feed=feed, companies=tuple(companies), **values)


def corpus(companies: Iterable[Company] = (), incidents: Iterable[Incident] = (), posts: Iterable[Post] = ()) -> Corpus:
    return Corpus(companies={c.slug: c for c in companies}, incidents=tuple(incidents), posts=tuple(posts))


def group_corpus(companies: int, per_company: int, posts: int = 5000) -> Corpus:
    """A large group: c1..c9 under c0, c10..c19 under c1, ... (c0 rolls up everything, four levels deep at
    2,000 companies), incidents spread over 5,000 days from 2010, some with updates, tags and timings."""
    firms = [company(f"c{n}", f"Company {n}", ("airline", "retail", None)[n % 3], f"c{n // 10}" if n else None)
             for n in range(companies)]
    start = D("2010-01-01")
    made = []
    for n in range(companies):
        for k in range(per_company):
            day = start + dt.timedelta(days=(n * 7 + k * 31) % 5000)
            update = (TimelineEntry(day + dt.timedelta(days=40), "Later.", "good"),) if k % 4 == 0 else ()
            made.append(incident(day, ("good", "bad", "ugly")[k % 3], f"i{k}", company=f"c{n}", timeline=update,
                                 tags=(f"tag{k % 50}",), channel=("email",) if k % 2 else (),
                                 contacted=day if k % 3 == 0 else None,
                                 first_response=day + dt.timedelta(days=k % 9) if k % 3 == 0 else None))
    written = [post(f"p{n}", feed="f", title="P", link="https://example.org/",
                    published=dt.datetime(2015, 1, 1) + dt.timedelta(hours=n), companies=(f"c{n % companies}",))
               for n in range(posts)]
    return corpus(firms, made, written)


# -- YAML text, as record files hold it ------------------------------------------------------------

def _yaml(fields: Mapping[str, Any]) -> str:
    return yaml.safe_dump(dict(fields), sort_keys=False, allow_unicode=True, default_flow_style=False, width=1000)


def company_yaml(name: str, **fields: Any) -> str:
    return _yaml({"name": name, **fields})


def incident_yaml(company: str, date: DateLike, title: str, rating: str = "bad", **fields: Any) -> str:
    """A valid incident file's text; `fields` add or replace keys (a value of None drops the key)."""
    values: dict[str, Any] = {
        "company": company, "title": title, "date": _date(date), "rating": rating,
        "issue": "What happened.", "response": "What the company did.",
        "sources": [f"https://example.org/{company}/{_date(date).isoformat()}"],
        **fields,
    }
    return _yaml({key: value for key, value in values.items() if value is not None})


def feeds_yaml(feeds: Iterable[Mapping[str, Any]]) -> str:
    """reviews/feeds.yml listing `feeds` (each a url, a name, and optionally companies, include, exclude)."""
    return _yaml({"feeds": [dict(entry) for entry in feeds]})


def write_records(reviews: Path, records: Mapping[str, str]) -> Path:
    """Each text at its path under `reviews` (dedented, so tests can indent them); returns `reviews`."""
    for rel_path, text in records.items():
        target = reviews / rel_path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return reviews
