"""Prose for the synthetic corpus: titles, issues, responses, timeline notes, replies and post fields.

Lengths follow the sample records under reviews/ (issue: 210-840 characters, about 500 on average;
response: 150-680, about 400), drawn from a log-normal so that a few records run long.
"""

from __future__ import annotations

import datetime as dt
import random
import re
import textwrap
from dataclasses import dataclass

from synth_words import (
    AGENTS,
    CHANNEL_PHRASES,
    FIRST_NAMES,
    ISSUE_CLOSINGS,
    ISSUE_MIDDLES,
    ISSUE_OPENINGS,
    LAST_NAMES,
    MONTHS,
    POST_TITLES,
    PRODUCTS,
    REPLIES,
    RESPONSE_FOLLOWUPS,
    RESPONSES,
    SCENARIOS,
    TIMELINE_TEXTS,
)

WIDTH = 86
_GOOD = tuple(r for r in RESPONSES if any(w in r for w in ("arranged a full refund", "replacement", "stepped in")))


@dataclass
class Company:
    slug: str
    name: str
    industry: str
    aliases: tuple[str, ...] = ()
    parent: str | None = None
    renamed_to: str | None = None


def _slots(rng: random.Random, company: Company, channel: str) -> dict[str, str]:
    agent, agent2 = rng.sample(AGENTS, 2)
    return {
        "company": company.name, "product": rng.choice(PRODUCTS[company.industry]),
        "days": str(rng.randint(2, 21)), "weeks": str(rng.randint(2, 16)), "count": str(rng.randint(3, 12)),
        "amount": f"${rng.choice((15, 25, 40, 60, 85, 120, 150, 240, 380, 600, 1200, 1650)):,}",
        "agent": agent, "agent2": agent2, "month": rng.choice(MONTHS), "channel_phrase": CHANNEL_PHRASES[channel],
    }


def _length(rng: random.Random, median: float, low: int, high: int) -> int:
    return max(low, min(high, int(rng.lognormvariate(0, 0.4) * median)))


def _paragraphs(rng: random.Random, sentences: list[str]) -> str:
    paras, current = [], []
    for sentence in sentences:
        current.append(sentence)
        if len(current) >= rng.choice((2, 3, 3, 4)):
            paras.append(current)
            current = []
    if current:
        paras.append(current)
    return "\n\n".join(textwrap.fill(" ".join(p), WIDTH) for p in paras) + "\n"


def _fill(template: str, slots: dict[str, str]) -> str:
    text = template.format(**slots)
    return text[0].upper() + text[1:]


def _until(rng: random.Random, first: list[str], pool: tuple[str, ...], target: int,
           slots: dict[str, str]) -> list[str]:
    sentences = [_fill(s, slots) for s in first]
    for template in rng.sample(pool, len(pool)):
        if sum(map(len, sentences)) >= target:
            break
        sentences.append(_fill(template, slots))
    return sentences


def incident_texts(rng: random.Random, company: Company, scenario: str,
                   channel: str) -> tuple[str, str, dict[str, str]]:
    """The issue and the response, in Markdown paragraphs, and the slots used (for title and timeline)."""
    slots = _slots(rng, company, channel)
    issue = _until(rng, [rng.choice(ISSUE_OPENINGS)], ISSUE_MIDDLES, _length(rng, 440, 150, 1600), slots)
    if rng.random() < 0.3:
        issue.append(rng.choice(ISSUE_CLOSINGS))
    opener = rng.choice(_GOOD if scenario == "recovery" else RESPONSES)
    response = _until(rng, [opener], RESPONSE_FOLLOWUPS, _length(rng, 340, 100, 1200), slots)
    return _paragraphs(rng, issue), _paragraphs(rng, response), slots


def title_for(rng: random.Random, scenario: str, slots: dict[str, str]) -> str:
    return _fill(rng.choice(SCENARIOS[scenario]["titles"]), slots)[:160]


def timeline_texts(rng: random.Random, slots: dict[str, str], count: int) -> list[str]:
    return [textwrap.fill(_fill(t, slots), WIDTH) + "\n" for t in rng.sample(TIMELINE_TEXTS, count)]


def company_reply(rng: random.Random) -> str:
    return textwrap.fill(rng.choice(REPLIES), WIDTH) + "\n"


def _words(text: str) -> str:
    return "-".join(re.findall(r"[a-z0-9]+", text.lower())[:8])


def post_fields(rng: random.Random, index: int, feed_slug: str, feed_companies: list[str],
                companies: list[Company], day: dt.date) -> dict[str, object]:
    """One imported post, in the importer's field order, linked to the companies it names."""
    by_slug = {c.slug: c for c in companies} if feed_companies else {}
    if feed_companies:
        about: Company | None = by_slug[rng.choice(feed_companies)]
    else:
        about = rng.choice(companies) if rng.random() < 0.85 else None
    slots = _slots(rng, about or rng.choice(companies), "email")
    if about is not None and about.aliases and rng.random() < 0.3:
        slots["company"] = rng.choice(about.aliases)  # posts often use the short name
    title = _fill(rng.choice(POST_TITLES), slots) if about else f"Notes on customer service, part {index + 1}"
    summary = " ".join(_fill(s, slots) for s in rng.sample(ISSUE_MIDDLES, rng.randint(1, 3)))
    fields: dict[str, object] = {
        "id": f"tag:{feed_slug}.blog.example,{day.year}:post-{index}",
        "feed": feed_slug,
        "title": title,
        "link": f"https://{feed_slug}.blog.example/{day:%Y/%m}/{_words(title)}-{index}",
        "published": f"{day.isoformat()}T{rng.randint(6, 22):02d}:{rng.randint(0, 59):02d}:00Z",
    }
    if rng.random() < 0.2:
        fields["updated"] = f"{day.isoformat()}T23:30:00Z"
    fields["author"] = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
    fields["summary"] = f"<p>{summary}</p>"
    linked = [about.slug] if about else []
    if about and not feed_companies and rng.random() < 0.15:
        other = rng.choice(companies).slug
        if other != about.slug:
            linked.append(other)
    if linked:
        fields["companies"] = linked
    return fields
