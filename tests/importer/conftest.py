"""Fixtures for the importer tests: a real feed server on 127.0.0.1."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from .feed_server import FeedServer, running


@pytest.fixture
def server() -> Iterator[FeedServer]:
    with running() as feed_server:
        yield feed_server
