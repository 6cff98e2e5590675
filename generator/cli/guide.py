"""Field tables for the writer's guide, generated from the record schemas so they cannot drift.

A Markdown page holds one block per record kind between two markers:

    <!-- fields:incident:start -->
    ...generated table...
    <!-- fields:incident:end -->

`python -m generator.cli.guide` rewrites every block in docs/contributing.md; `--check` only
reports whether they are current (a test runs the same check).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click

from generator.cli.mistakes import section
from generator.records.schema import KINDS, schema

BLOCK = re.compile(r"(<!-- fields:(?P<kind>[a-z]+):start -->\n)(?P<body>.*?)(<!-- fields:(?P=kind):end -->)", re.S)
MISTAKES_BLOCK = re.compile(r"(<!-- mistakes:start -->\n)(?P<body>.*?)(<!-- mistakes:end -->)", re.S)
DEFAULT_PAGE = Path("docs/contributing.md")

# The shared definitions, named the way a writer thinks of them.
_DEF_FORMS = {
    "date": "date, `YYYY-MM-DD`, not in the future",
    "slug": "slug: lower-case letters and digits joined by `-`",
    "url": "`http://` or `https://` address",
}


_URL_PATTERNS = {"^https?://[^\\s]+$", "^https://[^\\s]+$"}
_PATTERN_FORMS = {
    "^[^\\n]+$": "one line of text",
    "^https?://[^\\s]+$": _DEF_FORMS["url"],
    "^https://[^\\s]+$": "`https://` address",
    "^[A-Za-z0-9_.-]{1,60}$": "letters, digits, `.`, `_` and `-`, at most 60",
}


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _resolve(node: dict[str, Any], spec: dict[str, Any]) -> tuple[str | None, dict[str, Any]]:
    """The name of the shared definition a node points at (if any) and the node it means."""
    ref = node.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/$defs/"):
        name = ref.rsplit("/", 1)[-1]
        return name, {**spec["$defs"][name], **{k: v for k, v in node.items() if k != "$ref"}}
    return None, node


def _limits(node: dict[str, Any], unit: str) -> str:
    low, high = node.get(f"min{unit}"), node.get(f"max{unit}")
    noun = "characters" if unit == "Length" else "items"
    if low and high:
        return f"{low:,} to {high:,} {noun}"
    if high:
        return f"at most {high:,} {noun}"
    return f"at least {low:,} {noun}" if low else ""


def form(node: dict[str, Any], spec: dict[str, Any]) -> str:
    """What a value must look like, in words."""
    name, node = _resolve(node, spec)
    if name in _DEF_FORMS:
        return _DEF_FORMS[name]
    if "enum" in node:
        return "one of: " + ", ".join(f"`{choice}`" for choice in node["enum"])
    if "oneOf" in node:
        return ", or ".join(form(branch, spec) for branch in node["oneOf"])
    kind = node.get("type")
    if kind == "array":
        parts = ["list", _limits(node, "Items"), "no repeats" if node.get("uniqueItems") else ""]
        return f"{', '.join(p for p in parts if p)}; each: {form(node.get('items', {}), spec)}"
    if kind == "object":
        fields = ", ".join(f"`{key}`" for key in node.get("properties", {}))
        return f"a mapping of {fields}" if fields else "a mapping"
    if kind == "string":
        pattern = node.get("pattern")
        words = _PATTERN_FORMS.get(pattern, f"text matching `{pattern}`") if pattern else "text"
        limits = _limits(node, "Length")
        return f"{words}, {limits}" if limits and pattern not in _URL_PATTERNS else words
    return str(kind or "any value")


def _rows(node: dict[str, Any], spec: dict[str, Any], prefix: str) -> Iterator[tuple[str, bool, str, str]]:
    """(field, required, meaning, form) for each field of an object schema, sub-fields after their parent."""
    required = set(node.get("required", ()))
    for key, child in node.get("properties", {}).items():
        name = f"{prefix}{key}"
        _, meant = _resolve(child, spec)
        yield name, key in required, child.get("description", ""), form(child, spec)
        for sub, suffix in _sub_objects(meant, spec):
            yield from _rows(sub, spec, f"{name}{suffix}")


def _sub_objects(node: dict[str, Any], spec: dict[str, Any]) -> Iterator[tuple[dict[str, Any], str]]:
    """Objects nested in a field: itself, its list items, or a mapping branch of a oneOf."""
    if node.get("type") == "object":
        yield node, "."
    elif node.get("type") == "array":
        items = _resolve(node.get("items", {}), spec)[1]
        for sub, _ in _sub_objects(items, spec):
            yield sub, "[]."
    for branch in node.get("oneOf", ()):
        for sub, suffix in _sub_objects(_resolve(branch, spec)[1], spec):
            yield sub, suffix


def table(kind: str) -> str:
    """The Markdown table of every field of one record kind."""
    spec = schema(kind)
    lines = ["| Field | Required | Meaning | Form |", "| --- | --- | --- | --- |"]
    seen: set[str] = set()
    for name, required, meaning, shape in _rows(spec, spec, ""):
        if name in seen:  # a field in two mapping forms of one value (a citation, a bare {url}) is shown once
            continue
        seen.add(name)
        lines.append(f"| `{name}` | {'yes' if required else 'no'} | {_cell(meaning)} | {_cell(shape)} |")
    return "\n".join(lines) + "\n"


def render_page(text: str) -> str:
    """The page with every fields block regenerated."""

    def fill(match: re.Match[str]) -> str:
        kind = match["kind"]
        if kind not in KINDS:
            raise ValueError(f"unknown record kind {kind!r} in a fields block; expected one of {', '.join(KINDS)}")
        return f"{match.group(1)}{table(kind)}{match.group(4)}"

    return MISTAKES_BLOCK.sub(lambda m: f"{m.group(1)}{section()}{m.group(3)}", BLOCK.sub(fill, text))


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("page", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=DEFAULT_PAGE)
@click.option("--check", is_flag=True, help="Only report whether the tables are current; exit 1 if not.")
def main(page: Path, check: bool) -> None:
    """Rewrite the field tables in PAGE (default: docs/contributing.md) from the record schemas.

    \b
    Examples:
      python -m generator.cli.guide
      python -m generator.cli.guide --check
    """
    text = page.read_text("utf-8")
    if not BLOCK.search(text):
        raise click.ClickException(f"{page}: no <!-- fields:KIND:start --> ... <!-- fields:KIND:end --> block")
    try:
        fresh = render_page(text)
    except ValueError as exc:
        raise click.ClickException(f"{page}: {exc}") from None
    if fresh == text:
        click.echo(f"{page}: field tables are current", err=True)
    elif check:
        raise click.ClickException(f"{page}: field tables differ from the schemas; run python -m generator.cli.guide")
    else:
        page.write_text(fresh, "utf-8")
        click.echo(f"{page}: field tables rewritten", err=True)


if __name__ == "__main__":
    main()
