"""What a feed says, made fit to store: short, sanitized, with nothing private.

feedparser cleans summaries, but lets encoded `javascript:` links through and leaves titles,
authors and links alone. Everything is cleaned again here through generator.render.text_safety, the one
door for hostile text (the site sanitizes the stored summary once more when it builds).
"""

from __future__ import annotations

import html

from generator.render.text_safety import clean_html, esc, loose_text, one_line, person_name, plain_text

SUMMARY_TEXT_LIMIT = 500  # characters of text; a post is shown as a link plus a teaser
SUMMARY_HTML_LIMIT = 2000  # what post.schema.json allows
TITLE_LIMIT = 300
AUTHOR_LIMIT = 200


def feed_text(value: str, limit: int) -> str:
    """A title or an author as one line of plain text. Unescaped first: feeds often escape markup
    twice, and a title is never meant to show tags; but "<P&G>" is no tag, and stays."""
    return loose_text(html.unescape(value), limit)


def author_name(value: str | None) -> str | None:
    """The author's name as plain text; never an email address (see text_safety.person_name)."""
    return person_name(feed_text(value or "", AUTHOR_LIMIT))


def summary_html(value: str, base: str) -> str:
    """Sanitized HTML with links made absolute against the post's address, short: kept as HTML when
    its text fits, else shortened plain text."""
    cleaned = one_line(clean_html(value, base))  # a one-line teaser; feeds indent their markup
    text = plain_text(cleaned, 10 * SUMMARY_TEXT_LIMIT)
    if len(text) <= SUMMARY_TEXT_LIMIT and len(cleaned) <= SUMMARY_HTML_LIMIT:
        return cleaned
    limit = SUMMARY_TEXT_LIMIT
    while True:
        short = esc(plain_text(cleaned, limit))
        if len(short) <= SUMMARY_HTML_LIMIT:
            return short
        limit -= 50
