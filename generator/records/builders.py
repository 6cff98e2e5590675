"""Turn schema-checked documents into the typed model. Input here is already valid."""

from __future__ import annotations

import datetime as dt
from typing import Any

from generator.model import (
    Company,
    CompanyReply,
    Correction,
    Decision,
    Dispute,
    FeedSubscription,
    Incident,
    Post,
    Received,
    Source,
    Statement,
    TimelineEntry,
    Withdrawal,
)
from generator.records.yaml_source import Document
from generator.render.text_safety import person_name, slugify


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def parse_timestamp(value: str) -> dt.datetime:
    """An ISO 8601 date and time, in UTC when it names no zone. Raises ValueError."""
    parsed = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)


def _datetime(value: str | None) -> dt.datetime | None:
    return parse_timestamp(value) if value else None


def _source(value: str | dict[str, Any]) -> Source:
    if isinstance(value, str):
        return Source(url=value)
    return Source(
        url=value.get("url"),
        title=value.get("title"),
        publisher=value.get("publisher"),
        date=_date(value.get("date")),
        quote=value.get("quote"),
        archive_url=value.get("archive_url"),
    )


def _maybe_source(value: str | dict[str, Any] | None) -> Source | None:
    return _source(value) if value is not None else None


def _received(value: dict[str, Any] | None) -> Received | None:
    if value is None:
        return None
    return Received(how=value["how"], checked_by=value["checked_by"], date=_date(value.get("date")))


def _reply(value: dict[str, Any] | None) -> CompanyReply | None:
    if not value:
        return None
    rebuttal = value.get("rebuttal")
    return CompanyReply(
        text=value["text"], date=_date(value.get("date")), source=_maybe_source(value.get("source")),
        received=_received(value.get("received")),
        rebuttal=Statement(rebuttal["text"], _date(rebuttal.get("date")), _maybe_source(rebuttal.get("source")),
                           _received(rebuttal.get("received"))) if rebuttal else None,
    )


def _dispute(value: dict[str, Any] | None) -> Dispute | None:
    if not value:
        return None
    decided = value.get("decided")
    return Dispute(
        date=dt.date.fromisoformat(value["date"]), by=value["by"], summary=value["summary"],
        source=_maybe_source(value.get("source")),
        decided=Decision(dt.date.fromisoformat(decided["date"]), decided["decision"]) if decided else None,
    )


def build_company(slug: str, doc: Document) -> Company:
    d = doc.data
    return Company(
        slug=slug,
        name=d["name"],
        path=doc.path,
        aliases=tuple(d.get("aliases", ())),
        website=d.get("website"),
        industry=d.get("industry"),
        parent=d.get("parent"),
        description=d.get("description"),
        renamed_to=d.get("renamed_to"),
        public_contacts=tuple(d.get("public_contacts", ())),
    )


def build_incident(doc: Document) -> Incident:
    d = doc.data
    withdrawn = d.get("withdrawn")
    stem = doc.path.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    return Incident(
        company=d["company"],
        slug=stem,
        path=doc.path,
        title=d["title"],
        date=dt.date.fromisoformat(d["date"]),
        initial_rating=d["rating"],
        issue=d["issue"],
        response=d["response"],
        sources=tuple(_source(s) for s in d["sources"]),
        channel=tuple(d.get("channel", ())),
        reported_by=d.get("reported_by"),
        contacted=_date(d.get("contacted")),
        first_response=_date(d.get("first_response")),
        resolved=_date(d.get("resolved")),
        status=d.get("status"),
        outcome=d.get("outcome"),
        timeline=tuple(
            sorted(
                (TimelineEntry(dt.date.fromisoformat(t["date"]), t["text"], t.get("rating"),
                               t.get("company_answered", False))
                 for t in d.get("timeline", ())),
                key=lambda entry: entry.date,
            )
        ),
        tags=tuple(d.get("tags", ())),
        company_reply=_reply(d.get("company_reply")),
        answer=d.get("answer"),
        date_is=d.get("date_is", "began"),
        dispute=_dispute(d.get("dispute")),
        corrections=tuple(
            sorted((Correction(dt.date.fromisoformat(c["date"]), c["changed"], c["why"])
                    for c in d.get("corrections", ())), key=lambda c: c.date)
        ),
        withdrawn=Withdrawal(dt.date.fromisoformat(withdrawn["date"]), withdrawn["reason"]) if withdrawn else None,
    )


def feed_slug(name: str) -> str:
    """A feed's folder under reviews/posts/, from its name."""
    return slugify(name, 60, fallback="feed")


def build_feeds(doc: Document) -> tuple[FeedSubscription, ...]:
    return tuple(
        FeedSubscription(
            url=f["url"],
            name=f["name"],
            slug=feed_slug(f["name"]),
            site=f.get("site"),
            companies=tuple(f.get("companies", ())),
            include=tuple(f.get("include", ())),
            exclude=tuple(f.get("exclude", ())),
        )
        for f in doc.data.get("feeds", ())
    )


def build_post(doc: Document) -> Post:
    d = doc.data
    return Post(
        id=d["id"],
        feed=d["feed"],
        path=doc.path,
        title=d["title"],
        link=d["link"],
        published=_datetime(d.get("published")),
        updated=_datetime(d.get("updated")),
        author=person_name(d.get("author")),
        summary=d.get("summary", ""),
        companies=tuple(d.get("companies", ())),
    )
