"""The settings `trackrecord export` reads from mkdocs.yml, all checked before anything is written.

Each problem is one sentence naming the file and the setting, what was expected and what came,
as MkDocs words its own settings errors: the export used to find a missing site_url only when it
reached the feeds, after writing most pages.
"""

from __future__ import annotations

import os
import posixpath
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import yaml

from generator.build import mkdocs_yaml
from generator.build.shipped import theme_problem
from generator.render.feeds.site import site_url_problem
from generator.render.pages.page import SiteOptions, edit_base, is_count


class ExportError(Exception):
    pass


@dataclass(frozen=True, slots=True)
class ExportSettings:
    config_file: Path
    config: Mapping[str, Any]  # mkdocs.yml as read, for the plugin-free copy
    options: SiteOptions
    reviews: Path
    docs: Path | None  # the docs folder, when there is one
    theme: Path | None  # theme.custom_dir, when set
    directory_urls: bool


def read_config(config_file: Path) -> dict[str, Any]:
    """mkdocs.yml as written, its tags kept (build/mkdocs_yaml.py)."""
    try:
        loaded = mkdocs_yaml.load(config_file.read_text("utf-8"))
    except (OSError, UnicodeError, yaml.YAMLError) as exc:
        raise ExportError(f"{config_file}: cannot read it: {exc}") from None
    if not isinstance(loaded, dict):
        raise ExportError(f"{config_file}: expected a mapping of settings, but received: {type(loaded).__name__}")
    return loaded


def plugin_entries(config: Mapping[str, Any]) -> list[tuple[str, object]]:
    """`plugins:` as (name, options), from either of the forms MkDocs accepts: a list of names and
    one-key mappings, or one mapping of names to options."""
    value = config.get("plugins") or []
    if isinstance(value, dict):
        return list(value.items())
    if not isinstance(value, list):
        raise ExportError(f"plugins: expected a list of plugins, but received: {value!r}")
    entries: list[tuple[str, object]] = []
    for entry in value:
        if isinstance(entry, str):
            entries.append((entry, None))
        elif isinstance(entry, dict) and len(entry) == 1:
            entries.extend(entry.items())
        else:
            raise ExportError(f"plugins: expected a plugin name or a name with its options, but received: {entry!r}")
    return entries


def _plugin_settings(config: Mapping[str, Any]) -> dict[str, Any]:
    for name, options in plugin_entries(config):
        if name == "trackrecord":
            if options is not None and not isinstance(options, dict):
                raise ExportError(f"trackrecord options: expected a mapping such as `reviews: reviews`, "
                                  f"but received: {options!r}")
            return dict(options or {})
    return {}


def _count(plugin: Mapping[str, Any], key: str, default: int) -> int:
    """As the plugin's config checks it: a whole number of at least 1 (0 would divide by zero)."""
    value = plugin.get(key, default)
    if not is_count(value):
        raise ExportError(f"trackrecord option {key}: expected a whole number of at least 1, but received: {value!r}")
    return value


def _text(config: Mapping[str, Any], key: str, default: str | None = None) -> str | None:
    value = config.get(key, default)
    if value is not None and not isinstance(value, str):
        raise ExportError(f"{key}: expected text, but received: {value!r}")
    return value


def _folder(root: Path, value: str, setting: str, what: str) -> Path:
    """An existing folder the export reads; a readable one, so that copying it cannot fail halfway."""
    path = root / value
    if not path.is_dir():
        came = "is a file" if path.exists() else "does not exist"
        raise ExportError(f"{setting}: expected {what}, but {path} {came}")
    try:
        with os.scandir(path):
            pass
    except OSError as exc:
        raise ExportError(f"{setting}: expected {what} that can be read, but reading {path} failed: "
                          f"{exc.strerror or exc}") from None
    return path


def _theme(root: Path, setting: object) -> Path | None:
    """theme.custom_dir, the one part of the theme the export copies. `theme: material` is allowed."""
    if (problem := theme_problem(setting.get("name") if isinstance(setting, dict) else setting)) is not None:
        raise ExportError(problem)
    if isinstance(setting, dict):
        custom = setting.get("custom_dir")
        if custom is None:
            return None
        if not isinstance(custom, str):
            raise ExportError(f"theme.custom_dir: expected a folder's name, but received: {custom!r}")
        return _folder(root, custom, "theme.custom_dir", "a folder of theme overrides")
    if setting is not None and not isinstance(setting, str):
        raise ExportError(f"theme: expected a theme name or a mapping of theme settings, but received: {setting!r}")
    return None


def _settings(config_file: Path, config: Mapping[str, Any]) -> ExportSettings:
    root = config_file.resolve().parent
    plugin = _plugin_settings(config)
    reviews = plugin.get("reviews", "reviews")
    if not isinstance(reviews, str):
        raise ExportError(f"trackrecord option reviews: expected the records folder's name, but received: {reviews!r}")
    reviews_dir = _folder(root, reviews, "trackrecord option reviews", "the folder of records")
    page_size, feed_limit = _count(plugin, "page_size", 50), _count(plugin, "feed_limit", 50)
    if (problem := site_url_problem(config.get("site_url"))) is not None:
        raise ExportError(f"site_url: {problem}")
    docs_dir = posixpath.normpath(_text(config, "docs_dir", "docs") or "docs")
    docs = _folder(root, docs_dir, "docs_dir", "a folder of pages") if (root / docs_dir).exists() else None
    theme = _theme(root, config.get("theme"))
    directory_urls = config.get("use_directory_urls", True)
    if not isinstance(directory_urls, bool):
        raise ExportError(f"use_directory_urls: expected true or false, but received: {directory_urls!r}")
    options = SiteOptions(
        site_url=config["site_url"],
        site_name=_text(config, "site_name", "trackrecord") or "trackrecord",
        edit_base=edit_base(_text(config, "repo_url"), _text(config, "edit_uri")),
        docs_dir=docs_dir,
        page_size=page_size,
        feed_limit=feed_limit,
    )
    return ExportSettings(config_file, config, options, reviews_dir, docs, theme, directory_urls)


def load_settings(config_file: Path) -> ExportSettings:
    """Every setting the export uses, checked; ExportError names the file and the setting."""
    config = read_config(config_file)
    try:
        # Checked as MkDocs will see them (`!ENV` resolved); the copy keeps the tags.
        return replace(_settings(config_file, mkdocs_yaml.resolved_settings(config)), config=config)
    except ExportError as exc:
        raise ExportError(f"{config_file}: {exc}") from None
