"""Material's page frame around a generated page outside the nav, rendered once per place. No MkDocs here.

Such a page is never the nav's active item, has no table of contents and no previous or next
page, so the blocks around its content (header, tabs, sidebars, footer, and the `__config` script)
differ from another's only by the relative links in them, by `hide` in its front matter, and by
its title in the header. Rendering them on each of 12,000 pages was two fifths of the rendering.
They are rendered once per place in the site (how deep the page lies, how much of its path it
shares with the nav's pages), with stand-ins for the title, which each page then puts back.
A site whose own templates override base.html or any partial renders every page in full.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, Protocol

from jinja2 import Environment

# The blocks of Material's base.html taken from the cache (theme/main.html puts them in).
BLOCKS = ("header", "tabs", "site_nav", "footer", "config")
_TITLE = "\x00trackrecord page.title\x00"  # no title holds a control character (render/text_safety.py)
_META_TITLE = "\x00trackrecord page.meta.title\x00"


class FramedPage(Protocol):
    @property
    def url(self) -> str: ...
    @property
    def title(self) -> Any: ...
    @property
    def meta(self) -> Mapping[str, Any]: ...
    @property
    def toc(self) -> Any: ...


def site_overrides_frame(custom_dir: str | None) -> bool:
    """Whether a site's own templates (its custom_dir) may render the frame differently per page."""
    if not custom_dir:
        return False
    folder = Path(custom_dir)
    return (folder / "base.html").exists() or any((folder / "partials").rglob("*.html"))


class _StandIn:
    """The page as the frame is rendered for a place: its titles are markers, the rest its own."""

    def __init__(self, page: FramedPage) -> None:
        self._page = page
        self.title = _TITLE
        meta = dict(page.meta or {})
        if meta.get("title"):
            meta["title"] = _META_TITLE
        self.meta = meta

    def __getattr__(self, name: str) -> Any:
        return getattr(self._page, name)


class FrameCache:
    def __init__(self, nav_urls: Iterable[str | None], features: Sequence[str]) -> None:
        self.prefixes: set[str] = set()
        for url in nav_urls:
            parts = [p for p in (url or "").split("/")[:-1] if p]
            self.prefixes.update("/".join(parts[:n]) for n in range(1, len(parts) + 1))
        self.features = list(features)
        self.rendered: dict[tuple[object, ...], dict[str, str]] = {}

    def _place(self, page: FramedPage) -> tuple[object, ...]:
        url = page.url
        base = url if url.endswith("/") or not url else posixpath.dirname(url) + "/"
        parts = [p for p in base.split("/") if p]
        shared = 0
        while shared < len(parts) and "/".join(parts[: shared + 1]) in self.prefixes:
            shared += 1
        hide = (page.meta or {}).get("hide")
        return len(parts), tuple(parts[:shared]), tuple(hide) if isinstance(hide, list) else hide, bool(page.toc)

    def blocks(self, env: Environment, page: FramedPage, context: Mapping[str, Any]) -> dict[str, str]:
        """The frame's blocks for `page`, by name, with `context` as MkDocs gives it to the page."""
        place = self._place(page)
        if (done := self.rendered.get(place)) is None:
            done = self.rendered[place] = self._render(env, page, context)
        meta_title = (page.meta or {}).get("title")
        titles = ((_TITLE, str(page.title)), (_META_TITLE, str(meta_title) if meta_title else ""))
        framed = {}
        for name, html in done.items():
            for marker, title in titles:
                if marker in html:  # MkDocs' template environment does not escape: printed as it is
                    html = html.replace(marker, title)
            framed[name] = html
        return framed

    def _render(self, env: Environment, page: FramedPage, context: Mapping[str, Any]) -> dict[str, str]:
        base = env.get_template("base.html")
        values = dict(context)
        values["page"] = _StandIn(page)
        # What base.html sets for its blocks before they run.
        values["lang"] = env.get_template("partials/language.html").make_module(vars=values)
        values["features"] = self.features
        return {name: "".join(base.blocks[name](base.new_context(values))) for name in BLOCKS}
