"""One producer per output path: a second write to a path taken in the same build is an error."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.build.output_paths import DuplicateOutput, OutputClaims, site_path
from generator.build.page_store import PageStore
from generator.build.writer_process import BackgroundWriteError, BackgroundWriter


def test_a_second_claim_on_a_path_names_both_producers() -> None:
    claims = OutputClaims({"companies/acme/index.html": "docs/companies/acme.md"})
    claims.claim("companies/solo/index.html", "company solo")
    with pytest.raises(DuplicateOutput) as caught:
        claims.claim("companies/acme/index.html", "company acme")
    message = str(caught.value)
    assert "companies/acme/index.html" in message
    assert "docs/companies/acme.md" in message and "company acme" in message
    # Two claims worded alike are still two writes.
    with pytest.raises(DuplicateOutput):
        claims.claim("companies/solo/index.html", "company solo")


def test_the_output_cache_refuses_a_second_write_to_a_path_in_one_build(tmp_path: Path) -> None:
    cache = PageStore(tmp_path)
    cache.put("companies/page/index.md", "first", "company page")
    with pytest.raises(DuplicateOutput, match="company page, and the companies index"):
        cache.put("companies/page/index.md", "second", "the companies index")
    assert (tmp_path / "companies/page/index.md").read_text() == "first"  # the first stays as written
    # The next build (a new cache over the same folder) writes it again without complaint.
    PageStore(tmp_path).put("companies/page/index.md", "again", "company page")
    assert (tmp_path / "companies/page/index.md").read_text() == "again"


def test_files_whose_path_is_taken_are_refused_before_any_is_written(tmp_path: Path) -> None:
    cache = PageStore(tmp_path, OutputClaims({"feeds/atom.xml": "docs/feeds/atom.xml"}))
    with pytest.raises(DuplicateOutput, match="docs/feeds/atom.xml, and the feeds"):
        cache.put_all({"api/v1/companies.json": b"{}", "feeds/atom.xml": b"<feed/>"}, "the feeds")
    assert not any(tmp_path.iterdir())


def test_the_background_writer_refuses_a_path_another_file_takes(tmp_path: Path) -> None:
    writer = BackgroundWriter(lambda: {"api/v1/x.json": b"{}", "feeds/atom.xml": b"<feed/>"}, tmp_path,
                              {"feeds/atom.xml": "docs/feeds/atom.xml (a hand-written file)"})
    writer.start()
    with pytest.raises(BackgroundWriteError) as caught:
        writer.join()
    assert str(caught.value).startswith("two files would be written to feeds/atom.xml: docs/feeds/atom.xml")
    assert not any(tmp_path.iterdir())


@pytest.mark.parametrize("src, directory_urls, dest", [
    ("companies/acme.md", True, "companies/acme/index.html"),
    ("companies/acme/index.md", True, "companies/acme/index.html"),
    ("companies/README.md", True, "companies/index.html"),
    ("about.markdown", True, "about/index.html"),
    ("about.md", False, "about.html"),
    ("index.md", False, "index.html"),
    ("feeds/atom.xml", True, "feeds/atom.xml"),
])
def test_site_path_is_where_mkdocs_writes_a_docs_file(src: str, directory_urls: bool, dest: str) -> None:
    assert site_path(src, directory_urls=directory_urls) == dest
