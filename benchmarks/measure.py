"""Timed MkDocs runs for the scale benchmark: one build with its peak memory, and edit-to-visible under serve.

Each run is a fresh subprocess. Peak memory is GNU time's %M (the largest resident set of the child and
the children it waited for); without /usr/bin/time, a fresh Python wrapper reports its RUSAGE_CHILDREN.
That is one process at a time. Asked for, the sum over every process of the run (proportional set sizes,
so that pages a fork shares count once), sampled from /proc five times a second, is measured in one
more, untimed build.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

VENV_BIN = Path(sys.executable).parent
MKDOCS = str(VENV_BIN / "mkdocs")
GNU_TIME = "/usr/bin/time" if Path("/usr/bin/time").is_file() else None
# Runs the command as its own child and prints that child's peak RSS (KB on Linux) last on stderr.
_RUSAGE_WRAPPER = (
    "import resource, subprocess, sys\n"
    "code = subprocess.call(sys.argv[1:])\n"
    "r = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
    "print(f'{r.ru_maxrss} {r.ru_utime + r.ru_stime}', file=sys.stderr)\n"
    "sys.exit(code)\n"
)


@dataclass
class Run:
    ok: bool
    wall: float  # seconds
    cpu: float  # user + system seconds of the child tree
    peak_mb: float
    pages: int  # .html files written
    error: str = ""
    sum_mb: float = 0.0  # the run's processes added up, at the sampled peak


def mkdocs_env(pythonpath: Path | None = None) -> dict[str, str]:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env.pop("PYTHONPATH", None)
    if pythonpath is not None:  # the baseline's generator package shadows the editable install
        env["PYTHONPATH"] = str(pythonpath)
    return env


def timed(cmd: list[str], cwd: Path, env: dict[str, str], timeout: float = 3600,
          sample: bool = False) -> tuple[int, float, float, float, str, float]:
    """(exit code, wall s, cpu s, peak MB, stderr tail, processes added up MB) for one fresh subprocess.

    `sample` adds the processes up; reading their proportional set sizes makes the kernel walk
    their page tables, which slowed a 10,000-incident build by over 10 %: never in a timed table.
    """
    with tempfile.NamedTemporaryFile("r", suffix=".time") as stats, tempfile.TemporaryFile("w+") as err:
        if GNU_TIME:
            full = [GNU_TIME, "-q", "-f", "%M %U %S", "-o", stats.name, *cmd]
        else:
            full = [sys.executable, "-c", _RUSAGE_WRAPPER, *cmd]
        start = time.perf_counter()
        proc = subprocess.Popen(full, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=err, text=True)
        summed = 0
        while proc.poll() is None:
            if sample:
                summed = max(summed, _tree_pss_kb(proc.pid))
            if time.perf_counter() - start > timeout:
                proc.kill()
            time.sleep(0.2 if sample else 0.05)
        wall = time.perf_counter() - start
        err.seek(0)
        stderr = err.read()
        if GNU_TIME:
            fields = stats.read().split() or ["0", "0", "0"]  # empty when the run was killed
            peak_kb, cpu = float(fields[0]), float(fields[1]) + float(fields[2])
        else:
            peak_kb, cpu = (float(x) for x in stderr.strip().splitlines()[-1].split())
    tail = "\n".join(stderr.strip().splitlines()[-5:])
    return proc.returncode, wall, cpu, peak_kb / 1024, tail, summed / 1024


def _tree_pss_kb(root: int) -> int:
    """Memory of `root` and all its descendants now, in KB (Linux /proc); 0 without /proc."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc") if os.path.isdir("/proc") else ():
        if entry.isdigit():
            with contextlib.suppress(OSError, IndexError, ValueError), open(f"/proc/{entry}/stat") as stat:
                children.setdefault(int(stat.read().rsplit(")", 1)[1].split()[1]), []).append(int(entry))
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        todo.extend(children.get(pid, ()))
        # Pss, not Rss: a forked child shares its parent's pages, and Rss would count them twice.
        with contextlib.suppress(OSError), open(f"/proc/{pid}/smaps_rollup") as rollup:
            total += next((int(line.split()[1]) for line in rollup if line.startswith("Pss:")), 0)
    return total


