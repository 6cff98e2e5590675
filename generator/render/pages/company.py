"""The track record of one company: grade, counts, rates, chart, incidents, replies, posts."""

from __future__ import annotations

from collections.abc import Iterator

from generator.model import RATINGS, Company
from generator.render import urls
from generator.render.pages.chart import chart
from generator.render.pages.page import GeneratedPage, PageGroup, SiteOptions
from generator.render.pages.parts import (
    RATING_WORDS,
    badge,
    date_text,
    days,
    incident_list,
    pager,
    percent,
    post_item,
    stat,
)
from generator.render.pages.search_marks import company_marks
from generator.render.pages.share import company_share
from generator.render.pages.verdict import grade_or_label, verdict
from generator.render.pages.why import why
from generator.render.text_safety import esc, external_link, link, render_markdown
from generator.scoring.catalog import Catalog
from generator.scoring.metrics import CompanyMetrics

POSTS_ON_COMPANY_PAGE = 20
INCIDENTS_ON_COMPANY_PAGE = 100


def _counts(here: str, metrics: CompanyMetrics) -> str:
    head = "".join(f'<th scope="col">{badge(r, here)}</th>' for r in RATINGS)
    all_time = "".join(f"<td>{metrics.counts[r]}</td>" for r in RATINGS)
    recent = "".join(f"<td>{metrics.recent_counts[r]}</td>" for r in RATINGS)
    return (
        f'<table class="tr-counts"><thead><tr><th scope="col">Incidents</th>{head}</tr></thead><tbody>'
        f'<tr><th scope="row">All time</th>{all_time}</tr>'
        f'<tr><th scope="row">Last 12 months</th>{recent}</tr></tbody></table>'
    )


def _of(part: int, whole: int, noun: str) -> str:
    return f"{part} of {whole} {noun}{'' if whole == 1 else 's'}"


def answered_words(metrics: CompanyMetrics) -> str:
    """How many incidents it answered, over those where the answer is known, and what is not known."""
    known = metrics.answer_known
    words = (f"answered {_of(metrics.answered, known, 'incident')} where it is known" if known
             else "whether it answered is not known for any incident raised with it" if metrics.contacted
             else "no incident was raised with it")
    if known and metrics.answer_not_known:
        words += f"; not known for {metrics.answer_not_known} more"
    return words


def resolved_words(metrics: CompanyMetrics) -> str:
    if not metrics.state_known:
        return "no incident raised with it says where the case stands" if metrics.contacted else "nothing to resolve"
    return f"resolved {_of(metrics.resolved, metrics.state_known, 'incident')} whose state is known"


def _rates(metrics: CompanyMetrics) -> str:
    n = metrics.timed_responses
    timed = f"over {n} incident{'' if n == 1 else 's'} dated both when raised and when answered" if n else ""
    return '<div class="tr-stats">' + "".join([
        stat("response rate", percent(metrics.response_rate), answered_words(metrics)),
        stat("median time to first response", days(metrics.median_days_to_response), timed),
        stat("resolution rate", percent(metrics.resolution_rate), resolved_words(metrics)),
    ]) + "</div>" + (
        f'<p class="tr-note">{_of(metrics.contacted, metrics.total, "incident")} '
        f"{'was' if metrics.contacted == 1 else 'were'} raised with the company; "
        "the rates and the grade count only those."
        f"{_disputed_words(metrics)}</p>"
    )


def _disputed_words(metrics: CompanyMetrics) -> str:
    n = metrics.disputed
    if not n:
        return ""
    return (f' <span class="tr-disputed-count">{_of(n, metrics.total, "incident")} {"is" if n == 1 else "are"} '
            "disputed: not counted until the maintainers decide.</span>")


def _family(here: str, company: Company, catalog: Catalog) -> str:
    parts = []
    if company.parent:
        parts.append(f"<p>Part of {link(here, urls.company(company.parent), catalog.company_name(company.parent))}.</p>")
    if company.renamed_to:
        parts.append(
            f"<p>Now known as {link(here, urls.company(company.renamed_to), catalog.company_name(company.renamed_to))}.</p>"
        )
    children = catalog.subsidiaries.get(company.slug, ())
    if children:
        items = "".join(f"<li>{link(here, urls.company(c), catalog.company_name(c))}</li>" for c in children)
        rolled = catalog.rollup[company.slug]
        grade = catalog.rollup_grades[company.slug]
        counts = ", ".join(f"{rolled.counts[r]} {RATING_WORDS[r].lower()}" for r in RATINGS)
        parts.append(
            f'<h2 id="family">Subsidiaries and brands</h2><ul>{items}</ul>'
            f'<p class="tr-rollup">With its subsidiaries: {rolled.total} incidents ({counts}) · '
            f"{grade_or_label(here, grade)} · response rate {percent(rolled.response_rate)} "
            f"({answered_words(rolled)}) · resolution rate {percent(rolled.resolution_rate)} "
            f"({resolved_words(rolled)})</p>"
        )
    return "".join(parts)


def _replies(here: str, company: Company, catalog: Catalog) -> str:
    replies = [i for i in catalog.incidents_by_company.get(company.slug, ()) if i.company_reply]
    if not replies:
        return ""
    items = "".join(
        f"<li>{link(here, urls.incident(i), i.title)}"
        f"{' · ' + date_text(i.company_reply.date) if i.company_reply.date else ''}"  # type: ignore[union-attr]
        f"<blockquote>{render_markdown(i.company_reply.text)}</blockquote></li>"  # type: ignore[union-attr]
        for i in replies
    )
    return f'<h2 id="replies">Its replies</h2><ul class="tr-replies">{items}</ul>'


