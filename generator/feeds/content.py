"""What a reader sees of an entry: title, plain summary, sanitized HTML content, categories."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from html import escape

from generator import urls
from generator.feeds.entries import Entry
from generator.feeds.site import Site
from generator.feeds.text import SUMMARY_CHARS, markdown_html, one_line, plain_text, sanitize_html, xml_safe
from generator.model import Corpus, Incident, Post


@dataclass(frozen=True, slots=True)
class Category:
    term: str
    scheme: str  # absolute URL of the listing family, e.g. https://example.org/rating/


@dataclass(frozen=True, slots=True)
class Item:
    """One rendered entry, the same for Atom, RSS and JSON Feed. Every string is XML-legal."""

    id: str
    url: str
    title: str
    summary: str  # plain text
    content_html: str  # sanitized
    published: dt.datetime
    updated: dt.datetime
    categories: tuple[Category, ...] = ()
    author: str | None = None


def _company_name(corpus: Corpus, slug: str) -> str:
    company = corpus.companies.get(slug)
    return one_line(company.name if company is not None else slug)


def _summary(issue_html: str, response_html: str) -> str:
    issue = one_line(plain_text(issue_html), SUMMARY_CHARS // 2)
    response = one_line(plain_text(response_html), max(40, SUMMARY_CHARS - len(issue) - 20))
    return one_line(f"Issue: {issue} Response: {response}", SUMMARY_CHARS)


def _incident(site: Site, corpus: Corpus, entry: Entry, item: Incident) -> Item:
    base = entry.url
    name = _company_name(corpus, item.company)
    issue = markdown_html(item.issue, base)
    response = markdown_html(item.response, base)
    rating = item.rating
    facts = [f"Rating: <strong>{escape(rating)}</strong>"]
    if rating != item.initial_rating:
        facts[0] += f" (first rated {escape(item.initial_rating)})"
    facts.append(f'Company: <a href="{escape(site.url(urls.company(item.company)))}">{escape(name)}</a>')
    if item.status:
        facts.append(f"Status: {escape(item.status)}")
    parts = [f"<p>{' · '.join(facts)}</p>", "<h3>Issue</h3>", issue, "<h3>Response</h3>", response]
    if item.company_reply is not None:
        reply = item.company_reply
        parts += [f"<h3>The company's reply ({reply.date.isoformat()})</h3>", markdown_html(reply.text, base)]
    if item.timeline:
        parts.append("<h3>Timeline</h3><ul>")
        for update in sorted(item.timeline, key=lambda u: u.date, reverse=True):
            rated = f" (rated {escape(update.rating)})" if update.rating else ""
            text = markdown_html(update.text, base)
            parts.append(f"<li><strong>{update.date.isoformat()}</strong>{rated}{text}</li>")
        parts.append("</ul>")
    if item.outcome:
        parts += ["<h3>Outcome</h3>", markdown_html(item.outcome, base)]
    parts.append(f'<p><a href="{escape(entry.url)}">Read the full record and its sources</a></p>')
    categories = [Category(rating, site.url("rating/"))]
    company = corpus.companies.get(item.company)
    if company is not None and company.industry:
        categories.append(Category(company.industry, site.url("industry/")))
    categories += [Category(one_line(tag, 100), site.url("tag/")) for tag in item.tags if one_line(tag, 100)]
    return Item(
        id=entry.id,
        url=entry.url,
        title=one_line(f"[{rating}] {name}: {item.title}"),
        summary=_summary(issue, response),
        # Safe by construction: every record field went through sanitize_html, every other value through escape.
        content_html=xml_safe("".join(parts)),
        published=entry.published,
        updated=entry.updated,
        categories=tuple(categories),
    )


def _post(site: Site, corpus: Corpus, entry: Entry, post: Post) -> Item:
    summary = sanitize_html(post.summary, entry.url)  # imported HTML: sanitized by the importer, and again here
    names = [
        f'<a href="{escape(site.url(urls.company(slug)))}">{escape(_company_name(corpus, slug))}</a>'
        for slug in dict.fromkeys(post.companies)
        if slug in corpus.companies
    ]
    parts = [summary, f"<p>Mentions: {', '.join(names)}</p>" if names else ""]
    parts.append(f'<p><a href="{escape(entry.url)}">Read the post</a></p>')
    return Item(
        id=entry.id,
        url=entry.url,
        title=one_line(f"From the web: {post.title}"),
        summary=one_line(plain_text(summary), SUMMARY_CHARS),
        content_html=xml_safe("".join(parts)),
        published=entry.published,
        updated=entry.updated,
        author=one_line(post.author or "", 200) or None,
    )


def render(site: Site, corpus: Corpus, entry: Entry) -> Item:
    if isinstance(entry.source, Incident):
        return _incident(site, corpus, entry, entry.source)
    return _post(site, corpus, entry, entry.source)

