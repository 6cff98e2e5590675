"""JSON Schema checks for each kind of record, with messages a writer can act on."""

from __future__ import annotations

import datetime as dt
import json
from functools import cache
from importlib import resources
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker
from jsonschema.exceptions import ValidationError

from generator.yaml_source import Document, JsonPath, Problem
from generator.yaml_source import dotted as _dotted

KINDS = ("company", "incident", "feeds", "post")
_PYTHON_TYPE_NAMES = {bool: "a boolean", int: "a number", float: "a number", type(None): "empty"}


@cache
def schema_text(kind: str) -> str:
    return resources.files("generator").joinpath(f"schemas/{kind}.schema.json").read_text("utf-8")


@cache
def schema(kind: str) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(schema_text(kind))
    return loaded


@cache
def _validator(kind: str) -> Draft202012Validator:
    return Draft202012Validator(schema(kind), format_checker=FormatChecker())


def _leaf_errors(error: ValidationError) -> list[ValidationError]:
    """For oneOf/anyOf, the branch errors that explain most; else the error itself."""
    if not error.context:
        return [error]
    deepest = max(len(e.absolute_path) for e in error.context)
    if deepest <= len(error.absolute_path):
        return [error]
    return [e for e in error.context if len(e.absolute_path) == deepest][:1]


def _message(error: ValidationError, doc: Document) -> str:
    at = tuple(error.absolute_path)
    scalar = doc.scalars.get(at)
    if error.validator == "required":
        return error.message.replace("is a required property", "is required")
    if error.validator in ("type", "enum", "pattern", "format") and scalar and scalar.plain:
        found = _PYTHON_TYPE_NAMES.get(type(error.instance))
        if found and found != "empty":
            return (
                f"YAML reads the unquoted {scalar.text!r} as {found}; "
                f"quote it if you mean the text: '{scalar.text}'"
            )
    if error.validator == "minLength" and error.instance == "":
        return "is still empty; write it"
    if error.validator == "minItems" and error.instance == []:
        return f"needs at least {error.validator_value}"
    if error.validator == "enum":
        choices = ", ".join(str(c) for c in error.validator_value)
        return f"{error.instance!r} is not allowed; expected one of: {choices}"
    if error.validator == "format" and error.validator_value == "date":
        return f"{error.instance!r} is not a real calendar date (YYYY-MM-DD)"
    if error.validator == "pattern":
        if isinstance(error.instance, str) and error.instance.split(":", 1)[0].lower() not in (
            "http", "https"
        ) and "http" in str(error.validator_value):
            return f"{error.instance!r} is not an http(s) address"
        return f"{error.instance!r} does not have the expected form ({error.validator_value})"
    if error.validator == "oneOf" and isinstance(error.instance, str):
        return f"{error.instance!r} is not an http(s) address or a citation"
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


_DATE_FIELDS = {"date", "contacted", "first_response", "resolved"}


def check(doc: Document, kind: str, today: dt.date | None = None) -> list[Problem]:
    """Every schema problem in one document, each pointing at the offending value."""
    problems: list[Problem] = []
    errors = sorted(_validator(kind).iter_errors(doc.data), key=lambda e: list(map(str, e.path)))
    for error in errors:
        for leaf in _leaf_errors(error):
            at = tuple(leaf.absolute_path)
            if leaf.validator == "additionalProperties" and isinstance(leaf.instance, dict):
                # One line per unknown field, pointing at that field.
                allowed = sorted(leaf.schema.get("properties", {}))
                for extra in sorted(set(leaf.instance) - set(allowed)):
                    line, col = doc.where((*at, extra))
                    message = f"unknown field; expected one of: {', '.join(allowed)}"
                    problems.append(Problem(doc.path, line, col, _dotted((*at, extra)), message))
                continue
            line, col = doc.where(at)
            problems.append(Problem(doc.path, line, col, _dotted(at), _message(leaf, doc)))
    problems += _future_dates(doc, doc.data, (), today or dt.date.today())
    return problems
