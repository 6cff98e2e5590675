"""The files of a new site, as `trackrecord init` writes them: settings, workflows, forms, an about
page, the schemas for editors and (unless asked for none) one example company and incident.

Everything that a release of trackrecord may change (pages, theme, search, feeds) stays in the
package; what is written here belongs to the site from then on. So an upgrade is a new version
number in requirements.txt, and no merge.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from urllib.parse import urlsplit

from generator.build.shipped import shipped
from generator.cli.drafts import render
from generator.records.local_schemas import schema_copies, schema_line
from generator.render.feeds.site import site_url_problem

# Template (under generator/site_template/) -> where it goes in the site. Package data cannot
# hold names that start with a dot, hence the renaming.
TEMPLATES = {
    "mkdocs.yml": "mkdocs.yml",
    "README.md": "README.md",
    "requirements.txt": "requirements.txt",
    "gitignore": ".gitignore",
    "pre-commit-config.yaml": ".pre-commit-config.yaml",
    "github/workflows/pr.yml": ".github/workflows/pr.yml",
    "github/workflows/deploy.yml": ".github/workflows/deploy.yml",
    "github/workflows/import.yml": ".github/workflows/import.yml",
    "github/ISSUE_TEMPLATE/config.yml": ".github/ISSUE_TEMPLATE/config.yml",
    "github/dependabot.yml": ".github/dependabot.yml",
    "docs/about.md": "docs/about.md",
    "reviews/feeds.yml": "reviews/feeds.yml",
}

EXAMPLE_COMPANY = "example-company"
EXAMPLE_DATE = dt.date(2024, 1, 15)
_EXAMPLE_NOTE = ("# AN EXAMPLE, made by `trackrecord init` to show a filled-in record. Once you have records\n"
                 f"# of your own, delete reviews/companies/{EXAMPLE_COMPANY}.yml and "
                 f"reviews/incidents/{EXAMPLE_COMPANY}/.")


class ScaffoldError(ValueError):
    """A value `init` cannot make a site from; the message says what to give instead."""


@dataclass(frozen=True, slots=True)
class NewSite:
    name: str
    url: str  # absolute, ends with /
    repo_url: str | None  # None: no edit links until repo_url is set in mkdocs.yml
    version: str  # the trackrecord pinned in requirements.txt
    examples: bool = True


def site_address(value: str) -> str:
    """site_url as mkdocs.yml needs it; ScaffoldError says what is wrong."""
    text = value.strip()
    if (problem := site_url_problem(text)) is not None:
        raise ScaffoldError(f"site URL: {problem}")
    return text if text.endswith("/") else text + "/"


def github_repository(site_url: str) -> str | None:
    """The repository a GitHub Pages address is published from: owner.github.io/repo/ -> github.com/owner/repo."""
    parts = urlsplit(site_url)
    host = (parts.hostname or "").lower()
    if not host.endswith(".github.io") or host.count(".") != 2:
        return None
    owner = host.removesuffix(".github.io")
    path = parts.path.strip("/")
    repo = path.split("/")[0] if path else host
    return f"https://github.com/{owner}/{repo}"


def site_files(site: NewSite) -> dict[str, str]:
    """Every file of the new site by its path in the site, as text."""
    folder = resources.files("generator").joinpath("site_template")
    repo_lines = (f"repo_url: {site.repo_url}\nedit_uri: edit/main/docs/  # edit links on every page, to its file\n"
                  if site.repo_url else
                  "# repo_url: https://github.com/OWNER/REPOSITORY  # with edit_uri, edit links on every page\n"
                  "# edit_uri: edit/main/docs/\n")
    tokens = {
        "__SITE_NAME__": json.dumps(site.name, ensure_ascii=False),  # a JSON string is a YAML string
        "__SITE_TITLE__": site.name,
        "__SITE_URL__": site.url,
        "__REPO_LINES__": repo_lines.rstrip("\n"),
        "__VERSION__": site.version,
        "__FEEDS_SCHEMA_LINE__": schema_line("feeds"),
    }
    files = {}
    for template, target in TEMPLATES.items():
        text = folder.joinpath(template).read_text(encoding="utf-8")
        for token, value in tokens.items():
            text = text.replace(token, value)
        files[target] = text
    for form in ("incident.yml", "reply.yml"):  # Report an incident; Reply or correction
        files[f".github/ISSUE_TEMPLATE/{form}"] = shipped(f"ISSUE_TEMPLATE/{form}").read_text(encoding="utf-8")
    files.update({f"reviews/{rel}": text for rel, text in schema_copies().items()})
    if site.examples:
        files.update(example_records())
    return files


def example_records() -> dict[str, str]:
    """One company and one incident, filled in and marked as examples."""
    company = render("company", {
        "name": "Example Company",
        "website": "https://example.com",
        "industry": "retail",
        "description": "An invented shop, so that the new site has a company page to show.",
    }, f"{schema_line('company')}\n{_EXAMPLE_NOTE}")
    incident = render("incident", {
        "company": EXAMPLE_COMPANY,
        "title": "Example: refund promised on the phone, paid after a written complaint",
        "date": EXAMPLE_DATE,
        "rating": "bad",
        "issue": ("An invented customer's order arrived broken. On the phone, the shop promised a refund\n"
                  "within a week; none came, and two more calls went unanswered.\n"),
        "response": ("The shop paid the refund three weeks later, after a complaint by email, with a short\n"
                     "apology for the delay.\n"),
        "sources": ["https://example.com/an-invented-post-about-a-refund"],
        "channel": ["phone", "email"],
        "contacted": EXAMPLE_DATE,
        "first_response": EXAMPLE_DATE,
        "resolved": EXAMPLE_DATE + dt.timedelta(days=21),
        "status": "resolved",
        "outcome": "refund",
        "tags": ["refund", "example"],
    }, f"{schema_line('incident')}\n{_EXAMPLE_NOTE}")
    name = f"{EXAMPLE_DATE.isoformat()}-example-refund-paid-after-a-written-complaint.yml"
    return {
        f"reviews/companies/{EXAMPLE_COMPANY}.yml": company,
        f"reviews/incidents/{EXAMPLE_COMPANY}/{name}": incident,
    }


def write_site(target: Path, files: dict[str, str]) -> None:
    """Write every file into `target`, which may exist but must not hold any of them: nothing is
    overwritten, and when one is in the way nothing is written at all."""
    in_the_way = sorted(rel for rel in files if (target / rel).exists() or (target / rel).is_symlink())
    if in_the_way:
        shown = ", ".join(in_the_way[:5]) + (f" and {len(in_the_way) - 5} more" if len(in_the_way) > 5 else "")
        raise ScaffoldError(f"{target}: already holds {shown}; choose an empty folder (nothing was written)")
    for rel, text in files.items():
        path = target / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
