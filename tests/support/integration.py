"""Integration tests build a real site, run a subprocess, serve HTTP or drive Chromium; they carry
`@pytest.mark.integration`, and `pytest -m "not integration"` runs the fast unit tests alone.

The marker stays true by a guard (installed by tests/conftest.py): while a test without it runs,
starting a subprocess (Pagefind, Chromium, the CLI), listening on a socket (any server) or building a
site (support.sites) fails that test, with the fix in the message. Only the main thread is watched: a
server or indexer thread an earlier test left running is not the running test's doing, and a forked
child (the loader's, the feeds' writer) is no subprocess here: forking is quick.
"""

from __future__ import annotations

import os
import socket
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest

_unit_test: str | None = None  # the node id of the unmarked test now running


def require_integration(what: str) -> None:
    """Fail the running test if it is not marked integration and is about to do `what`."""
    if _unit_test is not None and threading.current_thread() is threading.main_thread():
        pytest.fail(f"{_unit_test} {what} but is not marked integration: give it @pytest.mark.integration "
                    "(or the module `pytestmark = pytest.mark.integration`) so that "
                    "`pytest -m \"not integration\"` stays the fast unit tests", pytrace=False)


def install() -> None:
    """Wrap what integration tests do (once per session) so that an unmarked test doing it is named."""
    popen_init = subprocess.Popen.__init__
    listen = socket.socket.listen

    def guarded_popen(self: subprocess.Popen[Any], args: Any, *rest: Any, **options: Any) -> None:
        program = args if isinstance(args, (str, bytes, os.PathLike)) else next(iter(args), "")
        name = (os.fsdecode(program).split() or ["?"])[0]
        require_integration(f"runs a subprocess ({os.path.basename(name)})")
        popen_init(self, args, *rest, **options)

    def guarded_listen(self: socket.socket, *backlog: int) -> None:
        name = self.getsockname()
        require_integration(f"serves on a socket ({name[0]} port {name[1]})" if isinstance(name, tuple)
                            else f"serves on a socket ({name!r})")
        listen(self, *backlog)

    subprocess.Popen.__init__ = guarded_popen  # type: ignore[method-assign]
    socket.socket.listen = guarded_listen  # type: ignore[method-assign]


@contextmanager
def watching(item: pytest.Item) -> Iterator[None]:
    """While `item` runs (its setup, call and teardown), the guard knows whether it may integrate."""
    global _unit_test
    _unit_test = None if item.get_closest_marker("integration") else item.nodeid
    try:
        yield
    finally:
        _unit_test = None
