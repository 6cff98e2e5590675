"""The JSON API, version 2: plain data for others to build on. Documented in docs/api.md.

Version 2 replaced version 1 when the response rate changed meaning (answers not known no longer count
as "no"); docs/api.md says what changed. Version 1 is no longer written."""

from __future__ import annotations

import json
from typing import Any

from generator.model import Company, Incident, Received, Source, Statement
from generator.render import urls
from generator.scoring.answers import answer_of, case_state, is_contacted
from generator.scoring.catalog import Catalog
from generator.scoring.grade import Grade
from generator.scoring.metrics import CompanyMetrics
from generator.scoring.verdict import verdict_words

API_VERSION = 2


def _absolute(site_url: str | None, path: str) -> str:
    return (site_url.rstrip("/") + "/" + path) if site_url else "/" + path


def _metrics(m: CompanyMetrics) -> dict[str, Any]:
    return {
        "total": m.total,
        "counts": dict(m.counts),
        "last_12_months": dict(m.recent_counts),
        "contacted": m.contacted,
        "answers": {"answered": m.answered, "not_answered": m.not_answered, "not_known": m.answer_not_known},
        "response_rate": m.response_rate,
        "response_rate_over": m.answer_known,
        "median_days_to_first_response": m.median_days_to_response,
        "timed_responses": m.timed_responses,
        "resolved": m.resolved,
        "resolution_rate": m.resolution_rate,
        "resolution_rate_over": m.state_known,
        "disputed": m.disputed,
    }


def _grade(g: Grade, with_lines: bool = False) -> dict[str, Any]:
    out: dict[str, Any] = {
        "letter": g.letter, "score": None if g.score is None else round(g.score, 2), "enough_data": g.enough_data,
        "shortfall": g.shortfall, "stories": g.stories, "prior_share": round(g.prior_share, 4),
        "total_weight": round(g.total_weight, 4), "verdict": verdict_words(g),
    }
    if with_lines:
        out["lines"] = [
            {"incident": line.incident.key, "graded": line.graded, "share": round(line.share, 4),
             "points": round(line.points, 4), "story_size": line.story_size, "disputed": line.disputed,
             "reason": line.reason}
            for line in g.lines
        ]
    return out


def _source(s: Source | None) -> dict[str, Any] | str | None:
    if s is None:
        return None
    if s.title is None and s.quote is None and s.archive_url is None:
        return s.url or ""
    out: dict[str, Any] = {}
    if s.title is not None:
        out.update({"title": s.title, "publisher": s.publisher, "date": s.date.isoformat() if s.date else None})
    for key in ("url", "quote", "archive_url"):
        if getattr(s, key):
            out[key] = getattr(s, key)
    return out


def _day(day: Any) -> str | None:
    return day.isoformat() if day is not None else None


def _received(r: Received | None) -> dict[str, Any] | None:
    return None if r is None else {"how": r.how, "checked_by": r.checked_by, "date": _day(r.date)}


def _statement(st: Statement | None) -> dict[str, Any] | None:
    if st is None:
        return None
    return {"text": st.text, "date": _day(st.date), "source": _source(st.source), "received": _received(st.received)}


def _dispute(item: Incident) -> dict[str, Any] | None:
    d = item.dispute
    if d is None:
        return None
    return {"date": d.date.isoformat(), "by": d.by, "summary": d.summary, "source": _source(d.source),
            "open": d.open, "decided": None if d.decided is None else {
                "date": d.decided.date.isoformat(), "decision": d.decided.text}}


def incident_summary(item: Incident, site_url: str | None) -> dict[str, Any]:
    return {
        "id": item.key,
        "company": item.company,
        "title": item.title,
        "date": item.date.isoformat(),
        "updated": item.updated.isoformat(),
        "date_is": item.date_is,
        "rating": item.rating,
        "raised_with_company": is_contacted(item),
        "answer": answer_of(item).state,
        "status": case_state(item),
        "tags": list(item.tags),
        "company_replied": item.company_reply is not None,
        "disputed": item.disputed,
        "url": _absolute(site_url, urls.incident(item)),
        "json": _absolute(site_url, urls.api(f"companies/{item.company}")),
    }


