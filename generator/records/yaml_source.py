"""Strict YAML reading for records that come from strangers.

PyYAML composes the node tree; we build the values ourselves so that we can refuse what a
record never needs (anchors, aliases, custom tags, duplicate keys) and remember where every
value stood, for `path:line:col` messages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.reader import Reader

from generator.records.yaml_errors import cut_by_comment, explain, item_in_text

MAX_BYTES = 256 * 1024  # the largest sample record is a few KB; 256 KB is generous
MAX_DEPTH = 20

JsonPath = tuple[str | int, ...]

_STD_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
}


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with one file. Lines and columns count from 1."""

    path: str
    line: int
    col: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.field}: {self.message}"


@dataclass(frozen=True, slots=True)
class Scalar:
    """How a plain scalar was written, so a type error can say 'quote it'."""

    text: str
    plain: bool
    end: tuple[int, int] = (0, 0)  # line and column just after the value, to see what follows it


@dataclass
class Document:
    """A record's data, with the position of each value and how scalars were written."""

    path: str
    data: Any
    positions: dict[JsonPath, tuple[int, int]] = field(default_factory=dict)
    key_positions: dict[JsonPath, tuple[int, int]] = field(default_factory=dict)
    scalars: dict[JsonPath, Scalar] = field(default_factory=dict)
    built: Any = None  # the model object records.scan made from it, kept with a cached document
    own_rules: list[Problem] | None = None  # what records.scan's checks of this file alone found, likewise
    # The private-data check's problems, with the company's public contacts they were checked against.
    private_rules: tuple[tuple[str, ...], list[Problem]] | None = None

    def where(self, at: JsonPath) -> tuple[int, int]:
        """The position of the value at `at`, or of its nearest ancestor."""
        while at not in self.positions and at:
            at = at[:-1]
        return self.positions.get(at, (1, 1))

    def where_key(self, at: JsonPath) -> tuple[int, int]:
        """The position of the key that names the value at `at` (for unknown fields)."""
        return self.key_positions.get(at) or self.where(at)


class YamlProblem(Exception):
    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


# libyaml parses about ten times faster than PyYAML's pure-Python parser; the fallback keeps
# the same behaviour where libyaml is missing.
_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_NON_PRINTABLE = Reader.NON_PRINTABLE


def _check_events(text: str) -> None:
    """Refuse anchors and aliases (a record never needs them, and alias bombs use them), and
    nesting deeper than MAX_DEPTH, before any node tree is built."""
    parser = _Loader(text)
    depth = 0
    try:
        while parser.check_event():
            event = parser.get_event()
            mark: Any = event.start_mark  # libyaml's marks and PyYAML's have the same fields
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                raise yaml.MarkedYAMLError(
                    problem="anchors and aliases (&name, *name) are not allowed in records",
                    problem_mark=mark,
                )
            if isinstance(event, yaml.NodeEvent) and depth > MAX_DEPTH:
                raise yaml.MarkedYAMLError(problem=f"nested deeper than {MAX_DEPTH} levels", problem_mark=mark)
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    finally:
        parser.dispose()


