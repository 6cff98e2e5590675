"""JSON Schema checks for each kind of record, with messages a writer can act on."""

from __future__ import annotations

import datetime as dt
import json
import re
from functools import cache
from importlib import resources
from typing import Any

import jsonschema_rs
from jsonschema import Draft202012Validator, FormatChecker
from jsonschema.exceptions import ValidationError

from generator.records.suggest import nearest
from generator.records.yaml_source import Document, JsonPath, Problem
from generator.records.yaml_source import dotted as _dotted

KINDS = ("company", "incident", "feeds", "post")
# The record format these schemas define. It goes up with a change that old records do not pass
# (`trackrecord migrate` then rewrites them); the site publishes the schemas under schemas/v<it>/.
RECORD_FORMAT = 1
_PYTHON_TYPE_NAMES = {bool: "a boolean", int: "a number", float: "a number"}


@cache
def schema_text(kind: str) -> str:
    return resources.files("generator").joinpath(f"schemas/{kind}.schema.json").read_text("utf-8")


@cache
def schema(kind: str) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(schema_text(kind))
    return loaded


@cache
def _fast_validator(kind: str) -> Any:
    return jsonschema_rs.validator_for(schema(kind), validate_formats=True)


@cache
def _validator(kind: str) -> Draft202012Validator:
    return Draft202012Validator(schema(kind), format_checker=FormatChecker())


def _leaf_errors(error: ValidationError) -> list[ValidationError]:
    """For oneOf/anyOf, the errors of the branch the value was meant for; else the error itself."""
    if not error.context:
        return [error]
    branches: dict[Any, list[ValidationError]] = {}
    for sub in error.context:
        branches.setdefault(sub.relative_schema_path[0], []).append(sub)
    # A branch that fails on the value's own type (text vs. mapping) was not the one meant.
    meant = [
        errs for errs in branches.values()
        if not any(e.validator == "type" and not e.relative_path for e in errs)
    ]
    if len(meant) == 1:
        return [leaf for sub in meant[0] for leaf in _leaf_errors(sub)]
    deepest = max(len(e.absolute_path) for e in error.context)
    if deepest <= len(error.absolute_path):
        return [error]
    return [e for e in error.context if len(e.absolute_path) == deepest][:1]


_JSON_TYPE_NAMES = {
    "object": "a mapping of fields (key: value lines)",
    "array": "a list",
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
}
_FOUND_NAMES = {dict: "a mapping", list: "a list", str: "text", bool: "a boolean", int: "a number",
                float: "a number", type(None): "nothing"}
_DATE_PATTERN = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
_SLUG_PATTERN = "^[a-z0-9]+(-[a-z0-9]+)*$"
# What each check says, most telling first; only the first problem per value is reported.
_PRIORITY = {"required": 0, "additionalProperties": 0, "type": 1, "enum": 2, "format": 3, "pattern": 4}


def _message(error: ValidationError, doc: Document) -> str:
    at = tuple(error.absolute_path)
    scalar = doc.scalars.get(at)
    if error.validator == "required":
        return "is required; add it"
    if error.instance is None and error.validator in ("type", "enum", "pattern", "format", "oneOf"):
        if scalar and scalar.text:
            return f"YAML reads the unquoted {scalar.text!r} as nothing; quote it if you mean the text: '{scalar.text}'"
        return "is empty; write a value"
    if error.validator in ("type", "enum", "pattern", "format", "oneOf") and scalar and scalar.plain:
        found = _PYTHON_TYPE_NAMES.get(type(error.instance))
        if found:
            return (
                f"YAML reads the unquoted {scalar.text!r} as {found}; "
                f"quote it if you mean the text: '{scalar.text}'"
            )
    if error.validator == "type":
        wanted = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
        names = " or ".join(_JSON_TYPE_NAMES.get(str(w), str(w)) for w in wanted)
        return f"expected {names}, found {_FOUND_NAMES.get(type(error.instance), 'something else')}"
    if error.validator == "minLength" and error.instance == "":
        return "is still empty; write it"
    if error.validator == "minLength":
        return f"is too short; write at least {error.validator_value} characters"
    if error.validator == "maxLength":
        return f"is too long ({len(error.instance):,} characters); the most allowed is {error.validator_value:,}"
    if error.validator == "minItems" and error.instance == []:
        return f"needs at least {error.validator_value}"
    if error.validator == "maxItems":
        return f"has {len(error.instance)} items; the most allowed is {error.validator_value}"
    if error.validator == "uniqueItems":
        return "lists the same item twice"
    if error.validator == "enum":
        choices = ", ".join(str(c) for c in error.validator_value)
        return f"{error.instance!r} is not allowed; expected one of: {choices}"
    if (error.validator == "format" and error.validator_value == "date") or (
        error.validator == "pattern" and error.validator_value == _DATE_PATTERN
    ):
        if not re.match(_DATE_PATTERN, str(error.instance)):
            return f"{error.instance!r} is not a date written YYYY-MM-DD"
        return f"{error.instance!r} is not a real calendar date"
    if error.validator == "pattern":
        if error.validator_value == _SLUG_PATTERN:
            return f"{error.instance!r} is not a slug (lower-case letters and digits joined by -, e.g. united-airlines)"
        if isinstance(error.instance, str) and error.instance.split(":", 1)[0].lower() not in (
            "http", "https"
        ) and "http" in str(error.validator_value):
            return f"{error.instance!r} is not an http(s) address"
        if error.validator_value == "^[^\\n]+$":
            return "must be a single line"
        return f"{error.instance!r} does not have the expected form ({error.validator_value})"
    if error.validator == "oneOf" and isinstance(error.instance, str):
        return f"{error.instance!r} is not an http(s) address or a citation"
    if error.validator == "oneOf":
        found = _FOUND_NAMES.get(type(error.instance), "something else")
        return f"expected an http(s) address or a citation (title, publisher, date, url), found {found}"
    return error.message


