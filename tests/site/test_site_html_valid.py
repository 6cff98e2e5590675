"""The Nu HTML Checker (vnu-jar from the npm registry, on Java) over every page of two built sites: the
sample configured as the demo is, and the hostile fixture, whose record text tries to break the markup.
Any error fails, except a few that come from Material's own templates alone, each allowed narrowly below
with the template it comes from. Our stylesheets are checked as CSS too."""

from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest
from support import REPO
from support.checkers import vnu_command
from support.sites import Built, build_site, sample_project

pytestmark = [pytest.mark.integration]

TIMEOUT = 300  # seconds; the sample takes about ten

# Every kind of page the plugin generates, and hand-written ones (as directory URLs; "" is home).
KINDS = ["", "companies/", "companies/united-airlines/",
         "incidents/united-airlines/2009-07-06-broken-guitar-passed-around/", "rating/ugly/", "industry/",
         "industry/airline/", "tag/", "year/", "year/2009/", "from-the-web/", "about/", "methodology/"]


@dataclass(frozen=True)
class Allowed:
    """An error Material's markup makes on every site, recognised by its message and by its markup."""

    message: str  # the start of the checker's message
    markup: str  # text the checker's extract of the markup must contain
    why: str


MATERIAL_ONLY = [
    Allowed("Attribute “autocomplete” is only allowed when the input type is", 'class="md-toggle" data-md-toggle=',
            "Material's base.html: its drawer and search toggles are checkboxes with autocomplete=off"),
    Allowed("Bad value “” for attribute “tabindex” on element “label”", 'class="md-nav__link"',
            "Material's partials/nav-item.html writes tabindex=\"\" on a section's label when it is not a link"),
    Allowed("The value of the “for” attribute of the “label” element must be the ID of a non-hidden form control",
            'for="__toc"', "Material's partials/toc.html labels the __toc toggle, which nav-item.html writes "
            "only for a page in the nav"),
]


@pytest.fixture(scope="module")
def demo_site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The sample configured as the demo is (tabs, permalinks, the plugin's palette), built once here."""
    root = tmp_path_factory.mktemp("html-valid")
    built = build_site(sample_project(root / "project"), root / "site", strict=True)
    assert built.strict_failure is None, built.warnings
    return built


def _check(files: list[Path], *, css: bool = False) -> list[dict[str, Any]]:
    run = subprocess.run([*vnu_command(), "--format", "json", "--errors-only", *(["--css"] if css else []),
                          *map(str, files)], capture_output=True, text=True, timeout=TIMEOUT, check=False)
    try:
        messages = json.loads(run.stderr)["messages"]
    except (ValueError, KeyError):
        pytest.fail(f"the Nu checker gave no JSON report (exit {run.returncode}): {run.stderr[-2000:]}")
    return list(messages)


def _allowed_by(allowed: Allowed, message: dict[str, Any]) -> bool:
    return message.get("message", "").startswith(allowed.message) and allowed.markup in message.get("extract", "")


def _allowed(message: dict[str, Any]) -> bool:
    return any(_allowed_by(a, message) for a in MATERIAL_ONLY)


def _report(site: Path, errors: list[dict[str, Any]]) -> str:
    lines = []
    for e in errors[:40]:
        where = str(_page(e)).removeprefix(str(site.resolve()))
        extract = " ".join(e.get("extract", "").split())
        lines.append(f"{where}:{e.get('lastLine', '?')}: [{e.get('type')}] {e.get('message')}\n    {extract}")
    more = f"\n… and {len(errors) - 40} more" if len(errors) > 40 else ""
    return "\n".join(lines) + more


@pytest.fixture(scope="module")
def nu_report(demo_site: Built, hostile_site: Built) -> dict[str, list[dict[str, Any]]]:
    """One run of the checker (one Java start) over every page of both sites: its messages by site."""
    sites = {"demo_site": demo_site, "hostile_site": hostile_site}
    messages = _check([f for built in sites.values() for f in built.html_files()])
    report: dict[str, list[dict[str, Any]]] = {name: [] for name in sites}
    for message in messages:
        page = _page(message)
        name = next((n for n, b in sites.items() if page.is_relative_to(b.site.resolve())), None)
        assert name is not None, f"a message about a file of neither site: {message}"
        report[name].append(message)
    return report


def _page(message: dict[str, Any]) -> Path:
    """The checked file, from the checker's `file:/…/./x/index.html`."""
    return Path(unquote(urlsplit(message.get("url", "")).path)).resolve()


def test_the_check_covers_every_kind_of_page(demo_site: Built) -> None:
    missing = [k for k in KINDS if not (demo_site.site / k / "index.html").is_file()]
    assert not missing, f"page kinds the check should cover are not in the build: {missing}"
    assert (demo_site.site / "404.html").is_file()


@pytest.mark.parametrize("which", ["demo_site", "hostile_site"])
def test_no_nu_errors_from_our_markup(request: pytest.FixtureRequest, nu_report: dict[str, Any],
                                      which: str) -> None:
    built: Built = request.getfixturevalue(which)
    errors = [m for m in nu_report[which] if m.get("type") != "info" and not _allowed(m)]
    assert not errors, f"Nu HTML Checker on the pages of {which}:\n{_report(built.site, errors)}"


def test_the_allow_list_still_matches_what_material_writes(nu_report: dict[str, Any]) -> None:
    """Each allowed error must still occur: when Material fixes one, its entry goes, rather than linger
    and hide the same message from our own markup. (The hostile fixture's nav leaves pages out of it.)"""
    found = [m for messages in nu_report.values() for m in messages]
    unused = [a.why for a in MATERIAL_ONLY if not any(_allowed_by(a, m) for m in found)]
    assert not unused, f"allowed, but Material no longer writes it: {unused}"


def test_our_stylesheets_are_valid_css() -> None:
    sheets = sorted((REPO / "theme" / "assets").glob("*.css"))
    assert len(sheets) >= 2, sheets
    errors = [m for m in _check(sheets, css=True) if m.get("type") != "info"]
    assert not errors, _report(REPO, errors)
