"""How many processes a one-off build runs side by side. No MkDocs here."""

from __future__ import annotations

import os
import sys

MAX_PROCESSES = 2  # the build's stages split in two; more would only wait for the cores


def processes() -> int:
    """One per core this process may use, at most MAX_PROCESSES; 1 where fork is not the safe default."""
    if not sys.platform.startswith("linux"):
        return 1
    return max(1, min(MAX_PROCESSES, len(os.sched_getaffinity(0))))
