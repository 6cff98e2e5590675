"""What record text must never become in a built page: markup that runs, loads or hides something,
and links with a scheme other than http(s) or mailto. Shared by the hostile-fixture tests of the
MkDocs build and of the Zensical build of the export."""

from __future__ import annotations

import json
from urllib.parse import urlsplit

from bs4 import BeautifulSoup, Tag

DANGEROUS = ["script", "style", "iframe", "form", "img", "object", "embed", "input", "button", "frame", "frameset",
             "base", "meta", "link", "math", "textarea", "select"]
SAFE_SCHEMES = {"http", "https", "mailto"}
# Attributes that load or run something; record text must never set one to a script or an evil.example address.
LOADING = ("src", "action", "formaction", "data", "xlink:href", "poster", "srcdoc", "background")


def problems_in_article(body: Tag) -> list[str]:
    """What the generated content (an <article>, or a feed's HTML) holds that no record text may make."""
    found = [f"<{el.name}>" for el in body.find_all(DANGEROUS)]
    for el in body.find_all(True):
        found += [f"<{el.name} {name}=...>" for name in el.attrs if name.lower().startswith("on")]
        for name in ("href", "src", "action", "formaction", "xlink:href", "data"):
            value = el.get(name)
            if value is None:
                continue
            if name != "href" or el.name != "a":
                found.append(f"<{el.name} {name}={value!r}>")
                continue
            scheme = urlsplit(str(value).strip()).scheme.lower()
            if scheme and scheme not in SAFE_SCHEMES:
                found.append(f"<a href={value!r}>")
    return found


def is_data_block(el: Tag) -> bool:
    """A JSON-LD <script>: data the browser never runs, where record text belongs as JSON strings."""
    return el.name == "script" and str(el.get("type", "")) == "application/ld+json"


def data_block_problem(el: Tag) -> str | None:
    """Why a JSON-LD block is unsafe: a raw '<' (which could close the script) or text that is no JSON."""
    text = el.get_text()
    if "<" in text or el.get("src") is not None:
        return f"<script type=application/ld+json> with markup: {text[:60]}"
    try:
        json.loads(text)
    except ValueError:
        return f"<script type=application/ld+json> that is no JSON: {text[:60]}"
    return None


def problems_in_document(page: BeautifulSoup) -> list[str]:
    """What record text could have made anywhere in a page, <head> and Material's chrome included."""
    found = []
    for el in page.find_all(True):
        if is_data_block(el):
            problem = data_block_problem(el)
            if problem:
                found.append(problem)
        elif el.name == "script" and ("alert(" in el.get_text() or "evil.example" in str(el.get("src", ""))):
            found.append(f"<script>{el.get_text()[:60]}")
        if el.name == "style" and "display: none" in el.get_text():
            found.append("<style> from a record")
        if el.name == "meta" and str(el.get("http-equiv", "")).lower() == "refresh":
            found.append("<meta http-equiv=refresh>")
        for name, value in el.attrs.items():
            text = " ".join(value) if isinstance(value, list) else str(value)
            if name.lower().startswith("on") or (name in LOADING and ("alert" in text or "evil.example" in text)):
                found.append(f"<{el.name} {name}={text[:60]!r}>")
            if name == "href":
                scheme = urlsplit(text.strip()).scheme.lower()
                if scheme and scheme not in SAFE_SCHEMES:
                    found.append(f"<{el.name} href={text[:60]!r}>")
    return found
