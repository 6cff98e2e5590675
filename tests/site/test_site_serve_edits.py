"""Edits under `mkdocs serve --dirty`, each told to the plugin as the file watcher tells it, give the pages
and the JSON API a full build of the same records gives.

After one incident's edit the rebuild takes the short ways: the edited file alone read again
(records/rescan.py), the catalog updated in place when no incident moved (scoring/catalog_update.py),
and only the pages the edit changed made again (build/plan.py). Each step below checks that the short
way was taken where it should be, then, after the session, builds a copy of the records as they were at
that step and compares every generated page and API file with the session's.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from support.sites import SAMPLE, build_site, serve_builds, write_project

pytestmark = [pytest.mark.integration, pytest.mark.slow]

RECORD = "reviews/incidents/dell/2007-11-14-ignored-blogger-complaints.yml"


def _files(folder: Path, pattern: str) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): p.read_text("utf-8") for p in sorted(folder.rglob(pattern))}


def _api(site: Path) -> dict[str, object]:
    return {name: json.loads(text) for name, text in _files(site / "api", "*.json").items()}


def _sub(pattern: str, new: str) -> Callable[[str], str]:
    def edit(text: str) -> str:
        changed, n = re.subn(pattern, new, text, count=1, flags=re.M)
        assert n == 1, pattern
        return changed
    return edit


def _append(block: str) -> Callable[[str], str]:
    return lambda text: text.rstrip("\n") + "\n" + block


# Each edit of Dell's incident, whether the records' scan may re-read the file alone, and whether the
# catalog may be updated in place (the incident keeps its date, rating, tags and days).
STEPS: list[tuple[str, Callable[[str], str], bool]] = [
    ("a new title", _sub(r"^title: .*$", 'title: "An edited title"'), True),
    ("a new tag", _sub(r"^tags:\n", "tags:\n  - another-tag\n"), False),
    ("an open dispute", _append("dispute:\n  date: 2007-12-01\n  by: Dell\n"
                                "  summary: The events did not happen as told.\n"), False),
    ("a longer issue", _sub(r"^issue: \|\n", "issue: |\n  One more sentence, edited in.\n"), True),
    ("withdrawn", _append("withdrawn:\n  date: 2008-01-02\n  reason: The source is gone.\n"), False),
]


def test_each_edit_gives_what_a_full_build_of_the_same_records_gives(tmp_path: Path) -> None:
    project = write_project(tmp_path / "project", SAMPLE)
    record = project / RECORD
    site, states, served = tmp_path / "site", [], []
    with serve_builds(project, site, dirty=True) as rebuild:
        rebuild()
        for n, (_, edit, in_place) in enumerate(STEPS):
            record.write_text(edit(record.read_text("utf-8")), "utf-8")
            built = rebuild([record])
            assert built.plugin is not None and built.plugin.pipeline.rescan is not None
            assert built.plugin.pipeline.rescan.last_was_partial  # only the edited file was read again
            assert built.plugin.pipeline.memo is not None and built.plugin.pipeline.memo.catalog_updated is in_place
            built.plugin.pipeline.join_static()  # the feeds and the API, written a moment later
            served.append((_files(project / ".trackrecord-cache/serve", "*.md"), _api(site)))
            states.append(shutil.copytree(project / "reviews", tmp_path / f"state-{n}" / "reviews"))
    # Withdrawn, Dell's incident left the tag listing it alone was in: its page is served no more.
    assert not (site / "tag/ignored/index.html").exists()
    for n, (name, _, _) in enumerate(STEPS):
        full = tmp_path / f"state-{n}"
        for keep in ("mkdocs.yml", "docs"):
            (shutil.copytree if (project / keep).is_dir() else shutil.copy)(project / keep, full / keep)
        built = build_site(full, tmp_path / f"full-{n}")
        pages, api = served[n]
        expected = _files(full / ".trackrecord-cache/build", "*.md")
        assert set(pages) == set(expected), f"after {name}: pages differ"
        assert [p for p in expected if pages[p] != expected[p]] == [], f"after {name}"
        assert api == _api(built.site), f"after {name}: the API differs"

