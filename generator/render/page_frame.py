"""Material's page frame around a generated page outside the nav, rendered once per place. No MkDocs here.

Such a page is never the nav's active item, has no previous or next page and (being generated)
no table of contents, so the blocks around its content (header, tabs, sidebars, footer, and the `__config` script)
differ from another's only by the relative links in them, by `hide` in its front matter, and by
its title in the header. Rendering them on each of 12,000 pages was two fifths of the rendering.
They are rendered once per place in the site (how deep the page lies, how much of its path it
shares with what the frame links to), with markers for the title, which each page then puts back.
Every page renders its own frame when a site's templates override base.html, main.html or a
partial, when another plugin changes the page's context, or where the first page at a place shows
that the cached frame would differ from its own (FrameCache.blocks).
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
    return any((folder / name).exists() for name in ("base.html", "main.html")) \
        or any((folder / "partials").rglob("*.html"))


# What the frame may read of a page for the cache to hold: all it reads today. Reading anything
# else (a later Material, a site's template) makes that place's pages render their own frame.
_PAGE_READS = frozenset({"url", "toc", "title", "meta", "previous_page", "next_page"})
_META_READS = frozenset({"hide", "title"})


class _Meta(dict[str, Any]):
    """A page's front matter as the frame reads it: which keys were asked for is noted."""

    def __init__(self, values: Mapping[str, Any], asked: set[str]) -> None:
        super().__init__(values)
        self.asked = asked

    def __getitem__(self, key: str) -> Any:
        self.asked.add(f"meta.{key}")
        return super().__getitem__(key)

    def get(self, key: str, default: Any = None) -> Any:
        self.asked.add(f"meta.{key}")
        return super().get(key, default)

    def __contains__(self, key: object) -> bool:
        self.asked.add(f"meta.{key}")
        return super().__contains__(key)


class _StandIn:
    """The page as the frame is rendered for a place: its titles are markers, the rest its own, and
    everything the frame reads of it is noted."""

    def __init__(self, page: FramedPage) -> None:
        self._page = page
        self.asked: set[str] = set()
        meta = dict(page.meta or {})
        if meta.get("title"):
            meta["title"] = _META_TITLE
        self._meta = _Meta(meta, self.asked)

    @property
    def title(self) -> str:
        self.asked.add("title")
        return _TITLE

    @property
    def meta(self) -> _Meta:
        self.asked.add("meta")
        return self._meta

    def __getattr__(self, name: str) -> Any:
        self.asked.add(name)
        return getattr(self._page, name)

    def strayed(self) -> bool:
        """Whether the frame read anything of the page the cache cannot stand for."""
        allowed = _PAGE_READS | {f"meta.{key}" for key in _META_READS}
        return not self.asked <= allowed


class FrameCache:
    """The frame's blocks by place. `link_targets`: every URL the frame links to relative to the page
    (the nav's pages and links, the home page's): where a page's path meets theirs, its links differ."""

    def __init__(self, link_targets: Iterable[str | None], features: Sequence[str]) -> None:
        self.prefixes: set[str] = set()
        for url in link_targets:
            parts = [p for p in (url or "").split("/")[:-1] if p]
            self.prefixes.update("/".join(parts[:n]) for n in range(1, len(parts) + 1))
        self.features = list(features)
        # None for a place whose pages each render their own (see blocks()).
        self.rendered: dict[tuple[object, ...], dict[str, str] | None] = {}

    def _place(self, page: FramedPage) -> tuple[object, ...]:
        url = page.url
        base = url if url.endswith("/") or not url else posixpath.dirname(url) + "/"
        parts = [p for p in base.split("/") if p]
        shared = 0
        while shared < len(parts) and "/".join(parts[: shared + 1]) in self.prefixes:
            shared += 1
        return len(parts), tuple(parts[:shared]), repr((page.meta or {}).get("hide"))

    def blocks(self, env: Environment, page: FramedPage, context: Mapping[str, Any]) -> dict[str, str] | None:
        """The frame's blocks for `page`, by name, with `context` as MkDocs gives it to the page; None
        when the page must render its own. The first page at each place is rendered both ways, and
        the place is cached only when both give the same and the frame read nothing else of it."""
        if page.toc:  # its own table of contents is in the frame
            return None
        place = self._place(page)
        if place in self.rendered:
            done = self.rendered[place]
            return None if done is None else _filled(done, page)
        stand_in = _StandIn(page)
        done = self._render(env, stand_in, context)
        if stand_in.strayed() or _filled(done, page) != self._render(env, page, context):
            done = None
        self.rendered[place] = done
        return None if done is None else _filled(done, page)

    def _render(self, env: Environment, page: object, context: Mapping[str, Any]) -> dict[str, str]:
        base = env.get_template("base.html")
        values = dict(context)
        values["page"] = page
        # What base.html sets for its blocks before they run.
        values["lang"] = env.get_template("partials/language.html").make_module(vars=values)
        values["features"] = self.features
        return {name: "".join(base.blocks[name](base.new_context(values))) for name in BLOCKS}


def _filled(done: Mapping[str, str], page: FramedPage) -> dict[str, str]:
    """The cached blocks with this page's titles, printed as they are (MkDocs' templates do not escape)."""
    meta_title = (page.meta or {}).get("title")
    titles = ((_TITLE, str(page.title)), (_META_TITLE, str(meta_title) if meta_title else ""))
    framed = {}
    for name, html in done.items():
        for marker, title in titles:
            if marker in html:
                html = html.replace(marker, title)
        framed[name] = html
    return framed
