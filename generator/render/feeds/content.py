"""What a reader sees of an entry: title, plain summary, sanitized HTML content, categories."""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass

from generator.model import Corpus, Incident, Post
from generator.render import urls
from generator.render.feeds.entries import Entry
from generator.render.feeds.site import Site
from generator.render.text_safety import (
    clean_html,
    clip,
    esc,
    markdown_html,
    one_line,
    person_name,
    plain_text,
    strip_control,
)
from generator.scoring.answers import ANSWER_WORDS, answer_of, case_state

SUMMARY_CHARS = 300
TITLE_CHARS = 300
# A record's text is the same in every rebuild while serving; the importer's texts are not, so only here.
_plain_text = functools.lru_cache(maxsize=30_000)(plain_text)


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


def _summary(issue_html: str, response_html: str) -> str:
    issue = clip(_plain_text(issue_html), SUMMARY_CHARS // 2)
    response = clip(_plain_text(response_html), max(40, SUMMARY_CHARS - len(issue) - 20))
    return one_line(f"Issue: {issue} Response: {response}", SUMMARY_CHARS)


class Renderer:
    """Renders the entries of one build. What many entries share (a company's name and link, a tag's
    category) is worked out once."""

    def __init__(self, site: Site, corpus: Corpus) -> None:
        self.site = site
        self.corpus = corpus
        self._names: dict[str, str] = {}
        self._links: dict[str, str] = {}
        self._categories: dict[tuple[str, str], Category | None] = {}

    def render(self, entry: Entry) -> Item:
        if isinstance(entry.source, Incident):
            return self._incident(entry, entry.source)
        return self._post(entry, entry.source)

    def _name(self, slug: str) -> str:
        name = self._names.get(slug)
        if name is None:
            company = self.corpus.companies.get(slug)
            name = self._names[slug] = one_line(company.name if company is not None else slug, TITLE_CHARS)
        return name

    def _company_link(self, slug: str) -> str:
        link = self._links.get(slug)
        if link is None:
            url = self.site.url(urls.company(slug))
            link = self._links[slug] = f'<a href="{esc(url)}">{esc(self._name(slug))}</a>'
        return link

    def _category(self, family: str, term: str) -> Category | None:
        """family: rating, industry or tag; None for a term that is empty once made one line."""
        key = (family, term)
        if key not in self._categories:
            flat = one_line(term, 100)
            self._categories[key] = Category(flat, self.site.url(f"{family}/")) if flat else None
        return self._categories[key]

    def _incident(self, entry: Entry, item: Incident) -> Item:
        base = entry.url
        issue = markdown_html(item.issue, base)
        response = markdown_html(item.response, base)
        rating = item.rating
        facts = [f"The writer's rating: <strong>{esc(rating)}</strong>"]
        if rating != item.initial_rating:
            facts[0] += f" (first rated {esc(item.initial_rating)})"
        facts.append(f"Company: {self._company_link(item.company)}")
        answer = answer_of(item).state
        if answer is not None:
            facts.append(f"Company answered: {esc(ANSWER_WORDS[answer])}")
        if (state := case_state(item)) is not None:
            facts.append(f"State of the case: {esc(state)}")
        # strip_control on every short part; the long ones come from markdown_html, which returns XML-legal text.
        parts = [strip_control(f"<p>{' · '.join(facts)}</p>"), "<h3>Issue</h3>", issue, "<h3>Response</h3>", response]
        if item.company_reply is not None:
            reply = item.company_reply
            when = f" ({reply.date.isoformat()})" if reply.date else ""
            parts += [f"<h3>The company's reply{when}</h3>", markdown_html(reply.text, base)]
        if item.timeline:
            parts.append("<h3>Timeline</h3><ul>")
            for update in sorted(item.timeline, key=lambda u: u.date, reverse=True):
                rated = f" (rated {esc(update.rating)})" if update.rating else ""
                text = markdown_html(update.text, base)
                parts.append(f"<li><strong>{update.date.isoformat()}</strong>{strip_control(rated)}{text}</li>")
            parts.append("</ul>")
        if item.outcome:
            parts += ["<h3>Outcome</h3>", markdown_html(item.outcome, base)]
        parts.append(strip_control(f'<p><a href="{esc(entry.url)}">Read the full record and its sources</a></p>'))
        company = self.corpus.companies.get(item.company)
        wanted: list[tuple[str, str]] = [("rating", rating)]
        if company is not None and company.industry:
            wanted.append(("industry", company.industry))
        wanted += [("tag", tag) for tag in item.tags]
        categories = [c for c in (self._category(family, term) for family, term in wanted) if c is not None]
        return Item(
            id=entry.id,
            url=entry.url,
            title=one_line(f"[{rating}] {self._name(item.company)}: {item.title}", TITLE_CHARS),
            summary=_summary(issue, response),
            # Safe by construction: record text went through text_safety's sanitizer, every other value through esc.
            content_html="".join(parts),
            published=entry.published,
            updated=entry.updated,
            categories=tuple(categories),
        )

    def _post(self, entry: Entry, post: Post) -> Item:
        summary = clean_html(post.summary, entry.url)  # imported HTML: sanitized by the importer, and again here
        names = [self._company_link(slug) for slug in dict.fromkeys(post.companies) if slug in self.corpus.companies]
        parts = [summary, f"<p>Mentions: {', '.join(names)}</p>" if names else ""]
        parts.append(f'<p><a href="{esc(entry.url)}">Read the post</a></p>')
        return Item(
            id=entry.id,
            url=entry.url,
            title=one_line(f"From the web: {post.title}", TITLE_CHARS),
            summary=clip(_plain_text(summary), SUMMARY_CHARS),
            content_html=strip_control("".join(parts)),
            published=entry.published,
            updated=entry.updated,
            author=person_name(post.author),
        )
