"""Draft records for writers: every field present, each with its meaning from the schema.

Used by `trackrecord new`, `trackrecord promote` and `trackrecord new --from-issue`, so a
draft always matches the schema it will be checked against.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from generator.records.local_schemas import schema_line
from generator.records.schema import schema
from generator.render.text_safety import slugify

INCIDENT_SCHEMA_LINE = schema_line("incident")
COMPANY_SCHEMA_LINE = schema_line("company")

# Optional fields are written commented out, with an example, so validate stays quiet about them.
_EXAMPLES: dict[str, str] = {
    "channel": "[email, phone]",
    "reported_by": "your-handle",
    "date_is": "reported",
    "contacted": "2024-01-31",
    "answer": "answered",
    "first_response": "2024-02-02",
    "resolved": "2024-02-20",
    "status": "resolved",
    "outcome": "refund",
    "timeline": "\n#   - date: 2024-03-01\n#     text: The company wrote back and apologised.\n#     rating: good",
    "tags": "[refund, lost-item]",
    "company_reply": "\n#   text: The company's statement, exactly as given.\n#   date: 2024-03-02\n#   source: https://example.com/statement",
    "aliases": "[Other Name]",
    "website": "https://example.com",
    "industry": "retail",
    "parent": "owning-company-slug",
    "description": "One or two sentences about the company.",
    "renamed_to": "new-company-slug",
}


def yaml_value(value: Any, indent: int = 2) -> str:
    """One value as YAML text: Markdown as a block, other text always quoted."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        if "\n" in value.strip():
            pad = " " * indent
            lines = value.strip("\n").splitlines()
            return "|\n" + "\n".join(pad + line if line.strip() else "" for line in lines)
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        if not value:
            return "[]"
        pad = " " * indent
        return "\n" + "\n".join(f"{pad}- {_item(v, indent + 2)}" for v in value)
    if isinstance(value, dict):
        pad = " " * indent
        return "\n" + "\n".join(f"{pad}{k}: {yaml_value(v, indent + 2)}" for k, v in value.items())
    return json.dumps(value)


def _item(value: Any, indent: int) -> str:
    if isinstance(value, dict):
        pad = " " * indent
        parts = [f"{k}: {yaml_value(v, indent + 2)}" for k, v in value.items()]
        return ("\n" + pad).join(parts)
    return yaml_value(value, indent)


def _comment(text: str) -> str:
    return "\n".join(f"# {line}" for line in text.splitlines())


def _field(name: str, text: str) -> str:
    """`name: value`, without a trailing space when the value starts on the next line."""
    return f"{name}:{'' if text.startswith(chr(10)) else ' '}{text}".rstrip(" ")


def render(kind: str, values: dict[str, Any], first_line: str) -> str:
    """A record of `kind` with `values` filled in and every other field commented."""
    spec = schema(kind)
    required = set(spec.get("required", ()))
    out = [first_line]
    for name, prop in spec["properties"].items():
        out.append("")
        description = prop.get("description", "")
        label = "required" if name in required else "optional"
        out.append(_comment(f"{name} ({label}): {description}"))
        if name in values and values[name] not in (None, "", []):
            out.append(_field(name, yaml_value(values[name])))
        elif name in required:
            out.append(_field(name, yaml_value(values.get(name, ""))))
        else:
            out.append("# " + _field(name, _EXAMPLES.get(name, "")))
    return "\n".join(out) + "\n"


def incident_path(reviews: Path, company: str, date: dt.date, title: str) -> Path:
    base = reviews / "incidents" / company / f"{date.isoformat()}-{slugify(title, 50)}"
    path, n = base.with_suffix(".yml"), 2
    while path.exists():
        path, n = Path(f"{base}-{n}.yml"), n + 1
    return path


def write_new(path: Path, text: str) -> Path:
    """Write a new file; never overwrite one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as handle:
        handle.write(text)
    return path
