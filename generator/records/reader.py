"""Find, read and check every record under `reviews/`, and build the typed corpus.

All problems are gathered before anything is reported, so a writer sees every mistake in one
run. Nothing past this module sees a loose dict.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar, cast

from generator.model import Corpus, FeedSubscription, Incident, Post
from generator.records.builders import build_company, build_feeds, build_incident, build_post, parse_timestamp
from generator.records.files import (
    INCIDENT_NAME,
    SLUG,
    RecordFile,
    RecordListing,
    list_records,
    one_record,
)
from generator.records.placement import misplaced_message, stray_records
from generator.records.rules import add, check_companies, check_feed_links, check_incident_file, check_private
from generator.records.schema import check
from generator.records.yaml_source import Document, Problem, YamlProblem, read_document


class InvalidRecords(Exception):
    """Raised with every problem found; each prints as `path:line:col: field: message`."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(map(str, self.problems)))


# What reading one file gave, by path: (the file as listed, with its stat; its kind; the day it was
# checked on; the document; its problems). `mkdocs serve` keeps one across rebuilds so that an edit
# re-reads one file, not ten thousand.
ReadCache = dict[str, tuple[RecordFile, str, dt.date, Document | None, list[Problem]]]


@dataclass
class RecordTree:
    root: Path
    today: dt.date
    cache: ReadCache | None = None
    listing: RecordListing | None = None
    problems: list[Problem] = field(default_factory=list)
    company_docs: dict[str, Document] = field(default_factory=dict)
    incident_docs: list[Document] = field(default_factory=list)
    contacts: dict[str, tuple[str, ...]] = field(default_factory=dict)  # public_contacts by company, once read
    share: tuple[int, int] = (0, 1)  # (k, n): read only the k-th of n shares of the incidents and posts
    # Each incident file read, in listing order: its document if valid, and the problems it has.
    outcomes: dict[str, tuple[Document | None, list[Problem]]] = field(default_factory=dict)

    def shown(self, file: Path) -> str:
        """Paths as the writer sees them: relative to the repository (the parent of reviews/)."""
        try:
            return file.relative_to(self.root.parent).as_posix()
        except ValueError:
            return file.as_posix()

    def listed(self, folder: str) -> list[RecordFile]:
        if self.listing is not None:
            return self.listing.listed(self.root / folder, self.shown(self.root / folder))
        return list_records(self.root / folder, self.shown(self.root / folder))

    def listed_share(self, folder: str) -> list[RecordFile]:
        """This tree's share of a folder's files: whole first-level folders (a company's incidents, a
        feed's posts), so that two files that clash are always read by the same share."""
        files = self.listed(folder)
        k, n = self.share
        if n == 1:
            return files
        tops = sorted({file.rel[0] for file in files})
        mine = set(tops[len(tops) * k // n: len(tops) * (k + 1) // n])
        return [file for file in files if file.rel[0] in mine]

    def read(self, file: RecordFile, kind: str) -> Document | None:
        """The document if it is valid; its problems are recorded either way."""
        doc, valid = self.read_any(file, kind)
        return doc if valid else None

    def read_any(self, file: RecordFile, kind: str) -> tuple[Document | None, bool]:
        """The parsed document, even when it breaks the schema, and whether it is valid."""
        if file.link:
            # A link could make the build read (and quote in messages) any file on the machine.
            _file_problem(self, file, "is a symbolic link; a record must be a file of its own")
            return None, False
        if file.misnamed:
            _file_problem(self, file, f"record files end in .yml in lower case: rename it to {file.stem}.yml")
            return None, False
        cached = self.cache.get(file.path) if self.cache is not None else None
        # A kept listing hands back the very same object for a file that did not change.
        if (cached is not None and cached[1] == kind and cached[2] == self.today
                and (cached[0] is file or cached[0].stamp == file.stamp)):
            doc, found = cached[3], cached[4]
        else:
            doc, found = self._read_fresh(file, kind)
            if self.cache is not None:
                self.cache[file.path] = (file, kind, self.today, doc, found)
        self.problems += found
        return doc, doc is not None and not found

    def _read_fresh(self, file: RecordFile, kind: str) -> tuple[Document | None, list[Problem]]:
        try:
            doc = read_document(Path(file.path), file.shown)
        except YamlProblem as exc:
            return None, [exc.problem]
        return doc, check(doc, kind, self.today)


def _file_problem(tree: RecordTree, file: RecordFile, message: str) -> None:
    tree.problems.append(Problem(file.shown, 1, 1, "(file)", message))


def _read_companies(tree: RecordTree) -> None:
    seen: dict[str, str] = {}  # slug -> shown path, valid or not
    for file in tree.listed("companies"):
        slug = file.stem
        if len(file.rel) != 1:
            _file_problem(tree, file, "company files live directly in reviews/companies/")
            continue
        if not SLUG.match(slug):
            _file_problem(tree, file, f"file name {slug!r} is not a slug (lower-case words joined by -)")
            continue
        if slug in seen:
            _file_problem(tree, file, f"duplicate company slug {slug!r} (also {seen[slug]})")
            continue
        seen[slug] = file.shown
        doc = tree.read(file, "company")
        if doc is not None:
            tree.company_docs[slug] = doc
            check_private(tree, doc, slug)


def _read_incidents(tree: RecordTree) -> None:
    seen: dict[tuple[str, str], str] = {}
    for file in tree.listed_share("incidents"):
        if len(file.rel) != 2:
            _file_problem(tree, file, "incident files live in reviews/incidents/<company-slug>/")
            continue
        match = INCIDENT_NAME.match(file.stem)
        if not match:
            _file_problem(tree, file, "file name must be <YYYY-MM-DD>-<slug>.yml, e.g. 2009-07-06-broken-guitar.yml")
            continue
        key = (file.rel[0], file.stem)
        if key in seen:
            _file_problem(tree, file, f"duplicate incident slug (also {seen[key]})")
            continue
        seen[key] = file.shown
        read_incident_file(tree, file)


def read_incident_file(tree: RecordTree, file: RecordFile) -> None:
    """One incident file whose place and name are right, and that no other file's slug clashes with:
    read, checked, and its outcome kept in `tree.outcomes` (records/rescan.py re-reads only these)."""
    start = len(tree.problems)
    doc, valid = tree.read_any(file, "incident")
    if doc is not None:
        # The rules across files are checked even when the schema found problems, so that the
        # writer sees everything in one run; each rule looks only at values of the right form.
        check_incident_file(tree, doc, file.rel[0], file.stem[:10])
    tree.outcomes[file.path] = (doc if doc is not None and valid else None, tree.problems[start:])
    if doc is not None and valid:
        tree.incident_docs.append(doc)


def known_company(docs: Iterable[Document], companies: Mapping[str, Document]) -> list[Document]:
    return [d for d in docs if d.data["company"] in companies]


def _read_feeds(tree: RecordTree) -> Document | None:
    file = one_record(tree.root / "feeds.yml", tree.shown(tree.root / "feeds.yml"))
    return tree.read(file, "feeds") if file is not None else None


def _read_posts(tree: RecordTree) -> list[Document]:
    docs = []
    for file in tree.listed_share("posts"):
        if len(file.rel) != 2:
            _file_problem(tree, file, "imported posts live in reviews/posts/<feed-slug>/; "
                          "`trackrecord import` writes them there")
        elif (doc := tree.read(file, "post")) and _post_times_ok(tree, doc):
            docs.append(doc)
    return docs


def _report_strays(tree: RecordTree) -> None:
    for file in stray_records(tree.root, tree.shown(tree.root)):
        _file_problem(tree, file, misplaced_message(file.rel, file.path))


def _post_times_ok(tree: RecordTree, doc: Document) -> bool:
    """The schema only bounds these strings; the model needs real timestamps."""
    ok = True
    for key in ("published", "updated"):
        value = doc.data.get(key)
        if not value:
            continue
        try:
            parse_timestamp(value)
        except ValueError:
            add(tree, doc, f"{value!r} is not an ISO 8601 date and time, such as 2009-07-06T10:00:00Z", key)
            ok = False
    return ok


T = TypeVar("T")


def built(doc: Document, build: Callable[[Document], T]) -> T:
    """The model object of a document, built once: a cached document keeps it across scans."""
    if doc.built is None:
        doc.built = build(doc)
    return cast(T, doc.built)


def scan(root: Path, today: dt.date | None = None, cache: ReadCache | None = None,
         listing: RecordListing | None = None, share: tuple[int, int] = (0, 1)) -> tuple[Corpus, list[Problem]]:
    """Read everything under `root` (a reviews/ folder). Returns what is valid and all problems.

    With a `cache`, files whose stat has not changed since the last scan are not read again;
    with a `listing` kept up to date by a file watcher, the folders are not listed again either.
    With a `share` (k, n), only the k-th of n shares of the incidents and posts is read (every
    company, and the feeds, are read by each share): merge_shares() puts n of them together."""
    if listing is not None:
        listing.begin()
    return scan_tree(RecordTree(root, today or dt.date.today(), cache, listing, share=share))


def scan_tree(tree: RecordTree) -> tuple[Corpus, list[Problem]]:
    """scan() on a tree made for it, its listing (if any) begun."""
    root = tree.root
    if not root.is_dir():
        tree.problems.append(Problem(root.as_posix(), 1, 1, "(file)", "no such folder"))
        return Corpus(), tree.problems
    _read_companies(tree)
    _read_incidents(tree)
    check_companies(tree)
    feeds_doc = _read_feeds(tree)
    post_docs = _read_posts(tree)
    _report_strays(tree)
    companies = {slug: build_company(slug, doc) for slug, doc in sorted(tree.company_docs.items())}
    incidents = tuple(built(doc, build_incident) for doc in known_company(tree.incident_docs, tree.company_docs))
    feeds = build_feeds(feeds_doc) if feeds_doc else ()
    posts = tuple(built(doc, build_post) for doc in post_docs)
    check_feed_links(tree, feeds_doc, companies)
    corpus = Corpus(companies=companies, incidents=incidents, feeds=feeds, posts=posts)
    tree.problems.sort(key=lambda p: (p.path, p.line, p.col))
    return corpus, tree.problems


def merge_shares(parts: Sequence[tuple[Corpus, list[Problem]]]) -> tuple[Corpus, list[Problem]]:
    """The scan of a whole tree from the scans of its shares (0 to n-1, in order): what every share
    read (companies, feeds, and what they found wrong) once, the incidents and posts of each."""
    if len(parts) == 1:
        return parts[0]
    corpus = dataclasses.replace(parts[0][0], incidents=tuple(i for part, _ in parts for i in part.incidents),
                                 posts=tuple(p for part, _ in parts for p in part.posts))
    # A problem every share found is in a file every share read: kept as the first share found it
    # (as often as it did). Any other is in one share's own files: kept as that share found it.
    found_by = [set(found) for _, found in parts]
    shared = set.intersection(*found_by)
    problems = list(parts[0][1]) + [p for _, found in parts[1:] for p in found if p not in shared]
    problems.sort(key=lambda p: (p.path, p.line, p.col))
    return corpus, problems


def load_corpus(root: Path, today: dt.date | None = None, cache: ReadCache | None = None,
                listing: RecordListing | None = None) -> Corpus:
    """The whole corpus, or InvalidRecords with every problem."""
    corpus, problems = scan(root, today, cache, listing)
    if problems:
        raise InvalidRecords(problems)
    return corpus


def problems_under(problems: Iterable[Problem], paths: Sequence[str]) -> list[Problem]:
    """Only the problems in files at or below the given shown paths ("" stands for everything)."""
    prefixes = [p.rstrip("/") for p in paths]
    return [
        p for p in problems
        if any(not pre or p.path == pre or p.path.startswith(pre + "/") for pre in prefixes)
    ]


__all__ = [
    "Corpus", "FeedSubscription", "Incident", "InvalidRecords", "Post", "load_corpus", "merge_shares",
    "problems_under", "scan",
]
