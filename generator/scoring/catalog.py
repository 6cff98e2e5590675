"""Indexes over the whole corpus, built once per build so that no page has to scan everything again.

Orders are fixed so builds repeat byte for byte: incidents newest first by date, ties by `company/slug`
ascending; posts newest first by published (else updated) time, undated posts last, ties by id. The
reference date `as_of` is the newest date found in the records, not today's date, for the same reason.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TypeVar

from generator.model import RATINGS, Company, Corpus, Incident, Post
from generator.scoring.grade import Grade, grade
from generator.scoring.metrics import CompanyMetrics, company_metrics

K = TypeVar("K")


@dataclass(frozen=True)
class Catalog:
    corpus: Corpus  # the published corpus: withdrawn incidents are set apart in `withdrawn`
    as_of: dt.date
    incidents_by_company: Mapping[str, tuple[Incident, ...]]  # every company is a key, newest first
    incidents_newest: tuple[Incident, ...]
    by_rating: Mapping[str, tuple[Incident, ...]]  # current rating; all three keys present
    by_industry: Mapping[str, tuple[Incident, ...]]  # only industries with incidents; sorted keys
    by_tag: Mapping[str, tuple[Incident, ...]]  # sorted keys
    by_year: Mapping[int, tuple[Incident, ...]]  # newest year first
    subsidiaries: Mapping[str, tuple[str, ...]]  # parent -> direct children, sorted
    posts_by_company: Mapping[str, tuple[Post, ...]]  # only companies with posts
    posts_newest: tuple[Post, ...]
    metrics: Mapping[str, CompanyMetrics]  # every company: its own incidents
    rollup: Mapping[str, CompanyMetrics]  # every company: itself and all its descendants
    grades: Mapping[str, Grade]
    rollup_grades: Mapping[str, Grade]
    # Extras beyond the agreed interface.
    incident_by_key: Mapping[str, Incident]  # `company/slug` -> incident
    descendants: Mapping[str, tuple[str, ...]]  # companies with subsidiaries -> all descendants, sorted
    rollup_incidents: Mapping[str, tuple[Incident, ...]]  # every company: itself and descendants, newest first
    companies_by_industry: Mapping[str, tuple[str, ...]]  # industry -> company slugs sorted by name
    ranked: tuple[str, ...]  # companies with enough data for a grade, best score first (ties by name)
    # Withdrawn incidents keep only a notice at their address: in no count, listing, grade or feed.
    withdrawn: tuple[Incident, ...] = ()  # newest first
    withdrawn_by_key: Mapping[str, Incident] = field(default_factory=dict)

    def company_name(self, slug: str) -> str:
        company = self.corpus.companies.get(slug)
        return company.name if company is not None else slug


def newest_first(incidents: Iterable[Incident]) -> tuple[Incident, ...]:
    """The catalog's order of incidents: newest first by date, ties by `company/slug`."""
    return tuple(sorted(incidents, key=lambda i: (-i.date.toordinal(), i.key)))


def _post_moment(post: Post) -> dt.datetime | None:
    """A naive UTC time, so that posts with and without a time zone compare."""
    moment = post.published or post.updated
    if moment is not None and moment.tzinfo is not None:
        moment = moment.astimezone(dt.UTC).replace(tzinfo=None)
    return moment


def _posts_newest(posts: Iterable[Post]) -> tuple[Post, ...]:
    moments = [(_post_moment(post), post) for post in posts]
    dated = [(moment, post) for moment, post in moments if moment is not None]
    dated.sort(key=lambda pair: (pair[0], pair[1].id), reverse=True)
    undated = sorted((post for moment, post in moments if moment is None), key=lambda post: post.id)
    return tuple(post for _, post in dated) + tuple(undated)


def incident_dates(incident: Incident) -> Iterator[dt.date]:
    """Every date of an incident's record: its latest event, and when it was raised, answered and resolved."""
    yield incident.updated
    for date in (incident.contacted, incident.first_response, incident.resolved):
        if date is not None:
            yield date


