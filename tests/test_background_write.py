"""Feeds and the API are written by a forked process; its files and its failures reach the build."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pytest

from generator.background_write import BackgroundWriteError, BackgroundWriter


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
