"""The synthetic benchmark corpus (benchmarks/synth.py): valid, complete, realistic and deterministic.

Runs the real scripts: `python benchmarks/synth.py` writes a project, `trackrecord validate` checks it.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

pytestmark = pytest.mark.integration

REPO = Path(__file__).resolve().parent.parent
SYNTH = REPO / "benchmarks" / "synth.py"
TRACKRECORD = Path(sys.executable).parent / "trackrecord"
N = 200


def synth(out: Path, seed: int, n: int = N) -> str:
    done = subprocess.run([sys.executable, str(SYNTH), "--incidents", str(n), "--out", str(out), "--seed", str(seed)],
                          capture_output=True, text=True, timeout=60, check=True)
    return done.stdout


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("synth") / "project"
    synth(out, seed=3)
    return out


def _records(folder: Path) -> list[dict]:
    return [yaml.safe_load(p.read_text("utf-8")) for p in sorted(folder.rglob("*.yml"))]


def test_corpus_passes_trackrecord_validate(project: Path) -> None:
    done = subprocess.run([str(TRACKRECORD), "validate"], cwd=project, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"{N + N // 10 + N} valid records" in done.stdout + done.stderr  # incidents + companies + posts


def test_project_is_complete(project: Path) -> None:
    reviews = project / "reviews"
    assert len(list((reviews / "incidents").rglob("*.yml"))) == N
    assert len(list((reviews / "companies").glob("*.yml"))) == N // 10
    assert len(list((reviews / "posts").rglob("*.yml"))) == N
    assert (reviews / "feeds.yml").is_file()
    assert (project / "mkdocs.yml").read_text("utf-8") == (REPO / "mkdocs.yml").read_text("utf-8")
    assert (project / "docs").is_dir()


def test_corpus_has_the_features_the_site_draws(project: Path) -> None:
    incidents = _records(project / "reviews" / "incidents")
    companies = _records(project / "reviews" / "companies")
    posts = _records(project / "reviews" / "posts")
    assert {i["rating"] for i in incidents} == {"good", "bad", "ugly"}
    assert any(e.get("rating") for i in incidents for e in i.get("timeline", [])), "no timeline changes a rating"
    assert any("company_reply" in i for i in incidents)
    assert any("parent" in c for c in companies) and any("aliases" in c for c in companies)
    assert len({c["industry"] for c in companies}) >= 5
    assert len({str(i["date"])[:4] for i in incidents}) >= 10, "dates should spread over years"
    assert all(p.get("companies") for p in posts[:50] if "Notes on customer service" not in p["title"])
    # Text lengths like the sample records (issue ~500 characters, response ~400, on average).
    mean_issue = sum(len(i["issue"]) for i in incidents) / len(incidents)
    mean_response = sum(len(i["response"]) for i in incidents) / len(incidents)
    assert 350 < mean_issue < 700 and 250 < mean_response < 550
    assert not any("lorem" in i["issue"].lower() for i in incidents)


def test_same_seed_same_bytes_other_seed_other_corpus(project: Path, tmp_path: Path) -> None:
    synth(tmp_path / "again", seed=3)
    synth(tmp_path / "other", seed=4, n=N)

    def tree(root: Path) -> dict[str, bytes]:
        return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}

    assert tree(tmp_path / "again" / "reviews") == tree(project / "reviews")
    assert tree(tmp_path / "other" / "reviews") != tree(project / "reviews")
