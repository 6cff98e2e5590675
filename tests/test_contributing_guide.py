"""docs/contributing.md agrees with the schemas: its field tables are exactly what generator.cli.guide makes
from them, and its example record is valid. When a schema changes, run `python -m generator.cli.guide`."""

from __future__ import annotations

import copy
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from generator.cli import guide
from generator.records.reader import load_corpus
from generator.records.schema import schema

REPO = Path(__file__).resolve().parents[1]
PAGE = REPO / "docs" / "contributing.md"


def _meant(node: dict[str, Any], spec: dict[str, Any]) -> dict[str, Any]:
    ref = node.get("$ref", "")
    return spec["$defs"][ref.rsplit("/", 1)[-1]] if ref.startswith("#/$defs/") else node


def field_names(node: dict[str, Any], prefix: str = "", spec: dict[str, Any] | None = None) -> list[str]:
    """Every field and sub-field name, spelled as in the tables."""
    spec = spec or node
    names = []
    for key, child in node.get("properties", {}).items():
        names.append(prefix + key)
        child = _meant(child, spec)
        items = _meant(child.get("items", {}), spec)
        for sub, sep in ((child, "."), *((b, ".") for b in child.get("oneOf", ())), (items, "[]."),
                         *((b, "[].") for b in items.get("oneOf", ()))):
            if sub.get("type") == "object":
                names += field_names(sub, f"{prefix}{key}{sep}", spec)
    return names


def test_the_page_tables_are_what_the_schemas_generate() -> None:
    text = PAGE.read_text("utf-8")
    assert guide.render_page(text) == text, "docs/contributing.md is out of date: run python -m generator.cli.guide"


@pytest.mark.parametrize("kind", ["company", "incident"])
def test_every_field_has_a_row_with_its_description(kind: str) -> None:
    block = re.search(rf"<!-- fields:{kind}:start -->\n(.*?)<!-- fields:{kind}:end -->", PAGE.read_text("utf-8"), re.S)
    assert block, f"no {kind} block"
    rows = {line.split(" | ")[0].strip("| `"): line for line in block.group(1).splitlines()[2:]}
    spec = schema(kind)
    # A field in two mapping forms of one value (a citation, a bare {url}) has one row.
    assert list(rows) == list(dict.fromkeys(field_names(spec)))
    for name in spec["properties"]:
        assert spec["properties"][name]["description"] in rows[name]
        assert rows[name].split(" | ")[1] == ("yes" if name in spec["required"] else "no")


def test_a_changed_description_makes_the_check_fail(monkeypatch: pytest.MonkeyPatch) -> None:
    changed = copy.deepcopy(schema("incident"))
    changed["properties"]["title"]["description"] = "A new meaning."
    monkeypatch.setattr(guide, "schema", lambda kind: changed if kind == "incident" else schema(kind))
    text = PAGE.read_text("utf-8")
    fresh = guide.render_page(text)
    assert fresh != text
    assert "| `title` | yes | A new meaning. |" in fresh


def test_the_command_checks_and_rewrites(tmp_path: Path) -> None:
    page = tmp_path / "contributing.md"
    shutil.copyfile(PAGE, page)
    runner = CliRunner()
    assert runner.invoke(guide.main, ["--check", str(page)]).exit_code == 0
    page.write_text(page.read_text("utf-8").replace("| `title` | yes |", "| `title` | no |"), "utf-8")
    stale = runner.invoke(guide.main, ["--check", str(page)])
    assert stale.exit_code == 1 and "differ from the schemas" in stale.stderr
    assert runner.invoke(guide.main, [str(page)]).exit_code == 0
    assert page.read_text("utf-8") == PAGE.read_text("utf-8")
    page.write_text("no blocks here\n", "utf-8")
    assert runner.invoke(guide.main, ["--check", str(page)]).exit_code == 1


def test_the_example_record_in_the_guide_is_valid(tmp_path: Path) -> None:
    example = re.search(r"```yaml\n(.*?)```", PAGE.read_text("utf-8"), re.S)
    assert example
    text = example.group(1)
    company = re.search(r"^company: (\S+)$", text, re.M)
    day = re.search(r"^date: (\S+)$", text, re.M)
    assert company and day
    reviews = tmp_path / "reviews"
    (reviews / "companies").mkdir(parents=True)
    (reviews / "companies" / f"{company.group(1)}.yml").write_text("name: Example\n", "utf-8")
    record = reviews / "incidents" / company.group(1) / f"{day.group(1)}-example.yml"
    record.parent.mkdir(parents=True)
    record.write_text(text, "utf-8")
    corpus = load_corpus(reviews)
    assert corpus.incidents[0].rating == "good"  # the timeline update changed it


def test_the_size_limit_the_guide_states_is_the_readers() -> None:
    from generator.records.yaml_source import MAX_BYTES

    assert f"a record may be at most {MAX_BYTES // 1024} KB" in " ".join(PAGE.read_text("utf-8").split())


def test_the_common_mistakes_are_what_the_checks_say_now(monkeypatch: pytest.MonkeyPatch) -> None:
    from generator.cli import mistakes
    from generator.records import yaml_errors

    text = PAGE.read_text("utf-8")
    block = re.search(r"<!-- mistakes:start -->\n(.*?)<!-- mistakes:end -->", text, re.S)
    assert block is not None
    assert block.group(1) == mistakes.section()
    assert len(re.findall(r"^> \d+:\d+: ", block.group(1), re.M)) == len(mistakes.MISTAKES)
    assert "put the title in quotes" in block.group(1) and "did you mean `response`?" in block.group(1)
    # A reworded message makes the page out of date, so the guide cannot drift from validate.
    monkeypatch.setattr(yaml_errors, "quote_it", lambda key, value: f"quote the {key}")
    assert guide.render_page(text) != text
