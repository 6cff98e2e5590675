"""The rules across a record's fields and across files: a record's file name, dates in order,
statements that say where they can be read, private details, company links and cycles, feeds that
name known companies. Each adds its problems to the tree being read (records/reader.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from generator.model import Company
from generator.records.files import RECORD_SUFFIXES, SLUG, real_day
from generator.records.private_data import message as private_message
from generator.records.private_data import position, private_findings
from generator.records.suggest import unknown_company
from generator.records.yaml_source import Document, Problem, dotted
from generator.scoring.answers import contradictions

if TYPE_CHECKING:
    from generator.records.reader import RecordTree


def _at(doc: Document, *at: str | int) -> tuple[int, int]:
    return doc.where(tuple(at))


def add(tree: RecordTree, doc: Document, message: str, *at: str | int) -> None:
    line, col = _at(doc, *at)
    name = dotted(tuple(at))  # same spelling as schema problems: timeline[0].date
    tree.problems.append(Problem(doc.path, line, col, name, message))


def _date_text(value: object) -> str | None:
    """An ISO date string that is a real day, else None (the schema reports those)."""
    return value if isinstance(value, str) and real_day(value) is not None else None


def check_incident_file(tree: RecordTree, doc: Document, folder: str, name_date: str) -> None:
    data = doc.data
    company = data.get("company")
    if isinstance(company, str) and SLUG.match(company):
        if company != folder:
            add(tree, doc, f"{company!r} does not match the folder {folder!r}", "company")
        # A company file that exists but failed its own checks has already been reported.
        known = company in tree.company_docs or any(
            (tree.root / "companies" / f"{company}{suffix}").exists() for suffix in RECORD_SUFFIXES
        )
        if not known:
            add(tree, doc, unknown_company(company, _company_slugs(tree)), "company")
        check_private(tree, doc, company)
    if doc.own_rules is not None:  # a cached document: its file name and content are as they were
        tree.problems += doc.own_rules
        return
    start = len(tree.problems)
    day = _date_text(data.get("date"))
    if day is not None and day != name_date:
        add(tree, doc, f"{day} differs from the date in the file name ({name_date})", "date")
    _check_order(tree, doc)
    _check_statements(tree, doc)
    for message, at in contradictions(data):
        add(tree, doc, message, *at)
    doc.own_rules = tree.problems[start:]


def _company_slugs(tree: RecordTree) -> list[str]:
    """Every company slug with a file, valid or not: the names a misspelt slug may have meant."""
    return [f.stem for f in tree.listed("companies") if len(f.rel) == 1]


def _public_contacts(tree: RecordTree, slug: object) -> tuple[str, ...]:
    if not isinstance(slug, str):
        return ()
    if (known := tree.contacts.get(slug)) is not None:
        return known
    company = tree.company_docs.get(slug)
    contacts = company.data.get("public_contacts") if company is not None else None
    found = tuple(c for c in contacts if isinstance(c, str)) if isinstance(contacts, list) else ()
    if company is not None:  # company files are all read before any incident
        tree.contacts[slug] = found
    return found


def check_private(tree: RecordTree, doc: Document, slug: object) -> None:
    """No email address or phone number the company does not publish itself (a rule across files).

    While serving, a document read from cache keeps what this found, for as long as its company
    lists the same contacts: searching 10,000 records' text took most of a rebuild after one edit."""
    contacts = _public_contacts(tree, slug)
    if doc.private_rules is not None and doc.private_rules[0] == contacts:
        tree.problems += doc.private_rules[1]
        return
    start = len(tree.problems)
    for found in private_findings(doc, contacts):
        line, col = position(doc, found, tree.root.parent)
        tree.problems.append(Problem(doc.path, line, col, dotted(found.at), private_message(found)))
    doc.private_rules = (contacts, tree.problems[start:])


def _check_statements(tree: RecordTree, doc: Document) -> None:
    """A reply or rebuttal says where it can be read, or how it was received; decisions follow disputes."""
    reply = doc.data.get("company_reply")
    statements: list[tuple[dict[str, object], tuple[str, ...]]] = (
        [(reply, ("company_reply",))] if isinstance(reply, dict) else [])
    if isinstance(reply, dict) and isinstance(reply.get("rebuttal"), dict):
        statements.append((reply["rebuttal"], ("company_reply", "rebuttal")))
    for statement, at in statements:
        if "source" not in statement and "received" not in statement:
            add(tree, doc, "needs a source (where it can be read) or, for one sent privately, received "
                 "(how it reached the maintainers and who checked it)", *at, "source")
    start = _date_text(doc.data.get("date"))
    dispute = doc.data.get("dispute")
    raised = _date_text(dispute.get("date")) if isinstance(dispute, dict) else None
    decided = dispute.get("decided") if isinstance(dispute, dict) else None
    day = _date_text(decided.get("date")) if isinstance(decided, dict) else None
    if raised is not None and day is not None and day < raised:
        add(tree, doc, f"{day} is before the dispute was raised ({raised})", "dispute", "decided", "date")
    for key in ("dispute", "withdrawn"):
        block = doc.data.get(key)
        day = _date_text(block.get("date")) if isinstance(block, dict) else None
        if start is not None and day is not None and day < start:
            add(tree, doc, f"{day} is before the incident's date ({start})", key, "date")


def _check_order(tree: RecordTree, doc: Document) -> None:
    """Dates in an incident's life must run forwards."""
    data = doc.data
    order = ["date", "contacted", "first_response", "resolved"]
    present = [(name, day) for name in order if (day := _date_text(data.get(name)))]
    for (early, early_value), (late, late_value) in zip(present, present[1:], strict=False):
        if late_value < early_value:
            add(tree, doc, f"{late_value} is before {early} ({early_value})", late)
    start = _date_text(data.get("date"))
    if start is None:
        return
    timeline = data.get("timeline")
    for i, entry in enumerate(timeline if isinstance(timeline, list) else []):
        day = _date_text(entry.get("date")) if isinstance(entry, dict) else None
        if day is not None and day < start:
            add(tree, doc, f"{day} is before the incident's date ({start})", "timeline", i, "date")
    reply = data.get("company_reply")
    day = _date_text(reply.get("date")) if isinstance(reply, dict) else None
    if day is not None and day < start:
        add(tree, doc, f"{day} is before the incident's date ({start})", "company_reply", "date")


def check_companies(tree: RecordTree) -> None:
    """`parent` and `renamed_to` must name known companies and never loop."""
    for link in ("parent", "renamed_to"):
        for slug, doc in tree.company_docs.items():
            target = doc.data.get(link)
            if target is None:
                continue
            if target not in tree.company_docs:
                add(tree, doc, unknown_company(str(target), tree.company_docs), link)
                continue
            chain, current = [slug], target
            while current is not None and current not in chain:
                chain.append(current)
                current = tree.company_docs.get(current, Document("", {})).data.get(link)
            if current == slug:
                loop = " -> ".join([*chain, slug])
                add(tree, doc, f"{link} makes a cycle: {loop}", link)


def check_feed_links(tree: RecordTree, feeds_doc: Document | None, companies: dict[str, Company]) -> None:
    if feeds_doc is None:
        return
    for i, entry in enumerate(feeds_doc.data.get("feeds", [])):
        for j, slug in enumerate(entry.get("companies", [])):
            if slug not in companies:
                add(tree, feeds_doc, unknown_company(str(slug), companies), "feeds", i, "companies", j)
