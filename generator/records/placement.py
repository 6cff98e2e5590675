"""Record files saved where no record is read: found, and told where they belong.

A record in the wrong folder is never read, so without this it would silently never appear.
The advice looks at the file's own fields (an incident names its company) and at the folder's
spelling (reviews/incident/ is meant as reviews/incidents/).
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path

from generator.records.files import INCIDENT_NAME, SLUG, RecordFile, is_record_name, list_records
from generator.records.yaml_source import YamlProblem, read_document

FOLDERS = ("companies", "incidents", "posts")
ONE_FILES = ("feeds.yml",)
NEVER_READ = "is not where records are read, so it would never appear"


def stray_records(root: Path, shown: str) -> list[RecordFile]:
    """Files named like records in reviews/ itself (other than feeds.yml) or in a folder no record is read from."""
    found: list[RecordFile] = []
    try:
        with os.scandir(root) as listing:
            entries = sorted(listing, key=lambda e: e.name)
    except (FileNotFoundError, NotADirectoryError, PermissionError):
        return found
    for entry in entries:
        if entry.is_dir(follow_symlinks=False):
            if entry.name not in FOLDERS:
                found += [RecordFile(f.path, f.shown, (entry.name, *f.rel), f.link, f.stamp)
                          for f in list_records(Path(entry.path), f"{shown}/{entry.name}")]
        elif entry.name not in ONE_FILES and is_record_name(entry.name):
            found.append(RecordFile(entry.path, f"{shown}/{entry.name}", (entry.name,), entry.is_symlink(),
                                    (0, 0, 0)))
    return found


def _fields(path: str) -> dict[str, object]:
    try:
        data = read_document(Path(path), path).data
    except (OSError, YamlProblem):
        return {}
    return data if isinstance(data, dict) else {}


def belongs(rel: tuple[str, ...], path: str) -> str:
    """Where a file found at `rel` (below reviews/) should go, in words: 'move it to ...'."""
    name = rel[-1]
    stem = name.rsplit(".", 1)[0]
    fields = _fields(path) if not os.path.islink(path) else {}
    company = fields.get("company")
    if isinstance(company, str) and SLUG.match(company):
        day = fields.get("date")
        file = name if INCIDENT_NAME.match(stem) else f"{day if isinstance(day, str) else '<YYYY-MM-DD>'}-{stem}.yml"
        return f"it is an incident of {company}: move it to reviews/incidents/{company}/{file}"
    if "name" in fields and "company" not in fields and "feeds" not in fields:
        return f"it is a company: move it to reviews/companies/{stem}.yml"
    if len(rel) > 1:
        close = difflib.get_close_matches(rel[0], FOLDERS, n=1, cutoff=0.6)
        if close:
            return f"did you mean the folder {close[0]}/? move it to reviews/{'/'.join((close[0], *rel[1:]))}"
    return ("move it to reviews/incidents/<company-slug>/<YYYY-MM-DD>-<slug>.yml if it is an incident, "
            "or to reviews/companies/<slug>.yml if it is a company")


def misplaced_message(rel: tuple[str, ...], path: str) -> str:
    return f"{NEVER_READ}; {belongs(rel, path)}"
