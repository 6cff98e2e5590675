"""`trackrecord export`: the generated Markdown tree and a mkdocs.yml that needs no plugin.

For inspection, and for builders that read mkdocs.yml but run no third-party plugins. The
same pages and files as the plugin produces, written to disk instead of handed to MkDocs.
"""

from __future__ import annotations

import posixpath
import shutil
from pathlib import Path
from typing import Any

import yaml

from generator.catalog import build_catalog
from generator.pages.page import SiteOptions, edit_base, is_count
from generator.records import load_corpus
from generator.site import pages, static_files

# Generated pages stay out of the navigation, as with the plugin: MkDocs renders the nav into
# every page, so thousands of nav entries would make the build quadratic.
NOT_IN_NAV = "\n".join(["/companies/*/", "/companies/page/", "/incidents/", "/rating/*/", "/industry/*/",
                        "/tag/*/", "/year/*/", "/from-the-web/page/"]) + "\n"


class ExportError(Exception):
    pass


def read_config(config_file: Path) -> dict[str, Any]:
    try:
        loaded = yaml.safe_load(config_file.read_text("utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ExportError(f"{config_file}: cannot read it: {exc}") from None
    if not isinstance(loaded, dict):
        raise ExportError(f"{config_file}: expected a mapping of settings")
    return loaded


def options_from(config: dict[str, Any]) -> SiteOptions:
    repo_url, edit_uri = config.get("repo_url"), config.get("edit_uri")
    plugin = _plugin_settings(config)
    return SiteOptions(
        site_url=config.get("site_url"),
        site_name=str(config.get("site_name", "trackrecord")),
        edit_base=edit_base(repo_url, edit_uri),
        docs_dir=posixpath.normpath(str(config.get("docs_dir", "docs"))),
        page_size=_count(plugin, "page_size", 50),
        feed_limit=_count(plugin, "feed_limit", 50),
    )


def _count(plugin: dict[str, Any], key: str, default: int) -> int:
    """As the plugin's config checks it: a whole number of at least 1 (0 would divide by zero)."""
    value = plugin.get(key, default)
    if not is_count(value):
        raise ExportError(f"trackrecord option {key}: expected a whole number of at least 1, but received: {value!r}")
    return value


def _plugin_settings(config: dict[str, Any]) -> dict[str, Any]:
    for entry in config.get("plugins", []) or []:
        if isinstance(entry, dict) and "trackrecord" in entry:
            return dict(entry["trackrecord"] or {})
    return {}


def _plugin_name(entry: object) -> str | None:
    if isinstance(entry, str):
        return entry
    return next(iter(entry), None) if isinstance(entry, dict) else None


def _plain_config(config: dict[str, Any], root: Path) -> dict[str, Any]:
    out = dict(config)
    out["plugins"] = [p for p in config.get("plugins", []) or [] if p != "trackrecord"
                      and not (isinstance(p, dict) and "trackrecord" in p)]
    if not any(_plugin_name(p) in ("search", "material/search") for p in out["plugins"]):
        # Zensical turns its own search on unless told not to: one index file that grows with every
        # record, beside Pagefind's (`trackrecord index`). Material's plugin reads the same switch.
        out["plugins"].append({"search": {"enabled": False}})
    out["docs_dir"] = "docs"
    out["not_in_nav"] = NOT_IN_NAV
    theme = dict(out.get("theme") or {})
    if "custom_dir" in theme:
        theme["custom_dir"] = "theme"
    out["theme"] = theme
    return out


def export(config_file: Path, out: Path) -> int:
    """Write the export to `out` (which must be empty or absent). Returns the number of pages."""
    config = read_config(config_file)
    root = config_file.resolve().parent
    if out.exists() and any(out.iterdir()):
        raise ExportError(f"{out}: not empty; export writes into a new or empty folder")
    reviews = root / str(_plugin_settings(config).get("reviews", "reviews"))
    try:
        options = options_from(config)
    except ExportError as exc:
        raise ExportError(f"{config_file}: {exc}") from None
    catalog = build_catalog(load_corpus(reviews))
    docs_src = root / options.docs_dir
    docs = out / "docs"
    shutil.copytree(docs_src, docs) if docs_src.is_dir() else docs.mkdir(parents=True)
    theme_dir = (config.get("theme") or {}).get("custom_dir")
    if theme_dir and (root / theme_dir).is_dir():
        shutil.copytree(root / theme_dir, out / "theme")
    count = 0
    for page in pages(catalog, options):
        target = docs / page.src_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page.markdown(), "utf-8")
        count += 1
    for path, content in static_files(catalog, options).items():
        target = docs / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
    (out / "mkdocs.yml").write_text(
        "# Exported by `trackrecord export`: plain MkDocs, no trackrecord plugin.\n"
        + yaml.safe_dump(_plain_config(config, root), sort_keys=False, allow_unicode=True),
        "utf-8",
    )
    return count
