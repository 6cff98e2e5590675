"""A generated page and the Markdown file MkDocs reads for it."""

from __future__ import annotations

import datetime as dt
import json
import posixpath
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal, TypeGuard
from urllib.parse import urljoin

from generator.model import Company, Incident, LastChange
from generator.records.files import real_day
from generator.render import urls
from generator.render.text_safety import esc

# Characters PyYAML treats as line breaks inside a quoted scalar, which would fold the value.
_YAML_BREAKS = str.maketrans({"\u0085": "\\x85", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def yaml_string(value: str) -> str:
    """A YAML double-quoted scalar. JSON's string syntax is a subset of it; yaml.safe_dump was a
    fifth of the plugin's time at 10,000 incidents."""
    return json.dumps(value, ensure_ascii=False).translate(_YAML_BREAKS)


ListingKind = Literal["rating", "industry", "tag", "year"]
GroupKind = Literal["index", "companies", "company", "incident", "posts"] | ListingKind


@dataclass(frozen=True, slots=True)
class PageGroup:
    """The record or listing a page shows, set by the code that makes it: `mkdocs serve`
    regenerates a group's pages together. Never read back from the URL, where a company
    slugged `page` looked like the companies index's pager."""

    kind: GroupKind  # "index": the home page and the indexes, regenerated after every edit; "companies": the cards
    key: str = ""  # the company slug, the incident's company/slug, or the listing's key

    def __str__(self) -> str:
        if self.kind == "index":
            return "an index page"
        if self.kind == "companies":
            return "the companies index"
        if self.kind == "posts":
            return "the From the web listing"
        if self.kind in ("company", "incident"):
            return f"{self.kind} {self.key}"
        return f"the {self.kind} {self.key} listing"


INDEX = PageGroup("index")
COMPANIES = PageGroup("companies")  # the companies index: every company's card
POSTS = PageGroup("posts")


def producer(group: PageGroup, edit_path: str | None) -> str:
    """How a duplicate-output error names a generated page."""
    return f"the page trackrecord generates for {group}" + (f" ({edit_path})" if edit_path else "")


def listing_groups(item: Incident, companies: Mapping[str, Company]) -> set[PageGroup]:
    """The listings that show an incident: its rating, year, tags and its company's industry."""
    groups = {PageGroup("rating", item.rating), PageGroup("year", str(item.date.year))}
    groups.update(PageGroup("tag", tag) for tag in item.tags)
    company = companies.get(item.company)
    if company is not None and company.industry:
        groups.add(PageGroup("industry", company.industry))
    return groups


@dataclass(frozen=True, slots=True)
class GeneratedPage:
    url: str  # directory URL relative to the site root, e.g. "companies/acme/"
    title: str  # plain text; escaped when written
    body: str  # safe HTML
    group: PageGroup
    in_nav: bool = False
    description: str | None = None
    feeds: str | None = None  # feed scope announced in <head>, e.g. "companies/acme"
    edit_path: str | None = None  # the record file behind the page, relative to the repository
    meta: dict[str, str] = field(default_factory=dict)
    searchable: bool = True  # False for listings: Pagefind indexes only pages marked data-pagefind-body
    lastmod: dt.date | None = None  # the sitemap's day (render/pages/lastmod.py); None leaves it out

    @property
    def src_uri(self) -> str:
        return urls.source_path(self.url)

    @property
    def producer(self) -> str:
        return producer(self.group, self.edit_path)

    def markdown(self) -> str:
        """Front matter (values escaped: MkDocs' Jinja prints them raw) and the HTML body."""
        front: dict[str, str] = {"title": esc(self.title)}
        if self.description:
            front["description"] = esc(self.description)
        if self.feeds:
            front["feeds"] = self.feeds
        front.update(self.meta)
        if self.lastmod is not None:
            front["lastmod"] = self.lastmod.isoformat()
        header = "".join(f"{key}: {yaml_string(value)}\n" for key, value in front.items())
        search = " data-pagefind-body" if self.searchable else ""
        return f"---\n{header}---\n\n{_OPEN.format(search=search)}{self.body}\n</div>\n"

    def rendered(self) -> str:
        """The HTML the builder puts in the page: what rendered_body gives for markdown()."""
        search = " data-pagefind-body" if self.searchable else ""
        inner = f"{self.body}\n</div>\n".strip()
        return f'<div class="tr-page"{search}>\n{inner}'


# A blank line before and after keeps Python-Markdown treating the body as one raw HTML block; the
# markdown="0" keeps it raw where a site enables md_in_html.
_OPEN = '<div class="tr-page"{search} markdown="0">\n'
_RAW_BLOCK = re.compile(r'\s*<div class="tr-page"( data-pagefind-body)? markdown="0">\n')


def sitemap_day(meta: Mapping[str, object]) -> str:
    """A page's `lastmod` for the sitemap from its front matter, or "" to leave it out: generated pages
    carry their records' day; a hand-written page may give one, but only a real YYYY-MM-DD day counts."""
    value = meta.get("lastmod")
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.isoformat()
    day = real_day(value)
    return day.isoformat() if day is not None else ""


def rendered_body(markdown: str) -> str | None:
    """The HTML a generated page's Markdown (front matter removed) renders to, without running a
    Markdown processor over it: the body is one raw HTML block, which Markdown hands back as it is.
    The markdown="0" that only instructs the processor is dropped. None for any other Markdown."""
    opening = _RAW_BLOCK.match(markdown)
    if opening is None:
        return None
    return f'<div class="tr-page"{opening.group(1) or ""}>\n{markdown[opening.end():].strip()}'


@dataclass(frozen=True, slots=True)
class SiteOptions:
    site_url: str | None = None
    site_name: str = "trackrecord"
    edit_base: str | None = None  # repo_url joined with edit_uri, e.g. https://github.com/o/r/edit/main/docs/
    docs_dir: str = "docs"  # relative to the repository root, where edit_uri points
    page_size: int = 50
    feed_limit: int = 50
    history: Mapping[str, LastChange] = field(default_factory=dict)  # record path -> its last commit, from git

    def history_url(self, record_path: str) -> str | None:
        """The record's history on the repository host: the edit address with /edit/ made /commits/
        (GitHub's and GitLab's form). None when there is no edit address of that form."""
        edit = self.edit_url(record_path)
        if edit is None or "/edit/" not in edit:
            return None
        return edit.replace("/edit/", "/commits/", 1)

    def edit_url(self, record_path: str) -> str | None:
        """The host's edit link for a record file: edit_uri points at docs/, so step out of it."""
        if not self.edit_base:
            return None
        return urljoin(self.edit_base, posixpath.relpath(record_path, self.docs_dir))


def is_count(value: object) -> TypeGuard[int]:
    """A whole number of at least 1, as page_size, feed_limit and search_bundle_pages must be (not a bool)."""
    return isinstance(value, int) and not isinstance(value, bool) and value >= 1


def edit_base(repo_url: str | None, edit_uri: str | None) -> str | None:
    """repo_url joined with edit_uri as MkDocs joins them: with a slash added to repo_url first,
    without which urljoin would drop the repository's name."""
    if not repo_url or not edit_uri:
        return None
    return urljoin(repo_url.rstrip("/") + "/", edit_uri)
