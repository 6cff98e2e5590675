"""`mkdocs serve` as a real process on 127.0.0.1, for the tests that edit records while it runs."""

from __future__ import annotations

import socket
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import httpx

TIMEOUT = 60.0  # seconds a serve test waits for one change to show; it only bounds waiting


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for(check: Callable[[], bool], what: str, log: Path, proc: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"mkdocs serve exited with {proc.returncode} before {what}:\n{log.read_text()}")
        if check():
            return
        time.sleep(0.25)
    raise AssertionError(f"timed out after {TIMEOUT:g} s waiting for {what}; server log:\n{log.read_text()}")


def page_has(url: str, text: str) -> Callable[[], bool]:
    def check() -> bool:
        try:
            response = httpx.get(url, timeout=5)
        except httpx.TransportError:
            return False
        return response.status_code == 200 and text in response.text

    return check


def stop(proc: subprocess.Popen[bytes]) -> None:
    """End the server, killing it when it does not stop within ten seconds."""
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
