"""The scale benchmark of issues 7 and 20: one table of build, floor, memory, growth, edit-to-visible, search.

    .venv/bin/python benchmarks/scale.py                        # 5000 and 10000 incidents, working tree
    .venv/bin/python benchmarks/scale.py --baseline HEAD~3      # the same, side by side with a git ref
    .venv/bin/python benchmarks/scale.py --sizes 1000 --no-serve
    .venv/bin/python benchmarks/scale.py --sizes 50000 --serve none --sum-memory
    .venv/bin/python benchmarks/scale.py --only-profile         # pyinstrument over the largest build

The floor is the stock one of issue 20: MkDocs + Material with no custom_dir and no plugins, building
the docs/ that `trackrecord export` writes for the same corpus (see write_floor_config).
Floor and build run alternately in one process, so a busy machine slows both: read the ratios.
The table goes to stdout and to benchmarks/out/scale.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from first_search import first_search_bytes
from measure import VENV_BIN, EditResult, Run, build, edit_to_visible, mkdocs_env, site_dir, timed
from profile_report import write_reports
from report import render, revision
from synth import write_project

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "benchmarks" / "out"


@dataclass
class Side:
    """The code under test: the working tree ("candidate") or a git ref ("baseline")."""

    name: str
    source: Path  # where mkdocs.yml, docs/ and theme/ come from
    pythonpath: Path | None = None

    @property
    def env(self) -> dict[str, str]:
        return mkdocs_env(self.pythonpath)


@dataclass
class Result:
    side: str
    size: int
    counts: dict[str, int] = field(default_factory=dict)
    builds: list[Run] = field(default_factory=list)
    floors: list[Run] = field(default_factory=list)
    edits: dict[str, EditResult] = field(default_factory=dict)
    first_search: float | None = None  # bytes


def candidate_side(work: Path) -> Side:
    """A copy of the working tree taken now: others may edit it while a long run goes on."""
    src = work / "candidate-src"
    skip = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in ("generator", "docs", "theme", ".github"):
        if (REPO / name).is_dir():
            shutil.copytree(REPO / name, src / name, ignore=skip)
    # setup.py marks a checkout: there generator/build/shipped.py finds theme/ and docs/ beside the package.
    for name in ("mkdocs.yml", "setup.py"):
        shutil.copy2(REPO / name, src / name)
    return Side("candidate (working tree)", src, src)


def baseline_side(ref: str, work: Path) -> Side:
    src = work / "baseline-src"
    src.mkdir(parents=True)
    archive = subprocess.run(["git", "-C", str(REPO), "archive", ref], capture_output=True, check=True)
    subprocess.run(["tar", "-x", "-C", str(src)], input=archive.stdout, check=True)
    commit = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short", ref], capture_output=True, text=True)
    return Side(f"baseline {ref} ({commit.stdout.strip()})", src, src)


def prepare(side: Side, size: int, seed: int, work: Path) -> tuple[Path, Path, dict[str, int]]:
    """The synthetic project and its plain-MkDocs export, for one side and size."""
    slug = side.name.split()[0]  # "candidate" or "baseline"
    project = work / f"{slug}-{size}" / "project"
    counts = write_project(project, size, seed, project_from=side.source)
    export = project.parent / "export"
    done = subprocess.run([str(VENV_BIN / "trackrecord"), "export", str(export), "--config", "mkdocs.yml"],
                          cwd=project, env=side.env, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"{side.name}: trackrecord export failed:\n{done.stderr[-2000:]}")
    write_floor_config(export)
    return project, export, counts


FLOOR_CONFIG = "mkdocs-floor.yml"


def write_floor_config(export: Path) -> Path:
    """The stock floor of issue 20, beside the export's docs/: Material with no custom_dir, no plugins
    (not even search), one nav entry, and link and nav validation off. The export's own mkdocs.yml is
    not used: its custom_dir and nav would fold this project's theme into the baseline."""
    exported = yaml.safe_load((export / "mkdocs.yml").read_text("utf-8")) or {}
    config = {
        "site_name": exported.get("site_name", "floor"),
        "site_url": exported.get("site_url"),
        "docs_dir": "docs",
        "theme": {"name": "material", "font": False},
        "plugins": [],
        "nav": ["index.md"],
        "validation": {
            "nav": {"omitted_files": "ignore", "not_found": "ignore", "absolute_links": "ignore"},
            "links": {"not_found": "ignore", "absolute_links": "ignore", "unrecognized_links": "ignore",
                      "anchors": "ignore"},
        },
    }
    path = export / FLOOR_CONFIG
    path.write_text(yaml.safe_dump(config, sort_keys=False), "utf-8")
    return path


