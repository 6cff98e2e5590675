"""The site a feed belongs to: its absolute base URL and the tag-URI authority for entry ids."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

SITE_URL_REQUIRED = "site_url is required in mkdocs.yml to build feeds (absolute URLs)"


class FeedConfigError(ValueError):
    """The site configuration cannot give feeds absolute URLs."""


def site_url_problem(value: object) -> str | None:
    """What is wrong with `value` as mkdocs.yml's site_url, said as mkdocs.yml's settings errors
    say it (what was expected, what came); None when feeds and the API can use it. Checked before
    anything is written: feeds need it, and are written last."""
    expected = "expected the site's absolute http or https address, such as https://example.org/, but"
    if value is None or value == "":
        return f"{expected} it is not set (feeds and the JSON API need absolute URLs)"
    if isinstance(value, str):
        try:
            Site.from_url(value, "")
            return None
        except FeedConfigError:
            pass
    return f"{expected} received: {value!r}"


@dataclass(frozen=True, slots=True)
class Site:
    base: str  # absolute, ends with "/"
    host: str  # lower-case host name, the tag-URI authority
    prefix: str  # the site's path below the host, without slashes at either end ("" at the root)
    name: str

    @classmethod
    def from_url(cls, site_url: str | None, name: str) -> Site:
        text = (site_url or "").strip()
        if not text:
            raise FeedConfigError(SITE_URL_REQUIRED)
        try:
            parts = urlsplit(text)
            host = parts.hostname
        except ValueError as exc:
            raise FeedConfigError(f"{SITE_URL_REQUIRED}; got {text!r}: {exc}") from exc
        if parts.scheme not in ("http", "https") or not host:
            raise FeedConfigError(f"{SITE_URL_REQUIRED}; got {text!r}, which is not an http(s) URL")
        if parts.query or parts.fragment or any(c.isspace() for c in text):
            raise FeedConfigError(f"{SITE_URL_REQUIRED}; got {text!r}, which has a query, fragment or space")
        try:
            authority = host.encode("idna").decode("ascii").lower()  # tag URIs need an ASCII DNS name
        except UnicodeError as exc:
            raise FeedConfigError(f"{SITE_URL_REQUIRED}; got {text!r}: {exc}") from exc
        base = text if text.endswith("/") else text + "/"
        return cls(base=base, host=authority, prefix=parts.path.strip("/"), name=name)

    def url(self, path: str) -> str:
        """Absolute URL of a path relative to the site root (as generator.render.urls gives them)."""
        return self.base + path.lstrip("/")

    def tag(self, date: str, specific: str) -> str:
        """A tag URI (RFC 4151). The site's path is part of it, so two sites on one host never share ids."""
        inside = f"{self.prefix}/{specific}" if self.prefix else specific
        return f"tag:{self.host},{date}:{inside}"
