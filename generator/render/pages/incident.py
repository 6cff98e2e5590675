"""The page of one incident: the evidence, in full."""

from __future__ import annotations

from generator.model import Incident, Source
from generator.render import urls
from generator.render.pages.page import GeneratedPage, PageGroup, SiteOptions
from generator.render.pages.parts import RATING_MEANS, badge, date_text
from generator.render.pages.search_marks import incident_marks
from generator.render.text_safety import esc, external_link, link, render_markdown
from generator.scoring.answers import ANSWER_WORDS, answer_of, case_state
from generator.scoring.catalog import Catalog

LABELS = {
    "contacted": "Customer contacted the company",
    "first_response": "First response", "resolved": "Resolved",
}
DATE_LABELS = {"began": "Began", "reported": "First reported (the sources do not date the incident itself)"}


def _source(source: Source) -> str:
    if source.title is None:
        return external_link(source.url, source.url or "")
    title = external_link(source.url, source.title)
    return f"{title}, <cite>{esc(source.publisher)}</cite>, {date_text(source.date)}"


def _facts(item: Incident) -> str:
    # Line breaks between the terms and values: without them search excerpts (Pagefind reads the
    # text) ran them together, as in "Began2009-11-12Channelemail".
    rows = [f"<dt>{esc(DATE_LABELS.get(item.date_is, 'Began'))}</dt>\n<dd>{date_text(item.date)}</dd>"]
    for name, label in LABELS.items():
        value = getattr(item, name)
        if value is not None:
            rows.append(f"<dt>{esc(label)}</dt>\n<dd>{date_text(value)}</dd>")
    if item.channel:
        rows.append(f"<dt>Channel</dt>\n<dd>{esc(', '.join(item.channel))}</dd>")
    answer = answer_of(item)
    if answer.state is None:
        rows.append("<dt>Raised with the company</dt>\n<dd>no: the sources do not show it was</dd>")
    else:
        how = f" ({'; '.join(answer.shown_by)})" if answer.shown_by else ""
        rows.append(f"<dt>Company answered</dt>\n<dd>{esc(ANSWER_WORDS[answer.state])}{esc(how)}</dd>")
    state = case_state(item)
    if state:
        rows.append(f"<dt>State of the case</dt>\n<dd>{esc(state)}</dd>")
    if item.outcome:
        rows.append(f"<dt>Outcome</dt>\n<dd>{esc(item.outcome)}</dd>")
    if item.reported_by:
        rows.append(f"<dt>Recorded by</dt>\n<dd>{esc(item.reported_by)}</dd>")
    return '<dl class="tr-facts">\n' + "\n".join(rows) + "\n</dl>"


def _timeline(item: Incident) -> str:
    if not item.timeline:
        return ""
    answered = ' <span class="tr-note">the company\'s answer</span>'
    entries = "".join(
        f'<li>{date_text(entry.date)} {badge(entry.rating) if entry.rating else ""}'
        f'{answered if entry.company_answered else ""}'
        f'<div class="tr-timeline__text">{render_markdown(entry.text)}</div></li>'
        for entry in item.timeline
    )
    return f'<h2 id="timeline">Timeline</h2><ol class="tr-timeline">{entries}</ol>'


def _reply(item: Incident) -> str:
    reply = item.company_reply
    if reply is None:
        return ""
    when = f"{date_text(reply.date)} · " if reply.date else ""
    return (
        '<h2 id="company-reply">The company\'s reply, word for word</h2>'
        f'<blockquote class="tr-reply">{render_markdown(reply.text)}'
        f"<footer>{when}source: {_source(reply.source)}</footer></blockquote>"
    )


def incident_page(item: Incident, catalog: Catalog, options: SiteOptions) -> GeneratedPage:
    here = urls.incident(item)
    company = catalog.corpus.companies[item.company]
    rating_note = ""
    if item.rating != item.initial_rating:
        rating_note = f' <span class="tr-note">(first rated {esc(item.initial_rating)})</span>'
    tags = " ".join(link(here, urls.listing("tag", tag), f"#{tag}", "tr-tag") for tag in item.tags)
    sources = "".join(f"<li>{_source(s)}</li>" for s in item.sources)
    edit = options.edit_url(item.path)
    edit_link = (
        f'<p class="tr-edit" data-pagefind-ignore><a href="{esc(edit)}" rel="nofollow noopener">Edit this record</a> '
        f"(<code>{esc(item.path)}</code>)</p>"
        if edit else f'<p class="tr-edit" data-pagefind-ignore>Record: <code>{esc(item.path)}</code></p>'
    )
    body = f"""<h1>{esc(item.title)}</h1>
<p class="tr-lede"><span class="tr-lede__rating">{esc(RATING_MEANS)}:</span> {badge(item.rating)}{rating_note} · {link(here, urls.company(item.company), company.name)} · {date_text(item.date)}</p>
{incident_marks(item, company)}
{_facts(item)}
<h2 id="issue">What the customer reports</h2>
{render_markdown(item.issue)}
<h2 id="response">What the company did or said</h2>
{render_markdown(item.response)}
{_reply(item)}
{_timeline(item)}
<h2 id="sources">Sources</h2>
<ul class="tr-sources">{sources}</ul>
{f'<p class="tr-tags">{tags}</p>' if tags else ''}
{edit_link}"""
    return GeneratedPage(
        url=here,
        title=f"{item.title} ({company.name})",
        body=body,
        group=PageGroup("incident", item.key),
        description=f"{item.rating} incident: {item.title}",
        feeds=f"companies/{item.company}",
        edit_path=item.path,
    )
