"""Build a large synthetic package: wall time against the copy-and-hash floor, and peak memory.

Usage: python bench/package.py [--files 20000] [--megabytes 4096] [--rows 1000000]

Creates a workspace in a temporary folder: the five built-in frameworks, the starter
library plus synthetic controls up to 300, N evidence files totalling M MiB (collected with
the file collector, one source per 100 files) and one Entra export of R rows; collects it,
then times `build_package` in a fresh process and reports its peak RSS. The floor is the
time to read, hash (sha256) and copy the same evidence bytes once, measured in the same run.
Targets: build <= 1.3x the floor; peak RSS <= 300 MB. A cached rebuild is not implemented
yet (the target there is <= 5% of a cold build).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

FIXTURE = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "workspace" / "auditpack.yaml"
sys.path.insert(0, str(Path(__file__).resolve().parent))
from collect import write_export  # noqa: E402  (the same synthetic Entra export)

BUILD = """
import resource, sys, time
from pathlib import Path
from auditpack.package.build import build_package
t = time.perf_counter()
r = build_package(Path(sys.argv[1]), Path(sys.argv[2]))
print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, len(r.model.evidence))
"""


def make_workspace(root: Path, files: int, megabytes: int, rows: int) -> int:
    """Write the workspace and its exports; return the evidence bytes written."""
    data = yaml.safe_load(FIXTURE.read_text())
    data["scope"]["frameworks"] = ["ftc-safeguards", "nist-csf-2.0", "cis-controls-v8",
                                   "pci-dss-4.0.1", "nist-sp-800-207"]
    data["scope"]["exclusions"] = []
    data["controls"] = {"starter": True}
    data["raci"]["functions"] = {}
    exports = root / "exports"
    size = max(1, megabytes * 1024 * 1024 // max(files, 1))
    block = os.urandom(min(size, 1 << 20))
    sources = []
    for n in range(files):
        folder = exports / f"batch{n // 100:04d}"
        folder.mkdir(parents=True, exist_ok=True)
        with (folder / f"doc{n:06d}.bin").open("wb") as out:
            out.write(n.to_bytes(8, "big"))
            left = size - 8
            while left > 0:
                out.write(block[:left])
                left -= len(block)
    for b in sorted(p.name for p in exports.iterdir()):
        sources.append({"id": f"docs-{b}", "collector": "file", "kind": "policy_document",
                        "path": f"exports/{b}", "as_of": "2026-09-29"})
    write_export(exports / "entra.csv", rows)
    sources.append({"id": "entra", "collector": "entra_mfa", "path": "exports/entra.csv",
                    "as_of": "2026-09-29"})
    data["evidence"] = {"sources": sources}
    (root / "auditpack.yaml").write_text(yaml.safe_dump(data))
    return sum(p.stat().st_size for p in exports.rglob("*") if p.is_file())


def floor_seconds(root: Path, target: Path) -> float:
    """Time reading, hashing and copying every evidence byte once."""
    t = time.perf_counter()
    for path in sorted((root / "exports").rglob("*")):
        if path.is_file():
            digest = hashlib.sha256()
            with path.open("rb") as src, (target / path.name).open("wb") as out:
                while chunk := src.read(4 << 20):
                    digest.update(chunk)
                    out.write(chunk)
    return time.perf_counter() - t


def main() -> None:
    """Make, collect, build; print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=20000)
    parser.add_argument("--megabytes", type=int, default=4096)
    parser.add_argument("--rows", type=int, default=1_000_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(dir=os.environ.get("BENCH_TMP")) as tmp:
        root = Path(tmp) / "ws"
        root.mkdir()
        total = make_workspace(root, args.files, args.megabytes, args.rows)
        t = time.perf_counter()
        subprocess.run([sys.executable, "-m", "auditpack", "collect", "--workspace", str(root),
                        "--quiet"], check=True, capture_output=True)
        collect_s = time.perf_counter() - t
        copy_dir = Path(tmp) / "floor"
        copy_dir.mkdir()
        floor = floor_seconds(root, copy_dir)
        shutil.rmtree(copy_dir)
        out = subprocess.run([sys.executable, "-c", BUILD, str(root), str(Path(tmp) / "out")],
                             check=True, capture_output=True, text=True).stdout.split()
        build_s, rss_kb, evidence = float(out[0]), int(out[1]), int(out[2])
        print(f"evidence: {args.files:,} files + {args.rows:,}-row export, {total / 2**20:,.0f} MiB; "
              f"collect {collect_s:.1f} s")
        print(f"build {build_s:.1f} s vs floor {floor:.1f} s ({build_s / floor:.2f}x, target <= 1.3x); "
              f"peak RSS {rss_kb / 1024:.0f} MB (target <= 300); {evidence:,} evidence files in the package")


if __name__ == "__main__":
    main()
