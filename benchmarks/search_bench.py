"""Search benchmark (issue 6): Pagefind against Material's built-in search, in one run, on one corpus.

    .venv/bin/python benchmarks/search_bench.py                          # 10,000 incidents, 5 searches each
    .venv/bin/python benchmarks/search_bench.py --incidents 1000 --runs 2 --workdir /tmp/sb

The synthetic project (benchmarks/synth.py) is built three ways: without search (trackrecord's
`search: false`); with Pagefind (the default); and with Material's `search` plugin and Material's own
header. Then, in headless Chromium with a fresh profile for every search, the home page is opened,
search is opened with "/", and a company's name is typed at 60 ms a key. Measured:

- bytes: every response the local server sent from page load until 1 s after the first result,
  less what the same home page costs on the build without search, so only search's share counts.
  Text types go out gzip-compressed, as static hosts send them; the uncompressed sum is shown too;
- time: from the last keydown to the first result for the full name on screen (the page's own clock);
- whether the first result is the company's page;
- build: wall and CPU seconds with and without the index step, and the step's own time.

Budget (issue 6): <= 300 KB, <= 500 ms, <= 30 %. The table goes to stdout and benchmarks/out/search.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import gzip
import os
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, BinaryIO

import material as material_theme  # Material's own templates, for the side with Material's search
import yaml

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "benchmarks" / "out"
MKDOCS = str(Path(sys.executable).with_name("mkdocs"))
CHROMIUM, CHROMEDRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"
FLAGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-default-apps",
    "--disable-extensions", "--no-default-browser-check", "--window-size=1280,900",
]
KEY_DELAY = 0.06  # seconds between keys: a fast typist
COMPRESSIBLE = {".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".map"}
BUDGET_BYTES, BUDGET_MS, BUDGET_SHARE = 300_000, 500.0, 0.30

# --- a static server that counts what it sends -------------------------------------------------------


class _Counter:
    """Wraps the socket file: every byte written (status line, headers, body) is counted."""

    def __init__(self, raw: BinaryIO) -> None:
        self.raw, self.sent = raw, 0

    def write(self, data: bytes) -> int:
        self.sent += len(data)
        return self.raw.write(data)

    def flush(self) -> None:
        self.raw.flush()

    def __getattr__(self, name: str) -> Any:
        return getattr(self.raw, name)


@dataclass
class Hit:
    at: float
    path: str
    sent: int  # bytes on the wire
    raw: int  # the file's size, as an uncompressing server would send it


class _Handler(SimpleHTTPRequestHandler):
    hits: list[Hit]
    gz_cache: dict[Path, bytes]

    def setup(self) -> None:
        super().setup()
        self.counter = _Counter(self.wfile)  # type: ignore[arg-type]
        self.wfile = self.counter  # type: ignore[assignment]
        self.raw_size = 0

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the name http.server uses
        pass

    def do_GET(self) -> None:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        self.raw_size = path.stat().st_size if path.is_file() else 0
        if path.is_file() and path.suffix in COMPRESSIBLE and "gzip" in self.headers.get("Accept-Encoding", ""):
            body = self.gz_cache.get(path)
            if body is None:
                body = self.gz_cache[path] = gzip.compress(path.read_bytes(), 6)
            self.send_response(200)
            self.send_header("Content-Type", self.guess_type(str(path)))
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        super().do_GET()

    def finish(self) -> None:
        super().finish()
        self.hits.append(Hit(time.monotonic(), self.path, self.counter.sent, self.raw_size))


class Server:
    def __init__(self, root: Path) -> None:
        self.hits: list[Hit] = []
        handler = type("Handler", (_Handler,), {"hits": self.hits, "gz_cache": {}})
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(root)))
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"

    def since(self, mark: int) -> list[Hit]:
        return list(self.hits[mark:])

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


# --- builds --------------------------------------------------------------------------------------


@dataclass
class Build:
    wall: float
    cpu: float  # user + system seconds of mkdocs and the processes it ran (Pagefind included)
    index_seconds: float | None  # the index step's own wall time, from the plugin's log line


def build(project: Path, config: str, site: Path) -> Build:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run([MKDOCS, "build", "-f", config, "-d", str(site)], cwd=project, env=env,
                          capture_output=True, text=True, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        sys.exit(f"mkdocs build -f {config} failed:\n{done.stderr[-3000:]}")
    found = re.search(r"search index: .* in ([\d.]+) s", done.stderr)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Build(wall, cpu, float(found.group(1)) if found else None)


def variants(project: Path) -> None:
    """The working tree's mkdocs.yml and docs/ (a reused corpus tests today's code), and
    mkdocs-nosearch.yml and mkdocs-material.yml beside that mkdocs.yml."""
    shutil.rmtree(project / "docs", ignore_errors=True)
    shutil.copytree(REPO / "docs", project / "docs")
    shutil.copy2(REPO / "mkdocs.yml", project / "mkdocs.yml")
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    plugin, theme = "  - trackrecord:\n", "\ntheme:\n  name: material\n"
    assert plugin in text and theme in text and "custom_dir" not in text, "mkdocs.yml changed; update search_bench"
    off = text.replace(plugin, plugin + "      search: false\n")
    (project / "mkdocs-nosearch.yml").write_text(off, encoding="utf-8")
    material = off.replace("plugins:\n", "plugins:\n  - search\n", 1).replace(
        theme, theme + "  custom_dir: theme-material\n")
    (project / "mkdocs-material.yml").write_text(material, encoding="utf-8")
    # Material's own header, which shows its search box, ahead of the plugin's overrides; the rest stays.
    shutil.rmtree(project / "theme-material", ignore_errors=True)
    templates = Path(material_theme.__file__).parent / "templates"
    for override in ("partials/header.html", "partials/search.html"):
        (project / "theme-material" / override).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(templates / override, project / "theme-material" / override)


# --- the browser ---------------------------------------------------------------------------------

WATCH = """
const [engine, name] = arguments;
window.__bench = {lastKey: 0, shown: 0, first: null};
document.addEventListener('keydown', () => { __bench.lastKey = performance.now(); __bench.shown = 0; }, true);
const check = () => {
  if (__bench.shown || !__bench.lastKey) return;
  const input = document.querySelector('.md-search__input');
  const list = document.querySelector('.md-search-result__list');
  if (!input || !list || input.value !== name) return;
  if (engine === 'pagefind' && list.dataset.query !== name + '|{}') return;
  const link = list.querySelector('.md-search-result__item a, a.md-search-result__link');
  if (!link) return;
  __bench.shown = performance.now();
  __bench.first = link.href;
};
new MutationObserver(check).observe(document.body, {subtree: true, childList: true, attributes: true});
"""


@dataclass
class Search:
    name: str
    ms: float | None
    first_is_company: bool
    hits: list[Hit] = field(default_factory=list)


def _driver(profile: Path) -> Any:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={profile}")
    os.environ["SE_OFFLINE"] = "true"
    return webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)


def _load(driver: Any, url: str) -> None:
    driver.get(url)
    driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "if (document.readyState === 'complete') done(); else addEventListener('load', () => done());"
    )


def page_only(server: Server, tmp: Path) -> list[Hit]:
    """What the home page costs with no search at all."""
    driver = _driver(Path(tempfile.mkdtemp(dir=tmp)))
    try:
        mark = len(server.hits)
        _load(driver, server.url)
        time.sleep(1.5)
        return server.since(mark)
    finally:
        driver.quit()


def search(server: Server, engine: str, name: str, slug: str, tmp: Path, timeout: float) -> Search:
    driver = _driver(Path(tempfile.mkdtemp(dir=tmp)))
    try:
        mark = len(server.hits)
        _load(driver, server.url)
        time.sleep(0.5)  # a reader glances at the page before searching
        driver.execute_script(WATCH, engine, name)
        driver.find_element("css selector", "body").send_keys("/")
        time.sleep(0.1)
        box = driver.switch_to.active_element
        for char in name:
            box.send_keys(char)
            time.sleep(KEY_DELAY)
        deadline = time.monotonic() + timeout
        state: dict[str, Any] = {}
        while time.monotonic() < deadline:
            state = driver.execute_script("return window.__bench;") or {}
            if state.get("shown"):
                break
            time.sleep(0.02)
        time.sleep(1.0)  # requests the search started but had not finished when the result showed
        shown = state.get("shown")
        ms = float(shown - state["lastKey"]) if shown else None
        first = str(state.get("first") or "")
        return Search(name, ms, first.rstrip("/").endswith(f"companies/{slug}"), server.since(mark))
    finally:
        driver.quit()


# --- the run -------------------------------------------------------------------------------------


def companies(project: Path, runs: int, seed: int) -> list[tuple[str, str]]:
    files = sorted((project / "reviews" / "companies").glob("*.yml"))
    chosen = random.Random(seed).sample(files, min(runs, len(files)))
    return [(f.stem, str(yaml.safe_load(f.read_text(encoding="utf-8"))["name"])) for f in chosen]


def _kb(n: float) -> str:
    return f"{n / 1000:,.0f} KB" if n < 1e6 else f"{n / 1e6:,.1f} MB"


def _dir_size(path: Path) -> tuple[int, int]:
    files = [p for p in path.rglob("*") if p.is_file()]
    return len(files), sum(p.stat().st_size for p in files)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--incidents", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5, help="searches per engine, each for another company")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workdir", type=Path, default=None, help="keep the corpus and sites here (reused)")
    parser.add_argument("--timeout", type=float, default=120, help="seconds to wait for a first result")
    parser.add_argument("--no-build", action="store_true",
                        help="reuse the sites in --workdir (copying in theme/assets/search.*); builds not measured")
    args = parser.parse_args(argv)

    work = args.workdir or Path(tempfile.mkdtemp(prefix="search-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    project = work / f"project-{args.incidents}"
    if not (project / "mkdocs.yml").is_file():
        print(f"writing {args.incidents} incidents to {project}", flush=True)
        subprocess.run([sys.executable, str(REPO / "benchmarks" / "synth.py"), "--incidents", str(args.incidents),
                        "--out", str(project), "--seed", str(args.seed)], check=True)
    variants(project)

    sites = {name: work / f"site-{name}" for name in ("none", "pagefind", "material")}
    configs = {"none": "mkdocs-nosearch.yml", "pagefind": "mkdocs.yml", "material": "mkdocs-material.yml"}
    builds: dict[str, Build] = {}
    for name in ("none", "pagefind", "material"):
        if args.no_build and sites[name].is_dir():
            for asset in (REPO / "theme" / "assets").glob("search.*"):
                shutil.copy2(asset, sites[name] / "assets" / asset.name)
            continue
        print(f"building: {name}", flush=True)
        builds[name] = build(project, configs[name], sites[name])
        print(f"  {builds[name]}", flush=True)

    picks = companies(project, args.runs, args.seed)
    tmp = Path(tempfile.mkdtemp(prefix="search-bench-chromium-"))
    results: dict[str, list[Search]] = {}
    try:
        server = Server(sites["none"])
        base = page_only(server, tmp)
        server.close()
        for engine in ("pagefind", "material"):
            server = Server(sites[engine])
            results[engine] = []
            for slug, name in picks:
                found = search(server, engine, name, slug, tmp, args.timeout)
                results[engine].append(found)
                print(f"  {engine}: {name!r}: {found.ms} ms, first is company: {found.first_is_company}, "
                      f"{_kb(sum(h.sent for h in found.hits) - sum(h.sent for h in base))}", flush=True)
            server.close()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    table = report(args.incidents, builds, sites, base, results)
    print(table)
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "search.md").write_text(table, encoding="utf-8")


def report(incidents: int, builds: dict[str, Build], sites: dict[str, Path], base: list[Hit],
           results: dict[str, list[Search]]) -> str:
    base_sent, base_raw, base_n = sum(h.sent for h in base), sum(h.raw for h in base), len(base)

    def col(engine: str) -> dict[str, str]:
        runs = results[engine]
        sent = [sum(h.sent for h in r.hits) - base_sent for r in runs]
        raw = [sum(h.raw for h in r.hits) - base_raw for r in runs]
        requests = [len(r.hits) - base_n for r in runs]
        times = [r.ms for r in runs if r.ms is not None]
        missed = len(runs) - len(times)
        timing = f"{statistics.median(times):,.0f} / {max(times):,.0f} ms" if times else "no result"
        if missed:
            timing += f" ({missed} without a result)"
        if engine == "pagefind":
            files, size = _dir_size(sites["pagefind"] / "pagefind")
            index = f"{_kb(size)} in {files:,} files"
        else:
            size = (sites["material"] / "search" / "search_index.json").stat().st_size
            index = f"{_kb(size)} in 1 file"
        build, share = "not measured (--no-build)", "not measured"
        if builds:
            this, none = builds[engine], builds["none"]
            build = f"{this.wall:,.0f} s wall, {this.cpu:,.0f} s CPU"
            share = f"+{(this.wall - none.wall) / none.wall:.0%} wall, +{(this.cpu - none.cpu) / none.cpu:.0%} CPU"
            if this.index_seconds:  # the step's own clock: less exposed to a busy machine than a difference
                share += f"; the index step alone {this.index_seconds:.0f} s = {this.index_seconds / none.wall:.0%}"
        return {
            "bytes": f"{_kb(statistics.median(sent))} / {_kb(max(sent))}",
            "raw": f"{_kb(statistics.median(raw))} / {_kb(max(raw))}",
            "requests": f"{statistics.median(requests):.0f}",
            "time": timing,
            "first": f"{sum(r.first_is_company for r in runs)} of {len(runs)}",
            "index": index,
            "build": build,
            "share": share,
        }

    pf, mat = col("pagefind"), col("material")
    rows = [
        ("Downloaded for the first search, gzip (median / max)", "bytes", "≤ 300 KB"),
        ("… the same, uncompressed", "raw", ""),
        ("Requests for the first search (median)", "requests", ""),
        ("Last keystroke → first result (median / max)", "time", "≤ 500 ms"),
        ("First result is the company's page", "first", ""),
        ("Index on disk", "index", ""),
        ("Build with search", "build", ""),
        ("Added to the build without search", "share", "≤ 30 %"),
    ]
    none = builds.get("none")
    without = f"build without search: {none.wall:,.0f} s wall, {none.cpu:,.0f} s CPU · " if none else ""
    load = os.getloadavg()
    lines = [
        f"# Search benchmark: Pagefind vs Material's search, {incidents:,} incidents",
        "",
        f"{dt.date.today().isoformat()} · `.venv/bin/python benchmarks/search_bench.py --incidents {incidents}` · "
        f"headless Chromium, fresh profile per search, company names typed at {KEY_DELAY * 1000:.0f} ms a key · "
        f"{without}"
        f"load average {load[0]:.1f} on {os.cpu_count()} CPUs",
        "",
        "| | Pagefind (this site) | Material search | Budget |",
        "|---|---|---|---|",
        *(f"| {label} | {pf[key]} | {mat[key]} | {budget} |" for label, key, budget in rows),
        "",
        "Bytes count every response from page load to 1 s after the first result (status line, headers and body),",
        f"less the home page without search ({_kb(base_sent)} in {base_n} requests). Material loads its index",
        "when the page loads, Pagefind when search opens; both are counted.",
        "",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
