"""Shared by every test: the `integration` marker and its guard (support/integration.py), the
`--update-golden` switch (support/golden.py), and the fixture sites built once per session."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from support import integration
from support.sites import HOSTILE, METRICS, SAMPLE, Built, build_site, write_project


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", default=False,
                     help="rewrite the golden trees under tests/fixtures/golden/ from the output instead of comparing")


def pytest_configure(config: pytest.Config) -> None:  # the marker itself is registered in pyproject.toml
    integration.install()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item: pytest.Item) -> Iterator[None]:
    with integration.watching(item):
        yield


@pytest.fixture(scope="session")
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The sample corpus (tests/fixtures/site/sample/), built with --strict into a temporary folder."""
    root = tmp_path_factory.mktemp("sample")
    return build_site(write_project(root / "project", SAMPLE), root / "site", strict=True)


@pytest.fixture(scope="session")
def metrics_site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The hand-computed fixture (tests/fixtures/site/metrics/) as a project, built once."""
    root = tmp_path_factory.mktemp("metrics")
    return build_site(write_project(root / "project", METRICS), root / "site")


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """Records that try to inject script everywhere (tests/fixtures/site/hostile/), built once."""
    root = tmp_path_factory.mktemp("hostile")
    return build_site(write_project(root / "project", HOSTILE), root / "site")
