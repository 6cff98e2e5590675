"""mkdocs.yml with the tags MkDocs sites use: read by the export, written back unchanged."""

from __future__ import annotations

import pytest

from generator.build import mkdocs_yaml

TEXT = """site_url: !ENV [TR_TEST_SITE, "https://fallback.example.org/"]
site_name: !ENV TR_TEST_NAME
markdown_extensions:
  - pymdownx.emoji:
      emoji_index: !!python/name:material.extensions.emoji.twemoji
  - toc:
      permalink: !ENV [TR_TEST_PERMALINK, true]
"""


def test_tags_are_kept_and_written_back_as_they_came(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TR_TEST_SITE", "https://env.example.org/")
    config = mkdocs_yaml.load(TEXT)
    assert isinstance(config, dict)
    mkdocs_yaml.resolved_settings(config)  # resolving must not change what is written back
    written = mkdocs_yaml.dump(config)
    assert "!!python/name:material.extensions.emoji.twemoji" in written
    assert "https://env.example.org/" not in written and "https://fallback.example.org/" in written
    assert mkdocs_yaml.load(written) == config


def test_env_resolves_as_mkdocs_does(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TR_TEST_SITE", raising=False)
    monkeypatch.delenv("TR_TEST_NAME", raising=False)
    monkeypatch.setenv("TR_TEST_PERMALINK", "false")
    config = mkdocs_yaml.load(TEXT)
    assert isinstance(config, dict)
    settings = mkdocs_yaml.resolved_settings(config)
    assert settings["site_url"] == "https://fallback.example.org/"  # unset: the default, the list's last item
    assert settings["site_name"] is None  # unset and no default
    assert settings["markdown_extensions"][1] == {"toc": {"permalink": False}}  # the text read as YAML
    emoji = settings["markdown_extensions"][0]["pymdownx.emoji"]["emoji_index"]
    assert isinstance(emoji, mkdocs_yaml.Tagged) and emoji.tag.endswith("python/name:material.extensions.emoji.twemoji")
    monkeypatch.setenv("TR_TEST_SITE", "https://env.example.org/")
    assert mkdocs_yaml.resolved_settings(config)["site_url"] == "https://env.example.org/"
