"""Copies of the record schemas inside a site's reviews/schemas/, for editors.

Every record file starts with `# yaml-language-server: $schema=<path>`, which editors with a
YAML language server use to check and complete fields as the writer types. The path is relative
to the record, so it must lead to a file in the site itself: the published copies exist only after
the first deploy, and the package's own lie inside someone's virtual environment. `trackrecord
init` writes the copies; `new` and `promote` bring them up to date, so after an upgrade the
editor follows the new record format. The record loader reads only .yml files, so it never
mistakes them for records.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from generator.records.schema import KINDS, schema_text

FOLDER = "schemas"  # under reviews/

# Where each kind of record lies below reviews/, as steps back up to reviews/ itself.
_DEPTH = {"feeds": 0, "company": 1, "incident": 2, "post": 2}


def schema_line(kind: str) -> str:
    """The first line of a record of `kind` (reviews/companies/x.yml, reviews/incidents/co/x.yml, ...)."""
    up = "../" * _DEPTH[kind]
    return f"# yaml-language-server: $schema={up}{FOLDER}/{kind}.schema.json"


def schema_copies() -> dict[str, str]:
    """The files of reviews/schemas/ by path relative to reviews/."""
    return {f"{FOLDER}/{kind}.schema.json": schema_text(kind) for kind in KINDS}


def refresh(reviews: Path) -> list[Path]:
    """Write the copies that are missing or differ from this version's schemas; returns those written."""
    written = []
    for rel, text in schema_copies().items():
        target = reviews / rel
        try:
            if target.read_text(encoding="utf-8") == text:
                continue
        except (FileNotFoundError, UnicodeDecodeError):
            pass
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8", newline="\n")
        written.append(target)
    return written


def refresh_for_editors(reviews: Path, echo: Callable[..., object]) -> None:
    """`refresh`, saying so on stderr when it wrote anything (a command's own output stays on stdout)."""
    if refresh(reviews):
        echo(f"updated {(reviews / FOLDER).as_posix()}/, the schemas editors check records against", err=True)