def pick_record(project: Path) -> tuple[Path, str]:
    """A record in the middle of the sorted list, and its page's URL (generator/render/urls.py layout)."""
    records = sorted((project / "reviews" / "incidents").rglob("*.yml"))
    record = records[len(records) // 2]
    return record, f"incidents/{record.parent.name}/{record.stem}/"


def run(args: argparse.Namespace) -> list[Result]:
    work = Path(args.work) if args.work else Path(tempfile.mkdtemp(prefix="trackrecord-scale-"))
    sides = [candidate_side(work)]
    if args.baseline:
        sides.insert(0, baseline_side(args.baseline, work))
    results: list[Result] = []
    serve_sizes = {max(args.sizes)} if args.serve == "largest" else set(args.sizes) if args.serve == "all" else set()
    try:
        for size in args.sizes:
            prepared = {}
            for side in sides:
                log(f"{size}: writing the {side.name} project and its export")
                prepared[side.name] = prepare(side, size, args.seed, work)
            batch = {side.name: Result(side.name, size, prepared[side.name][2]) for side in sides}
            for rep in range(args.repeat):  # alternate floor and build so load hits both alike
                for side in sides:
                    project, export, _ = prepared[side.name]
                    sampled = args.sampled_from is not None and size >= args.sampled_from
                    if not sampled:
                        log(f"{size}: {side.name}: floor build {rep + 1}/{args.repeat}")
                        batch[side.name].floors.append(build(export, side.env, config=FLOOR_CONFIG))
                    log(f"{size}: {side.name}: full build {rep + 1}/{args.repeat}{' (memory added up)' * sampled}")
                    last = rep == args.repeat - 1
                    batch[side.name].builds.append(build(project, side.env, keep=last and args.search, sample=sampled))
                    done = batch[side.name]
                    floor = f", floor {done.floors[-1].wall:.1f} s" if done.floors else ""
                    log(f"   build {done.builds[-1].wall:.1f} s{floor}")
            if args.search:
                for side in sides:
                    project = prepared[side.name][0]
                    log(f"{size}: {side.name}: first search's download (headless Chromium)")
                    batch[side.name].first_search = first_search_bytes(site_dir(project), project, seed=args.seed)
                    shutil.rmtree(site_dir(project), ignore_errors=True)
                    log(f"   {batch[side.name].first_search} bytes")
            if args.sum_memory and not (args.sampled_from is not None and size >= args.sampled_from):
                # Apart from the timed builds: sampling slows what it watches.
                for side in sides:
                    project, export, _ = prepared[side.name]
                    log(f"{size}: {side.name}: floor and full build once more, adding up their processes' memory")
                    floor = build(export, side.env, sample=True, config=FLOOR_CONFIG)
                    batch[side.name].floors[-1].sum_mb = floor.sum_mb
                    batch[side.name].builds[-1].sum_mb = build(project, side.env, sample=True).sum_mb
            if size in serve_sizes:
                for side in sides:
                    project = prepared[side.name][0]
                    record, url = pick_record(project)
                    modes = [("serve", False)] if args.plain_serve else []
                    for mode, dirty in (*modes, ("serve --dirty", True)):
                        log(f"{size}: {side.name}: edit-to-visible under `mkdocs {mode}` ({url})")
                        batch[side.name].edits[mode] = edit_to_visible(project, record, url, side.env, dirty)
                        log(f"   {batch[side.name].edits[mode]}")
            results += batch.values()
            if not args.keep:
                for side in sides:
                    shutil.rmtree(prepared[side.name][0].parent, ignore_errors=True)
        if args.profile:
            profile(max(args.sizes), args.seed, sides[-1], args.keep)
    finally:
        if not args.keep and not args.work:
            shutil.rmtree(work, ignore_errors=True)
    return results


def profile(size: int, seed: int, side: Side, keep: bool = False) -> None:
    """pyinstrument over one full build of the candidate: a call tree and the top functions by own time."""
    session = OUT / "profile-build.pyisession"
    with tempfile.TemporaryDirectory(prefix="trackrecord-profile-") as tmp:
        project = Path(tmp) / "project"
        write_project(project, size, seed, project_from=side.source)
        # 5 ms samples: a 10k build runs for minutes; 1 ms (the default) makes a session of a gigabyte.
        cmd = [str(VENV_BIN / "pyinstrument"), "-i", "0.005", "-r", "pyisession", "-o", str(session),
               "-m", "mkdocs", "build", "-q", "-f", str(project / "mkdocs.yml"), "-d", str(Path(tmp) / "site")]
        log(f"profiling a build of {size} incidents (pyinstrument)")
        code, wall, _, _, tail, _ = timed(cmd, project, side.env)
        if code != 0:
            raise SystemExit(f"profiled build failed:\n{tail}")
    header = (f"# Full build of {size} incidents (seed {seed}, {side.name}), {wall:.1f} s under the profiler, "
              f"{time.strftime('%Y-%m-%d %H:%M')}\n")
    for path in write_reports(session, header):
        log(f"wrote {path}")
    if not keep:
        session.unlink()


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=lambda s: [int(x) for x in s.split(",")], default=[5000, 10000],
                        help="incident counts, comma-separated (default 5000,10000)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--baseline", metavar="REF", help="also measure this git ref, side by side")
    parser.add_argument("--repeat", type=int, default=1, help="builds per side and size; the table shows medians")
    parser.add_argument("--serve", choices=("largest", "all", "none"), default="largest",
                        help="sizes at which to time edit-to-visible (default: the largest)")
    parser.add_argument("--no-serve", dest="serve", action="store_const", const="none")
    parser.add_argument("--plain-serve", action="store_true",
                        help="time edit-to-visible under plain `mkdocs serve` too, not only `--dirty`")
    parser.add_argument("--no-search", dest="search", action="store_false",
                        help="skip the first search's download (headless Chromium)")
    parser.add_argument("--profile", action="store_true", help="after the table, profile the largest build")
    parser.add_argument("--only-profile", action="store_true", help="profile the largest build; no table")
    parser.add_argument("--work", help="keep projects here instead of a temporary folder")
    parser.add_argument("--keep", action="store_true", help="keep the generated projects")
    parser.add_argument("--sum-memory", action="store_true",
                        help="build each side once more, untimed, adding up its processes' memory")
    parser.add_argument("--sampled-from", type=int, metavar="N",
                        help="from N incidents on, one build per side, no floor: its memory added up while it runs "
                             "(sampling slows it by about a tenth; for 50,000, where each build takes long)")
    parser.add_argument("--out", type=Path, default=OUT / "scale.md", help="where the Markdown table goes")
    args = parser.parse_args(argv)
    args.sizes = sorted(args.sizes)
    OUT.mkdir(parents=True, exist_ok=True)
    if args.only_profile:
        with tempfile.TemporaryDirectory(prefix="trackrecord-profile-src-") as tmp:
            profile(max(args.sizes), args.seed, candidate_side(Path(tmp)), args.keep)
        return
    load_before, started, code = os.getloadavg(), dt.datetime.now(dt.UTC), revision()
    results = run(args)
    text = render(results, args, started, code, load_before, os.getloadavg())
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, "utf-8")
    print(text)


if __name__ == "__main__":
    main()