def _future_dates(doc: Document, data: Any, at: JsonPath, today: dt.date) -> list[Problem]:
    found: list[Problem] = []
    if isinstance(data, dict):
        for key, value in data.items():
            found += _future_dates(doc, value, (*at, key), today)
    elif isinstance(data, list):
        for i, value in enumerate(data):
            found += _future_dates(doc, value, (*at, i), today)
    elif isinstance(data, str) and len(data) == 10 and at and at[-1] in _DATE_FIELDS:
        try:
            day = dt.date.fromisoformat(data)
        except ValueError:
            return found
        if day > today:
            line, col = doc.where(at)
            found.append(Problem(doc.path, line, col, _dotted(at), f"{data} is in the future"))
    return found


_DATE_FIELDS = {"date", "contacted", "first_response", "resolved"}  # and every nested `date`


def _typo_of(extra: str, given: dict[str, Any], allowed: list[str]) -> str | None:
    """The allowed field that `extra` misspells, among those not given already."""
    return nearest(extra, [a for a in allowed if a not in given])


def check(doc: Document, kind: str, today: dt.date | None = None) -> list[Problem]:
    """Every schema problem in one document, each pointing at the offending value."""
    problems: list[Problem] = []
    # jsonschema-rs answers "valid?" about ninety times faster; jsonschema, whose errors carry
    # what our messages need, only runs on the rare record that fails.
    valid = _fast_validator(kind).is_valid(doc.data)
    leaves = [] if valid else [leaf for error in _validator(kind).iter_errors(doc.data) for leaf in _leaf_errors(error)]
    leaves.sort(key=lambda e: (list(map(str, e.absolute_path)), _PRIORITY.get(str(e.validator), 9)))
    reported: set[JsonPath] = set()
    # Required fields that an unknown field is a typo of: "did you mean" says it, "is required" need not.
    typos = {
        (*leaf.absolute_path, near) for leaf in leaves
        if leaf.validator == "additionalProperties" and isinstance(leaf.instance, dict)
        for extra in set(leaf.instance) - set(leaf.schema.get("properties", {}))
        if (near := _typo_of(extra, leaf.instance, sorted(leaf.schema.get("properties", {})))) is not None
    }
    for leaf in leaves:
        at = tuple(leaf.absolute_path)
        if leaf.validator == "additionalProperties" and isinstance(leaf.instance, dict):
            # One line per unknown field, pointing at that field's name.
            allowed = sorted(leaf.schema.get("properties", {}))
            for extra in sorted(set(leaf.instance) - set(allowed)):
                line, col = doc.where_key((*at, extra))
                near = _typo_of(extra, leaf.instance, allowed)
                if near is not None:
                    message = f"unknown field; did you mean `{near}`?"
                else:
                    message = f"unknown field; expected one of: {', '.join(allowed)}"
                problems.append(Problem(doc.path, line, col, _dotted((*at, extra)), message))
                reported.add((*at, extra))
            continue
        if leaf.validator == "required":
            # Name the missing field; point at the mapping that should hold it.
            for missing in leaf.validator_value:
                if (isinstance(leaf.instance, dict) and missing not in leaf.instance
                        and (*at, missing) not in reported and (*at, missing) not in typos):
                    reported.add((*at, missing))
                    line, col = doc.where(at)
                    problems.append(Problem(doc.path, line, col, _dotted((*at, missing)), _message(leaf, doc)))
            continue
        if at in reported:
            continue  # one message per value: a bad date need not also break the pattern
        reported.add(at)
        line, col = doc.where(at)
        problems.append(Problem(doc.path, line, col, _dotted(at), _message(leaf, doc)))
    problems += _future_dates(doc, doc.data, (), today or dt.date.today())
    return problems
