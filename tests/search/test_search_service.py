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


_FILES_SERVICE = """
import base64, json
def messages():
    pending = b""
    while chunk := sys.stdin.buffer.read1(65536):
        pending += chunk
        while b"," in pending:
            one, pending = pending.split(b",", 1)
            yield json.loads(base64.b64decode(one))
def answer(message_id, payload):
    data = json.dumps({"message_id": message_id, "payload": payload}).encode()
    sys.stdout.buffer.write(base64.b64encode(data) + b",")
    sys.stdout.buffer.flush()
for message in messages():
    kind = message["payload"]["type"]
    if kind == "NewIndex":
        answer(message["message_id"], {"type": "IndexCreated", "index_id": 1})
    elif kind == "GetFiles":
        files = [{"path": p, "content": base64.b64encode(p.encode()).decode()} for p in PATHS]
        answer(message["message_id"], {"type": "GetFiles", "files": files})
"""


@pytest.mark.parametrize("hostile", ["../outside.txt", "fragment/../../outside.txt", "/tmp/outside.txt",
                                     "fragment\\\\..\\\\..\\\\outside.txt"])
def test_index_files_named_outside_the_folder_are_refused(tmp_path: Path, hostile: str) -> None:
    paths = ["pagefind-entry.json", hostile, "fragment/late.pf_fragment"]
    client = PagefindService(_stand_in(tmp_path, f"PATHS = {paths!r}\n{_FILES_SERVICE}"))
    out = tmp_path / "site" / "pagefind"
    with pytest.raises(ServiceError, match="outside the index folder"):
        client.write_and_stop(client.new_index(), out)
    written = {p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file()}
    assert written <= {"pagefind", "site/pagefind/pagefind-entry.json"}, written


def test_index_files_are_written_in_their_folders(tmp_path: Path) -> None:
    paths = ["pagefind-entry.json", "fragment/a.pf_fragment", "fragment/b.pf_fragment", "index/deep/c.pf_index"]
    client = PagefindService(_stand_in(tmp_path, f"PATHS = {paths!r}\n{_FILES_SERVICE}"))
    out = tmp_path / "site" / "pagefind"
    client.write_and_stop(client.new_index(), out)
    assert {p.relative_to(out).as_posix(): p.read_text() for p in out.rglob("*") if p.is_file()} == \
        {p: p for p in paths}
