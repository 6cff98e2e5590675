"""What each feed scope is called and which HTML page it follows."""

from __future__ import annotations

import re

from generator.model import Corpus
from generator.render import urls
from generator.render.text_safety import one_line

SCOPE = re.compile(r"^(companies|rating|industry)/[a-z0-9]+(-[a-z0-9]+)*$")


def is_scope(scope: str) -> bool:
    return scope == "" or bool(SCOPE.match(scope))


def home_path(scope: str) -> str:
    """The page a scope's feeds follow, relative to the site root."""
    if not scope:
        return ""
    kind, key = scope.split("/", 1)
    return urls.company(key) if kind == "companies" else urls.listing(kind, key)


def label(corpus: Corpus | None, scope: str) -> str:
    """A short human name: 'All incidents', 'Acme Air', 'Ugly incidents', 'Airline industry'."""
    if not scope:
        return "All incidents"
    kind, key = scope.split("/", 1)
    if kind == "companies":
        company = corpus.companies.get(key) if corpus is not None else None
        return one_line(company.name) if company is not None else key
    if kind == "rating":
        return f"{key.capitalize()} incidents"
    return f"{key.capitalize()} industry"


def title(corpus: Corpus, scope: str, site_name: str) -> str:
    return f"{site_name}: {label(corpus, scope)}"


def description(corpus: Corpus, scope: str, site_name: str) -> str:
    if not scope:
        return f"The newest incidents on {site_name}, and their updates."
    kind, key = scope.split("/", 1)
    if kind == "companies":
        return f"Incidents involving {label(corpus, scope)} and their updates, and posts from the web that mention it."
    if kind == "rating":
        return f"The newest incidents currently rated {key} on {site_name}, and their updates."
    return f"The newest incidents involving companies in the {key} industry on {site_name}, and their updates."