def incident_full(item: Incident, site_url: str | None) -> dict[str, Any]:
    out = incident_summary(item, site_url)
    out.update({
        "initial_rating": item.initial_rating,
        "issue": item.issue,
        "response": item.response,
        "sources": [_source(s) for s in item.sources],
        "channel": list(item.channel),
        "contacted": item.contacted.isoformat() if item.contacted else None,
        "first_response": item.first_response.isoformat() if item.first_response else None,
        "resolved": item.resolved.isoformat() if item.resolved else None,
        "answer_shown_by": list(answer_of(item).shown_by),
        "outcome": item.outcome,
        "timeline": [
            {"date": e.date.isoformat(), "text": e.text, "rating": e.rating, "company_answered": e.company_answered}
            for e in item.timeline
        ],
        "company_reply": None if item.company_reply is None else {
            "text": item.company_reply.text,
            "date": _day(item.company_reply.date),
            "source": _source(item.company_reply.source),
            "received": _received(item.company_reply.received),
            "rebuttal": _statement(item.company_reply.rebuttal),
        },
        "dispute": _dispute(item),
        "corrections": [{"date": c.date.isoformat(), "changed": c.changed, "why": c.why} for c in item.corrections],
        "record": item.path,
    })
    del out["json"]
    return out


def withdrawn_summary(item: Incident, site_url: str | None) -> dict[str, Any]:
    """A withdrawn record: where it was, when and why it was withdrawn; none of its text."""
    assert item.withdrawn is not None
    return {"id": item.key, "company": item.company, "withdrawn": True,
            "withdrawn_on": item.withdrawn.date.isoformat(), "reason": item.withdrawn.reason,
            "url": _absolute(site_url, urls.incident(item))}


def company_summary(company: Company, catalog: Catalog, site_url: str | None) -> dict[str, Any]:
    return {
        "slug": company.slug,
        "name": company.name,
        "aliases": list(company.aliases),
        "industry": company.industry,
        "website": company.website,
        "parent": company.parent,
        "renamed_to": company.renamed_to,
        "grade": _grade(catalog.grades[company.slug]),
        "metrics": _metrics(catalog.metrics[company.slug]),
        "url": _absolute(site_url, urls.company(company.slug)),
        "json": _absolute(site_url, urls.api(f"companies/{company.slug}")),
    }


def _dump(data: Any) -> bytes:
    # Compact: with indent, the json module falls back from its C encoder to pure Python.
    return (json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


def api_files(catalog: Catalog, site_url: str | None) -> dict[str, bytes]:
    """Every API file by its path under the site root."""
    meta = {"version": API_VERSION, "as_of": catalog.as_of.isoformat()}
    companies = sorted(catalog.corpus.companies.values(), key=lambda c: c.slug)
    files = {
        urls.api("companies"): _dump({**meta, "companies": [company_summary(c, catalog, site_url) for c in companies]}),
        urls.api("incidents"): _dump({**meta, "incidents": [
            incident_summary(i, site_url) for i in catalog.incidents_newest
        ], "withdrawn": [withdrawn_summary(i, site_url) for i in catalog.withdrawn]}),
    }
    for company in companies:
        detail = company_summary(company, catalog, site_url)
        del detail["json"]
        detail["grade"] = _grade(catalog.grades[company.slug], with_lines=True)
        detail["subsidiaries"] = list(catalog.subsidiaries.get(company.slug, ()))
        if company.slug in catalog.subsidiaries:
            detail["rollup"] = {"grade": _grade(catalog.rollup_grades[company.slug], with_lines=True),
                                "metrics": _metrics(catalog.rollup[company.slug])}
        detail["incidents"] = [incident_full(i, site_url) for i in catalog.incidents_by_company.get(company.slug, ())]
        detail["withdrawn"] = [withdrawn_summary(i, site_url) for i in catalog.withdrawn if i.company == company.slug]
        files[urls.api(f"companies/{company.slug}")] = _dump({**meta, "company": detail})
    return files
