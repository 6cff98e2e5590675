"""MkDocs finds the same theme files to copy with the loader that skips hidden folders (render/theme_listing.py)."""

from __future__ import annotations

from pathlib import Path

import jinja2
from mkdocs.config import load_config
from mkdocs.structure.files import Files

from generator.plugin import _add_theme
from generator.render.theme_listing import VisibleFilesLoader

REPO = Path(__file__).resolve().parent.parent


def _theme_files(config, env: jinja2.Environment) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    files = Files([])
    files.add_files_from_theme(env, config)
    return sorted((f.src_uri, f.abs_src_path or "") for f in files)


def _written(root: Path, names: list[str]) -> Path:
    for name in names:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text("x", "utf-8")
    return root


def test_the_demo_sites_theme_gives_mkdocs_the_same_files_and_skips_the_icons() -> None:
    config = load_config(str(REPO / "mkdocs.yml"))
    _add_theme(config)
    stock = jinja2.Environment(loader=jinja2.FileSystemLoader(config.theme.dirs))
    ours = config.theme.get_env()
    assert isinstance(ours.loader, VisibleFilesLoader)
    assert _theme_files(config, ours) == _theme_files(config, stock)
    assert len(_theme_files(config, ours)) > 20  # Material's assets are there
    assert not any(name.startswith(".icons/") for name in ours.list_templates())
    assert any(name.startswith(".icons/") for name in stock.list_templates())  # what it no longer walks


def test_hidden_files_and_folders_at_any_depth_are_left_out_and_nothing_else(tmp_path: Path) -> None:
    first = _written(tmp_path / "a", ["assets/app.css", "assets/.draft.css", ".icons/x.svg", "partials/.old/y.css",
                                      "main.html", "img/.keep", "img/logo.png"])
    second = _written(tmp_path / "b", ["assets/app.css", "assets/extra.js", ".cache/z.js"])
    listed = VisibleFilesLoader([str(first), str(second)]).list_templates()
    assert listed == ["assets/app.css", "assets/extra.js", "img/logo.png", "main.html"]
    everything = jinja2.FileSystemLoader([str(first), str(second)]).list_templates()
    assert listed == [name for name in everything if not any(part.startswith(".") for part in name.split("/"))]
