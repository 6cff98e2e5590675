"""Subscriber feeds (issue 5): every feed is valid, ids and dates are stable, hostile text is neutralised,
and pages link their feeds. The corpus is built directly as model objects (support.records)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import feedparser
import httpx
import pytest
from bs4 import BeautifulSoup
from support import records
from support.browser import serving
from support.feeds_rules import check_atom, check_feed, check_json, check_rss, check_sitemap
from support.records import company, incident, post
from support.sites import SAMPLE, build_site, sample_project
from support.theme import render_partial

from generator.model import CompanyReply, Corpus, Incident, Post, TimelineEntry
from generator.render import urls
from generator.render.feeds import (
    SITE_URL_REQUIRED,
    FeedConfigError,
    build_feeds,
    feed_links,
    feed_scopes,
    page_feed_links,
)

SITE = "https://example.org/track/"
HOSTILE_ISSUE = (
    "They lost my bags \x0b and \x00 said *nothing*. <script>alert('x')</script>\n\n"
    "[click me](javascript:alert(1)) <a href=\"javascript:alert(2)\" onclick=\"evil()\">raw</a> "
    "<iframe src=\"https://evil.example/\"></iframe><img src=x onerror=alert(3)> "
    "<style>body{display:none}</style><form action=/x><input></form>\n\n"
    "See [the other company](/companies/beta/) and [a relative](../other/) and <mailto:help@acme.example>."
)


def corpus(*, extra: tuple[Incident, ...] = (), posts: tuple[Post, ...] | None = None) -> Corpus:
    """Acme (airline, hostile name and text), Beta (retail), Quiet (no incidents at all)."""
    companies = (
        company("acme", "Acme & <Sons>\x0b", industry="airline"),
        company("beta", "Beta", industry="retail"),
        company("quiet", "Quiet Ltd"),
    )
    incidents = (
        incident(
            "2024-01-05", "ugly", "lost-bags", company="acme",
            title='Lost <bags> & "more"\x00',
            issue=HOSTILE_ISSUE,
            response="We're sorry\x1b. <b onmouseover=x()>Really</b> & truly.",
            timeline=(TimelineEntry(dt.date(2024, 2, 1), "Bags found <script>x()</script>", "bad"),),
            tags=("lost-luggage", "bad\x0btag"),
        ),
        incident("2023-12-01", "good", "good-help", company="acme"),
        incident(
            "2024-03-01", "bad", "refund", company="beta",
            company_reply=CompanyReply("Fixed. <script>x()</script>", dt.date(2024, 3, 10), "https://beta.example/r"),
        ),
        *extra,
    )
    if posts is None:
        posts = (
            post(
                "https://blog.example/p/1", path="reviews/posts/blog/abc123.yml",
                title="A <b>post</b> about Acme\x0b & co", link="https://blog.example/p/1",
                published=dt.datetime(2024, 1, 20, 15, 30, tzinfo=dt.UTC), author="Writer\x00",
                summary="<p>Acme <script>bad()</script><a href='javascript:x'>did</a> things</p>",
                companies=("acme", "nobody"),
            ),
            post("undated", path="reviews/posts/blog/def456.yml", title="Undated", link="https://blog.example/p/2",
                 companies=("acme",)),
        )
    return records.corpus(companies, incidents, posts)


def parse_xml_feed(data: bytes) -> feedparser.FeedParserDict:
    parsed = feedparser.parse(data)
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    return parsed


def by_id(entries: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {entry["id"]: entry for entry in entries}


@pytest.fixture(scope="module")
def built() -> dict[str, bytes]:
    return build_feeds(corpus(), SITE)


def test_scopes_cover_site_companies_current_ratings_and_industries_with_incidents() -> None:
    # The lost-bags incident was ugly, then re-rated bad by its timeline: there is no ugly feed.
    # Quiet has no incidents but keeps its (empty) feed, since its page links it.
    assert feed_scopes(corpus()) == [
        "", "companies/acme", "companies/beta", "companies/quiet",
        "rating/good", "rating/bad", "industry/airline", "industry/retail",
    ]


def test_every_scope_gets_three_feeds_at_the_url_layout(built: dict[str, bytes]) -> None:
    expected = {urls.feed(scope, fmt) for scope in feed_scopes(corpus()) for fmt in ("atom", "rss", "json")}
    assert set(built) == expected | {"feeds/sitemap.xml"}
    assert len(expected) == 3 * len(feed_scopes(corpus()))  # no two feeds share a file
    # All directly in feeds/, so that Material's sitemap lookup beside each feed link finds feeds/sitemap.xml.
    assert {path.rsplit("/", 1)[0] for path in built} == {"feeds"}
    assert {"feeds/atom.xml", "feeds/rss.xml", "feeds/feed.json", "feeds/companies-acme.atom.xml",
            "feeds/rating-good.rss.xml", "feeds/industry-retail.feed.json"} <= set(built)


def test_the_feeds_sitemap_answers_material_and_names_no_alternates(built: dict[str, bytes]) -> None:
    assert check_feed("feeds/sitemap.xml", built["feeds/sitemap.xml"], SITE + "feeds/sitemap.xml") == []
    assert SITE.encode() + b"feeds/atom.xml</loc>" in built["feeds/sitemap.xml"]
    assert build_feeds(Corpus(), SITE)["feeds/sitemap.xml"] == built["feeds/sitemap.xml"]
    # The checker itself: an empty urlset, a URL outside feeds/ and an alternate are each caught.
    ns = b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:x="http://www.w3.org/1999/xhtml">'
    head = b"<?xml version='1.0' encoding='UTF-8'?>" + ns
    assert check_sitemap(head + b"</urlset>") == ["a urlset needs at least one <url>"]
    outside = head + b"<url><loc>" + SITE.encode() + b"companies/</loc></url></urlset>"
    assert "outside the sitemap's folder" in check_sitemap(outside, SITE + "feeds/sitemap.xml")[0]
    alternate = (head + b"<url><loc>" + SITE.encode() + b"feeds/x</loc><x:link rel='alternate' href='"
                 + SITE.encode() + b"fr/'/></url></urlset>")
    assert check_sitemap(alternate)[-1] == "names alternates, which Material would follow"


def test_every_xml_feed_parses_with_feedparser_without_bozo(built: dict[str, bytes]) -> None:
    xml = [path for path in built if path.endswith(".xml") and path != "feeds/sitemap.xml"]
    assert len(xml) == 16
    for path in xml:
        parsed = parse_xml_feed(built[path])
        assert parsed.version == ("atom10" if path.endswith("atom.xml") else "rss20"), path


def test_every_feed_passes_the_offline_validator_rules(built: dict[str, bytes]) -> None:
    problems = [p for path, data in built.items() for p in check_feed(path, data, SITE + path)]
    assert problems == []


def test_json_feeds_carry_the_json_feed_1_1_essentials(built: dict[str, bytes]) -> None:
    document = json.loads(built["feeds/companies-acme.feed.json"])
    assert document["version"] == "https://jsonfeed.org/version/1.1"
    assert document["feed_url"] == SITE + "feeds/companies-acme.feed.json"
    assert document["home_page_url"] == SITE + "companies/acme/"
    first = document["items"][0]
    assert {"id", "url", "content_html", "date_published", "date_modified", "title", "summary"} <= set(first)


def test_the_rules_checker_rejects_broken_feeds() -> None:
    atom = (b"<?xml version='1.0' encoding='UTF-8'?><feed xmlns='http://www.w3.org/2005/Atom'><title>t</title>"
            b"<updated>yesterday</updated><entry><id>x</id><title>e</title><updated>2024-01-01T00:00:00Z</updated>"
            b"<link href='/relative/'/><content type='html'>&lt;script&gt;x()&lt;/script&gt;</content></entry></feed>")
    found = "\n".join(check_atom(atom))
    for expected in ("needs exactly one <id>", "not an RFC 3339", "link rel=self", "'x' is not a tag URI",
                     "no author", "'/relative/' is not absolute", "unsafe <script>"):
        assert expected in found
    rss = (b"<?xml version='1.0' encoding='UTF-8'?><rss version='2.0'><channel><title>t</title><link>/</link>"
           b"<item><link>https://e.org/</link><pubDate>2024-01-01</pubDate><guid>abc</guid></item></channel></rss>")
    found = "\n".join(check_rss(rss))
    for expected in ("one non-empty <description>", "'/' is not absolute", "needs a title or a description",
                     "not an RFC 822", "is a permalink but not an absolute URL"):
        assert expected in found
    assert check_json(b'{"version": "https://jsonfeed.org/version/1", "title": "t", "items": [{"id": "1"}]}')
    assert "not well-formed" in check_atom(b"<?xml version='1.0' encoding='UTF-8'?><feed>\x0b</feed>")[0]


def test_two_builds_give_identical_bytes(built: dict[str, bytes]) -> None:
    assert build_feeds(corpus(), SITE) == built


def test_no_build_time_appears_in_any_feed(built: dict[str, bytes]) -> None:
    # The records are all from 2023-2024; the clock's date, in any format a feed uses, must not appear.
    now = dt.datetime.now(dt.UTC)
    stamps = {now.date().isoformat(), now.strftime("%d %b %Y")}
    for path, data in built.items():
        text = data.decode("utf-8")
        for stamp in stamps:
            assert stamp not in text, f"{path} carries {stamp!r}"
        years = set(re.findall(r"\b(20\d\d)-\d\d-\d\dT", text)) | set(re.findall(r"\d\d \w\w\w (20\d\d) ", text))
        assert years <= {"2023", "2024"}, (path, years)


def test_entry_dates_and_ids_come_from_the_records(built: dict[str, bytes]) -> None:
    entries = by_id(parse_xml_feed(built["feeds/atom.xml"]).entries)
    lost = entries["tag:example.org,2024-01-05:track/incidents/acme/2024-01-05-lost-bags"]
    assert lost["published"] == "2024-01-05T00:00:00+00:00"
    assert lost["updated"] == "2024-02-01T00:00:00+00:00"  # the timeline update
    refund = entries["tag:example.org,2024-03-01:track/incidents/beta/2024-03-01-refund"]
    assert refund["updated"] == "2024-03-10T00:00:00+00:00"  # the company's reply
    feed = parse_xml_feed(built["feeds/atom.xml"]).feed
    assert feed["updated"] == "2024-03-10T00:00:00+00:00"  # the newest entry's
    rss = parse_xml_feed(built["feeds/rss.xml"])
    assert rss.feed["updated"] == "Sun, 10 Mar 2024 00:00:00 +0000"
    assert {e["id"] for e in rss.entries} == set(entries)


def test_a_timeline_update_changes_updated_but_not_the_id() -> None:
    beta = incident("2024-04-01", "bad", "late-delivery", company="beta")
    before = build_feeds(corpus(extra=(beta,)), SITE)
    later = dataclasses.replace(beta, timeline=(TimelineEntry(dt.date(2024, 6, 2), "Refunded in full.", "good"),))
    after = build_feeds(corpus(extra=(later,)), SITE)
    key = "tag:example.org,2024-04-01:track/incidents/beta/2024-04-01-late-delivery"
    for path in ("feeds/atom.xml", "feeds/companies-beta.atom.xml", "feeds/industry-retail.atom.xml"):
        old = by_id(parse_xml_feed(before[path]).entries)[key]
        new = by_id(parse_xml_feed(after[path]).entries)[key]
        assert (old["published"], new["published"]) == ("2024-04-01T00:00:00+00:00",) * 2
        assert (old["updated"], new["updated"]) == ("2024-04-01T00:00:00+00:00", "2024-06-02T00:00:00+00:00")
        assert old["title"].startswith("[bad] Beta:") and new["title"].startswith("[good] Beta:")
    old_json = {i["id"]: i for i in json.loads(before["feeds/feed.json"])["items"]}
    new_json = {i["id"]: i for i in json.loads(after["feeds/feed.json"])["items"]}
    assert old_json[key]["date_modified"] != new_json[key]["date_modified"]
    # Re-rated good: it moves from the bad feed to the good one, with the same id.
    assert key in by_id(parse_xml_feed(before["feeds/rating-bad.atom.xml"]).entries)
    assert key in by_id(parse_xml_feed(after["feeds/rating-good.atom.xml"]).entries)
    assert key not in by_id(parse_xml_feed(after["feeds/rating-bad.atom.xml"]).entries)
    # Everything else is untouched.
    untouched = "tag:example.org,2024-03-01:track/incidents/beta/2024-03-01-refund"
    assert by_id(parse_xml_feed(before["feeds/atom.xml"]).entries)[untouched] == \
        by_id(parse_xml_feed(after["feeds/atom.xml"]).entries)[untouched]


def test_a_corrected_date_field_keeps_the_id() -> None:
    late = incident("2024-04-01", "bad", "late-delivery", company="beta")
    fixed = dataclasses.replace(late, date=dt.date(2024, 3, 30))  # the file keeps its name
    entries = by_id(parse_xml_feed(build_feeds(corpus(extra=(fixed,)), SITE)["feeds/atom.xml"]).entries)
    assert "tag:example.org,2024-04-01:track/incidents/beta/2024-04-01-late-delivery" in entries


def test_hostile_text_cannot_break_or_script_a_feed(built: dict[str, bytes]) -> None:
    for path, data in built.items():
        assert not re.search(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]", data), path
        assert b"\\u00" not in data, path  # nor JSON-escaped control characters
        text = data.decode("utf-8").lower()
        assert "javascript:" not in text and "onclick" not in text and "onerror" not in text, path
        assert "onmouseover" not in text and "evil.example" not in text, path
    atom = parse_xml_feed(built["feeds/companies-acme.atom.xml"])
    lost = next(e for e in atom.entries if e["id"].endswith("2024-01-05-lost-bags"))
    assert lost["title"] == '[bad] Acme & <Sons>: Lost <bags> & "more"'
    content = lost["content"][0]["value"]
    soup = BeautifulSoup(content, "html.parser")
    assert not soup.find_all(["script", "iframe", "img", "style", "form", "input"])
    hrefs = [a.get("href") for a in soup.find_all("a")]
    # Relative links resolve as they would on the incident page, so readers get working absolute links.
    assert "https://example.org/companies/beta/" in hrefs
    assert "https://example.org/track/incidents/acme/other/" in hrefs
    assert "mailto:help@acme.example" in hrefs
    assert "<script" not in content and "<style" not in content  # their words may stay, as inert text
    assert "click me</a>" in content and 'href=""' not in content  # the javascript: link lost its target
    assert "lost-luggage" in [t["term"] for t in lost["tags"]] and "badtag" in [t["term"] for t in lost["tags"]]
    rss_item = next(e for e in parse_xml_feed(built["feeds/companies-acme.rss.xml"]).entries
                    if e["id"].endswith("2024-01-05-lost-bags"))
    assert rss_item["title"] == lost["title"]
    item = next(i for i in json.loads(built["feeds/companies-acme.feed.json"])["items"]
                if i["id"].endswith("2024-01-05-lost-bags"))
    assert item["title"] == lost["title"] and "<script" not in item["content_html"]


def test_summary_is_short_plain_text_of_issue_and_response(built: dict[str, bytes]) -> None:
    items = json.loads(built["feeds/feed.json"])["items"]
    for item in items:
        assert len(item["summary"]) <= 300 and "<" not in item["summary"].replace("<Sons>", "")
    lost = next(i for i in items if i["id"].endswith("lost-bags"))
    assert lost["summary"].startswith("Issue: They lost my bags and said nothing.")
    assert "Response: We're sorry. Really & truly." in lost["summary"]
    long = incident("2024-05-01", name="long", company="beta", issue="word " * 400, response="answer " * 400)
    summary = next(i for i in json.loads(build_feeds(corpus(extra=(long,)), SITE)["feeds/feed.json"])["items"]
                   if i["id"].endswith("long"))["summary"]
    assert len(summary) <= 300 and "Response: answer" in summary and summary.endswith("…")


def test_newest_first_with_a_limit() -> None:
    bulk = tuple(incident(f"2022-{1 + n // 28:02d}-{1 + n % 28:02d}", "bad", f"case-{n}", company="beta")
                 for n in range(60))
    out = build_feeds(corpus(extra=bulk), SITE)
    beta = parse_xml_feed(out["feeds/companies-beta.atom.xml"]).entries
    assert len(beta) == 50
    assert [e["updated"] for e in beta] == sorted((e["updated"] for e in beta), reverse=True)
    assert beta[0]["id"].endswith("2024-03-01-refund")
    small = build_feeds(corpus(extra=bulk), SITE, limit=3)
    small.pop("feeds/sitemap.xml")
    for path, data in small.items():
        count = len(json.loads(data)["items"]) if path.endswith(".json") else len(parse_xml_feed(data).entries)
        assert count <= 3, path
    with pytest.raises(ValueError, match="at least 1"):
        build_feeds(corpus(), SITE, limit=0)


def test_company_feeds_hold_posts_that_mention_the_company(built: dict[str, bytes]) -> None:
    acme = parse_xml_feed(built["feeds/companies-acme.atom.xml"]).entries
    post = next(e for e in acme if "/posts/blog/" in e["id"])
    assert post["id"] == "tag:example.org,2024-01-20:track/posts/blog/abc123"
    assert post["link"] == "https://blog.example/p/1"
    assert post["title"] == "From the web: A <b>post</b> about Acme & co"
    assert post["author"] == "Writer" and post["updated"] == "2024-01-20T15:30:00+00:00"
    assert "<script" not in post["content"][0]["value"] and "javascript" not in post["content"][0]["value"]
    assert not any("Undated" in e["title"] for e in acme)  # a post with no date cannot be placed in time
    site_titles = [e["title"] for e in parse_xml_feed(built["feeds/atom.xml"]).entries]
    assert not any(t.startswith("From the web") for t in site_titles)  # site feed: incidents only


def test_an_entry_is_the_same_in_every_feed_that_holds_it(built: dict[str, bytes]) -> None:
    # Entries are built once and copied into each feed (the last one gets the original): every copy is whole.
    key = "tag:example.org,2024-01-05:track/incidents/acme/2024-01-05-lost-bags"
    paths = ("feeds/atom.xml", "feeds/companies-acme.atom.xml", "feeds/rating-bad.atom.xml",
             "feeds/industry-airline.atom.xml")
    entries = [by_id(parse_xml_feed(built[path]).entries)[key] for path in paths]
    assert all(entry == entries[0] for entry in entries[1:])
    assert "Bags found" in entries[0]["content"][0]["value"] and len(entries[0]["tags"]) == 4
    rss = [next(i for i in parse_xml_feed(built[p.replace("atom.xml", "rss.xml")]).entries if i["id"] == key)
           for p in paths]
    assert all(item == rss[0] for item in rss[1:]) and "Bags found" in rss[0]["content"][0]["value"]


def test_a_control_character_that_reaches_the_writer_cannot_break_a_feed() -> None:
    from generator.render.feeds.content import Category, Item
    from generator.render.feeds.writer import FeedMeta, atom_bytes, rss_bytes

    day = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
    item = Item(id="tag:example.org,2024-01-01:x\x0b", url=SITE + "x/", title="A\x00 title", summary="S\x0b",
                content_html="<p>C\x0c\ufffe</p>", published=day, updated=day,
                categories=(Category("t\x01", SITE + "tag/"),), author="W\x0b")
    meta = FeedMeta("T", "D", SITE, {f: SITE + f for f in ("atom", "rss", "json")}, day, "site", SITE)
    atom = parse_xml_feed(atom_bytes(meta, [item])).entries[0]
    assert (atom["title"], atom["summary"], atom["author"]) == ("A title", "S", "W")
    assert atom["content"][0]["value"] == "<p>C</p>" and atom["tags"][0]["term"] == "t"
    assert parse_xml_feed(rss_bytes(meta, [item])).entries[0]["title"] == "A title"


def test_a_company_without_entries_gets_a_valid_empty_feed(built: dict[str, bytes]) -> None:
    quiet = parse_xml_feed(built["feeds/companies-quiet.atom.xml"])
    assert quiet.entries == []
    assert quiet.feed["updated"] == "2024-03-10T00:00:00+00:00"  # the corpus's newest date, not the clock
    empty = build_feeds(Corpus(), SITE)
    assert set(empty) == {"feeds/atom.xml", "feeds/rss.xml", "feeds/feed.json", "feeds/sitemap.xml"}
    assert parse_xml_feed(empty["feeds/atom.xml"]).feed["updated"] == "1970-01-01T00:00:00+00:00"
    assert [p for path, data in empty.items() for p in check_feed(path, data)] == []


@pytest.mark.parametrize("bad", [None, "", "   ", "example.org", "ftp://example.org/", "/track/", "https://",
                                 "https://example.org/?q=1", "https://exa mple.org/"])
def test_missing_or_unusable_site_url_is_a_clear_error(bad: str | None) -> None:
    with pytest.raises(FeedConfigError) as caught:
        build_feeds(corpus(), bad)
    assert str(caught.value).startswith(SITE_URL_REQUIRED)


def test_site_url_without_trailing_slash_and_at_the_root() -> None:
    out = build_feeds(corpus(), "http://127.0.0.1:8000")
    atom = parse_xml_feed(out["feeds/atom.xml"])
    assert atom.feed["id"] == "http://127.0.0.1:8000/feeds/atom.xml"
    assert atom.entries[0]["id"].startswith("tag:127.0.0.1,2024-")
    assert atom.entries[0]["id"].split(":", 2)[2].startswith("incidents/")
    assert [p for path, data in out.items() for p in check_feed(path, data, "http://127.0.0.1:8000/" + path)] == []


def test_an_international_host_gives_ascii_tag_uris() -> None:
    out = build_feeds(corpus(), "https://Bücher.Example/")
    ids = [e["id"] for e in parse_xml_feed(out["feeds/atom.xml"]).entries]
    assert ids and all(i.startswith("tag:xn--bcher-kva.example,20") for i in ids)


def test_discovery_links_are_absolute_and_typed() -> None:
    links = page_feed_links(SITE, "companies/acme", corpus(), site_name="trackrecord")
    assert [(link.type, link.href) for link in links] == [
        ("application/atom+xml", SITE + "feeds/atom.xml"),
        ("application/rss+xml", SITE + "feeds/rss.xml"),
        ("application/feed+json", SITE + "feeds/feed.json"),
        ("application/atom+xml", SITE + "feeds/companies-acme.atom.xml"),
        ("application/rss+xml", SITE + "feeds/companies-acme.rss.xml"),
        ("application/feed+json", SITE + "feeds/companies-acme.feed.json"),
    ]
    assert links[3].title == "trackrecord: Acme & <Sons> (Atom)"
    assert feed_links(SITE, "rating/ugly")[1].title == "trackrecord: Ugly incidents (RSS)"
    with pytest.raises(ValueError, match="not a feed scope"):
        feed_links(SITE, "companies/../x")
    with pytest.raises(FeedConfigError):
        feed_links("", "")


def test_partial_links_site_feeds_on_every_page_and_company_feeds_on_company_pages() -> None:
    here = SITE + "companies/acme/"
    plain = render_partial(SITE, {}).find_all("link")
    company = render_partial(SITE, {"feeds": "companies/acme"}).find_all("link")
    expected = page_feed_links(SITE, "companies/acme", corpus(), site_name='trackrecord "<b>"', label="Acme")
    # Relative to the page, so Material's sitemap lookup beside each link stays on the host serving the page.
    assert [x["href"] for x in company] == [f"../../{link.path}" for link in expected]
    assert [(x["rel"], x["type"], urljoin(here, str(x["href"])), x["title"]) for x in company] == [
        (["alternate"], link.type, link.href, link.title) for link in expected
    ]
    assert [x["href"] for x in plain] == [x["href"] for x in company[:3]]
    home = render_partial(SITE, {}, page_url="", base_url=".").find_all("link")
    assert [x["href"] for x in home] == ["feeds/atom.xml", "feeds/rss.xml", "feeds/feed.json"]
    missing = render_partial(SITE, {}, page_url=None, base_url="/track/").find_all("link")  # 404.html, any URL
    assert [x["href"] for x in missing] == ["/track/feeds/atom.xml", "/track/feeds/rss.xml", "/track/feeds/feed.json"]
    rating = render_partial(SITE.rstrip("/"), {"feeds": "rating/ugly", "feeds_title": "Ugly incidents"},
                            page_url="rating/ugly/")
    assert [urljoin(SITE + "rating/ugly/", str(x["href"])) for x in rating.find_all("link")][3:] == [
        link.href for link in feed_links(SITE, "rating/ugly")
    ]
    assert rating.find_all("link")[4]["title"] == 'trackrecord "<b>": Ugly incidents (RSS)'


def test_partial_escapes_hostile_values_and_needs_site_url() -> None:
    soup = render_partial(SITE, {"feeds": 'companies/x"><script>alert(1)</script>', "feeds_title": "<i>"})
    assert soup.find("script") is None and soup.find("i") is None
    evil = render_partial(SITE, {"feeds": "companies/acme", "feeds_title": '"><script>alert(1)</script>'})
    assert evil.find("script") is None and len(evil.find_all("link")) == 6
    # Front-matter titles are HTML, as MkDocs' page titles are: tags go, entities become the characters.
    assert evil.find_all("link")[3]["title"] == 'trackrecord "<b>": ">alert(1) (Atom)'
    escaped = render_partial(SITE, {"feeds": "companies/acme"}, title="AT&amp;T &lt;P&amp;G&gt; &quot;x&quot;")
    assert escaped.find_all("link")[3]["title"] == 'trackrecord "<b>": AT&T <P&G> "x" (Atom)'
    quoted = render_partial(SITE, {"feeds": 'companies/x" onload="alert(1)'}).find_all("link")
    assert all(set(x.attrs) == {"rel", "type", "title", "href"} for x in quoted)
    assert all(str(x["href"]).startswith("../../feeds/companies-x%22%20onload") for x in quoted[3:])
    assert len(render_partial(SITE, {"feeds": "elsewhere/acme"}).find_all("link")) == 3
    assert render_partial(None, {"feeds": "companies/acme"}).find_all("link") == []


def test_the_sample_records_build_valid_feeds() -> None:
    from generator.records.reader import load_corpus

    out = build_feeds(load_corpus(SAMPLE), SITE)
    assert [p for path, data in out.items() for p in check_feed(path, data, SITE + path)] == []
    for path, data in out.items():
        if path.endswith((".atom.xml", ".rss.xml", "feeds/atom.xml", "feeds/rss.xml")):
            parse_xml_feed(data)


class _Links(HTMLParser):
    """What a feed reader does with a page: collect <link rel="alternate"> with a feed media type."""

    TYPES = ("application/atom+xml", "application/rss+xml", "application/feed+json")

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "link" and values.get("rel") == "alternate" and values.get("type") in self.TYPES:
            self.found.append((values["type"] or "", values.get("href") or ""))


@pytest.mark.slow
@pytest.mark.integration
def test_a_feed_reader_discovers_valid_feeds_from_the_built_site(tmp_path: Path) -> None:
    """The issue's 'done': build the repository's site (support.sites.build_site), serve it on 127.0.0.1, and from the
    home page and a company page follow the discovery links over HTTP to feeds that parse cleanly."""
    site = tmp_path / "site"
    site.mkdir()
    with serving(site) as base:
        built = build_site(sample_project(tmp_path / "project", site_url=base), site, strict=True)
        assert built.strict_failure is None, built.warnings
        slug = sorted(p.name for p in (site / "companies").iterdir() if (p / "index.html").is_file())[0]
        with httpx.Client(timeout=10) as client:
            for page, scope in (("", ""), (f"companies/{slug}/", f"companies/{slug}")):
                reader = _Links()
                reader.feed(client.get(base + page).raise_for_status().text)
                found = [(kind, urljoin(base + page, href)) for kind, href in reader.found]  # as readers resolve
                expected = [(link.type, link.href) for link in page_feed_links(base, scope)]
                assert found == expected, page
                for kind, href in found:
                    body = client.get(href).raise_for_status().content
                    path = href.removeprefix(base)
                    assert check_feed(path, body, href) == [], href
                    if kind != "application/feed+json":
                        assert feedparser.parse(body).bozo == 0, href
