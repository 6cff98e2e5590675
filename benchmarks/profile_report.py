"""Turn a pyinstrument session of a build into the two text reports the closing note quotes.

    .venv/bin/python benchmarks/profile_report.py benchmarks/out/profile-build.pyisession

- out/profile-build.txt: the call tree, with MkDocs' own stages shown (Markdown, templates, plugin events)
  and other library internals folded; branches under 1% left out.
- out/profile-build-top.txt: the functions with the most time of their own, libraries included.
"""

from __future__ import annotations

import argparse
import pstats
import re
import subprocess
import sys
import tempfile
from pathlib import Path

VENV_BIN = Path(sys.executable).parent
OUT = Path(__file__).resolve().parent / "out"
_PREFIX = re.compile(r"^.*?/(site-packages|python3\.\d+|candidate-src|baseline-src|project)/")


def _short(path: str) -> str:
    return _PREFIX.sub("", path)


def top_functions(session: Path, count: int = 40) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        stats_file = Path(tmp) / "build.pstats"
        subprocess.run([str(VENV_BIN / "pyinstrument"), "--load", str(session), "-r", "pstats", "-o", str(stats_file)],
                       check=True, capture_output=True)
        stats = pstats.Stats(str(stats_file))
    table: dict[tuple[str, int, str], tuple[int, int, float, float, object]] = stats.stats  # type: ignore[attr-defined]
    total = max(cum for _, _, _, cum, _ in table.values())
    rows = sorted(((tt, ct, key) for key, (_, _, tt, ct, _) in table.items()), reverse=True)[:count]
    lines = [f"{'own s':>8} {'own %':>6} {'total s':>8}  function", "-" * 80]
    for own, cum, (file, line, func) in rows:
        lines.append(f"{own:8.1f} {100 * own / total:5.1f}% {cum:8.1f}  {func}  {_short(file)}:{line}")
    return "\n".join(lines) + "\n"


def tree(session: Path) -> str:
    cmd = [str(VENV_BIN / "pyinstrument"), "--load", str(session), "-r", "text", "--no-color", "--unicode",
           "--show", "*/mkdocs/*", "-p", "processor_options.filter_threshold=0.01"]
    return subprocess.run(cmd, capture_output=True, text=True, check=True).stdout


def write_reports(session: Path, header: str, out: Path = OUT) -> list[Path]:
    written = []
    for name, text in (("profile-build.txt", tree(session)), ("profile-build-top.txt", top_functions(session))):
        target = out / name
        target.write_text(header + text, "utf-8")
        written.append(target)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("session", type=Path, help="a .pyisession file written by pyinstrument -r pyisession")
    parser.add_argument("--title", default="# Full build (pyinstrument)\n", help="first line(s) of each report")
    args = parser.parse_args()
    for path in write_reports(args.session, args.title.rstrip("\n") + "\n"):
        print(path)


if __name__ == "__main__":
    main()
