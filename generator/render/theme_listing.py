"""A theme's template loader that lists no hidden files, for MkDocs to find the theme's static files in.

MkDocs lists every file of the theme on each build to copy its static files, then drops each whose
path has a part starting with "." (its filter's ".*" and "*/.*"). Material keeps 14,000 icons under
templates/.icons/: walking and filtering them took a quarter of a `mkdocs serve` rebuild after an
edit. Leaving hidden folders out of the walk gives MkDocs the same files. Loading is unchanged.
"""

from __future__ import annotations

import os
from typing import Any

from jinja2 import Environment, FileSystemLoader


class VisibleFilesLoader(FileSystemLoader):
    def list_templates(self) -> list[str]:
        found: set[str] = set()
        for searchpath in self.searchpath:
            for folder, subfolders, files in os.walk(searchpath, followlinks=self.followlinks):
                subfolders[:] = [name for name in subfolders if not name.startswith(".")]
                for name in files:
                    if not name.startswith("."):
                        found.add(os.path.relpath(os.path.join(folder, name), searchpath).replace(os.sep, "/"))
        return sorted(found)


def list_visible_files(theme: Any) -> None:
    """Make an MkDocs theme's get_env() give its environment this loader (MkDocs' own is a plain
    FileSystemLoader over the theme's folders; any other is left as it is)."""
    make_env = theme.get_env

    def get_env() -> Environment:
        env = make_env()
        if type(env.loader) is FileSystemLoader:
            env.loader = VisibleFilesLoader(env.loader.searchpath, env.loader.encoding, env.loader.followlinks)
        return env

    theme.get_env = get_env
