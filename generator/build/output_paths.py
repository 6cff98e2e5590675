"""One producer per output path: a second file for a path already taken in a build is an error.

Without this check the later file silently replaced the earlier one (a hand-written
docs/companies/acme.md and the generated page of company acme both become
companies/acme/index.html), and which one a reader saw depended on the order of writing.
"""

from __future__ import annotations

import posixpath
from collections.abc import Mapping

# The extensions MkDocs renders as pages (mkdocs.utils.markdown_extensions).
_PAGE_SUFFIXES = (".md", ".markdown", ".mdown", ".mkdn", ".mkd")
STATIC_FILES = "the feeds, JSON API and schemas trackrecord generates"


class DuplicateOutput(Exception):
    """Two producers claimed one output path."""

    def __init__(self, path: str, first: str, second: str) -> None:
        self.path, self.first, self.second = path, first, second
        super().__init__(
            f"two files would be written to {path}: {first}, and {second}. "
            "Each output path can come from one source only: rename or remove one of them."
        )


class OutputClaims:
    """Which producer claimed each output path in one build."""

    def __init__(self, taken: Mapping[str, str] | None = None) -> None:
        self._by_path: dict[str, str] = dict(taken or {})

    def claim(self, path: str, producer: str) -> None:
        """Record that `producer` writes `path`; DuplicateOutput if another already does."""
        first = self._by_path.get(path)
        if first is not None:
            raise DuplicateOutput(path, first, producer)
        self._by_path[path] = producer

    def taken(self) -> dict[str, str]:
        return dict(self._by_path)


def site_path(src_uri: str, *, directory_urls: bool = True) -> str:
    """Where MkDocs writes a file from docs/: a page foo.md at foo/index.html (or foo.html), and
    index.md or README.md at index.html in its folder; any other file at its own path."""
    stem, suffix = posixpath.splitext(src_uri)
    if suffix.lower() not in _PAGE_SUFFIXES:
        return src_uri
    parent, name = posixpath.split(stem)
    name = "index" if name == "README" else name
    if name == "index" or not directory_urls:
        return posixpath.join(parent, f"{name}.html")
    return posixpath.join(parent, name, "index.html")
