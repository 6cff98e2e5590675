"""What a shared link shows: Open Graph and Twitter card tags and JSON-LD structured data.

Front matter carries them to theme/partials/share-tags.html, which prints them as they are: the
tag values are escaped here (MkDocs' Jinja does not autoescape) and the JSON-LD is made safe for a
<script> block. Incident pages say what the record is about and nothing more: no review or rating
markup, which search engines do not allow a site to give for reviews it collects of others.
"""

from __future__ import annotations

from typing import Any

from generator.model import RATINGS, Company, Incident
from generator.render import urls
from generator.render.text_safety import clip, esc, script_json, strip_control
from generator.scoring.grade import Grade
from generator.scoring.metrics import CompanyMetrics
from generator.scoring.verdict import verdict_words

SCHEMA_ORG = "https://schema.org"
HEADLINE_LIMIT = 110  # what search engines show of an article's headline


def absolute_url(site_url: str | None, url: str) -> str | None:
    return site_url.rstrip("/") + "/" + url if site_url else None


def share_meta(title: str, description: str, url: str | None, kind: str, data: dict[str, Any]) -> dict[str, str]:
    """Front matter for the share tags: plain-text title and description, the page's absolute URL
    (None without site_url), the og:type and the JSON-LD object."""
    meta = {"og_title": esc(title), "og_description": esc(description), "og_type": kind,
            "jsonld": script_json({"@context": SCHEMA_ORG, **data})}
    if url:
        meta["og_url"] = esc(url)
    return meta


def counts_words(metrics: CompanyMetrics) -> str:
    """'3 incidents on record: 2 good, 1 ugly', every rating that has any, in the site's order."""
    parts = [f"{metrics.counts[r]} {r}" for r in RATINGS if metrics.counts[r]]
    total = f"{metrics.total} incident{'' if metrics.total == 1 else 's'} on record"
    return f"{total}: {', '.join(parts)}" if parts else total


def company_share(company: Company, metrics: CompanyMetrics, grade: Grade, site_url: str | None) -> dict[str, str]:
    verdict = verdict_words(grade)  # the words the page shows
    description = f"{verdict}{'' if verdict.endswith('.') else '.'} {counts_words(metrics)}."
    url = absolute_url(site_url, urls.company(company.slug))
    data: dict[str, Any] = {"@type": "Organization", "name": strip_control(company.name)}
    if company.aliases:
        data["alternateName"] = [strip_control(alias) for alias in company.aliases]
    if company.website:
        data["url"] = strip_control(company.website)
    if url:
        data["mainEntityOfPage"] = url
    return share_meta(f"{company.name}: customer-service track record", description, url, "website", data)


def incident_share(item: Incident, company: Company, site_url: str | None) -> dict[str, str]:
    description = f"Rated {item.rating} by the writer · about {company.name} · {item.date}"
    url = absolute_url(site_url, urls.incident(item))
    about: dict[str, Any] = {"@type": "Organization", "name": strip_control(company.name)}
    company_url = absolute_url(site_url, urls.company(company.slug))
    if company_url:
        about["url"] = company_url
    data: dict[str, Any] = {"@type": "Article", "headline": clip(strip_control(item.title), HEADLINE_LIMIT),
                            "datePublished": str(item.date), "about": about}
    if url:
        data["url"] = url
    return share_meta(item.title, description, url, "article", data)
