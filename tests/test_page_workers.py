"""A one-off build makes its pages in two processes: the store and the pages handed on must be what
one process makes, and a failing or dying second process must not lose or hide anything."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from support.sites import SAMPLE

from generator.build import page_workers
from generator.build.output_paths import DuplicateOutput, OutputClaims
from generator.build.page_store import PageStore
from generator.build.page_workers import make_pages
from generator.build.plan import FULL
from generator.records.reader import load_corpus
from generator.render.pages.page import SiteOptions
from generator.render.site_content import pages
from generator.scoring.catalog import Catalog, build_catalog

OPTIONS = SiteOptions(site_url="https://example.org/", page_size=3)


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return build_catalog(load_corpus(SAMPLE))


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.mark.parametrize("processes", [2, 3])
def test_pages_made_in_several_processes_equal_those_made_in_one(tmp_path: Path, catalog: Catalog,
                                                                 processes: int) -> None:
    one = make_pages(catalog, OPTIONS, FULL, PageStore(tmp_path / "one"), weigh=True)
    several = make_pages(catalog, OPTIONS, FULL, PageStore(tmp_path / "several"), weigh=True, processes=processes)
    assert several == one
    assert [made.src_uri for made in one] == [page.src_uri for page in pages(catalog, OPTIONS)]
    assert _files(tmp_path / "several") == _files(tmp_path / "one")
    assert len(one) > 20 and any(made.weight for made in one) and any(made.weight is None for made in one)


def test_every_process_makes_a_share(tmp_path: Path, catalog: Catalog, monkeypatch: pytest.MonkeyPatch) -> None:
    real = page_workers._make  # noqa: SLF001 - watched, not replaced

    def noting(*args: object) -> list[page_workers.Made]:
        (tmp_path / f"pid-{os.getpid()}").touch()
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(page_workers, "_make", noting)
    make_pages(catalog, OPTIONS, FULL, PageStore(tmp_path / "store"), processes=2)
    assert len(list(tmp_path.glob("pid-*"))) == 2


def test_a_second_page_on_one_path_is_still_refused(tmp_path: Path, catalog: Catalog) -> None:
    # The home page's path is taken, as a hand-written docs/index.md would take it.
    taken = OutputClaims({"index.md": "docs/index.md (a hand-written file)"})
    with pytest.raises(DuplicateOutput, match="docs/index.md"):
        make_pages(catalog, OPTIONS, FULL, PageStore(tmp_path / "store", taken), processes=2)


def test_an_error_in_the_second_process_fails_the_build_with_its_traceback(
        tmp_path: Path, catalog: Catalog, monkeypatch: pytest.MonkeyPatch) -> None:
    parent, real = os.getpid(), page_workers._make  # noqa: SLF001

    def failing_there(*args: object) -> list[page_workers.Made]:
        if os.getpid() != parent:
            raise ValueError("a page could not be made")
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(page_workers, "_make", failing_there)
    with pytest.raises(RuntimeError, match="(?s)second process failed.*ValueError: a page could not be made"):
        make_pages(catalog, OPTIONS, FULL, PageStore(tmp_path / "store"), processes=2)


def test_a_second_process_that_dies_has_its_share_made_here(
        tmp_path: Path, catalog: Catalog, monkeypatch: pytest.MonkeyPatch) -> None:
    parent, real = os.getpid(), page_workers._make  # noqa: SLF001

    def dying_there(*args: object) -> list[page_workers.Made]:
        if os.getpid() != parent:
            os._exit(9)  # as the out-of-memory killer would end it: no word, no traceback
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(page_workers, "_make", dying_there)
    made = make_pages(catalog, OPTIONS, FULL, PageStore(tmp_path / "store"), processes=2)
    assert [page.src_uri for page in made] == [page.src_uri for page in pages(catalog, OPTIONS)]
    assert len(_files(tmp_path / "store")) == len(made)
