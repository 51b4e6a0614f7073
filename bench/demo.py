"""Time the demo builds (`auditpack build --demo`), each in a fresh process.

Usage: python bench/demo.py [--runs 5] [--demo credit-union] [--compare PYTHON ...]

Each run is `python -m auditpack build --demo DEMO -o OUT` in a new process (the demo is
collected into a temporary workspace every time, so no run is served from the cache).
With --compare, the same command also runs with each other interpreter given (say, the
venv of an earlier version installed beside this one), the runs interleaved so that both
meet the same machine; the medians are printed side by side.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time


def one_build(python: str, demo: str) -> float:
    """Build the demo once with `python`; return the wall time in seconds."""
    with tempfile.TemporaryDirectory() as out:
        t = time.perf_counter()
        subprocess.run([python, "-m", "auditpack", "build", "--demo", demo, "-o", out,
                        "--quiet"], check=True, capture_output=True)
        return time.perf_counter() - t


def main() -> None:
    """Build the demo `--runs` times with each interpreter; print the medians."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--demo", default="credit-union")
    parser.add_argument("--compare", nargs="*", default=[],
                        help="other interpreters with auditpack installed")
    args = parser.parse_args()
    pythons = [sys.executable, *args.compare]
    times: dict[str, list[float]] = {p: [] for p in pythons}
    for _ in range(args.runs):
        for python in pythons:
            times[python].append(one_build(python, args.demo))
    for python in pythons:
        runs = times[python]
        print(f"{python}: median {statistics.median(runs):.2f} s "
              f"(min {min(runs):.2f}, max {max(runs):.2f}, {len(runs)} runs, demo {args.demo})")


if __name__ == "__main__":
    main()
