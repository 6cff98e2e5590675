"""mkdocs.yml as the export reads and writes it: YAML plus the tags MkDocs sites use.

MkDocs' own loader would bring mkdocs into the core, and plain safe_load refuses `!ENV SITE_URL`
and `!!python/name:material.extensions.emoji.twemoji`, which many sites have. Here every such tag
is kept as it came (`Tagged`) and written back unchanged, so the exported site reads its
environment and its extensions as the original did; only the settings the export itself needs
are resolved, `!ENV` as MkDocs resolves it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

import yaml

ENV = "!ENV"


@dataclass(frozen=True, slots=True)
class Tagged:
    """A tagged value the export does not interpret, such as `!relative` or `!!python/name:...`."""

    tag: str
    value: object  # text, a list or a mapping, as written

    def __repr__(self) -> str:
        return f"{self.tag} {self.value!r}"


class _Loader(yaml.SafeLoader):
    pass


class _Dumper(yaml.SafeDumper):
    pass


def _construct(loader: yaml.SafeLoader, _suffix: str, node: yaml.Node) -> Tagged:
    value: object
    if isinstance(node, yaml.ScalarNode):
        value = loader.construct_scalar(node)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        value = loader.construct_mapping(node, deep=True)  # type: ignore[arg-type]
    return Tagged(node.tag, value)


def _represent(dumper: yaml.SafeDumper, data: Tagged) -> yaml.Node:
    if isinstance(data.value, list):
        return dumper.represent_sequence(data.tag, data.value)
    if isinstance(data.value, dict):
        return dumper.represent_mapping(data.tag, data.value)
    return dumper.represent_scalar(data.tag, str(data.value))


_Loader.add_multi_constructor("!", _construct)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", _construct)
_Dumper.add_representer(Tagged, _represent)


def load(text: str) -> object:
    return yaml.load(text, Loader=_Loader)  # noqa: S506 - a SafeLoader that keeps unknown tags as data


def dump(data: object) -> str:
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True)


def resolved(value: object) -> object:
    """`value` with every `!ENV` replaced by what it names now: the first variable that is set, else the
    default (the last item of a list of two or more), else nothing. Other tags stay `Tagged`."""
    if isinstance(value, Tagged):
        return _env(value) if value.tag == ENV else value
    if isinstance(value, dict):
        return {key: resolved(item) for key, item in value.items()}
    if isinstance(value, list):
        return [resolved(item) for item in value]
    return value


def resolved_settings(config: dict[str, Any]) -> dict[str, Any]:
    return {key: resolved(value) for key, value in config.items()}


def _env(tagged: Tagged) -> object:
    names = list(tagged.value) if isinstance(tagged.value, list) else [tagged.value]
    default = names.pop() if len(names) > 1 else None
    for name in names:
        if isinstance(name, str) and (raw := os.environ.get(name)) is not None:
            # As MkDocs does: the variable's text is read as a YAML scalar ("true" is true).
            loader = _Loader("")
            try:
                tag = loader.resolve(yaml.ScalarNode, raw, (True, False))
                return loader.construct_object(yaml.ScalarNode(tag, raw))
            finally:
                loader.dispose()
    return default
