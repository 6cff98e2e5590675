"""Listing record files: what counts as a record, the order, links, and the stat that marks a change."""

from __future__ import annotations

import os
from pathlib import Path

from generator.records.files import RecordListing, list_records, one_record


def _touch(path: Path, text: str = "x: 1\n") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")
    return path


def test_records_below_a_folder_sorted_like_paths(tmp_path: Path) -> None:
    root = tmp_path / "incidents"
    for name in ("acme/2021-01-02-b.yml", "acme/2021-01-01-a.yaml", "acme-x/2020-05-05-c.yml",
                 "acme/deep/2022-02-02-d.yml", "acme/notes.txt", "acme/.yml", "acme/2021.yml.bak",
                 "acme/.#2021-01-02-b.yml"):  # Emacs' lock file while it edits a record
        _touch(root / name)
    found = list_records(root, "reviews/incidents")
    # Path order compares part by part: "acme" sorts before "acme-x" although "-" < "/".
    assert [f.rel for f in found] == [
        ("acme", "2021-01-01-a.yaml"), ("acme", "2021-01-02-b.yml"), ("acme", "deep", "2022-02-02-d.yml"),
        ("acme-x", "2020-05-05-c.yml"),
    ]
    assert found[0].shown == "reviews/incidents/acme/2021-01-01-a.yaml"
    assert found[0].stem == "2021-01-01-a"
    assert found == sorted(found, key=lambda f: Path(f.path))


def test_links_are_listed_but_folders_behind_links_are_not_entered(tmp_path: Path) -> None:
    root = tmp_path / "posts"
    outside = _touch(tmp_path / "elsewhere" / "secret.yml")
    (root / "feed").mkdir(parents=True)
    (root / "feed" / "link.yml").symlink_to(outside)
    (root / "linked-folder").symlink_to(outside.parent, target_is_directory=True)
    found = list_records(root, "reviews/posts")
    assert [(f.rel, f.link) for f in found] == [(("feed", "link.yml"), True)]


def test_the_stamp_changes_when_the_file_does(tmp_path: Path) -> None:
    record = _touch(tmp_path / "companies" / "acme.yml")
    before = list_records(tmp_path / "companies", "c")[0].stamp
    record.write_text("name: Acme Corp\n", "utf-8")
    os.utime(record, ns=(before[0] + 10**9, before[0] + 10**9))
    assert list_records(tmp_path / "companies", "c")[0].stamp != before


def test_a_missing_folder_lists_nothing_and_a_single_file_is_found(tmp_path: Path) -> None:
    assert list_records(tmp_path / "nowhere", "x") == []
    assert one_record(tmp_path / "feeds.yml", "reviews/feeds.yml") is None
    _touch(tmp_path / "feeds.yml")
    found = one_record(tmp_path / "feeds.yml", "reviews/feeds.yml")
    assert found is not None and found.shown == "reviews/feeds.yml" and not found.link


def _listed(listing: RecordListing, root: Path) -> list[tuple[str, ...]]:
    listing.begin()
    return [f.rel for f in listing.listed(root / "incidents", "reviews/incidents")]


def test_a_kept_listing_follows_the_paths_it_is_told_about(tmp_path: Path) -> None:
    inc = tmp_path / "incidents"
    first = _touch(inc / "acme" / "2021-01-01-a.yml")
    listing = RecordListing()
    assert _listed(listing, tmp_path) == [("acme", "2021-01-01-a.yml")]

    # Not told: a new file stays unseen (this is what the watcher is for) ...
    added = _touch(inc / "acme" / "2021-01-02-b.yml")
    assert _listed(listing, tmp_path) == [("acme", "2021-01-01-a.yml")]
    # ... told: added, with the stat of the moment; a removal and an edit likewise.
    listing.touched(str(added))
    assert _listed(listing, tmp_path) == [("acme", "2021-01-01-a.yml"), ("acme", "2021-01-02-b.yml")]
    first.unlink()
    listing.touched(str(first))
    listing.touched(str(inc / "acme" / "notes.txt"))  # not a record: ignored
    assert _listed(listing, tmp_path) == [("acme", "2021-01-02-b.yml")]
    stamp = listing.listed(inc, "reviews/incidents")[0].stamp
    added.write_text("x: 22\n", "utf-8")
    listing.touched(str(added))
    listing.begin()
    assert listing.listed(inc, "reviews/incidents")[0].stamp != stamp


def test_a_folder_event_or_lost_events_make_the_next_scan_list_everything(tmp_path: Path) -> None:
    inc = tmp_path / "incidents"
    _touch(inc / "acme" / "2021-01-01-a.yml")
    listing = RecordListing()
    _listed(listing, tmp_path)
    # A folder moved in brings its files without an event for each of them.
    _touch(tmp_path / "staging" / "2022-02-02-c.yml").parent.rename(inc / "bolt")
    listing.touched(str(inc / "bolt"), folder=True)
    assert _listed(listing, tmp_path) == [("acme", "2021-01-01-a.yml"), ("bolt", "2022-02-02-c.yml")]
    _touch(inc / "bolt" / "2022-03-03-d.yml")
    listing.relist()
    assert ("bolt", "2022-03-03-d.yml") in _listed(listing, tmp_path)


def test_a_record_named_in_capitals_is_reported_not_skipped(tmp_path: Path) -> None:
    from generator.records.reader import scan

    reviews = tmp_path / "reviews"
    _touch(reviews / "companies" / "acme.yml", 'name: "Acme"\n')
    _touch(reviews / "incidents" / "acme" / "2021-03-04-late.YML", "title: nothing read\n")
    _, problems = scan(reviews)
    assert [str(p) for p in problems] == [
        "reviews/incidents/acme/2021-03-04-late.YML:1:1: (file): record files end in .yml in lower case: "
        "rename it to 2021-03-04-late.yml"
    ]
