"""Write files computed from the catalog in a second process, beside MkDocs' own rendering.

MkDocs renders pages on one core; feeds and the API need only the catalog, so a forked child
computes and writes them on the other core while the pages render. Where fork is unavailable,
the same work runs inline.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Callable, Mapping
from multiprocessing.connection import Connection
from pathlib import Path

from generator.build.output_paths import STATIC_FILES, DuplicateOutput, OutputClaims
from generator.build.page_store import PageStore

Producer = Callable[[], Mapping[str, bytes]]


class BackgroundWriteError(Exception):
    pass


def _write(produce: Producer, folder: Path, taken: Mapping[str, str]) -> None:
    PageStore(folder, OutputClaims(taken)).put_all(produce(), STATIC_FILES)


def _message(exc: BaseException) -> str:
    return str(exc) if isinstance(exc, DuplicateOutput) else f"{type(exc).__name__}: {exc}"


def _child(produce: Producer, folder: Path, taken: Mapping[str, str], report: Connection) -> None:
    try:
        _write(produce, folder, taken)
    except BaseException as exc:  # the parent turns this into a build error
        report.send(_message(exc))
        report.close()
        os._exit(1)
    report.send("")
    report.close()
    os._exit(0)


_dying: list[multiprocessing.process.BaseProcess] = []  # writers killed by cancel(), not yet reaped


class BackgroundWriter:
    def __init__(self, produce: Producer, folder: Path, taken: Mapping[str, str] | None = None) -> None:
        """`taken`: the paths under `folder` that other files take, by who writes them (DuplicateOutput)."""
        self.produce: Producer | None = produce
        self.folder = folder
        self.taken = dict(taken or {})
        self._process: multiprocessing.process.BaseProcess | None = None
        self._report: Connection | None = None
        self._timer: threading.Timer | None = None
        self._lock = threading.Lock()  # between start_after()'s timer and cancel()
        self._cancelled = False
        self._failed_start: str | None = None  # why start_after()'s start() failed, for cancel() and join()

    def start_after(self, seconds: float) -> None:
        """start() in a moment, from another thread (`mkdocs serve`): forking a process of the build's
        size takes tens of milliseconds, which would hold up the page an edit is waiting for."""
        def start() -> None:
            with self._lock:
                if self._cancelled:
                    return
                try:
                    self.start()
                except Exception as exc:  # noqa: BLE001 - no fork, or no file handles: reported, not lost
                    self._failed_start = f"could not start: {_message(exc)}"

        self._timer = threading.Timer(seconds, start)
        self._timer.daemon = True
        self._timer.start()

    def start(self) -> None:
        if "fork" not in multiprocessing.get_all_start_methods():
            return  # join() does the work inline
        while _dying:  # a stopped writer must not write after this one (one pipeline starts them in turn)
            _dying.pop().join()
        context = multiprocessing.get_context("fork")
        receive, send = context.Pipe(duplex=False)
        self._process = context.Process(target=_child, args=(self.produce, self.folder, self.taken, send), daemon=True)
        self._process.start()
        send.close()
        self._report = receive
        # The child has its own copy now; letting go of ours lets the parent free what it holds.
        self.produce = None

    def join(self) -> None:
        """Wait for the files; raises BackgroundWriteError with the child's error."""
        if self._timer is not None:
            self._timer.join()
        if self._failed_start is not None:
            raise BackgroundWriteError(self._failed_start)
        if self._process is None:
            if self.produce is not None:
                try:
                    _write(self.produce, self.folder, self.taken)
                except Exception as exc:  # as the child reports it
                    raise BackgroundWriteError(_message(exc)) from None
            return
        assert self._report is not None
        try:
            message = self._report.recv()
        except EOFError:  # the child died without a word
            message = ""
        self._process.join()
        code = self._process.exitcode
        self._process = None
        if code != 0:
            raise BackgroundWriteError(message or f"the writer process ended with code {code}")

    def cancel(self) -> str | None:
        """Stop a writer whose files a newer build will write again (`mkdocs serve`).

        Waiting for it would hold up the rebuild after an edit; its files are replaced
        atomically, so stopping it midway leaves each file old or new, never half written.
        Returns the writer's error if it had already failed, so that it is still reported.
        """
        with self._lock:  # a start() under way ends first; one not yet begun never begins
            self._cancelled = True
            if self._timer is not None:
                self._timer.cancel()
            process, report = self._process, self._report
            self._process = self._report = None
        if process is None or report is None:
            return self._failed_start
        if process.is_alive() and not report.poll():
            # Not waited for: a process of the build's size takes tens of milliseconds to end, which
            # the rebuild after an edit would wait out. The next writer's start() reaps it.
            process.kill()
            report.close()
            _dying.append(process)
            return None
        message = report.recv() if report.poll() else ""
        process.join()
        report.close()
        if process.exitcode != 0:
            return message or f"the writer process ended with code {process.exitcode}"
        return None
