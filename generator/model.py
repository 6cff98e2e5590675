"""The typed model every later stage works on. Built only by `generator.records.reader`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

Rating = Literal["good", "bad", "ugly"]
RATINGS: tuple[Rating, ...] = ("good", "bad", "ugly")


@dataclass(frozen=True, slots=True)
class Source:
    """A bare URL, or a citation where the address is unknown or gone."""

    url: str | None = None
    title: str | None = None
    publisher: str | None = None
    date: dt.date | None = None
    quote: str | None = None  # a short passage of the source that supports the claim
    archive_url: str | None = None  # a saved copy in a web archive


@dataclass(frozen=True, slots=True)
class Received:
    """A statement that reached the maintainers privately (email, web form), vouched for by one of them."""

    how: str  # email, web-form, issue-form, letter, phone, other
    checked_by: str  # the maintainer's handle
    date: dt.date | None = None


@dataclass(frozen=True, slots=True)
class Statement:
    """The customer's rebuttal to a company reply: published as given."""

    text: str
    date: dt.date | None = None
    source: Source | None = None
    received: Received | None = None


@dataclass(frozen=True, slots=True)
class Decision:
    date: dt.date
    text: str


@dataclass(frozen=True, slots=True)
class Dispute:
    """Someone contests the record. While `decided` is None it is open, and the incident does not count."""

    date: dt.date
    by: str
    summary: str
    source: Source | None = None
    decided: Decision | None = None

    @property
    def open(self) -> bool:
        return self.decided is None


@dataclass(frozen=True, slots=True)
class Correction:
    date: dt.date
    changed: str
    why: str


@dataclass(frozen=True, slots=True)
class Withdrawal:
    date: dt.date
    reason: str


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    date: dt.date
    text: str
    rating: Rating | None = None
    company_answered: bool = False  # this update records the company's answer


@dataclass(frozen=True, slots=True)
class CompanyReply:
    text: str
    date: dt.date | None  # None when the sources do not date it
    source: Source | None  # where it can be read: the company's own address, or the post quoting it
    received: Received | None = None  # how it reached the maintainers when it has no public address
    rebuttal: Statement | None = None  # the customer's answer to it


@dataclass(frozen=True, slots=True)
class Company:
    slug: str
    name: str
    path: str
    aliases: tuple[str, ...] = ()
    website: str | None = None
    industry: str | None = None
    parent: str | None = None
    description: str | None = None
    renamed_to: str | None = None
    public_contacts: tuple[str, ...] = ()  # addresses and numbers the company publishes itself


@dataclass(frozen=True, slots=True)
class Incident:
    company: str
    slug: str  # "<YYYY-MM-DD>-<slug>", the file stem; unique within its company
    path: str  # relative to the repository root, with forward slashes
    title: str
    date: dt.date  # the day it began, or (date_is "reported") the day the first source reported it
    initial_rating: Rating
    issue: str
    response: str
    sources: tuple[Source, ...]
    channel: tuple[str, ...] = ()
    reported_by: str | None = None
    contacted: dt.date | None = None
    first_response: dt.date | None = None
    resolved: dt.date | None = None
    status: str | None = None
    outcome: str | None = None
    timeline: tuple[TimelineEntry, ...] = ()
    tags: tuple[str, ...] = ()
    company_reply: CompanyReply | None = None
    answer: str | None = None  # as written: "answered", "not-answered", "not-known"; see generator.scoring.answers
    date_is: str = "began"  # or "reported"
    dispute: Dispute | None = None
    corrections: tuple[Correction, ...] = ()
    withdrawn: Withdrawal | None = None

    @property
    def disputed(self) -> bool:
        """An open dispute: the incident is shown, marked, and left out of the grade and the rates."""
        return self.dispute is not None and self.dispute.open

    @property
    def key(self) -> str:
        """Unique across the corpus: `<company>/<slug>`."""
        return f"{self.company}/{self.slug}"

    @property
    def rating(self) -> Rating:
        """The current rating: the latest timeline update that set one, else the initial."""
        for entry in sorted(self.timeline, key=lambda e: e.date, reverse=True):
            if entry.rating is not None:
                return entry.rating
        return self.initial_rating

    @property
    def updated(self) -> dt.date:
        """The date of the latest thing that happened to this record."""
        dates = [self.date, *(e.date for e in self.timeline)]
        if self.company_reply is not None and self.company_reply.date is not None:
            dates.append(self.company_reply.date)
        rebuttal = self.company_reply.rebuttal if self.company_reply is not None else None
        if rebuttal is not None and rebuttal.date is not None:
            dates.append(rebuttal.date)
        if self.dispute is not None:
            dates.append(self.dispute.date)
            if self.dispute.decided is not None:
                dates.append(self.dispute.decided.date)
        dates += [c.date for c in self.corrections]
        return max(dates)


@dataclass(frozen=True, slots=True)
class LastChange:
    """A record file's last commit, read from git at build time."""

    date: dt.date
    commit: str


@dataclass(frozen=True, slots=True)
class FeedSubscription:
    url: str
    name: str
    slug: str
    site: str | None = None
    companies: tuple[str, ...] = ()
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Post:
    id: str
    feed: str  # the feed's slug
    path: str
    title: str
    link: str
    published: dt.datetime | None = None
    updated: dt.datetime | None = None
    author: str | None = None
    summary: str = ""  # sanitized HTML
    companies: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Corpus:
    """Everything a build needs, gathered before anything is written."""

    companies: dict[str, Company] = field(default_factory=dict)
    incidents: tuple[Incident, ...] = ()
    feeds: tuple[FeedSubscription, ...] = ()
    posts: tuple[Post, ...] = ()
