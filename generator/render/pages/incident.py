"""The page of one incident: the evidence, in full."""

from __future__ import annotations

from generator.model import Incident, Received, Source, Statement
from generator.render import urls
from generator.render.pages.page import GeneratedPage, PageGroup, SiteOptions
from generator.render.pages.parts import RATING_MEANS, RECEIVED_HOW, badge, date_text
from generator.render.pages.search_marks import incident_marks
from generator.render.pages.share import incident_share
from generator.render.text_safety import esc, external_link, link, render_markdown
from generator.scoring.answers import ANSWER_WORDS, answer_of, case_state
from generator.scoring.catalog import Catalog

LABELS = {
    "contacted": "Customer contacted the company",
    "first_response": "First response", "resolved": "Resolved",
}
DATE_LABELS = {"began": "Began", "reported": "First reported (the sources do not date the incident itself)"}


NOT_ONLINE = ' <span class="tr-note tr-not-online">(not online)</span>'


def _source(source: Source) -> str:
    """The source, "not online" when it has no address, its archived copy and its quote when given."""
    if source.title is None:
        cited = external_link(source.url, source.url or "")
    else:
        title = external_link(source.url, source.title)
        cited = f"{title}, <cite>{esc(source.publisher)}</cite>, {date_text(source.date)}"
    if not source.url:
        cited += NOT_ONLINE
    if source.archive_url:
        cited += f' · {external_link(source.archive_url, "archived copy", "tr-archived")}'
    if source.quote:
        cited += f'<blockquote class="tr-quote">{esc(source.quote)}</blockquote>'
    return cited


def _received(received: Received) -> str:
    when = f" on {date_text(received.date)}" if received.date else ""
    return (f'<span class="tr-received">received {esc(RECEIVED_HOW.get(received.how, "privately"))}{when}, '
            f"not published online; checked by the maintainer {esc(received.checked_by)}</span>")


def _origin(source: Source | None, received: Received | None) -> str:
    parts = [f"source: {_source(source)}"] if source is not None else []
    if received is not None:
        parts.append(_received(received))
    return " · ".join(parts)


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


def _timeline(here: str, item: Incident) -> str:
    if not item.timeline:
        return ""
    answered = ' <span class="tr-note">the company\'s answer</span>'
    entries = "".join(
        f'<li>{date_text(entry.date)} {badge(entry.rating, here) if entry.rating else ""}'
        f'{answered if entry.company_answered else ""}'
        f'<div class="tr-timeline__text">{render_markdown(entry.text)}</div></li>'
        for entry in item.timeline
    )
    return f'<h2 id="timeline">Timeline</h2><ol class="tr-timeline">{entries}</ol>'


def _rebuttal(rebuttal: Statement | None) -> str:
    if rebuttal is None:
        return ""
    when = f"{date_text(rebuttal.date)} · " if rebuttal.date else ""
    return (
        '<h3 id="rebuttal">The customer\'s rebuttal</h3>'
        f'<blockquote class="tr-rebuttal">{render_markdown(rebuttal.text)}'
        f"<footer>{when}{_origin(rebuttal.source, rebuttal.received)}</footer></blockquote>"
    )


def _reply(item: Incident) -> str:
    reply = item.company_reply
    if reply is None:
        return ""
    when = f"{date_text(reply.date)} · " if reply.date else ""
    return (
        '<aside class="tr-account__reply" aria-labelledby="company-reply">'
        '<h2 id="company-reply">The company\'s reply, word for word</h2>'
        f'<blockquote class="tr-reply">{render_markdown(reply.text)}'
        f"<footer>{when}{_origin(reply.source, reply.received)}</footer></blockquote>"
        f"{_rebuttal(reply.rebuttal)}</aside>"
    )