def build(project: Path, env: dict[str, str], sample: bool = False, config: str = "mkdocs.yml",
          keep: bool = False) -> Run:
    """`mkdocs build` of `project` into a fresh folder (site_dir(project)); the folder is removed after its
    pages are counted, unless `keep`."""
    site = site_dir(project)
    shutil.rmtree(site, ignore_errors=True)
    code, wall, cpu, peak, tail, summed = timed(
        [MKDOCS, "build", "-q", "-f", str(project / config), "-d", str(site)], project, env, sample=sample)
    pages = sum(1 for _ in site.rglob("*.html")) if site.is_dir() else 0
    if not keep:
        shutil.rmtree(site, ignore_errors=True)
    return Run(code == 0, wall, cpu, peak, pages, "" if code == 0 else tail, summed)


def site_dir(project: Path) -> Path:
    return project.parent / f"{project.name}-site"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return int(response.status), response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as exc:
        return exc.code, ""
    except (urllib.error.URLError, OSError):
        return 0, ""


def write_atomic(path: Path, text: str, scratch: Path) -> None:
    """Temp file on the same file system but outside reviews/, then rename: the watcher sees one change."""
    scratch.mkdir(exist_ok=True)
    fd, temp = tempfile.mkstemp(dir=scratch, suffix=".yml")
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)
    os.replace(temp, path)


@dataclass
class EditResult:
    seconds: float | None  # the median of the edits; None: a change never showed within the timeout
    startup: float  # seconds until the server first answered with the page
    note: str = ""
    each: tuple[float, ...] = ()  # every edit's time, in order


def edit_to_visible(project: Path, record: Path, url_path: str, env: dict[str, str], dirty: bool,
                    startup_timeout: float = 1800, timeout: float = 120, poll: float = 0.05,
                    edits: int = 4) -> EditResult:
    """Serve `project`, change the record's title `edits` times, and time until its page shows each new title.

    The result is the median: one edit can land beside a background refresh (search, feeds) of the last.
    """
    port = free_port()
    url = f"http://127.0.0.1:{port}/{url_path}"
    cmd = [MKDOCS, "serve", "-a", f"127.0.0.1:{port}", "-f", str(project / "mkdocs.yml")]
    cmd += ["--dirty"] if dirty else []
    original = record.read_text("utf-8")
    log = (project.parent / f"{project.name}-serve{'-dirty' if dirty else ''}.log").open("w")
    proc = subprocess.Popen(cmd, cwd=project, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    started = time.perf_counter()
    try:
        while True:
            status, _ = _get(url)
            if status == 200:
                break
            if proc.poll() is not None or time.perf_counter() - started > startup_timeout:
                return EditResult(None, time.perf_counter() - started, f"server never served {url_path} ({status})")
            time.sleep(0.5)
        startup = time.perf_counter() - started
        times: list[float] = []
        for n in range(edits):
            time.sleep(3)  # let the watcher, and any background work of the last build, settle
            marker = f"edited{n}at{int(time.time() * 1000) % 10**9}mark"
            edited = re.sub(r"^title: .*$", f'title: "Edited for the benchmark {marker}"', original, count=1,
                            flags=re.M)
            write_atomic(record, edited, project / ".bench-scratch")
            t0 = time.perf_counter()
            while time.perf_counter() - t0 < timeout:
                _, body = _get(url)
                if marker in body:
                    times.append(time.perf_counter() - t0)
                    break
                time.sleep(poll)
            else:
                return EditResult(None, startup, f"edit {n + 1} not visible after {timeout:.0f} s", tuple(times))
        each = ", ".join(f"{t:.2f}" for t in times)
        return EditResult(statistics.median(times), startup, f"median of {edits} edits ({each} s)", tuple(times))
    finally:
        _stop(proc)
        log.close()
        write_atomic(record, original, project / ".bench-scratch")


def _stop(proc: subprocess.Popen[bytes]) -> None:
    # Only the server we started, and its own process group (serve may spawn helpers).
    for sig, wait in ((signal.SIGINT, 15), (signal.SIGTERM, 10), (signal.SIGKILL, 5)):
        if proc.poll() is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, sig)
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.wait(wait)
