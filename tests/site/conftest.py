"""Fixtures for the site tests: the sample corpus built once per session, and fixture projects."""

from __future__ import annotations

import pytest
from sitebuild import FIXTURES, SAMPLE, Built, build_site, write_project


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The sample corpus (tests/fixtures/site/sample/), built with --strict into a temporary folder."""
    root = tmp_path_factory.mktemp("sample")
    return build_site(write_project(root / "project", SAMPLE), root / "site", strict=True)


@pytest.fixture(scope="session")
def metrics_site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The hand-computed fixture (tests/fixtures/site/metrics/) as a project, built once."""
    root = tmp_path_factory.mktemp("metrics")
    project = write_project(root / "project", FIXTURES / "metrics" / "reviews")
    return build_site(project, root / "site")


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """Records that try to inject script everywhere (tests/fixtures/site/hostile/), built once."""
    root = tmp_path_factory.mktemp("hostile")
    project = write_project(root / "project", FIXTURES / "hostile" / "reviews")
    return build_site(project, root / "site")