def _where(node: Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def dotted(at: JsonPath) -> str:
    out = ""
    for part in at:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(file)"


class _Builder:
    def __init__(self, doc: Document, constructor: SafeConstructor) -> None:
        self.doc = doc
        self.constructor = constructor

    def fail(self, node: Node, at: JsonPath, message: str) -> YamlProblem:
        line, col = _where(node)
        return YamlProblem(Problem(self.doc.path, line, col, dotted(at), message))

    def build(self, node: Node, at: JsonPath) -> Any:
        if len(at) > MAX_DEPTH:
            raise self.fail(node, at, f"nested deeper than {MAX_DEPTH} levels")
        if node.tag not in _STD_TAGS:
            raise self.fail(node, at, f"the tag {node.tag} is not allowed in records")
        self.doc.positions[at] = _where(node)
        if isinstance(node, MappingNode):
            return self._mapping(node, at)
        if isinstance(node, SequenceNode):
            return [self.build(item, (*at, i)) for i, item in enumerate(node.value)]
        assert isinstance(node, ScalarNode)
        return self._scalar(node, at)

    def _mapping(self, node: MappingNode, at: JsonPath) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise self.fail(key_node, at, "merge keys (<<) are not allowed in records")
            if not isinstance(key_node, ScalarNode):
                raise self.fail(key_node, at, "a key must be a plain name")
            key = str(key_node.value)
            if key in out:
                line, _ = self.doc.key_positions[(*at, key)]
                raise self.fail(key_node, (*at, key), f"duplicate key (first given on line {line})")
            self.doc.key_positions[(*at, key)] = _where(key_node)
            self.doc.positions[(*at, key)] = _where(value_node)
            out[key] = self.build(value_node, (*at, key))
        return out

    def _scalar(self, node: ScalarNode, at: JsonPath) -> Any:
        plain = node.style in (None, "")  # libyaml marks plain scalars with "", PyYAML with None
        control = _NON_PRINTABLE.search(node.value)
        if control:
            # A quoted escape such as "\x00" puts a control character in the text all the same.
            code = ord(control.group())
            raise self.fail(node, at, f"the escape for character U+{code:04X} is not allowed; remove it")
        self.doc.scalars[at] = Scalar(node.value, plain, (node.end_mark.line + 1, node.end_mark.column + 1))
        # Dates stay text: the schema checks their format and the model parses them, so an
        # impossible date such as 2024-02-30 becomes a message rather than an exception.
        if node.tag in ("tag:yaml.org,2002:str", "tag:yaml.org,2002:timestamp"):
            return node.value
        try:
            return self.constructor.construct_object(node, deep=True)
        except (ValueError, yaml.YAMLError):
            shown = node.value if len(node.value) <= 40 else node.value[:40] + "..."
            # e.g. a 5,000-digit number: Python refuses it; the writer meant text or a mistake.
            message = f"YAML cannot read the unquoted {shown!r}; quote it if you mean the text"
            raise self.fail(node, at, message) from None


def _decode(raw: bytes, path: str) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        col = exc.start - (before.rfind(b"\n") + 1) + 1
        raise YamlProblem(
            Problem(path, line, col, "(file)", f"byte 0x{raw[exc.start]:02x} is not UTF-8; save the file as UTF-8")
        ) from None


_TAB_INDENT = re.compile(r"^( *)\t", re.MULTILINE)
# Where an anchor (&a) or alias (*a) could start a token. Text without one, and with too few
# brackets to nest deeply, skips the event pass: it was a third of the parse time.
_MAYBE_ANCHOR = re.compile(r"(?:^|[\s\[{,])[&*]\S")


def _needs_event_check(text: str) -> bool:
    return text.count("[") + text.count("{") > MAX_DEPTH or _MAYBE_ANCHOR.search(text) is not None


def parse_text(text: str, path: str) -> Document:
    """Parse one record's text. Raises YamlProblem with the first problem found."""
    if text.startswith("\ufeff"):
        text = text[1:]
    tab = _TAB_INDENT.search(text)
    if tab:
        line = text.count("\n", 0, tab.start()) + 1
        raise YamlProblem(
            Problem(path, line, len(tab.group(1)) + 1, "(file)", "indent with spaces, not tabs")
        )
    bad = _NON_PRINTABLE.search(text)
    if bad:
        # Control characters (NUL, BEL, ...) are not allowed anywhere in YAML.
        before = text[: bad.start()]
        line, col = before.count("\n") + 1, bad.start() - (before.rfind("\n") + 1) + 1
        message = f"character U+{ord(bad.group()):04X} is not allowed in YAML; remove it"
        raise YamlProblem(Problem(path, line, col, "(file)", message)) from None
    loader = _Loader(text)
    try:
        if _needs_event_check(text):
            _check_events(text)
        root = loader.get_single_node()
        if root is None:
            raise YamlProblem(Problem(path, 1, 1, "(file)", "the file is empty; a record is a mapping of fields"))
        doc = Document(path, None)
        doc.data = _Builder(doc, loader).build(root, ())
    except yaml.MarkedYAMLError as exc:
        told = explain(text, exc.context, _at(exc.context_mark), exc.problem, _at(exc.problem_mark))
        if told is not None:
            raise YamlProblem(Problem(path, told.line, told.col, "(file)", told.message)) from None
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        message = " ".join(part for part in (exc.context, exc.problem) if part)
        raise YamlProblem(Problem(path, line, col, "(file)", f"not valid YAML: {message}")) from None
    except yaml.YAMLError as exc:
        raise YamlProblem(Problem(path, 1, 1, "(file)", f"not valid YAML: {exc}")) from None
    finally:
        loader.dispose()
    if not isinstance(doc.data, dict):
        kind = "a list" if isinstance(doc.data, list) else "a single value"
        line, col = doc.where(())
        raise YamlProblem(Problem(path, line, col, "(file)", f"expected a mapping of fields, found {kind}"))
    _check_plain_text(doc, text)
    return doc


def _at(mark: Any) -> tuple[int, int] | None:
    return (mark.line + 1, mark.column + 1) if mark is not None else None


def _check_plain_text(doc: Document, text: str) -> None:
    """Unquoted text that YAML read otherwise than meant: cut by a `#`, or swallowing a list item."""
    if "#" not in text and "- " not in text:
        return
    lines = text.split("\n")
    for at, scalar in doc.scalars.items():
        key = next((part for part in reversed(at) if isinstance(part, str)), None)
        if not scalar.plain or key is None:
            continue
        start_line = doc.positions[at][0]
        told = cut_by_comment(lines, key, scalar.text, scalar.end) if isinstance(at[-1], str) else None
        if told is None and scalar.end[0] > start_line:
            told = item_in_text(text, key, start_line, scalar.end[0])
        if told is not None:
            raise YamlProblem(Problem(doc.path, told.line, told.col, dotted(at), told.message))


def read_document(file: Path, shown_as: str) -> Document:
    """Read and parse one record file, refusing oversized and non-UTF-8 files."""
    size = file.stat().st_size
    if size > MAX_BYTES:
        raise YamlProblem(
            Problem(shown_as, 1, 1, "(file)", f"the file has {size:,} bytes; a record may have at most {MAX_BYTES:,}")
        )
    with file.open("rb") as handle:
        raw = handle.read(MAX_BYTES + 1)
    if len(raw) > MAX_BYTES:  # the size on disk was wrong (a growing or special file)
        raise YamlProblem(Problem(shown_as, 1, 1, "(file)", f"the file has more than {MAX_BYTES:,} bytes"))
    return parse_text(_decode(raw, shown_as), shown_as)
