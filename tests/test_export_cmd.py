"""`trackrecord export`: the plugin's pages as plain Markdown (the scale benchmark's floor builds it)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from support.sites import SAMPLE_SITE_URL, sample_project

from generator.build.shipped import DEFAULT_PALETTE, theme_dir
from generator.cli import main

pytestmark = pytest.mark.integration  # builds sites, runs commands or serves HTTP

REPO = Path(__file__).resolve().parents[1]


def _project(root: Path, plugin_lines: str = "") -> Path:
    """The sample project (tests/fixtures/site/sample/ and docs/) copied to `root`, with extra plugin options."""
    return sample_project(root, plugin_options=plugin_lines) / "mkdocs.yml"


def test_export_writes_the_pages_and_a_config_without_the_plugin(tmp_path: Path) -> None:
    config = _project(tmp_path / "project")
    out = tmp_path / "export"
    result = CliRunner().invoke(main, ["export", str(out), "--config", str(config)])
    assert result.exit_code == 0, result.output
    exported = yaml.safe_load((out / "mkdocs.yml").read_text(encoding="utf-8"))
    assert not any("trackrecord" in str(p) for p in exported.get("plugins", [])), exported["plugins"]
    assert {"search": {"enabled": False}} in exported["plugins"]  # builders that default their own search on
    assert (out / "docs" / "companies" / "zappos" / "index.md").is_file()
    assert "data-pagefind-body" in (out / "docs" / "companies" / "zappos" / "index.md").read_text(encoding="utf-8")
    assert list((out / "docs" / "incidents").glob("*/*/index.md")), "no incident pages exported"
    count = int(result.output.split()[1])
    assert count == sum(1 for p in (out / "docs").rglob("*.md")) - sum(1 for p in (REPO / "docs").rglob("*.md"))


@pytest.mark.parametrize("line", ["page_size: 0", "feed_limit: many"])
def test_a_bad_count_option_is_a_clear_error(tmp_path: Path, line: str) -> None:
    config = _project(tmp_path / "project", f"      {line}\n")
    result = CliRunner().invoke(main, ["export", str(tmp_path / "export"), "--config", str(config)])
    assert result.exit_code == 1
    assert f"{config}: trackrecord option {line.split(':')[0]}: expected a whole number of at least 1" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert not (tmp_path / "export").exists()


SITE_URL_LINE = f"site_url: {SAMPLE_SITE_URL}\n"


def _left_beside(folder: Path) -> set[str]:
    """What the export left next to its target: its hidden work folder must be gone."""
    return {p.name for p in folder.iterdir()}


def _clean_failure(result) -> None:  # type: ignore[no-untyped-def]
    """Exit 1 with an `Error:` paragraph from click, not a Python traceback."""
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output and result.output.startswith("Error: "), result.output


@pytest.mark.parametrize("site_url, said", [
    (None, "but it is not set"),
    ("ftp://files.example.org/", "but received: 'ftp://files.example.org/'"),
    ("/relative/", "but received: '/relative/'"),
])
@pytest.mark.parametrize("target", ["absent", "empty folder"])
def test_a_missing_or_unusable_site_url_stops_before_anything_is_written(
    tmp_path: Path, site_url: str | None, said: str, target: str
) -> None:
    config = _project(tmp_path / "project")
    text = config.read_text(encoding="utf-8")
    assert text.count(SITE_URL_LINE) == 1
    config.write_text(text.replace(SITE_URL_LINE, f"site_url: {site_url}\n" if site_url else ""), encoding="utf-8")
    out = tmp_path / "export"
    if target == "empty folder":
        out.mkdir()
    result = CliRunner().invoke(main, ["export", str(out), "--config", str(config)])
    _clean_failure(result)
    assert f"{config}: site_url: expected the site's absolute http or https address" in result.output
    assert said in result.output
    assert (not out.exists()) if target == "absent" else not any(out.iterdir())
    assert _left_beside(tmp_path) == {"project"} | ({"export"} if target == "empty folder" else set())
    # Once site_url is set, the same command succeeds: nothing half-written stands in its way.
    config.write_text(text, encoding="utf-8")
    again = CliRunner().invoke(main, ["export", str(out), "--config", str(config)])
    assert again.exit_code == 0, again.output
    assert (out / "docs" / "feeds" / "atom.xml").is_file() and (out / "mkdocs.yml").is_file()
    assert _left_beside(tmp_path) == {"project", "export"}


def test_a_collision_found_while_writing_leaves_nothing_behind(tmp_path: Path) -> None:
    """A hand-written page where a company's generated page goes is found only once pages are being
    written: the pages written so far go with the rest, and the message names both sources."""
    config = _project(tmp_path / "project")
    (tmp_path / "project" / "docs" / "companies").mkdir()
    (tmp_path / "project" / "docs" / "companies" / "zappos.md").write_text("# Zappos, by hand\n", encoding="utf-8")
    out = tmp_path / "deeper" / "export"
    result = CliRunner().invoke(main, ["export", str(out), "--config", str(config)])
    _clean_failure(result)
    assert "two files would be written to companies/zappos/index.html: docs/companies/zappos.md" in result.output
    assert "company zappos (reviews/companies/zappos.yml)" in result.output
    assert "Nothing was exported." in result.output
    assert _left_beside(tmp_path) == {"project"}  # not even the folder made for it


def test_a_file_that_cannot_be_copied_leaves_nothing_behind(tmp_path: Path) -> None:
    config = _project(tmp_path / "project")
    (tmp_path / "project" / "docs" / "gone.md").symlink_to(tmp_path / "nowhere.md")
    out = tmp_path / "export"
    result = CliRunner().invoke(main, ["export", str(out), "--config", str(config)])
    _clean_failure(result)
    assert f"cannot copy {tmp_path / 'project' / 'docs' / 'gone.md'}" in result.output
    assert "nothing was exported" in result.output
    assert _left_beside(tmp_path) == {"project"}


@pytest.mark.parametrize("setting, old, new, said", [
    ("reviews", "      reviews: reviews\n", "      reviews: records\n",
     "trackrecord option reviews: expected the folder of records, but {root}/records does not exist"),
    ("custom_dir", "  name: material\n", "  name: material\n  custom_dir: overrides\n",
     "theme.custom_dir: expected a folder of theme overrides, but {root}/overrides does not exist"),
    ("use_directory_urls", "site_name: trackrecord\n", "site_name: trackrecord\nuse_directory_urls: sometimes\n",
     "use_directory_urls: expected true or false, but received: 'sometimes'"),
    ("repo_url", "repo_url: https://github.com/example/trackrecord\n", "repo_url: [1, 2]\n",
     "repo_url: expected text, but received: [1, 2]"),
])
def test_each_setting_the_export_reads_is_checked_first(
    tmp_path: Path, setting: str, old: str, new: str, said: str
) -> None:
    config = _project(tmp_path / "project")
    text = config.read_text(encoding="utf-8")
    assert text.count(old) == 1, setting
    config.write_text(text.replace(old, new), encoding="utf-8")
    result = CliRunner().invoke(main, ["export", str(tmp_path / "export"), "--config", str(config)])
    _clean_failure(result)
    assert f"{config}: {said.format(root=config.parent)}" in result.output
    assert _left_beside(tmp_path) == {"project"}


def test_the_other_forms_mkdocs_accepts_for_theme_and_plugins(tmp_path: Path) -> None:
    """`theme: material` and plugins as one mapping are plain MkDocs; the export reads them too."""
    config = _project(tmp_path / "project")
    (config.parent / "mkdocs.yml").write_text(
        "site_name: small\nsite_url: https://small.example.org/\ntheme: material\n"
        "plugins:\n  tags: {}\n  trackrecord:\n    reviews: reviews\n    page_size: 3\n", encoding="utf-8")
    out = tmp_path / "export"
    result = CliRunner().invoke(main, ["export", str(out), "--config", str(config)])
    assert result.exit_code == 0, result.output
    exported = yaml.safe_load((out / "mkdocs.yml").read_text(encoding="utf-8"))
    # Search off unless the owner set it: Zensical would otherwise write an index of its own.
    assert exported["plugins"] == [{"tags": {}}, {"search": {"enabled": False}}]
    # The plugin's part of the theme, which a plain build must have in the open.
    assert exported["theme"] == {"name": "material", "font": False, "palette": DEFAULT_PALETTE, "custom_dir": "theme"}
    assert (out / "theme" / "partials" / "search.html").is_file()
    for page in ("methodology.md", "api.md", "feeds.md", "search.md"):
        assert (out / "docs" / page).is_file(), page
    assert (out / "docs" / "companies" / "page" / "2" / "index.md").is_file()  # page_size 3 was read


def test_an_export_inside_the_folder_it_copies_is_refused(tmp_path: Path) -> None:
    config = _project(tmp_path / "project")
    docs_before = sorted(p.name for p in (tmp_path / "project" / "docs").iterdir())
    result = CliRunner().invoke(main, ["export", str(tmp_path / "project" / "docs" / "out"), "--config", str(config)])
    _clean_failure(result)
    assert "which the export copies; export somewhere else" in result.output
    assert sorted(p.name for p in (tmp_path / "project" / "docs").iterdir()) == docs_before


def test_the_plugins_theme_goes_under_the_sites_own_overrides(tmp_path: Path) -> None:
    """A site's custom_dir wins over the plugin's overrides, as in the plugin's build; both are exported."""
    config = _project(tmp_path / "project")
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("  name: material\n", "  name: material\n  custom_dir: overrides\n"), "utf-8")
    ours = tmp_path / "project" / "overrides" / "partials" / "source.html"
    ours.parent.mkdir(parents=True)
    ours.write_text("<!-- the site's own -->\n", encoding="utf-8")
    out = tmp_path / "export"
    result = CliRunner().invoke(main, ["export", str(out), "--config", str(config)])
    assert result.exit_code == 0, result.output
    assert (out / "theme" / "partials" / "source.html").read_text(encoding="utf-8") == "<!-- the site's own -->\n"
    shipped = (theme_dir() / "partials" / "header.html").read_bytes()
    assert (out / "theme" / "partials" / "header.html").read_bytes() == shipped
    assert yaml.safe_load((out / "mkdocs.yml").read_text(encoding="utf-8"))["theme"]["custom_dir"] == "theme"


