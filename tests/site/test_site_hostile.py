"""Hostile records cannot inject script or markup into the site; the JSON API keeps their raw text.

The records are in tests/fixtures/site/hostile/ (README.md there lists what each field tries).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import unquote

import pytest
from bs4 import BeautifulSoup, Tag
from lxml import etree
from support.hostile import data_block_problem, is_data_block, problems_in_article, problems_in_document
from support.pages import article, soup
from support.records import company_yaml, incident_yaml, write_records
from support.sites import HOSTILE, Built

from generator.records.reader import load_corpus, scan

pytestmark = pytest.mark.integration

EVIL = "incidents/evil/2020-02-02-everything-hostile/"


@pytest.fixture
def site(hostile_site: Built) -> Built:
    return hostile_site


def _pages(site: Built) -> list[Path]:
    """Every page with content: all index.html files (404.html is Material's own)."""
    pages = [p for p in site.html_files() if p.name == "index.html"]
    assert len(pages) > 10
    return pages


EVIL_POST = "tag:evil.example,2020:hostile-post"


def test_build_has_the_hostile_pages(site: Built) -> None:
    assert (site.site / EVIL / "index.html").is_file()
    assert (site.site / "companies/evil/index.html").is_file()


@pytest.mark.parametrize("parser", ["html.parser", "lxml"])
def test_no_script_markup_or_unsafe_link_in_any_article(site: Built, parser: str) -> None:
    """Every page (incident, company, home, listings), read by two different HTML parsers."""
    problems = {}
    for html_file in _pages(site):
        found = problems_in_article(article(soup(html_file, parser)))
        if found:
            problems[html_file.relative_to(site.site).as_posix()] = found
    assert not problems, problems


@pytest.mark.parametrize("parser", ["html.parser", "lxml"])
def test_no_record_text_becomes_markup_anywhere_in_any_page(site: Built, parser: str) -> None:
    """Every page, the whole document: a post's summary, a feed's name, a company's aliases land outside
    <article> too (the companies' cards, the page title, the description in <head>)."""
    problems = {}
    for html_file in _pages(site):
        found = problems_in_document(soup(html_file, parser))
        if found:
            problems[html_file.relative_to(site.site).as_posix()] = found
    assert not problems, problems


def _feed_fragments(site: Built) -> dict[str, str]:
    """Every HTML fragment the site's feeds carry: JSON Feed content_html, Atom content, RSS description."""
    fragments = {}
    for path in sorted((site.site / "feeds").glob("*.feed.json")) + [site.site / "feeds" / "feed.json"]:
        for item in json.loads(path.read_text("utf-8"))["items"]:
            fragments[f"{path.name} {item['id']}"] = item["content_html"]
    for path in sorted((site.site / "feeds").glob("*.xml")):
        tree = etree.parse(str(path))
        for el in tree.iter("{http://www.w3.org/2005/Atom}content", "description"):
            parent = el.getparent()
            if el.text and parent is not None and parent.tag in ("{http://www.w3.org/2005/Atom}entry", "item"):
                fragments[f"{path.name} #{len(fragments)}"] = el.text
    return fragments


def test_feeds_carry_no_script_markup_or_unsafe_link(site: Built) -> None:
    fragments = _feed_fragments(site)
    assert any(key.endswith("/0bad0bad0bad0bad") for key in fragments), "the hostile post is in the JSON feeds"
    assert len(fragments) > 10
    problems = {}
    for key, fragment in fragments.items():
        found = problems_in_article(BeautifulSoup(fragment, "html.parser"))
        if found:
            problems[key] = found
    assert not problems, problems


def test_hostile_post_keeps_its_harmless_words(site: Built) -> None:
    """Escaped, never dropped: the post's title, its feed's name and its author show as the characters
    written; its summary keeps its words and its relative link, made absolute against the post."""
    raw = load_corpus(HOSTILE)
    post = next(p for p in raw.posts if p.id == EVIL_POST)
    feed = next(f for f in raw.feeds if f.slug == post.feed)
    for url in ("from-the-web/", "companies/evil/"):
        body = article(site.page(url, "html.parser"))
        item = next(li for li in body.find_all("li", class_="tr-post") if post.title in li.get_text())
        assert feed.name in item.get_text(), url
        assert "by Dana <b onclick=alert('author')>Reyes</b>" in item.get_text(), url
        summary = item.find("div", class_="tr-post__summary")
        assert isinstance(summary, Tag)
        assert "hello summary words" in summary.get_text() and "bad link words" in summary.get_text()
        assert [a.get("href") for a in summary.find_all("a") if a.get("href")] == ["https://evil.example/relative/path"]
        # The same address, with what a URL cannot hold ('"', '<', '>') percent-encoded (a valid href).
        href = item.find("a", class_="tr-post__title")["href"]  # type: ignore[index]
        assert unquote(str(href)) == post.link and '"' not in str(href) and "<" not in str(href)
    entry = next(i for i in json.loads(site.json_text("feeds/companies-evil.feed.json"))["items"]
                 if i["id"].endswith("0bad0bad0bad0bad"))
    assert post.title in entry["title"] and "hello summary words" in entry["content_html"]
    assert entry["authors"] == [{"name": "Dana <b onclick=alert('author')>Reyes</b>"}]


def test_other_fields_keep_their_harmless_words(site: Built) -> None:
    raw = load_corpus(HOSTILE)
    incident = next(i for i in raw.incidents if i.company == "evil")
    text = article(site.page(EVIL, "html.parser")).get_text()
    cited = incident.sources[1]
    assert cited.title in text and cited.publisher in text  # type: ignore[operator]
    assert text.count("Click me") == 4 and text.count("fine link") == 4  # issue, response, timeline, reply
    company_text = article(site.page("companies/evil/", "html.parser")).get_text()
    assert "desc link" in company_text
    assert "website" in company_text


def test_no_email_address_from_a_feed_is_published(site: Built) -> None:
    """An author given as an address with a name shows as the name; one that is only an address shows none."""
    for path in site.site.rglob("*"):
        if path.suffix in (".html", ".json", ".xml", ".txt"):
            data = path.read_text("utf-8")
            assert "notes@evil.example" not in data, path
            assert "private.person@plain-blog.example" not in data, path
    item = next(li for li in article(site.page("from-the-web/", "html.parser")).find_all("li", class_="tr-post")
                if "A post by an address" in li.get_text())
    assert " by " not in item.find("span", class_="tr-item__meta").get_text()  # type: ignore[union-attr]


def test_no_hostile_script_anywhere_in_the_document(site: Built) -> None:
    """Material's own scripts sit outside <article>; none of them, nor any other element, runs record text."""
    for url in (EVIL, "companies/evil/", "", "companies/", "rating/ugly/"):
        page = site.page(url, "html.parser")
        for script in page.find_all("script"):
            if is_data_block(script):  # JSON-LD holds the hostile text as data: see the share-tag test
                assert data_block_problem(script) is None, (url, script)
                continue
            assert "alert(" not in script.get_text(), (url, script)
            assert "evil.example" not in str(script.get("src", "")), (url, script)
        for el in page.find_all(True):
            for name, value in el.attrs.items():
                if name.lower().startswith("on"):
                    assert "alert" not in str(value), (url, el.name, name)


def test_hostile_links_were_dropped_and_safe_ones_kept(site: Built) -> None:
    body = article(site.page(EVIL, "html.parser"))
    hrefs = [str(a.get("href", "")) for a in body.find_all("a")]
    assert "https://ok.example/safe" in hrefs, "a Markdown https link is kept"
    assert "mailto:someone@example.org" in hrefs, "a Markdown mailto link is kept"
    assert "../elsewhere/" in hrefs, "a relative Markdown link is kept"
    assert not any("alert" in h and not h.startswith("https://") for h in hrefs), hrefs
    # The link texts survive as text, without their links.
    text = body.get_text()
    assert "plain js" in text and "entity md" in text and "fine link" in text


def test_breakouts_stay_inside_attribute_values(site: Built) -> None:
    """A source URL with '"><script>' stays one href value; no element is born from it."""
    body = article(site.page(EVIL, "html.parser"))
    sources = body.find("ul", class_="tr-sources")
    assert isinstance(sources, Tag)
    # One href value each: the address, with what a URL cannot hold percent-encoded.
    hrefs = [unquote(str(a["href"])) for a in sources.find_all("a")]
    assert "https://evil.example/\"onmouseover=\"alert('source')" in hrefs
    assert "https://evil.example/cite\"><script>alert('cite')</script>" in hrefs
    assert all(not name.startswith("on") for a in sources.find_all("a") for name in a.attrs)


def test_title_shows_the_literal_characters(site: Built) -> None:
    raw = load_corpus(HOSTILE)
    incident = next(i for i in raw.incidents if i.company == "evil")
    company = raw.companies["evil"]
    page = site.page(EVIL, "html.parser")
    assert page.title is not None
    assert incident.title in page.title.get_text(), page.title
    assert article(page).find("h1").get_text() == incident.title  # type: ignore[union-attr]
    company_page = site.page("companies/evil/", "html.parser")
    assert company.name in company_page.title.get_text()  # type: ignore[union-attr]
    assert article(company_page).find("h1").get_text() == company.name  # type: ignore[union-attr]
    aliases = article(company_page).find("p", class_="tr-aliases")
    assert aliases is not None and all(alias in aliases.get_text() for alias in company.aliases)
    # The raw bytes of <head> hold the escaped title: exactly one <title> element, closed once.
    head = (site.site / EVIL / "index.html").read_text(encoding="utf-8").split("</head>")[0]
    assert head.count("<title>") == 1 and head.count("</title>") == 1


def test_json_api_keeps_the_raw_text(site: Built) -> None:
    raw = load_corpus(HOSTILE)
    incident = next(i for i in raw.incidents if i.company == "evil")
    company = raw.companies["evil"]
    detail = json.loads(site.json_text("api/v2/companies/evil.json"))["company"]
    assert detail["name"] == company.name
    assert detail["aliases"] == list(company.aliases)
    full = detail["incidents"][0]
    assert full["title"] == incident.title
    assert full["issue"] == incident.issue and "<script>alert('script')</script>" in full["issue"]
    assert full["response"] == incident.response
    assert full["timeline"][0]["text"] == incident.timeline[0].text
    assert full["company_reply"]["text"] == incident.company_reply.text  # type: ignore[union-attr]
    listed = json.loads(site.json_text("api/v2/incidents.json"))["incidents"]
    assert incident.title in [i["title"] for i in listed]
    # And the JSON is served as JSON: a browser never renders it as HTML, so raw text is safe there.
    assert re.match(r"\s*\{", site.json_text("api/v2/incidents.json"))


def test_hostile_tag_is_refused_before_any_page_exists(tmp_path: Path) -> None:
    """Tags become URLs and headings; the schema allows only slugs, so markup never gets that far."""
    reviews = write_records(tmp_path / "reviews", {
        "companies/acme.yml": company_yaml("Acme"),
        "incidents/acme/2020-01-01-tagged.yml": incident_yaml("acme", "2020-01-01", "A hostile tag",
                                                              tags=["<script>alert(1)</script>"]),
    })
    corpus, problems = scan(reviews)
    assert not corpus.incidents
    assert [p.field for p in problems] == ["tags[0]"], [str(p) for p in problems]


def test_feed_link_titles_show_the_characters_once(site: Built) -> None:
    """The <link rel=alternate> titles in <head> name the company as written: the page title is HTML
    already (escaped in front matter), and escaping it again showed "&amp;" and "&quot;" to readers."""
    raw = load_corpus(HOSTILE)
    company = raw.companies["evil"]
    incident = next(i for i in raw.incidents if i.company == "evil")
    for url, label in (("companies/evil/", company.name), (EVIL, f"{incident.title} ({company.name})")):
        titles = [str(link["title"]) for link in site.page(url, "html.parser").find_all("link", rel="alternate")]
        assert titles[3:] == [f"fixture: {label} ({fmt})" for fmt in ("Atom", "RSS", "JSON Feed")], titles


WITHDRAWN = "incidents/evil/2020-04-04-withdrawn-hostile/"


def test_reply_dispute_correction_and_quote_fields_keep_only_their_words(site: Built) -> None:
    body = article(site.page(EVIL, "html.parser"))
    text = body.get_text()
    for words in ("rebuttal words", "dispute words", "quote words", "source quote words", "decision words",
                  "changed words", "why words", "Corp"):
        assert words in text, words
    assert problems_in_article(body) == []
    hrefs = [unquote(str(a.get("href", ""))) for a in body.find_all("a")]
    # The archive and dispute addresses stay one href value each (percent-encoded where a URL must be).
    assert "https://evil.example/saved\"><script>alert('saved')</script>" in hrefs
    assert "https://evil.example/archive\"><script>alert('archive')</script>" in hrefs
    assert "received by email" in text and "maint.er" in text


@pytest.mark.parametrize("parser", ["html.parser", "lxml"])
def test_withdrawn_record_shows_only_its_notice_and_its_text_is_nowhere(site: Built, parser: str) -> None:
    page = site.page(WITHDRAWN, parser)
    body = article(page)
    assert "reason words" in body.get_text() and "withdrawn" in body.get_text()
    assert problems_in_document(page) == []
    for path in site.site.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".json", ".xml"):
            data = path.read_text("utf-8")
            assert "Secret allegation" not in data and "must never be published" not in data, path


def test_json_api_keeps_the_raw_text_of_the_new_fields(site: Built) -> None:
    raw = load_corpus(HOSTILE)
    incident = next(i for i in raw.incidents if i.slug == "2020-02-02-everything-hostile")
    full = json.loads(site.json_text("api/v2/companies/evil.json"))["company"]["incidents"][0]
    assert incident.company_reply is not None and incident.company_reply.rebuttal is not None
    assert incident.dispute is not None and incident.dispute.decided is not None
    assert full["company_reply"]["rebuttal"]["text"] == incident.company_reply.rebuttal.text
    assert full["dispute"]["by"] == incident.dispute.by and full["dispute"]["summary"] == incident.dispute.summary
    assert full["dispute"]["source"]["quote"] == incident.dispute.source.quote  # type: ignore[union-attr]
    assert full["dispute"]["decided"]["decision"] == incident.dispute.decided.text
    assert full["corrections"][0]["changed"] == incident.corrections[0].changed
    withdrawn = json.loads(site.json_text("api/v2/incidents.json"))["withdrawn"]
    assert [w["reason"] for w in withdrawn] == [next(i for i in raw.incidents if i.withdrawn).withdrawn.reason]  # type: ignore[union-attr]
