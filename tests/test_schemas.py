"""Every shipped schema is valid draft 2020-12 and closed: no object accepts fields it does not name."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from importlib import resources
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from generator.records.schema import KINDS, schema

SCHEMA_FILES = sorted(p.name for p in resources.files("generator").joinpath("schemas").iterdir()
                      if p.name.endswith(".schema.json"))


def subschemas(node: Any, where: str = "#") -> Iterator[tuple[str, dict[str, Any]]]:
    """Every schema object inside `node`, with a JSON-pointer-like place for messages."""
    if isinstance(node, dict):
        yield where, node
        for key in ("properties", "$defs"):
            for name, child in node.get(key, {}).items():
                yield from subschemas(child, f"{where}/{key}/{name}")
        for key in ("items", "additionalProperties", "not"):
            if isinstance(node.get(key), dict):
                yield from subschemas(node[key], f"{where}/{key}")
        for key in ("oneOf", "anyOf", "allOf", "prefixItems"):
            for i, child in enumerate(node.get(key, [])):
                yield from subschemas(child, f"{where}/{key}/{i}")


def test_every_kind_has_a_schema_file() -> None:
    assert sorted(f"{kind}.schema.json" for kind in KINDS) == SCHEMA_FILES


@pytest.mark.parametrize("name", SCHEMA_FILES)
def test_schema_is_valid_draft_2020_12(name: str) -> None:
    loaded = json.loads(resources.files("generator").joinpath("schemas", name).read_text("utf-8"))
    assert loaded["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(loaded)


@pytest.mark.parametrize("kind", KINDS)
def test_every_object_is_closed(kind: str) -> None:
    objects = [(where, node) for where, node in subschemas(schema(kind))
               if node.get("type") == "object" or "properties" in node]
    assert objects
    open_ones = [where for where, node in objects if node.get("additionalProperties") is not False]
    assert open_ones == [], f"{kind}: objects without additionalProperties: false"


@pytest.mark.parametrize("kind", KINDS)
def test_every_field_is_described(kind: str) -> None:
    """The writer's guide and the drafts take each field's meaning from here, sub-fields too."""
    spec = schema(kind)
    assert spec.get("description")
    fields = [(where, node) for where, node in subschemas(spec) if re.search(r"/properties/[^/]+$", where)]
    assert fields
    assert [where for where, node in fields if not node.get("description")] == []


def test_the_closed_check_can_fail() -> None:
    """Guard against a walker that never finds anything."""
    leaky = {"type": "object", "additionalProperties": False,
             "properties": {"a": {"type": "array", "items": {"type": "object", "properties": {}}}}}
    assert [w for w, n in subschemas(leaky) if "properties" in n and n.get("additionalProperties") is not False] == [
        "#/properties/a/items"
    ]
