"""What the streamed index sends Pagefind of a page: its searchable element alone, or the whole page
whenever anything outside that element is for Pagefind too (see search/stream.py)."""

from __future__ import annotations

from generator.search.stream import searchable_document

BODY = ('<div class="tr-page" data-pagefind-body>\n<h1>Broken guitar</h1>\n'
        '<span data-pagefind-filter="rating">ugly</span>\n<p>Baggage handlers threw it.</p>\n</div>')


def _page(body: str = BODY, header: str = "", lang: str = "en") -> str:
    return (f'<!doctype html>\n<html lang="{lang}" class="no-js">\n<head><meta charset="utf-8">'
            f'<title>Broken guitar - trackrecord</title><link rel="stylesheet" href="x.css"></head>\n'
            f'<body><header>{header}<nav>Companies Incidents</nav></header><article>{body}</article>'
            '<footer>Made with Material</footer></body></html>')


def test_a_generated_page_goes_as_its_language_title_and_searchable_element() -> None:
    sent = searchable_document(_page(lang="de"), BODY)
    assert sent.startswith('<!DOCTYPE html>\n<html lang="de" class="no-js"><head><meta charset="utf-8">'
                           '<title>Broken guitar - trackrecord</title></head><body>\n')
    assert BODY in sent
    for around in ("<nav>", "<footer>", "x.css", "Made with Material"):
        assert around not in sent


def test_the_whole_page_goes_when_anything_outside_the_element_is_for_pagefind() -> None:
    marked = _page(header='<span data-pagefind-meta="image:/logo.png"></span>')
    assert searchable_document(marked, BODY) == marked
    ignored = _page(header='<div data-pagefind-ignore>skip</div>')
    assert searchable_document(ignored, BODY) == ignored


def test_the_whole_page_goes_when_the_element_is_not_in_it_as_given() -> None:
    changed = _page(body=BODY.replace("threw", "dropped"))
    assert searchable_document(changed, BODY) == changed


def test_pages_without_a_known_element_go_whole() -> None:
    page = _page()
    assert searchable_document(page, None) == page
    unmarked = BODY.replace(" data-pagefind-body", "")
    assert searchable_document(_page(body=unmarked), unmarked) == _page(body=unmarked)
    assert searchable_document(BODY, BODY) == BODY  # no <html> tag to take the language from


def test_the_whole_page_goes_when_it_has_a_heading_or_image_outside_the_element() -> None:
    # Pagefind's default title is the page's first <h1> and its default image the first <img> after it,
    # wherever they are: a site's logo or a badge in the footer must not be lost to the trimming.
    for around in ("<h1>Site</h1>", '<img src="/badge.png" alt="">'):
        page = _page(header=around)
        assert searchable_document(page, BODY) == page