def _banners(item: Incident) -> str:
    """Before the account: that the company replied, that the record is disputed or how that was decided."""
    parts = []
    if item.company_reply is not None:
        parts.append('<p class="tr-banner tr-banner--replied"><strong>The company replied.</strong> '
                     '<a href="#company-reply">Read its reply</a>'
                     f'{" and the customer&#x27;s rebuttal" if item.company_reply.rebuttal else ""}.</p>')
    dispute = item.dispute
    if dispute is not None:
        # A <div>: the source may end in its quote's <blockquote>, which may not sit inside a <p>.
        source = (f'<div class="tr-dispute__source">Source: {_source(dispute.source)}</div>'
                  if dispute.source is not None else "")
        if dispute.decided is None:
            head = (f"<strong>Disputed.</strong> {esc(dispute.by)} disputes this record (since "
                    f"{date_text(dispute.date)}). Until the maintainers decide, it is not counted in the "
                    "company's grade or rates.")
            decided = ""
        else:
            head = (f"<strong>Dispute decided.</strong> {esc(dispute.by)} disputed this record on "
                    f"{date_text(dispute.date)}; the maintainers decided on {date_text(dispute.decided.date)}.")
            decided = f'<div class="tr-decision">{render_markdown(dispute.decided.text)}</div>'
        state = "open" if dispute.open else "decided"
        parts.append(f'<div class="tr-banner tr-banner--dispute tr-banner--{state}" id="dispute"><p>{head}</p>'
                     f'<div class="tr-dispute__summary">{render_markdown(dispute.summary)}</div>'
                     f"{source}{decided}</div>")
    return "\n".join(parts)


def _corrections(item: Incident) -> str:
    if not item.corrections:
        return ""
    rows = "".join(
        f'<li>{date_text(c.date)}<div class="tr-correction__changed"><strong>Changed:</strong> '
        f'{render_markdown(c.changed)}</div><div class="tr-correction__why"><strong>Why:</strong> '
        f"{render_markdown(c.why)}</div></li>"
        for c in item.corrections
    )
    return f'<h2 id="corrections">Corrections</h2><ol class="tr-corrections">{rows}</ol>'


def _history(item: Incident, options: SiteOptions) -> str:
    """When the record file last changed, from git; left out when the build had no git history."""
    change = options.history.get(item.path)
    if change is None:
        return ""
    url = options.history_url(item.path)
    history = f" · {external_link(url, 'history of this record', 'tr-history__link')}" if url else ""
    return f'<p class="tr-history" data-pagefind-ignore>Last changed {date_text(change.date)}{history}</p>'


def withdrawn_page(item: Incident, catalog: Catalog, options: SiteOptions) -> GeneratedPage:
    """A tombstone at the record's address: that it was withdrawn, when and why, none of its text."""
    assert item.withdrawn is not None
    here = urls.incident(item)
    company = catalog.corpus.companies[item.company]
    title = f"Withdrawn record ({company.name})"
    body = f"""<h1>{esc(title)}</h1>
<div class="tr-banner tr-banner--withdrawn"><p>A record about {link(here, urls.company(item.company), company.name)} was withdrawn on {date_text(item.withdrawn.date)}. It is no longer published, and it does not count in the company's grade, counts or rates.</p>
<p><strong>Why:</strong> <span class="tr-withdrawn__reason">{esc(item.withdrawn.reason)}</span></p></div>"""
    return GeneratedPage(url=here, title=title, body=body, group=PageGroup("incident", item.key),
                         description=f"A withdrawn record about {company.name}", searchable=False)


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
<p class="tr-lede"><span class="tr-lede__rating">{esc(RATING_MEANS)}:</span> {badge(item.rating, here)}{rating_note} · {link(here, urls.company(item.company), company.name)} · {date_text(item.date)}</p>
{_banners(item)}
{incident_marks(item, company)}
{_facts(item)}
<div class="tr-account{' tr-account--replied' if item.company_reply else ''}">
<div class="tr-account__story">
<h2 id="issue">What the customer reports</h2>
{render_markdown(item.issue)}
<h2 id="response">What the company did or said</h2>
{render_markdown(item.response)}
</div>
{_reply(item)}
</div>
{_timeline(here, item)}
{_corrections(item)}
<h2 id="sources">Sources</h2>
<ul class="tr-sources">{sources}</ul>
{f'<p class="tr-tags">{tags}</p>' if tags else ''}
{_history(item, options)}
{edit_link}"""
    return GeneratedPage(
        url=here,
        title=f"{item.title} ({company.name})",
        body=body,
        group=PageGroup("incident", item.key),
        description=f"{item.rating} incident: {item.title}",
        feeds=f"companies/{item.company}",
        edit_path=item.path,
        meta=incident_share(item, company, options.site_url),
    )
