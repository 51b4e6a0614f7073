"""Time a cold load of every built-in catalog and crosswalk, each run in a fresh process.

Usage: python bench/catalogs.py [--runs N]

Prints the median and best wall time of: interpreter start-up alone, importing
auditpack, and importing plus loading and validating everything (schema, structure,
models, crosswalk ids). The target for the full cold load is under 0.3 s.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time

CASES = {
    "python start-up": "pass",
    "import auditpack": "import auditpack.frameworks",
    "cold load (5 catalogs + crosswalks)": (
        "from auditpack.frameworks import load_library\n"
        "lib = load_library()\n"
        "assert len(lib.catalogs) >= 5 and lib.crosswalks"
    ),
}


def time_once(code: str) -> float:
    """Run code in a fresh interpreter and return the wall time in seconds."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True)
    return time.perf_counter() - start


def main() -> None:
    """Run each case several times and print median and best."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    runs = parser.parse_args().runs
    time_once(CASES["cold load (5 catalogs + crosswalks)"])  # warm the OS file cache
    for name, code in CASES.items():
        times = [time_once(code) for _ in range(runs)]
        print(f"{name:40s} median {statistics.median(times):.3f} s   best {min(times):.3f} s")


if __name__ == "__main__":
    main()
