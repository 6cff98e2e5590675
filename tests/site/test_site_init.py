"""`trackrecord init` makes a site that validates and builds with --strict straight away, at a
project-pages address with a path, with or without the example records.

In-process and with this checkout's package; tests/site/test_site_from_wheel.py does the same with
the built wheel in a fresh virtual environment.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result
from support.pages import article, broken_links, other_host_requests
from support.sites import Built, build_site

from generator import __version__
from generator.cli import main
from generator.cli.scaffold import NewSite, github_repository, site_files
from generator.records.schema import RECORD_FORMAT, schema_text

pytestmark = pytest.mark.integration  # builds sites, runs commands or serves HTTP

PROJECT_PAGES = "https://owner.github.io/fair-service/"


def run(cwd: Path, monkeypatch: pytest.MonkeyPatch, *args: str, given: str | None = None) -> Result:
    monkeypatch.chdir(cwd)
    result = CliRunner().invoke(main, list(args), input=given)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def init(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, *extra: str) -> Path:
    result = run(tmp_path, monkeypatch, "init", "site", "--site-name", "Fair Service", "--site-url", PROJECT_PAGES,
                 "--no-interactive", *extra)
    assert result.exit_code == 0, result.output
    return tmp_path / "site"


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Built]:
    """A site made by init, built once with --strict."""
    root = tmp_path_factory.mktemp("init")
    with pytest.MonkeyPatch.context() as monkeypatch:
        project = init(root, monkeypatch)
    return project, build_site(project, root / "built", strict=True)


def test_init_writes_a_whole_site(made: tuple[Path, Built]) -> None:
    project, _ = made
    for rel in ("mkdocs.yml", "README.md", "requirements.txt", ".gitignore", ".pre-commit-config.yaml",
                ".github/workflows/pr.yml", ".github/workflows/deploy.yml", ".github/workflows/import.yml",
                ".github/ISSUE_TEMPLATE/incident.yml", ".github/ISSUE_TEMPLATE/reply.yml",
                ".github/ISSUE_TEMPLATE/config.yml", ".github/dependabot.yml",
                "docs/about.md", "reviews/feeds.yml", "reviews/companies/example-company.yml"):
        assert (project / rel).is_file(), rel
    config = yaml.safe_load((project / "mkdocs.yml").read_text("utf-8"))
    assert config["site_name"] == "Fair Service" and config["site_url"] == PROJECT_PAGES
    assert config["repo_url"] == "https://github.com/owner/fair-service"
    assert config["theme"]["name"] == "material" and "custom_dir" not in config["theme"]
    assert config["plugins"] == ["trackrecord"]
    assert (project / "requirements.txt").read_text("utf-8").splitlines()[-1] == f"trackrecord=={__version__}"
    assert yaml.safe_load((project / "reviews/feeds.yml").read_text("utf-8")) == {"feeds": []}
    leftover = [f"{p}: {m}" for p in project.rglob("*") if p.is_file()
                for m in re.findall(r"__[A-Z_]+__", p.read_text("utf-8"))]
    assert not leftover, leftover


def test_the_examples_say_they_are_examples(made: tuple[Path, Built]) -> None:
    project, built = made
    records = sorted((project / "reviews").rglob("*.yml"))
    examples = [p for p in records if "example-company" in p.as_posix()]
    assert len(examples) == 2
    for path in examples:
        assert "# AN EXAMPLE, made by `trackrecord init`" in path.read_text("utf-8"), path
    page = article(built.page("companies/example-company/"))
    assert page.find("h1").get_text() == "Example Company"
    assert [p.name for p in (project / "reviews" / "incidents" / "example-company").iterdir()][0].startswith(
        "2024-01-15-example-")


def test_it_validates_and_builds_strict_at_a_project_pages_address(
    made: tuple[Path, Built], monkeypatch: pytest.MonkeyPatch
) -> None:
    project, built = made
    checked = run(project, monkeypatch, "validate")
    assert checked.exit_code == 0, checked.output
    assert f"OK: 2 valid records (record format {RECORD_FORMAT})." in checked.stderr
    assert built.strict_failure is None and built.warnings == [], built.warnings
    count, broken = broken_links(built.site, PROJECT_PAGES)
    assert count > 100 and not broken, broken
    assert other_host_requests(built.site, PROJECT_PAGES) == []


def test_the_pages_generated_pages_link_to_are_there(made: tuple[Path, Built]) -> None:
    _, built = made
    for url, heading in (("methodology/", "How grades work"), ("api/", "JSON API"), ("feeds/", "Subscribe"),
                         ("search/", "Search"), ("contributing/", "Writing records")):
        page = built.page(url)
        assert page.find("h1") is not None, url
        titles = [a.get_text(" ", strip=True) for a in page.select("nav.md-nav--primary a.md-nav__link")]
        assert heading in titles, (url, titles)
    home = built.page("")
    entries = [a.get_text(" ", strip=True) for a in home.select("a.md-nav__link, a.md-tabs__link")]
    assert len(entries) > 10 and not [t for t in entries if t in ("None", "")], entries


def test_every_schema_line_resolves_to_this_versions_schema(made: tuple[Path, Built]) -> None:
    project, _ = made
    for path in sorted((project / "reviews").rglob("*.yml")):
        first = path.read_text("utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema="), path
        target = (path.parent / first.split("$schema=", 1)[1]).resolve()
        kind = {"feeds.yml": "feeds"}.get(path.name) or ("company" if path.parent.name == "companies" else "incident")
        assert target.read_text("utf-8") == schema_text(kind), path


def test_empty_makes_a_site_with_no_records_that_still_builds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = init(tmp_path, monkeypatch, "--empty")
    assert not (project / "reviews" / "companies").exists() and not (project / "reviews" / "incidents").exists()
    checked = run(project, monkeypatch, "validate")
    assert checked.exit_code == 0 and "OK: 0 valid records" in checked.stderr, checked.output
    built = build_site(project, tmp_path / "built", strict=True)
    assert built.strict_failure is None and built.warnings == [], built.warnings
    assert not broken_links(built.site, PROJECT_PAGES)[1]
    # A first record, as a writer adds one, then validates.
    added = run(project, monkeypatch, "new", "--company", "acme", "--title", "Parcel lost", "--date", "2024-03-04",
                "--rating", "bad", "--source", "https://example.org/post", "--no-interactive")
    assert added.exit_code == 0, added.output
    record = project / added.stdout.strip()
    record.write_text(record.read_text("utf-8").replace('issue: ""', 'issue: "It never came, and nobody wrote."')
                      .replace('response: ""', 'response: "Nothing."'), "utf-8")
    assert run(project, monkeypatch, "validate").exit_code == 0


def test_on_a_terminal_it_asks_and_asks_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    result = run(tmp_path, monkeypatch, "init", "asked", "--interactive",
                 given="My Records\nnot a url\nhttps://records.example.org\n")
    assert result.exit_code == 0, result.output
    assert "Site name [asked]:" in result.output
    assert result.output.count("Address it will be published at") == 2  # the wrong answer is asked again
    config = yaml.safe_load((tmp_path / "asked" / "mkdocs.yml").read_text("utf-8"))
    assert config["site_name"] == "My Records" and config["site_url"] == "https://records.example.org/"
    assert "repo_url" not in config  # not a GitHub Pages address: left for the owner to fill in


def test_without_a_site_url_off_a_terminal_nothing_is_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    result = run(tmp_path, monkeypatch, "init", "site", "--no-interactive")
    assert result.exit_code == 1 and "--site-url is needed" in result.output, result.output
    assert not (tmp_path / "site").exists()
    bad = run(tmp_path, monkeypatch, "init", "site", "--site-url", "ftp://x.example.org/", "--no-interactive")
    assert bad.exit_code == 2 and "absolute http or https address" in bad.output, bad.output


def test_init_overwrites_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "site" / "docs").mkdir(parents=True)
    (tmp_path / "site" / "docs" / "about.md").write_text("# Mine\n", encoding="utf-8")
    (tmp_path / "site" / "notes.txt").write_text("kept\n", encoding="utf-8")
    result = run(tmp_path, monkeypatch, "init", "site", "--site-url", PROJECT_PAGES, "--no-interactive")
    assert result.exit_code == 1 and "already holds docs/about.md" in result.output, result.output
    assert "nothing was written" in result.output
    assert sorted(p.relative_to(tmp_path / "site").as_posix() for p in (tmp_path / "site").rglob("*")) == \
        ["docs", "docs/about.md", "notes.txt"]
    assert (tmp_path / "site" / "docs" / "about.md").read_text("utf-8") == "# Mine\n"
    # A folder with other files in it is fine, as long as init's own files are not there.
    (tmp_path / "site" / "docs" / "about.md").unlink()
    assert run(tmp_path, monkeypatch, "init", "site", "--site-url", PROJECT_PAGES, "--no-interactive").exit_code == 0
    assert (tmp_path / "site" / "notes.txt").read_text("utf-8") == "kept\n"


@pytest.mark.parametrize("url, repo", [
    ("https://owner.github.io/fair-service/", "https://github.com/owner/fair-service"),
    ("https://Owner.GitHub.io/", "https://github.com/owner/owner.github.io"),
    ("https://records.example.org/", None),
    ("https://owner.github.io.example.org/x/", None),
])
def test_the_repository_of_a_github_pages_address(url: str, repo: str | None) -> None:
    assert github_repository(url) == repo


def test_an_upgrade_changes_only_the_pin() -> None:
    """Everything a new version may change is in the package: two versions' sites differ in requirements.txt alone."""
    old = site_files(NewSite(name="x", url=PROJECT_PAGES, repo_url=None, version="1.2.3"))
    new = site_files(NewSite(name="x", url=PROJECT_PAGES, repo_url=None, version="1.3.0"))
    assert {path for path in old if old[path] != new[path]} == {"requirements.txt"}
    assert "trackrecord==1.2.3" in old["requirements.txt"] and "trackrecord==1.3.0" in new["requirements.txt"]
    for name in ("pr.yml", "deploy.yml", "import.yml"):
        workflow = old[f".github/workflows/{name}"]
        assert "pip install -q -r requirements.txt" in workflow and "1.2.3" not in workflow, name
