"""The sample corpus's posts are what importing the sample fixture feeds produces, byte for byte."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .helpers import snapshot

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "tests" / "fixtures" / "site" / "sample" / "reviews"


@pytest.mark.integration
def test_the_sample_posts_are_reproducible(tmp_path: Path) -> None:
    reviews = tmp_path / "reviews"
    shutil.copytree(SAMPLE / "companies", reviews / "companies")
    shutil.copy(SAMPLE / "feeds.yml", reviews / "feeds.yml")
    script = ROOT / "scripts" / "refresh_sample_posts.py"
    for _ in range(2):  # the second run meets 304s and must change nothing
        done = subprocess.run([sys.executable, str(script), "--reviews", str(reviews)],
                              capture_output=True, text=True, cwd=ROOT, check=False)
        assert done.returncode == 0, done.stdout + done.stderr
    rebuilt = {k: v[0] for k, v in snapshot(reviews / "posts").items()}
    bundled = {k: v[0] for k, v in snapshot(SAMPLE / "posts").items()}
    assert rebuilt == bundled, ("run scripts/refresh_sample_posts.py --reviews tests/fixtures/site/sample/reviews "
                                "and commit its posts/")