def _posts(here: str, company: Company, catalog: Catalog) -> str:
    posts = catalog.posts_by_company.get(company.slug, ())
    if not posts:
        return ""
    names = {f.slug: f.name for f in catalog.corpus.feeds}
    items = "".join(post_item(here, p, catalog, names) for p in posts[:POSTS_ON_COMPANY_PAGE])
    more = f'<p>{link(here, urls.posts(), "More from the web")}</p>' if len(posts) > POSTS_ON_COMPANY_PAGE else ""
    return f'<h2 id="from-the-web">From the web</h2><ul class="tr-posts">{items}</ul>{more}'


def _subscribe(here: str, slug: str) -> str:
    scope = f"companies/{slug}"
    links = " · ".join(
        f'<a href="{esc(_rel_feed(here, scope, fmt))}" type="{mime}">{label}</a>'
        for fmt, mime, label in (("atom", "application/atom+xml", "Atom"), ("rss", "application/rss+xml", "RSS"),
                                 ("json", "application/feed+json", "JSON Feed"))
    )
    return f'<p class="tr-subscribe">Follow this company: {links}</p>'


def _rel_feed(here: str, scope: str, fmt: str) -> str:
    from generator.render.text_safety import rel

    return rel(here, urls.feed(scope, fmt))


def company_page_count(incidents: int) -> int:
    """The track record, then a page per further INCIDENTS_ON_COMPANY_PAGE incidents."""
    return max(1, -(-incidents // INCIDENTS_ON_COMPANY_PAGE))


def company_pages(company: Company, catalog: Catalog, options: SiteOptions) -> Iterator[GeneratedPage]:
    """The track record and, for a company with many incidents, the pages of its older ones."""
    yield company_page(company, catalog, options)
    incidents = catalog.incidents_by_company.get(company.slug, ())
    count = company_page_count(len(incidents))
    for n in range(2, count + 1):
        here = urls.company(company.slug, n)
        chunk = incidents[(n - 1) * INCIDENTS_ON_COMPANY_PAGE : n * INCIDENTS_ON_COMPANY_PAGE]
        title = f"{company.name}: incidents (page {n})"
        first = (n - 1) * INCIDENTS_ON_COMPANY_PAGE + 1
        body = (
            f"<h1>{esc(title)}</h1>\n<p class=\"tr-lede\">Incidents {first} to {first + len(chunk) - 1} of "
            f"{len(incidents)}, newest first. {link(here, urls.company(company.slug), 'Back to the track record')}.</p>\n"
            f"{incident_list(here, chunk, catalog, show_company=False)}\n"
            f"{pager(here, urls.company(company.slug), n, count)}"
        )
        yield GeneratedPage(url=here, title=title, body=body, group=PageGroup("company", company.slug),
                            feeds=f"companies/{company.slug}", searchable=False)


def company_page(company: Company, catalog: Catalog, options: SiteOptions) -> GeneratedPage:
    here = urls.company(company.slug)
    metrics = catalog.metrics[company.slug]
    grade = catalog.grades[company.slug]
    incidents = catalog.incidents_by_company.get(company.slug, ())
    facts = [link(here, urls.listing("industry", company.industry), company.industry)] if company.industry else []
    if company.website:
        facts.append(external_link(company.website, "website"))
    aliases = f'<p class="tr-aliases">Also known as {esc(", ".join(company.aliases))}.</p>' if company.aliases else ""
    description = render_markdown(company.description) if company.description else ""
    shown = incidents[:INCIDENTS_ON_COMPANY_PAGE]
    more, older = "", ""
    if len(incidents) > len(shown):
        more = f"<p>Showing the newest {len(shown)} of {len(incidents)} incidents; older ones follow on further pages.</p>"
        older = pager(here, here, 1, company_page_count(len(incidents)))
    # Search sees the name, aliases, description and family; incidents are found on their own pages.
    body = f"""<h1 data-pagefind-weight="10">{esc(company.name)}</h1>
<div data-pagefind-ignore>{verdict(here, metrics, grade)}</div>
{f'<p class="tr-lede">{" · ".join(facts)}</p>' if facts else ""}
{aliases}{description}{company_marks(company, metrics.total, grade.letter)}
<div data-pagefind-ignore>
{why(here, grade, catalog.as_of) if grade.lines else ""}
<h2 id="numbers">In numbers</h2>
{_counts(here, metrics)}
{_rates(metrics)}
{chart(incidents, company.name)}
</div>
{_family(here, company, catalog)}
<div data-pagefind-ignore>
<h2 id="incidents">Incidents</h2>
{more}{incident_list(here, shown, catalog, show_company=False)}
{older}
{_replies(here, company, catalog)}
{_posts(here, company, catalog)}
{_subscribe(here, company.slug)}
</div>"""
    return GeneratedPage(
        url=here,
        title=company.name,
        body=body,
        group=PageGroup("company", company.slug),
        description=f"How {company.name} treats its customers: grade, incidents and sources.",
        feeds=f"companies/{company.slug}",
        edit_path=company.path,
        meta=company_share(company, metrics, grade, options.site_url),
    )
