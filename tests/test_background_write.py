"""Feeds and the API are written by a forked process; its files and its failures reach the build."""

from __future__ import annotations

import signal
from collections.abc import Mapping
from pathlib import Path

import pytest

from generator.build import writer_process
from generator.build.writer_process import BackgroundWriteError, BackgroundWriter


def test_files_are_written_by_the_second_process(tmp_path: Path) -> None:
    writer = BackgroundWriter(lambda: {"feeds/atom.xml": b"<feed/>", "api/v1/x.json": b"{}"}, tmp_path)
    writer.start()
    writer.join()
    assert (tmp_path / "feeds/atom.xml").read_bytes() == b"<feed/>"
    assert (tmp_path / "api/v1/x.json").read_bytes() == b"{}"


def test_an_error_in_the_second_process_becomes_a_build_error_with_its_message(tmp_path: Path) -> None:
    def broken() -> Mapping[str, bytes]:
        raise ValueError("site_url is missing")

    writer = BackgroundWriter(broken, tmp_path)
    writer.start()
    with pytest.raises(BackgroundWriteError, match="ValueError: site_url is missing"):
        writer.join()
    assert not any(tmp_path.iterdir())


def test_a_writer_still_running_is_stopped_without_waiting_for_it(tmp_path: Path) -> None:
    import time

    def slow() -> Mapping[str, bytes]:
        time.sleep(30)
        return {"late.xml": b"<late/>"}

    writer = BackgroundWriter(slow, tmp_path)
    writer.start()
    child = writer._process
    assert child is not None
    assert writer.cancel() is None
    assert child in writer_process._dying  # killed, not waited for
    # Reaped only when the next writer starts, so that no stopped writer writes after it.
    next_writer = BackgroundWriter(lambda: {"next.xml": b"<next/>"}, tmp_path)
    next_writer.start()
    assert child.exitcode == -signal.SIGKILL  # a child that had been let finish would have exited 0
    next_writer.join()
    assert not (tmp_path / "late.xml").exists() and (tmp_path / "next.xml").exists()


def test_stopping_a_writer_that_already_failed_still_reports_its_error(tmp_path: Path) -> None:
    def broken() -> Mapping[str, bytes]:
        raise ValueError("feeds went wrong")

    writer = BackgroundWriter(broken, tmp_path)
    writer.start()
    assert writer._process is not None
    writer._process.join(timeout=30)  # let it fail first
    assert "ValueError: feeds went wrong" in (writer.cancel() or "")


def test_a_writer_started_later_writes_then_and_one_stopped_first_never_starts(tmp_path: Path) -> None:
    later = BackgroundWriter(lambda: {"later.xml": b"<later/>"}, tmp_path)
    later.start_after(0.05)
    later.join()  # waits for the start, then for the files
    assert (tmp_path / "later.xml").read_bytes() == b"<later/>"

    never = BackgroundWriter(lambda: {"never.xml": b"<never/>"}, tmp_path)
    never.start_after(0.5)
    assert never.cancel() is None
    assert never._timer is not None
    never._timer.join()
    assert never._process is None and not (tmp_path / "never.xml").exists()


def test_a_writer_that_cannot_start_later_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_fork(self: BackgroundWriter) -> None:
        raise OSError(24, "Too many open files")

    monkeypatch.setattr(BackgroundWriter, "start", no_fork)
    writer = BackgroundWriter(lambda: {"x.xml": b"<x/>"}, tmp_path)
    writer.start_after(0.01)
    with pytest.raises(BackgroundWriteError, match="could not start: OSError: .*Too many open files"):
        writer.join()
    assert "Too many open files" in (writer.cancel() or "")  # as the next rebuild reports it
