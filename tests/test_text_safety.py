"""The one door for hostile text (generator/render/text_safety.py): each helper on the inputs that made it necessary."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

from generator.render.site_content import robots_txt
from generator.render.text_safety import (
    clean_html,
    clip,
    esc,
    external_link,
    loose_text,
    markdown_html,
    one_line,
    person_name,
    plain_text,
    render_markdown,
    safe_url,
    script_json,
    slugify,
    strip_control,
)

GENERATOR = Path(__file__).resolve().parents[1] / "generator"


@pytest.mark.parametrize(("author", "shown"), [
    ("notes@service-desk-notes.example (Dana Reyes)", "Dana Reyes"),  # RSS 2.0's address-first form
    ("Dana Reyes <dana@host.example>", "Dana Reyes"),
    ('"Dana Reyes" <dana@host.example>', "Dana Reyes"),
    ("mailto:dana@host.example", None),
    ("dana@host.example", None),  # only an address: no author at all
    ("<dana@host.example>", None),
    ("Pat (pat@host.example), editor", "Pat, editor"),
    ("Sam Okafor", "Sam Okafor"),
    ("(Dana <b>Reyes</b>)", "Dana <b>Reyes</b>"),  # text, escaped where it is shown
    ("Dana Reyes <dana@localhost>", "Dana Reyes"),  # a domain without a dot is an address all the same
    ("root@intranet", None),
    ("Dana (dana@[192.0.2.1])", "Dana"),  # an address literal
    ("Dana @dana", "Dana @dana"),  # a handle, not an address
    ("", None),
    (None, None),
])
def test_person_name_never_keeps_an_address(author: str | None, shown: str | None) -> None:
    assert person_name(author) == shown


def test_one_control_character_rule_for_pages_feeds_imports_and_issue_forms() -> None:
    text = "a\x00b\x0bc\x1bd\x7fe\x85f\ufeffg\ufffeh\ud800i\ufdd0j"
    assert strip_control(text) == "abcdefghij"
    assert strip_control("tab\tnew\nline\rok") == "tab\tnew\nline\rok"


def test_escaping_covers_text_and_quoted_attributes() -> None:
    assert esc('"><script>alert(1)</script>&\x00') == "&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;&amp;"
    assert esc("it's") == "it&#x27;s"


def test_clip_and_one_line() -> None:
    assert one_line("  many \n\t spaces\x00 here ") == "many spaces here"
    assert clip("short", 10) == "short"
    assert clip("one two three four five", 12) == "one two…"
    assert one_line("one two three four five", 12) == "one two…"
    assert len(clip("x" * 50, 20)) == 20  # no space to cut at: cut mid-word


def test_plain_text_keeps_the_words_apart_and_drops_script() -> None:
    html = "<p>First.</p><p>Second<br>line <b>bold</b>ly &amp; more</p><script>alert(1)</script><style>p{}</style>"
    assert plain_text(html) == "First. Second line boldly & more"
    assert plain_text("<p>" + "word " * 100 + "</p>", 30).endswith("…")


@pytest.mark.parametrize(("text", "words"), [
    ("Procter & Gamble <P&G>", "Procter & Gamble <P&G>"),  # opens no element: characters
    ("press <Enter> if 1 < 2 and 3<4", "press <Enter> if 1 < 2 and 3<4"),
    ("Acme <i>again</i><script>alert(1)</script>!", "Acme again!"),  # real tags go, script with its text
    ("<B onclick=x()>Bold</B> <!-- hidden -->", "Bold"),
    ("<svg/onload=alert(1)>x", "x"),
])
def test_loose_text_drops_tags_but_keeps_brackets_that_are_words(text: str, words: str) -> None:
    assert loose_text(text) == words


@pytest.mark.parametrize(("url", "kept"), [
    ("https://example.org/a b", "https://example.org/a%20b"),
    ("http://example.org/", "http://example.org/"),
    ("javascript:alert(1)", None),
    ("data:text/html,<script>alert(1)</script>", None),
    ("JAVASCRIPT:alert(1)", None),
    ("//example.org/", None),
    ("https://", None),
    ("https://[::1", None),  # urlsplit raises on this
    ("https://example.org/" + "a" * 2000, None),
    (None, None),
])
def test_safe_url(url: str | None, kept: str | None) -> None:
    assert safe_url(url) == kept


def test_external_link_shows_text_only_when_the_address_is_not_http() -> None:
    assert external_link("javascript:alert(1)", "<b>x</b>") == "&lt;b&gt;x&lt;/b&gt;"
    # What a URL cannot hold is percent-encoded, so the href is a valid URL (the Nu checker), and stays text.
    assert external_link('https://e.example/"><script>', "t", "c") == (
        '<a href="https://e.example/%22%3E%3Cscript%3E" class="c" rel="nofollow noopener noreferrer">t</a>'
    )
    assert external_link("https://[::1]:8080/a[1]?q={x}|y&z=100%#`", "t") == (
        '<a href="https://[::1]:8080/a%5B1%5D?q=%7Bx%7D%7Cy&amp;z=100%25#%60" rel="nofollow noopener noreferrer">t</a>'
    )
    assert 'href="https://e.example/a%20b%2Fc"' in external_link("https://e.example/a b%2Fc", "t")  # kept triplets


def test_clean_html_with_a_base_makes_links_absolute_and_drops_the_rest() -> None:
    dirty = ('<p onclick="alert(1)">hi</p><img src=x onerror=alert(1)><a href="/rel">r</a>'
             '<a href="javascript:alert(1)">j</a><script>alert(1)</script>')
    assert clean_html(dirty, "https://blog.example/post/") == (
        '<p>hi</p><a href="https://blog.example/rel" rel="nofollow noopener noreferrer">r</a>'
        '<a>j</a>'  # rel only where there is an href (HTML allows no other)
    )
    assert clean_html('<a title="x>y" href="javascript:1">t</a>') == '<a title="x&gt;y">t</a>'
    assert 'href="/rel"' in clean_html(dirty)  # pages resolve relative links themselves
    assert strip_control(clean_html("&#1;x")) == clean_html("&#1;x") == "x"  # nh3 decodes the reference


def test_markdown_demotes_headings_and_feeds_get_absolute_links() -> None:
    assert render_markdown("# Big\n\n[r](../x/)") == (
        '<h3>Big</h3>\n<p><a href="../x/" rel="nofollow noopener noreferrer">r</a></p>\n'
    )
    assert 'href="https://site.example/a/x/"' in markdown_html("[r](../x/)", "https://site.example/a/b/")


def test_one_slug_rule() -> None:
    assert slugify("Pat's Travel Blog!") == "pat-s-travel-blog"
    assert slugify("!!!") == "incident"
    assert slugify("!!!", fallback="feed") == "feed"
    assert slugify("a" * 70 + " b", 60) == "a" * 60


def test_only_the_text_safety_module_imports_the_sanitizers() -> None:
    """The one door: no other module can render or sanitize record text its own way."""
    offenders = []
    for path in GENERATOR.rglob("*.py"):
        if path == GENERATOR / "render" / "text_safety.py":
            continue
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module] + [f"html.{a.name}" for a in node.names if node.module == "html"]
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "html":
                names.append(f"html.{node.attr}")
            for name in names:
                if name.split(".")[0] in {"nh3", "cmarkgfm", "markdown", "markupsafe"} or name == "html.escape":
                    offenders.append(f"{path.relative_to(GENERATOR)}: {name}")
    assert not offenders, offenders


def test_script_json_cannot_end_a_script_and_keeps_the_text() -> None:
    hostile = "</script><script>alert(1)</script> & <!-- \u2028"
    made = script_json({"name": hostile})
    assert "<" not in made and ">" not in made and "&" not in made
    assert json.loads(made) == {"name": hostile}


def test_robots_txt_names_the_sitemap_only_with_a_site_url() -> None:
    assert robots_txt("https://x.example/") == b"User-agent: *\nAllow: /\nSitemap: https://x.example/sitemap.xml\n"
    assert robots_txt(None) == b"User-agent: *\nAllow: /\n"
    assert robots_txt("https://owner.github.io/project/") is None  # never read there: none is written
