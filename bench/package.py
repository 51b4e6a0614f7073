"""Build a large synthetic package: wall time against the copy-and-hash floor, and peak memory.

Usage: python bench/package.py [--files 20000] [--megabytes 4096] [--rows 1000000]

Creates a workspace in a temporary folder: the five built-in frameworks, the starter
library plus synthetic controls up to 300, N evidence files totalling M MiB (collected with
the file collector, one source per 100 files) and one Entra export of R rows; collects it,
then times `build_package` in a fresh process and reports its peak RSS. The floor is the time to
read, hash (sha256) and copy the same evidence bytes once: the store blobs of every evidence
file the package holds (the exports as collected and the records derived from them), each
to a file of its own. It is measured in the same run before and after the build, each phase
starting from a flushed, settled disk (--settle); the build is compared with the mean of
the two, and both are printed.
Then times a rebuild with nothing changed (a fresh process again), which reuses the cached
package. Targets: build <= 2x the floor; peak RSS <= 300 MB; cached rebuild <= 5% of the
cold build. --workspace DIR keeps the collected workspace there (and reuses it next time).
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
print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, len(r.model.evidence),
      r.sha256)
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


def package_blobs(root: Path) -> list[Path]:
    """The store blobs of every evidence file the package will hold: the exports as collected
    and the normalised records derived from them (the 1M-row export's are ~330 MB)."""
    from auditpack.package.model.assemble import assemble_model

    assembled = assemble_model(root)
    try:
        return [assembled.store.blob_path(e.sha256) for e in assembled.model.evidence]
    finally:
        assembled.close()


def floor_seconds(blobs: list[Path], target: Path) -> float:
    """Time reading, hashing and copying every evidence byte of the package once."""
    t = time.perf_counter()
    for n, path in enumerate(blobs):
        if path.is_file():
            digest = hashlib.sha256()
            with path.open("rb") as src, (target / f"{n:06d}").open("wb") as out:
                while chunk := src.read(4 << 20):
                    digest.update(chunk)
                    out.write(chunk)
    return time.perf_counter() - t


def timed_floor(blobs: list[Path], copy_dir: Path) -> float:
    """Time the floor into an empty folder, then remove the copies."""
    copy_dir.mkdir()
    seconds = floor_seconds(blobs, copy_dir)
    shutil.rmtree(copy_dir)
    return seconds


def settle(seconds: float) -> None:
    """Flush the disk and let it settle (a virtual disk goes on writing after sync returns),
    so that each timed phase starts from the same quiet state."""
    os.sync()
    time.sleep(seconds)


def timed_build(root: Path, out: Path) -> tuple[float, int, int, str]:
    """Build in a fresh process; return seconds, peak RSS (KiB), evidence files, sha256."""
    fields = subprocess.run([sys.executable, "-c", BUILD, str(root), str(out)], check=True,
                            capture_output=True, text=True).stdout.split()
    return float(fields[0]), int(fields[1]), int(fields[2]), fields[3]


def prepare(root: Path, args: argparse.Namespace) -> tuple[int, float | None]:
    """Make and collect the workspace (unless a kept one is there); return bytes and seconds."""
    if (root / ".auditpack" / "index.sqlite").is_file():
        shutil.rmtree(root / ".auditpack" / "cache", ignore_errors=True)  # a cold build next
        return sum(p.stat().st_size for p in (root / "exports").rglob("*") if p.is_file()), None
    root.mkdir(parents=True, exist_ok=True)
    total = make_workspace(root, args.files, args.megabytes, args.rows)
    t = time.perf_counter()
    subprocess.run([sys.executable, "-m", "auditpack", "collect", "--workspace", str(root),
                    "--quiet"], check=True, capture_output=True)
    return total, time.perf_counter() - t


def main() -> None:
    """Make, collect, build cold, rebuild cached; print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=20000)
    parser.add_argument("--megabytes", type=int, default=4096)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--workspace", type=Path, help="keep (or reuse) the workspace here")
    parser.add_argument("--settle", type=float, default=20.0,
                        help="seconds to let the disk settle before each timed phase")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(dir=os.environ.get("BENCH_TMP")) as tmp:
        root = args.workspace or Path(tmp) / "ws"
        total, collect_s = prepare(root, args)
        blobs = package_blobs(root)
        settle(args.settle)
        before = timed_floor(blobs, Path(tmp) / "floor")
        settle(args.settle)
        build_s, rss_kb, evidence, sha = timed_build(root, Path(tmp) / "out")
        again_s, again_kb, _, again_sha = timed_build(root, Path(tmp) / "again")
        assert again_sha == sha, "the cached rebuild differs from the cold build"
        for out in ("out", "again"):
            shutil.rmtree(Path(tmp) / out)
        shutil.rmtree(root / ".auditpack" / "cache", ignore_errors=True)
        settle(args.settle)
        after = timed_floor(blobs, Path(tmp) / "floor")
        floor = (before + after) / 2
        collected = f"collect {collect_s:.1f} s" if collect_s is not None else "collected before"
        held = sum(b.stat().st_size for b in blobs)
        print(f"evidence: {args.files:,} files + {args.rows:,}-row export, {total / 2**20:,.0f} MiB; "
              f"{collected}; the package holds {len(blobs):,} files, {held / 2**20:,.0f} MiB")
        print(f"build {build_s:.1f} s vs floor {floor:.1f} s ({build_s / floor:.2f}x, target <= 2x; "
              f"floor {before:.1f} s before, {after:.1f} s after); peak RSS {rss_kb / 1024:.0f} MB "
              f"(target <= 300); {evidence:,} evidence files in the package")
        print(f"cached rebuild {again_s:.2f} s ({100 * again_s / build_s:.1f}% of the cold build, "
              f"target <= 5%); peak RSS {again_kb / 1024:.0f} MB; same sha256")


if __name__ == "__main__":
    main()
