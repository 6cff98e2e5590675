"""A site as a builder without MkDocs plugins makes it: `trackrecord export`, `zensical build` in the
export, then `trackrecord index` of what Zensical wrote. Shared by the Zensical page tests and the
search browser tests. Zensical is pinned in the test extras (pyproject.toml says why)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

BIN = Path(sys.executable).parent
ZENSICAL = BIN / "zensical"
TRACKRECORD = BIN / "trackrecord"


def _run(command: list[str | Path], cwd: Path | None = None) -> str:
    done = subprocess.run([str(part) for part in command], cwd=cwd, capture_output=True, text=True, timeout=300,
                          check=False)
    assert done.returncode == 0, f"{command}: exit {done.returncode}\n{done.stdout}\n{done.stderr}"
    return done.stdout + done.stderr


def zensical_build(project: Path) -> str:
    """`zensical build --strict` in `project` (its mkdocs.yml); returns what it printed."""
    if not ZENSICAL.is_file():
        pytest.fail(f"{ZENSICAL} is missing: Zensical is in the test extras (pip install -e '.[test]')")
    return _run([ZENSICAL, "build", "--strict", "--clean"], cwd=project)


def export_build_index(config: Path, root: Path) -> Path:
    """The project of `config` exported to root/export, built there by Zensical and indexed; returns the site."""
    export = root / "export"
    _run([TRACKRECORD, "export", export, "--config", config])
    zensical_build(export)
    site = export / "site"
    printed = _run([TRACKRECORD, "index", site])
    assert printed.startswith("search index: "), printed
    return site
