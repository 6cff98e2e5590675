"""When each record last changed, read from git at build time: one `git log` for every record.

Without git, outside a repository or on any git error, the answer is empty and pages leave the
line out. The log is read newest first and stopped as soon as every record has been seen, so a
long history costs no more than the commits back to the oldest record's last change.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import threading
from collections.abc import Iterable, Mapping
from pathlib import Path

from generator.model import LastChange

MARK = "\x1etrackrecord "
TIMEOUT_SECONDS = 20.0


def last_changes(project: Path, paths: Iterable[str]) -> Mapping[str, LastChange]:
    """By record path (relative to `project`, as the records give it): its last commit and day."""
    wanted = set(paths)
    git = shutil.which("git")
    if not wanted or git is None or not project.is_dir():
        return {}
    env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "GIT_OPTIONAL_LOCKS": "0", "LC_ALL": "C"}
    command = [git, "-C", str(project), "log", "--relative", "--name-only", "--no-renames",
               f"--format={MARK}%H %cs", "--", "."]
    found: dict[str, LastChange] = {}
    try:
        with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL,
                              text=True, encoding="utf-8", errors="replace", env=env) as process:
            assert process.stdout is not None
            watchdog = threading.Timer(TIMEOUT_SECONDS, process.kill)  # a stuck git never stops the build
            watchdog.start()
            try:
                _read(process.stdout, wanted, found)
            finally:
                watchdog.cancel()
                if process.poll() is None:
                    process.kill()
            if process.wait() not in (0, -9) and not found:
                return {}
    except (OSError, subprocess.SubprocessError, ValueError):
        return {}
    return found


def _read(lines: Iterable[str], wanted: set[str], found: dict[str, LastChange]) -> None:
    current: LastChange | None = None
    for line in lines:
        line = line.rstrip("\n")
        if line.startswith(MARK):
            commit, _, day = line[len(MARK):].partition(" ")
            try:
                current = LastChange(dt.date.fromisoformat(day), commit)
            except ValueError:
                current = None
        elif line and current is not None and line in wanted and line not in found:
            found[line] = current
            if len(found) == len(wanted):
                return