def newest_date(corpus: Corpus) -> dt.date | None:
    """The newest date anywhere in the records, or None for an empty corpus."""
    dates = [date for incident in corpus.incidents for date in incident_dates(incident)]
    dates += [moment.date() for post in corpus.posts if (moment := _post_moment(post)) is not None]
    return max(dates, default=None)


def _group(items: Iterable[Incident], keys_of: Callable[[Incident], Iterable[K]]) -> dict[K, tuple[Incident, ...]]:
    """Incidents under each of their keys, in the order given (so each group stays newest first)."""
    groups: dict[K, list[Incident]] = defaultdict(list)
    for item in items:
        for key in dict.fromkeys(keys_of(item)):
            groups[key].append(item)
    return {key: tuple(value) for key, value in groups.items()}


def ancestors(slugs: Iterable[str], companies: Mapping[str, Company]) -> set[str]:
    """The slugs and every company above them: the pages that roll their incidents up."""
    out: set[str] = set()
    for slug in slugs:
        current: str | None = slug
        while current is not None and current not in out:
            out.add(current)
            company = companies.get(current)
            current = company.parent if company else None
    return out


def _descendants(children: Mapping[str, tuple[str, ...]], root: str) -> tuple[str, ...]:
    """All companies below `root`, however deep; a cycle (which validation refuses) cannot loop."""
    seen: set[str] = set()
    stack = list(children.get(root, ()))
    while stack:
        slug = stack.pop()
        if slug in seen or slug == root:
            continue
        seen.add(slug)
        stack.extend(children.get(slug, ()))
    return tuple(sorted(seen))


@dataclass
class ScoreMemo:
    """Each company's metrics and grade from the last catalog, kept while serving.

    They are pure functions of the company's incidents and the reference date, and a record
    read from cache is the very same object, so after one edit only the companies whose
    incidents are not all the same objects as last time are scored again.
    """

    scores: dict[tuple[str, bool], tuple[tuple[Incident, ...], dt.date, CompanyMetrics, Grade]] = field(
        default_factory=dict)
    posts: tuple[tuple[Post, ...], tuple[Post, ...]] = ((), ())  # the posts last given, and newest first

    def posts_newest(self, posts: tuple[Post, ...]) -> tuple[Post, ...]:
        """_posts_newest, again only when a post changed: ordering 10,000 of them was a tenth of a rebuild."""
        given, ordered = self.posts
        if not (len(given) == len(posts) and all(a is b for a, b in zip(given, posts, strict=True))):
            ordered = _posts_newest(posts)
            self.posts = (posts, ordered)
        return ordered

    def score(self, slug: str, rolled_up: bool, items: tuple[Incident, ...],
              reference: dt.date) -> tuple[CompanyMetrics, Grade]:
        known = self.scores.get((slug, rolled_up))
        if (known is not None and known[1] == reference and len(known[0]) == len(items)
                and all(a is b for a, b in zip(known[0], items, strict=True))):
            return known[2], known[3]
        scored = company_metrics(items, reference), grade(items, reference)
        self.scores[(slug, rolled_up)] = (items, reference, *scored)
        return scored


def _score(slug: str, rolled_up: bool, items: tuple[Incident, ...], reference: dt.date,
           memo: ScoreMemo | None) -> tuple[CompanyMetrics, Grade]:
    if memo is not None:
        return memo.score(slug, rolled_up, items, reference)
    return company_metrics(items, reference), grade(items, reference)


def ranked_companies(slugs: Iterable[str], grades: Mapping[str, Grade],
                     companies: Mapping[str, Company]) -> tuple[str, ...]:
    """Companies with enough data for a grade, best score first, ties by name."""
    def name_key(slug: str) -> str:
        company = companies.get(slug)
        return (company.name if company else slug).casefold()

    graded = [slug for slug in slugs if grades[slug].score is not None]
    return tuple(sorted(graded, key=lambda slug: (-(grades[slug].score or 0.0), name_key(slug), slug)))


