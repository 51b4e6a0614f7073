"""Collect large exports: throughput and peak memory; hash-and-store against sha256sum.

Usage: python bench/collect.py [--rows 1000000] [--gigabytes 2] [--repeat 3] [--skip-store]

1. Writes a synthetic Microsoft Entra ID registration export with N rows (streamed to
   disk), then collects it in a fresh process for 100k rows and for N rows, reporting
   rows/s and the child's peak RSS. Targets: >= 100k rows/s; peak RSS under 150 MB and
   not growing from 100k to N rows.
2. Writes G GiB of distinct files and times `sha256sum` over them, then the store's
   hash-and-store (copy + hash + fsync, content-addressed) in a fresh process, in the same
   run. Target: store time <= 1.3x sha256sum.

With --repeat N each measurement is taken N times (sha256sum and the store alternating,
each store run into a fresh store) and the median is reported beside every run: other
jobs on a shared machine make single runs noisy.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HEADER = ("id,userPrincipalName,userDisplayName,userType,isAdmin,isMfaCapable,isMfaRegistered,"
          "isPasswordlessCapable,isSsprRegistered,methodsRegistered,lastUpdatedDateTime\n")

COLLECT = """
import datetime as dt, resource, sys, time
from pathlib import Path
from auditpack.evidence.collectors.base import CollectContext, SourceSpec
from auditpack.evidence.collectors.entra_mfa import EntraMfaCollector
from auditpack.evidence.store import EvidenceStore
root = Path(sys.argv[1])
store = EvidenceStore.open(root)
ctx = CollectContext(root, store, dt.datetime(2026, 9, 30, tzinfo=dt.timezone.utc), dt.date(2026, 9, 30))
spec = SourceSpec(id="entra", collector="entra_mfa", path=sys.argv[2])
c = EntraMfaCollector()
t = time.perf_counter()
arts = c.collect(spec, c.Options(path=sys.argv[2]), ctx)
elapsed = time.perf_counter() - t
print(arts[0].meta.record_count, elapsed, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""

STORE = """
import sys, time
from pathlib import Path
from auditpack.evidence.store import EvidenceStore
store = EvidenceStore.open(Path(sys.argv[1]))
t = time.perf_counter()
for p in sorted(Path(sys.argv[2]).iterdir()):
    store.put_file(p)
store.flush()  # every blob durable (fsync'd) and at its address: part of the time
print(time.perf_counter() - t)
"""


def write_export(path: Path, rows: int) -> None:
    """Write an Entra export of `rows` users, streaming."""
    with path.open("w", encoding="utf-8") as out:
        out.write(HEADER)
        for i in range(rows):
            mfa = "false" if i % 97 == 0 else "true"
            out.write(f"{i:08x}-0000-4000-8000-{i:012x},user{i}@bench.example,User {i},member,"
                      f"{'true' if i % 50 == 0 else 'false'},true,{mfa},false,true,"
                      f"\"[\"\"microsoftAuthenticatorPush\"\"]\",2026-09-{1 + i % 28:02d}T08:00:00Z\n")


def bench_collect(work: Path, rows: int, repeat: int) -> None:
    """Collect 100k and `rows` rows in fresh processes; print rows/s and peak RSS."""
    for n in sorted({100_000, rows}):
        export = work / f"entra-{n}.csv"
        write_export(export, n)
        rates, peaks = [], []
        for _ in range(repeat):
            store_root = work / f"ws-{n}"
            store_root.mkdir()
            shutil.copy(export, store_root / "export.csv")
            out = subprocess.run([sys.executable, "-c", COLLECT, str(store_root), "export.csv"],
                                 check=True, capture_output=True, text=True).stdout.split()
            count, seconds, rss_kb = int(out[0]), float(out[1]), int(out[2])
            rates.append(count / seconds)
            peaks.append(rss_kb / 1024)
            print(f"collect {count:>9,} rows: {seconds:6.2f} s  {count / seconds:>10,.0f} rows/s  "
                  f"peak RSS {rss_kb / 1024:6.1f} MB")
            shutil.rmtree(store_root)
        export.unlink()
        if repeat > 1:
            print(f"collect {n:>9,} rows: median {statistics.median(rates):,.0f} rows/s, "
                  f"peak RSS at most {max(peaks):.1f} MB")


def bench_store(work: Path, gigabytes: float, repeat: int) -> None:
    """Time sha256sum and the store's hash-and-store over the same files, alternating."""
    files = work / "files"
    files.mkdir()
    size = 64 * 1024 * 1024
    count = max(1, int(gigabytes * 1024**3 // size))
    block = os.urandom(1024 * 1024)
    for n in range(count):
        with (files / f"f{n:03d}.bin").open("wb") as out:
            out.write(n.to_bytes(8, "big"))  # distinct content, so nothing is deduplicated
            for _ in range(size // len(block)):
                out.write(block)
    paths = sorted(str(p) for p in files.iterdir())
    total = count * size / 1024**3
    ratios = []
    for _ in range(repeat):
        subprocess.run(["sync"], check=True)  # start each pair with no dirty pages pending
        t = time.perf_counter()
        subprocess.run(["sha256sum", *paths], check=True, capture_output=True)
        floor = time.perf_counter() - t
        out = subprocess.run([sys.executable, "-c", STORE, str(work / "ws"), str(files)],
                             check=True, capture_output=True, text=True).stdout
        ours = float(out)
        ratios.append(ours / floor)
        print(f"hash {total:.2f} GiB: sha256sum {floor:.2f} s, store {ours:.2f} s "
              f"({ours / floor:.2f}x, target <= 1.3x)")
        shutil.rmtree(work / "ws")
    if repeat > 1:
        print(f"hash {total:.2f} GiB: median {statistics.median(ratios):.2f}x of sha256sum")


def main() -> None:
    """Run both benchmarks in a temporary folder."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--gigabytes", type=float, default=2.0)
    parser.add_argument("--repeat", type=int, default=1,
                        help="take each measurement N times and report the median")
    parser.add_argument("--skip-store", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(dir=os.environ.get("BENCH_TMP")) as tmp:
        bench_collect(Path(tmp), args.rows, args.repeat)
        if not args.skip_store:
            bench_store(Path(tmp), args.gigabytes, args.repeat)


if __name__ == "__main__":
    main()
