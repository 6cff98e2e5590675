"""The index a build feeds to Pagefind while it renders (search/stream.py) answers as `index_site` does.

Pagefind numbers pages in the order it reads them (the command line reads them in parallel), so the
two indexes differ in bytes; what a reader gets must not: the same results, in the same order, with
the same titles, excerpts and filters, and the same filter counts. Both are asked in Chromium
through Pagefind's own JavaScript, bundles merged as the theme merges them.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from support.sites import Built

from generator.render.pages.page import GeneratedPage, PageGroup, rendered_body
from generator.search.bundles import page_weight, plan_bundles
from generator.search.pagefind import index_site
from generator.search.stream import BundleRouter, StreamIndex, page_url

QUERIES = ["acme", "refund", "parcel", "broken", "phone", "never", "bank"]

ASK = """
const [base, queries, done] = [arguments[0], arguments[1], arguments[arguments.length - 1]];
(async () => {
  const pf = await import(base + "pagefind/pagefind.js");
  await pf.options({basePath: base + "pagefind/"});
  const merge = (await (await fetch(base + "pagefind/trackrecord-bundles.json")).json()).merge;
  for (const folder of merge) await pf.mergeIndex(base + "pagefind/" + folder);
  const out = {filters: await pf.filters(), queries: {}};
  for (const q of queries) {
    const found = await pf.search(q);
    const data = await Promise.all(found.results.map((r) => r.data()));
    out.queries[q] = data.map((d, i) => ({url: d.url.replace(location.origin, ""), title: d.meta.title,
      excerpt: d.excerpt, filters: d.filters, meta: d.meta, score: Math.round(found.results[i].score * 1e4)}));
  }
  done(out);
})().catch((e) => done({error: String(e)}));
"""


def _answers(browser: Any, url: str) -> dict[str, Any]:
    browser.get(url)
    browser.set_script_timeout(60)
    found = browser.execute_async_script(ASK, url, QUERIES)
    assert "error" not in found, found
    return dict(found)


def _same_answers(browser: Any, serve: Any, built: Built, tmp_path: Path, bundle_pages: int | None) -> None:
    """Index a copy of the build's site after the fact with index_site, and ask both the same."""
    again = tmp_path / "indexed-after"
    shutil.copytree(built.site, again, symlinks=True)
    shutil.rmtree(again / "pagefind")
    index_site(again, bundle_pages=bundle_pages)
    assert built.strict_failure is None, built.warnings
    streamed, after = _answers(browser, serve(built.site)), _answers(browser, serve(again))
    assert sum(len(r) for r in after["queries"].values()) > 10, "the queries should find something"
    assert any(r for r in after["filters"].values()), "the sample's pages carry filters"
    assert streamed == after
    bundles = json.loads((built.site / "pagefind" / "trackrecord-bundles.json").read_text("utf-8"))
    assert bundles == json.loads((again / "pagefind" / "trackrecord-bundles.json").read_text("utf-8"))


@pytest.mark.integration
def test_streamed_index_answers_as_index_site(browser: Any, serve: Any, sample_site: Built, tmp_path: Path) -> None:
    _same_answers(browser, serve, sample_site, tmp_path, None)


@pytest.mark.integration
def test_streamed_bundles_answer_as_index_site(browser: Any, serve: Any, bundled_site: Built, tmp_path: Path) -> None:
    _same_answers(browser, serve, bundled_site, tmp_path, 5)


@pytest.mark.integration
def test_pages_go_to_the_bundles_index_site_plans(bundled_site: Built, tmp_path: Path) -> None:
    """Fed in any order, each page lands in the bundle whose glob the command line would give it."""
    site = bundled_site.site
    bundles = plan_bundles(site, 5)
    assert len(bundles) > 2
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html") if "pagefind" not in p.parts)
    route = BundleRouter(bundles)
    for path in pages:
        holders = [b.folder for b in bundles if b.holds(path)]
        text = (site / path).read_text("utf-8")
        if "data-pagefind-body" in text:
            assert len(holders) == 1, (path, holders)
            n = route(path)
            assert n is not None and bundles[n].folder == holders[0], path
    stream = StreamIndex(tmp_path, {}, set(pages), bundle_pages=5)
    try:
        for path in reversed(pages):
            stream.add(path, (site / path).read_text("utf-8"))
        assert stream.bundles == bundles
    finally:
        stream.close()


def test_page_urls_as_pagefind_gives_them() -> None:
    assert page_url("index.html") == "/"
    assert page_url("incidents/acme/one/index.html") == "/incidents/acme/one/"
    assert page_url("404.html") == "/404.html"
    assert page_url("about.html") == "/about.html"


@pytest.mark.parametrize("searchable", [True, False])
def test_weights_known_before_rendering_are_those_of_the_rendered_body(searchable: bool) -> None:
    """The pipeline weighs a generated page from GeneratedPage.rendered(): the very HTML the plugin puts in."""
    page = GeneratedPage(url="incidents/a/b/", title="T", group=PageGroup("incident", "a/b"), searchable=searchable,
                         body='  <h1>T</h1><div data-pagefind-ignore><p>left out</p></div><p>kept</p>  ')
    markdown = page.markdown()
    after_front_matter = markdown[markdown.index("\n---\n") + 5:]
    assert page.rendered() == rendered_body(after_front_matter)
    weight = page_weight(page.rendered().encode())
    assert (weight is not None) is searchable
