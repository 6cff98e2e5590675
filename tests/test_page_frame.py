"""The frame cache stands in for a page's own frame only where it gives the same HTML; wherever a
template reads more of the page, or prints its title differently, the page renders its own."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from jinja2 import DictLoader, Environment

from generator.render.page_frame import FrameCache

BASE = """{% block header %}<h>{{ page.meta.title if page.meta and page.meta.title else page.title }}|\
{{ 'index.html' | url }}</h>{% endblock %}\
{% block tabs %}<t>{{ lang.t('tabs') }}</t>{% endblock %}{% block site_nav %}<n>{{ features | join(',') }}</n>\
{% endblock %}{% block footer %}{{ footer_extra }}{% endblock %}{% block config %}<c>{{ base_url }}</c>{% endblock %}"""


@dataclass
class Page:
    url: str
    title: str
    meta: dict[str, Any] = field(default_factory=dict)
    toc: list[str] = field(default_factory=list)


def _env(footer: str = "") -> Environment:
    env = Environment(loader=DictLoader({
        "base.html": BASE.replace("{{ footer_extra }}", footer),
        "partials/language.html": "{% macro t(key) %}T:{{ key }}{% endmacro %}",
    }))
    env.filters["url"] = lambda value: value  # MkDocs' filter makes it relative to the page
    return env


def _context(page: Page) -> dict[str, Any]:
    return {"page": page, "base_url": "../" * page.url.count("/"), "config": {}}


def _own(env: Environment, page: Page, cache: FrameCache) -> dict[str, str]:
    return cache._render(env, page, _context(page))  # noqa: SLF001 - the frame as the page renders it


def test_pages_at_one_place_share_the_frame_with_their_own_titles() -> None:
    env, cache = _env(), FrameCache(["index.html"], ["navigation.tabs"])
    first = Page("incidents/acme/a/", "A &amp; B", {"title": "A &amp; B"})
    second = Page("incidents/bravo/b/", "Other title", {"title": "Other title"})
    for page in (first, second):
        assert cache.blocks(env, page, _context(page)) == _own(env, page, cache)
    assert list(cache.rendered.values()) != [None] and len(cache.rendered) == 1


def test_a_frame_that_reads_more_of_the_page_is_not_shared() -> None:
    env = _env(footer="<f>{{ page.meta.description }}</f>")
    cache = FrameCache([], [])
    first = Page("incidents/acme/a/", "A", {"title": "A", "description": "only A's"})
    second = Page("incidents/bravo/b/", "B", {"title": "B", "description": "only B's"})
    assert cache.blocks(env, first, _context(first)) is None
    assert cache.blocks(env, second, _context(second)) is None
    assert list(cache.rendered.values()) == [None]


def test_a_frame_that_prints_the_title_its_own_way_is_not_shared() -> None:
    env, cache = _env(footer="<f>{{ page.title | upper }}</f>"), FrameCache([], [])
    page = Page("incidents/acme/a/", "quiet title", {"title": "quiet title"})
    assert cache.blocks(env, page, _context(page)) is None


def test_a_page_with_its_own_table_of_contents_renders_its_own_frame() -> None:
    env, cache = _env(), FrameCache([], [])
    page = Page("incidents/acme/a/", "A", {"title": "A"}, toc=["Heading"])
    assert cache.blocks(env, page, _context(page)) is None and not cache.rendered


def test_places_differ_by_depth_by_links_shared_and_by_what_is_hidden() -> None:
    cache = FrameCache(["rating/index.html", "companies/"], [])
    place = cache._place  # noqa: SLF001
    assert place(Page("incidents/a/b/", "t")) == place(Page("incidents/c/d/", "t"))
    assert place(Page("incidents/a/", "t")) != place(Page("incidents/a/b/", "t"))
    assert place(Page("rating/ugly/", "t")) != place(Page("tag/ugly/", "t"))
    assert place(Page("tag/ugly/", "t", {"hide": ["toc"]})) != place(Page("tag/ugly/", "t"))
