"""The Pagefind service client fails a build clearly, never hangs it, when the service misbehaves.
A stand-in `pagefind` (a small script) answers garbage, or nothing at all."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from generator.search import service
from generator.search.service import PagefindService, ServiceError

pytestmark = pytest.mark.integration  # runs a subprocess


def _stand_in(tmp_path: Path, body: str) -> Path:
    script = tmp_path / "pagefind"
    script.write_text(f"#!{sys.executable}\nimport sys, time\n{body}\n", encoding="utf-8")
    script.chmod(0o755)
    return script


def test_an_answer_that_is_not_pagefinds_is_an_error(tmp_path: Path) -> None:
    binary = _stand_in(tmp_path, "sys.stdin.buffer.read(1)\nsys.stdout.write('not base64 at all!,')\n"
                                 "sys.stdout.flush()\ntime.sleep(60)")
    client = PagefindService(binary)
    try:
        with pytest.raises(ServiceError, match="could not be read"):
            client.new_index()
    finally:
        client.close()


def test_a_service_that_never_answers_is_stopped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(service, "TIMEOUT_SECONDS", 1)
    client = PagefindService(_stand_in(tmp_path, "time.sleep(60)"))
    try:
        with pytest.raises(ServiceError, match="answered nothing"):
            client.new_index()
    finally:
        client.close()
    assert client._proc.poll() is not None  # noqa: SLF001 - ended, not left behind
