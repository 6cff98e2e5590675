"""The guard behind `pytest -m "not integration"` (support/integration.py): an unmarked test that
starts a subprocess, serves on a socket or builds a site fails, naming itself and the fix."""

from __future__ import annotations

import socket
import subprocess
from pathlib import Path

import pytest
from support.sites import METRICS, build_site, write_project


def _stopped(doing: str):  # type: ignore[no-untyped-def]
    return pytest.raises(pytest.fail.Exception,
                         match=rf"::test_an_unmarked_test_is_stopped_where_it_integrates {doing} but is not marked")


def test_an_unmarked_test_is_stopped_where_it_integrates(tmp_path: Path) -> None:
    with _stopped(r"runs a subprocess \(true\)"):
        subprocess.run(["true"], check=False)
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        with _stopped(r"serves on a socket \(127\.0\.0\.1 port \d+\)"):
            server.listen()
    project = write_project(tmp_path / "project", METRICS, docs=False)
    with _stopped("builds a site"):
        build_site(project, tmp_path / "site")
    assert not (tmp_path / "site").exists()


@pytest.mark.integration
def test_a_marked_test_may(tmp_path: Path) -> None:
    assert subprocess.run(["true"], check=False).returncode == 0
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
