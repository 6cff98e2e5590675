"""The build step that puts the site files kept at the repository's top level into the package.

theme/, docs/ and the incident form stay where they are (the layout is fixed); a wheel carries
copies in generator/_shipped/, where generator/build/shipped.py finds them. An editable install copies
nothing: a checkout reads the top-level folders in place. Everything else is in pyproject.toml.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent
# Source (relative to this folder) -> target under generator/_shipped/.
SHIPPED = {
    "theme": "theme",
    "docs": "docs",
    ".github/ISSUE_TEMPLATE/incident.yml": "ISSUE_TEMPLATE/incident.yml",
    ".github/ISSUE_TEMPLATE/reply.yml": "ISSUE_TEMPLATE/reply.yml",
}


class BuildWithSiteFiles(build_py):
    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return
        target = Path(self.build_lib) / "generator" / "_shipped"
        shutil.rmtree(target, ignore_errors=True)
        for source, dest in SHIPPED.items():
            origin, copy = HERE / source, target / dest
            if not origin.exists():
                raise SystemExit(f"setup.py: {source} is missing; the package would lack files every site needs")
            copy.parent.mkdir(parents=True, exist_ok=True)
            if origin.is_dir():
                shutil.copytree(origin, copy, ignore=shutil.ignore_patterns("__pycache__", "*.pyc", ".*"))
            else:
                shutil.copy2(origin, copy)


setup(cmdclass={"build_py": BuildWithSiteFiles})
