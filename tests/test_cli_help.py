"""Every `trackrecord` command is in the README's command list and has examples in its --help."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main

README = Path(__file__).resolve().parents[1] / "README.md"


def _readme_commands() -> set[str]:
    section = README.read_text(encoding="utf-8").split("## The writer's command line", 1)[1].split("\n## ", 1)[0]
    return set(re.findall(r"^\.venv/bin/trackrecord (\S+)", section, flags=re.MULTILINE))


def test_the_readme_lists_every_command() -> None:
    assert _readme_commands() == set(main.commands)


@pytest.mark.parametrize("name", sorted(main.commands))
def test_help_has_examples(name: str) -> None:
    result = CliRunner().invoke(main, [name, "--help"])
    assert result.exit_code == 0, result.output
    assert "Examples:" in result.output and f"trackrecord {name}" in result.output.split("Examples:", 1)[1]