def test_a_theme_other_than_material_is_refused(tmp_path: Path) -> None:
    config = _project(tmp_path / "project")
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("  name: material\n", "  name: readthedocs\n"), encoding="utf-8")
    result = CliRunner().invoke(main, ["export", str(tmp_path / "export"), "--config", str(config)])
    _clean_failure(result)
    assert f"{config}: theme: trackrecord's pages are made for Material for MkDocs, but the theme is 'readthedocs'" \
        in result.output


def test_a_config_with_env_and_python_tags_exports_and_keeps_them(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """Many sites set site_url from the environment and name emoji functions with !!python/name."""
    config = _project(tmp_path / "project")
    text = config.read_text(encoding="utf-8").replace(SITE_URL_LINE, "site_url: !ENV [TR_EXPORT_SITE_URL]\n")
    config.write_text(text + "markdown_extensions:\n  - pymdownx.emoji:\n"
                      "      emoji_index: !!python/name:material.extensions.emoji.twemoji\n", encoding="utf-8")
    monkeypatch.setenv("TR_EXPORT_SITE_URL", "https://env.example.org/")
    out = tmp_path / "export"
    result = CliRunner().invoke(main, ["export", str(out), "--config", str(config)])
    assert result.exit_code == 0, result.output
    exported = (out / "mkdocs.yml").read_text(encoding="utf-8")
    assert "site_url: !ENV\n- TR_EXPORT_SITE_URL\n" in exported
    assert "emoji_index: !!python/name:material.extensions.emoji.twemoji" in exported
    feed = (out / "docs" / "feeds" / "atom.xml").read_text(encoding="utf-8")
    assert "https://env.example.org/" in feed  # the export's own pages and feeds used the resolved URL

    monkeypatch.delenv("TR_EXPORT_SITE_URL")
    result = CliRunner().invoke(main, ["export", str(tmp_path / "unset"), "--config", str(config)])
    assert result.exit_code == 1 and "site_url" in result.output, result.output
    assert not (tmp_path / "unset").exists()
