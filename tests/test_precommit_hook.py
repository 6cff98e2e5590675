"""The pre-commit hook runs `trackrecord validate` on changed records, the way pre-commit calls it:
its `entry` split like a shell command, with the changed files that match `files` appended."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from support.sites import SAMPLE

REPO = Path(__file__).resolve().parents[1]
HOSTILE = Path(__file__).parent / "fixtures" / "hostile"


def hook() -> dict[str, Any]:
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text("utf-8"))
    hooks = [h for repo in config["repos"] if repo["repo"] == "local" for h in repo["hooks"]]
    found = [h for h in hooks if h["id"] == "trackrecord-validate"]
    assert len(found) == 1
    return found[0]


def run_hook(cwd: Path, files: list[str]) -> subprocess.CompletedProcess[str]:
    """As pre-commit runs a `language: system` hook, with the venv's scripts on PATH."""
    spec = hook()
    chosen = [f for f in files if re.search(spec["files"], f)]
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    command = shlex.split(spec["entry"]) + (chosen if spec["pass_filenames"] else [])
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=60)


def test_the_hook_is_local_system_and_sees_only_records() -> None:
    spec = hook()
    assert spec["language"] == "system"
    assert spec["pass_filenames"] is True
    assert "trackrecord validate" in spec["entry"]
    pattern = re.compile(spec["files"])
    for path in ("reviews/companies/acme.yml", "reviews/incidents/acme/2021-03-04-x.yaml", "reviews/feeds.yml"):
        assert pattern.search(path), path
    for path in ("tests/fixtures/hostile/base/reviews/companies/acme.yml", "docs/contributing.md",
                 "reviews/README.md", "mkdocs.yml"):
        assert not pattern.search(path), path


@pytest.mark.integration
def test_the_hook_fails_on_a_bad_changed_record_and_passes_on_good_ones(tmp_path: Path) -> None:
    """In a tree without .venv, so the hook's fallback to `trackrecord` on PATH runs."""
    shutil.copytree(HOSTILE / "base", tmp_path, dirs_exist_ok=True)
    bad = tmp_path / "reviews/incidents/acme/2021-03-04-duplicate-key.yml"
    shutil.copyfile(HOSTILE / "duplicate-key.yml", bad)
    good = ["reviews/companies/acme.yml", "reviews/incidents/acme/2021-03-04-valid.yml", "docs/ignored.md"]
    passed = run_hook(tmp_path, good)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    failed = run_hook(tmp_path, [*good, bad.relative_to(tmp_path).as_posix()])
    assert failed.returncode == 1
    assert failed.stdout.splitlines() == [
        "reviews/incidents/acme/2021-03-04-duplicate-key.yml:4:1: title: duplicate key (first given on line 3)"
    ]


@pytest.mark.integration
def test_the_hook_passes_on_the_sample_records(tmp_path: Path) -> None:
    shutil.copytree(SAMPLE, tmp_path / "reviews")
    records = sorted(p.relative_to(tmp_path).as_posix() for p in (tmp_path / "reviews").rglob("*.yml"))
    assert len(records) > 20
    done = run_hook(tmp_path, records)
    assert done.returncode == 0, done.stdout + done.stderr


def test_a_site_made_by_init_gets_the_same_hook(tmp_path: Path) -> None:
    from generator.cli.scaffold import NewSite, site_files

    made = site_files(NewSite(name="x", url="https://x.example.org/", repo_url=None, version="0"))
    config = yaml.safe_load(made[".pre-commit-config.yaml"])
    assert config["repos"] == yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text("utf-8"))["repos"]
