"""The package as a site owner gets it: the sdist built from this tree, the wheel built from the
sdist, installed (not editable) into a fresh virtual environment, and a site made with its
`trackrecord init`, a record added with `trackrecord new`, checked with `trackrecord validate` and
built with `mkdocs build --strict`. Nothing of this repository is on the path but the wheel.

Offline: the wheel is built without build isolation, with the setuptools of the test environment
(the test extras), and its dependencies come from the package index pip is configured with.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tarfile
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from support import REPO
from support.pages import article, broken_links, other_host_requests, resolve, soup

from generator import __version__
from generator.records.schema import RECORD_FORMAT, schema_text

pytestmark = [pytest.mark.slow, pytest.mark.integration]

SITE_URL = "https://owner.github.io/fair-service/"  # a project-pages address, with a path
_ANYWHERE = shutil.ignore_patterns(".git", ".venv", "*.egg-info", "__pycache__", ".*_cache", ".trackrecord-cache")
# Build output only at the top: generator/build/ is source (the build pipeline).
_AT_THE_TOP = {"site", "build", "dist", "test-artifacts"}


def NOT_SOURCE(folder: str, names: list[str]) -> set[str]:  # noqa: N802 - used as copytree's ignore=
    ignored = set(_ANYWHERE(folder, names))
    if Path(folder) == REPO:
        ignored |= _AT_THE_TOP & set(names)
    if Path(folder) == REPO / "benchmarks":
        ignored |= {"out"} & set(names)
    return ignored


@dataclass(frozen=True)
class Made:
    bin: Path  # the fresh environment's scripts
    project: Path  # the site init made
    site: Path  # what mkdocs build --strict wrote
    sdist: Path
    validated: str  # validate's output
    built: str  # the build's output


def run(*command: str | Path, cwd: Path, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["NO_MKDOCS_2_WARNING"] = "1"
    done = subprocess.run([str(c) for c in command], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=timeout, check=False)
    assert done.returncode == 0, f"{command}:\n{done.stdout}\n{done.stderr}"
    return done


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> Made:
    root = tmp_path_factory.mktemp("from-wheel")
    source = root / "source"
    shutil.copytree(REPO, source, ignore=NOT_SOURCE, symlinks=True)
    run(sys.executable, "-c", "import sys; from setuptools import build_meta; build_meta.build_sdist(sys.argv[1])",
        root / "dist", cwd=source)
    [sdist] = (root / "dist").glob("trackrecord-*.tar.gz")
    run(sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation", "-w", root / "wheels", sdist,
        cwd=root)
    [wheel] = (root / "wheels").glob("trackrecord-*.whl")
    run(sys.executable, "-m", "venv", root / "venv", cwd=root)
    bin_ = root / "venv" / "bin"
    run(bin_ / "python", "-m", "pip", "install", "-q", "--disable-pip-version-check", wheel, cwd=root)

    run(bin_ / "trackrecord", "init", "fair-service", "--site-name", "Fair Service", "--site-url", SITE_URL,
        "--no-interactive", cwd=root)
    project = root / "fair-service"
    record = project / run(bin_ / "trackrecord", "new", "--company", "acme-post", "--company-name", "Acme Post",
                           "--title", "Parcel lost, refund refused", "--date", "2024-03-04", "--rating", "ugly",
                           "--source", "https://example.org/parcel", "--no-interactive", cwd=project).stdout.strip()
    text = record.read_text(encoding="utf-8")
    record.write_text(text.replace('issue: ""', 'issue: "The parcel never came, and three letters went unanswered."')
                      .replace('response: ""', 'response: "Nothing, until the customer went to the press."'), "utf-8")
    validated = run(bin_ / "trackrecord", "validate", cwd=project).stderr
    done = run(bin_ / "mkdocs", "build", "--strict", cwd=project)
    built = done.stdout + done.stderr
    return Made(bin_, project, project / "site", sdist, validated, built)


def test_the_sdist_carries_the_theme_and_the_pages(made: Made) -> None:
    with tarfile.open(made.sdist) as archive:
        names = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    for needed in ("theme/main.html", "theme/partials/search.html", "theme/assets/search.js",
                   "theme/assets/search-hits.js", "theme/assets/search-facets.js", "theme/assets/search-focus.js",
                   "theme/assets/keyboard.js",
                   "theme/assets/trackrecord.css", "docs/methodology.md", "docs/api.md", "docs/feeds.md",
                   "docs/search.md", ".github/ISSUE_TEMPLATE/incident.yml", ".github/ISSUE_TEMPLATE/reply.yml",
                   "setup.py",
                   "generator/site_template/mkdocs.yml"):
        assert needed in names, needed


def test_the_installed_package_is_the_wheel_at_this_version(made: Made) -> None:
    where = run(made.bin / "python", "-c", "import generator; print(generator.__file__)", cwd=made.project).stdout
    assert Path(where.strip()).is_relative_to(made.bin.parent), where
    assert not Path(where.strip()).is_relative_to(REPO)
    version = run(made.bin / "trackrecord", "--version", cwd=made.project).stdout.strip()
    assert version == f"trackrecord, version {__version__}"
    pinned = (made.project / "requirements.txt").read_text("utf-8")
    assert f"trackrecord=={__version__}\n" in pinned


def test_validate_and_the_strict_build_pass(made: Made) -> None:
    assert f"OK: 4 valid records (record format {RECORD_FORMAT})." in made.validated  # 2 examples and 2 new
    assert "WARNING" not in made.built, made.built


def test_the_search_box_and_its_index(made: Made) -> None:
    for url in ("", "companies/acme-post/", "incidents/acme-post/2024-03-04-parcel-lost-refund-refused/", "about/"):
        page = soup(made.site / url / "index.html")
        box = page.select_one("[data-tr-search]")
        assert box is not None, url
        script = page.find("script", src=lambda s: bool(s) and s.endswith("assets/search.js"))
        assert script is not None and resolve(made.site, url, script["src"], SITE_URL).is_file(), url
        keyboard = page.find("script", src=lambda s: bool(s) and s.endswith("assets/keyboard.js"))
        assert keyboard is not None and resolve(made.site, url, keyboard["src"], SITE_URL).is_file(), url
    for imported in ("search-hits.js", "search-facets.js", "search-focus.js"):  # imported by search.js
        assert (made.site / "assets" / imported).is_file(), imported
    entry = json.loads((made.site / "pagefind" / "pagefind-entry.json").read_text("utf-8"))
    assert entry["languages"] and sum(lang["page_count"] for lang in entry["languages"].values()) >= 4
    assert (made.site / "pagefind" / "pagefind.js").is_file()


def test_the_badges_are_styled(made: Made) -> None:
    url = "incidents/acme-post/2024-03-04-parcel-lost-refund-refused/"
    page = soup(made.site / url / "index.html")
    assert article(page).select(".tr-badge.tr-badge--ugly")
    sheet = page.find("link", rel="stylesheet", href=lambda h: bool(h) and h.endswith("assets/trackrecord.css"))
    assert sheet is not None
    css = resolve(made.site, url, sheet["href"], SITE_URL)
    assert css is not None and ".tr-badge--ugly" in css.read_text("utf-8")


def test_pages_announce_their_feeds(made: Made) -> None:
    for url, scoped in (("", None), ("companies/acme-post/", "companies-acme-post")):
        head = soup(made.site / url / "index.html").head
        feeds = [(link["type"], link["href"]) for link in head.find_all("link", rel="alternate")
                 if link.get("type") in ("application/atom+xml", "application/rss+xml", "application/feed+json")]
        assert len(feeds) == (6 if scoped else 3), (url, feeds)
        for _, href in feeds:
            assert resolve(made.site, url, href, SITE_URL).is_file(), href
        if scoped:
            assert any(f"feeds/{scoped}.atom.xml" in href for _, href in feeds)


def test_every_internal_link_resolves_and_nothing_comes_from_another_host(made: Made) -> None:
    checked, broken = broken_links(made.site, SITE_URL)
    assert checked > 200, "the crawl found too few links to mean anything"
    assert not broken, "broken internal links:\n" + "\n".join(broken[:50])
    assert other_host_requests(made.site, SITE_URL) == []
    for page in ("methodology", "api", "feeds", "search", "contributing"):
        assert (made.site / page / "index.html").is_file(), page
    nav = [a.get_text(" ", strip=True) for a in soup(made.site / "index.html").select("a.md-nav__link")]
    assert "None" not in nav and "" not in nav, nav


def test_the_workflows_pass_actionlint_and_use_the_pinned_release(made: Made) -> None:
    actionlint = shutil.which("actionlint", path=str(Path(sys.executable).parent)) or shutil.which("actionlint")
    assert actionlint is not None, "actionlint is missing: pip install -e '.[test]'"
    workflows = sorted((made.project / ".github" / "workflows").glob("*.yml"))
    assert [p.name for p in workflows] == ["deploy.yml", "import.yml", "pr.yml"]
    run(actionlint, "-oneline", "-no-color", *workflows, cwd=made.project)
    for path in workflows:
        text = path.read_text("utf-8")
        assert "pip install -q -r requirements.txt" in text, path.name
        assert "pytest" not in text and "tests/run.sh" not in text, path.name
    scripts = "\n".join(step.get("run", "") for job in yaml.safe_load(workflows[2].read_text("utf-8"))["jobs"].values()
                        for step in job["steps"])
    assert "trackrecord validate --format github" in scripts and "mkdocs build --strict" in scripts


def test_every_records_schema_line_resolves_before_the_first_deploy(made: Made) -> None:
    for path in sorted((made.project / "reviews").rglob("*.yml")):
        first = path.read_text("utf-8").splitlines()[0]
        target = (path.parent / first.split("$schema=", 1)[1]).resolve()
        assert target.is_relative_to(made.project / "reviews" / "schemas"), path
        kind = "feeds" if path.name == "feeds.yml" else "company" if path.parent.name == "companies" else "incident"
        assert target.read_text("utf-8") == schema_text(kind), path
