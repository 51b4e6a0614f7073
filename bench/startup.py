"""Time `auditpack --version` and `auditpack --help`, and count the modules they import.

Usage: python bench/startup.py [--runs N]

Each run is a fresh process: `python -m auditpack ARG`, and the installed `auditpack`
script when it is on PATH (or beside this Python). The module count is `len(sys.modules)`
at the end of a process that runs the CLI with ARG, interpreter start-up included; the
count of a bare `python -c pass`-like process, and the time of an empty Click group's
`--help` (the floor for any Click CLI), are shown for reference: on a busy machine all
times rise together.
Targets (issue 14): median wall time <= 0.15 s and <= 120 modules for both.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

TARGET_SECONDS = 0.15
TARGET_MODULES = 120
ARGS = ("--version", "--help")
COUNT = """
import contextlib, io, sys
from auditpack.cli import cli
try:
    with contextlib.redirect_stdout(io.StringIO()):
        cli.main([sys.argv[1]], prog_name="auditpack")
except SystemExit:
    pass
print(len(sys.modules))
"""
BARE = "import contextlib, io, sys; print(len(sys.modules))"
CLICK_FLOOR = """
import click
@click.group()
@click.version_option("1")
def floor() -> None:
    "An empty Click group: the least a Click CLI's --help costs."
floor(["--help"])
"""


def timings(command: list[str], runs: int) -> tuple[float, float]:
    """Return the median and the fastest wall time of running the command `runs` times."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times), min(times)


def module_count(code: str, *args: str) -> int:
    """Return the number printed by a fresh Python running `code`."""
    out = subprocess.run([sys.executable, "-c", code, *args], check=True,
                         capture_output=True, text=True)
    return int(out.stdout.strip())


def installed_script() -> str | None:
    """Find the `auditpack` console script: beside this Python first, then on PATH."""
    beside = Path(sys.executable).with_name("auditpack")
    return str(beside) if beside.exists() else shutil.which("auditpack")


def verdict(ok: bool) -> str:
    """Say whether a figure meets its target."""
    return "ok" if ok else "OVER TARGET"


def main() -> None:
    """Measure and print each figure against its target."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20, help="runs per timing (median)")
    runs = parser.parse_args().runs
    script = installed_script()
    bare, _ = timings([sys.executable, "-c", "pass"], runs)
    floor, _ = timings([sys.executable, "-c", CLICK_FLOOR], runs)
    print(f"python {sys.version.split()[0]}, {runs} runs each, median wall time; "
          f"a bare interpreter: {bare:.3f} s, {module_count(BARE)} modules; "
          f"an empty Click group's --help: {floor:.3f} s")
    for arg in ARGS:
        modules = module_count(COUNT, arg)
        print(f"auditpack {arg}: {modules} modules (target <= {TARGET_MODULES}: "
              f"{verdict(modules <= TARGET_MODULES)})")
        commands = {"python -m auditpack": [sys.executable, "-m", "auditpack", arg]}
        if script:
            commands["auditpack script"] = [script, arg]
        for label, command in commands.items():
            seconds, fastest = timings(command, runs)
            print(f"  {label} {arg}: {seconds:.3f} s, fastest {fastest:.3f} s (target <= "
                  f"{TARGET_SECONDS}: {verdict(seconds <= TARGET_SECONDS)})")


if __name__ == "__main__":
    main()
