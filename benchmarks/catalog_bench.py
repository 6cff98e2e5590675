"""Time `build_catalog` on 20,000 incidents in a four-level group of 2,000 companies (the corpus of
tests/test_catalog.py's scale test, from tests/support/records.py). Target: under 10 s; far more
means something in the catalog grew quadratic.

Run:  .venv/bin/python benchmarks/catalog_bench.py [--companies 2000] [--per-company 10] [--repeat 3]
Exit status 1 when the best run misses the target.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))  # the tests' record factories

from support.records import group_corpus  # noqa: E402

from generator.scoring.catalog import build_catalog  # noqa: E402

TARGET = 10.0  # seconds, at 20,000 incidents


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--companies", type=int, default=2000)
    parser.add_argument("--per-company", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    corpus = group_corpus(args.companies, args.per_company)
    runs = []
    for _ in range(args.repeat):
        started = time.perf_counter()
        catalog = build_catalog(corpus)
        runs.append(time.perf_counter() - started)
    count = len(catalog.incidents_newest)
    best = min(runs)
    print(f"build_catalog, {count:,} incidents: best {best:.2f} s of {args.repeat} "
          f"({', '.join(f'{r:.2f}' for r in runs)}); target {TARGET:g} s at 20,000")
    return 0 if best < TARGET * max(count, 1) / 20_000 else 1


if __name__ == "__main__":
    sys.exit(main())
