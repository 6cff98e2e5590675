"""Checkers no one here wrote, from the npm registry: axe-core (WCAG rules, run inside Chromium) and the Nu
HTML Checker (vnu-jar, run on Java). Pinned in tests/browser-tools/package-lock.json; tests/run.sh installs
them. A missing or stale install fails the test, naming the command, so a run can never pass without them."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from support import REPO

TOOLS = REPO / "tests" / "browser-tools"
INSTALL = "npm ci --prefix tests/browser-tools --ignore-scripts"
AXE = TOOLS / "node_modules" / "axe-core" / "axe.min.js"
VNU = TOOLS / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def _pinned(package: str) -> str:
    lock = json.loads((TOOLS / "package-lock.json").read_text(encoding="utf-8"))
    return str(lock["packages"][f"node_modules/{package}"]["version"])


def _require(package: str, file: Path) -> Path:
    wanted = _pinned(package)
    manifest = TOOLS / "node_modules" / package / "package.json"
    if not (file.is_file() and manifest.is_file()):
        pytest.fail(f"{package} {wanted} is not installed: run `{INSTALL}` (tests/run.sh does it)", pytrace=False)
    found = json.loads(manifest.read_text(encoding="utf-8")).get("version")
    if found != wanted:
        pytest.fail(f"{package} {found} is installed but {wanted} is pinned: run `{INSTALL}`", pytrace=False)
    return file


def axe_script() -> str:
    """axe.min.js, to run in the page."""
    return _require("axe-core", AXE).read_text(encoding="utf-8")


def vnu_command() -> list[str]:
    """`java -jar vnu.jar`; fails the test when Java is missing too."""
    jar = _require("vnu-jar", VNU)
    java = shutil.which("java")
    if java is None:
        pytest.fail("the Nu HTML checker needs Java: install default-jre-headless (tests/run.sh does it)",
                    pytrace=False)
    return [java, "-jar", str(jar)]
