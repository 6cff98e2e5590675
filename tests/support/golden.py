"""Golden trees: a checked-in copy of what a command writes, compared file by file.

`pytest --update-golden` (tests/conftest.py) rewrites the golden tree from the output instead of
comparing; review the change with `git diff tests/fixtures/golden/` before committing it.
"""

from __future__ import annotations

import difflib
import shutil
from collections.abc import Callable
from pathlib import Path

from support import REPO

REFRESH = ".venv/bin/python -m pytest {test} --update-golden"
MAX_DIFF_LINES = 40
MAX_LINE = 200  # generated HTML keeps a page on few long lines


def tree_files(root: Path, keep: Callable[[str], bool] = lambda rel: True) -> dict[str, bytes]:
    """Every file under `root` that `keep` accepts, by its path relative to `root`."""
    return {rel: p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
            if keep(rel := p.relative_to(root).as_posix())}


def _diff(rel: str, golden: bytes, made: bytes) -> list[str]:
    try:
        old, new = golden.decode("utf-8").splitlines(), made.decode("utf-8").splitlines()
    except UnicodeDecodeError:
        return [f"{rel}: binary files differ"]
    diff = difflib.unified_diff(old, new, f"golden/{rel}", f"made/{rel}", lineterm="", n=1)
    return [line if len(line) <= MAX_LINE else line[:MAX_LINE] + " …" for line in diff]


def assert_golden(made: dict[str, bytes], golden: Path, *, update: bool, test: str) -> None:
    """`made` (by relative path) equals the tree at `golden`; with `update`, `golden` becomes `made`."""
    if update:
        shutil.rmtree(golden, ignore_errors=True)
        for rel, data in made.items():
            (golden / rel).parent.mkdir(parents=True, exist_ok=True)
            (golden / rel).write_bytes(data)
        return
    kept = tree_files(golden) if golden.is_dir() else {}
    missing = sorted(set(kept) - set(made))
    extra = sorted(set(made) - set(kept))
    changed = sorted(rel for rel in set(kept) & set(made) if kept[rel] != made[rel])
    if not (missing or extra or changed):
        return
    where = golden.relative_to(REPO) if golden.is_relative_to(REPO) else golden
    lines = [f"the output differs from the golden tree {where}:" if kept else f"no golden tree at {where} yet:"]
    lines += [f"  changed: {rel}" for rel in changed]
    lines += [f"  not written any more: {rel}" for rel in missing]
    lines += [f"  new: {rel}" for rel in extra]
    if changed:
        diff = _diff(changed[0], kept[changed[0]], made[changed[0]])
        lines += ["", *diff[:MAX_DIFF_LINES], *(["  ..."] if len(diff) > MAX_DIFF_LINES else [])]
    lines += ["", "If the change is meant, refresh the golden tree and review it before committing:",
              f"  {REFRESH.format(test=test)}", f"  git diff --stat {where}"]
    raise AssertionError("\n".join(lines))