def build_catalog(corpus: Corpus, as_of: dt.date | None = None, memo: ScoreMemo | None = None) -> Catalog:
    """One sort and linear grouping (O(N log N)), then metrics and grades per company. Roll-ups cost
    O(N x depth of the company tree), and company trees are shallow."""
    withdrawn = newest_first(i for i in corpus.incidents if i.withdrawn is not None)
    if withdrawn:
        corpus = dataclasses.replace(corpus, incidents=tuple(i for i in corpus.incidents if i.withdrawn is None))
    reference = as_of or newest_date(corpus) or dt.date.today()
    newest = newest_first(corpus.incidents)
    companies = corpus.companies

    slugs = sorted(set(companies) | {incident.company for incident in newest})
    own: dict[str, tuple[Incident, ...]] = dict.fromkeys(slugs, ())
    own.update(_group(newest, lambda i: (i.company,)))

    by_rating: dict[str, tuple[Incident, ...]] = dict.fromkeys(RATINGS, ())
    by_rating.update(_group(newest, lambda i: (i.rating,)))

    def industry_of(incident: Incident) -> tuple[str, ...]:
        company = companies.get(incident.company)
        return (company.industry,) if company is not None and company.industry else ()

    by_industry = _group(newest, industry_of)
    by_tag = _group(newest, lambda i: i.tags)
    by_year = _group(newest, lambda i: (i.date.year,))

    children_lists: dict[str, list[str]] = defaultdict(list)
    for company in companies.values():
        if company.parent is not None and company.parent != company.slug:
            children_lists[company.parent].append(company.slug)
    subsidiaries = {parent: tuple(sorted(kids)) for parent, kids in sorted(children_lists.items())}
    descendants = {parent: _descendants(subsidiaries, parent) for parent in subsidiaries}

    rollup_incidents = dict(own)
    for parent, below in descendants.items():
        rollup_incidents[parent] = newest_first(i for slug in (parent, *below) for i in own.get(slug, ()))

    scores = {slug: _score(slug, False, items, reference, memo) for slug, items in own.items()}
    metrics = {slug: scored[0] for slug, scored in scores.items()}
    grades = {slug: scored[1] for slug, scored in scores.items()}
    rollup = dict(metrics)
    rollup_grades = dict(grades)
    for parent in descendants:
        rollup[parent], rollup_grades[parent] = _score(parent, True, rollup_incidents[parent], reference, memo)

    posts_newest = memo.posts_newest(corpus.posts) if memo is not None else _posts_newest(corpus.posts)
    posts_lists: dict[str, list[Post]] = defaultdict(list)
    for post in posts_newest:
        for slug in dict.fromkeys(post.companies):
            posts_lists[slug].append(post)

    industries: dict[str, list[str]] = defaultdict(list)
    for company in sorted(companies.values(), key=lambda c: (c.name.casefold(), c.slug)):
        if company.industry:
            industries[company.industry].append(company.slug)

    ranked = ranked_companies(slugs, grades, companies)

    return Catalog(
        corpus=corpus,
        as_of=reference,
        incidents_by_company=own,
        incidents_newest=newest,
        by_rating=by_rating,
        by_industry=dict(sorted(by_industry.items())),
        by_tag=dict(sorted(by_tag.items())),
        by_year=dict(sorted(by_year.items(), reverse=True)),
        subsidiaries=subsidiaries,
        posts_by_company={slug: tuple(items) for slug, items in sorted(posts_lists.items())},
        posts_newest=posts_newest,
        metrics=metrics,
        rollup=rollup,
        grades=grades,
        rollup_grades=rollup_grades,
        incident_by_key={incident.key: incident for incident in newest},
        descendants=descendants,
        rollup_incidents=rollup_incidents,
        companies_by_industry={key: tuple(value) for key, value in sorted(industries.items())},
        ranked=ranked,
        withdrawn=withdrawn,
        withdrawn_by_key={incident.key: incident for incident in withdrawn},
    )
