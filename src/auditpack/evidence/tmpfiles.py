"""Remove temporary blob files that a killed collect left in the store's tmp folder.

A blob is written to `store/tmp` first and renamed to its address once complete, so a
collect killed with -9 leaves a file there that nothing refers to. Each collect holds a
shared lock on `store/tmp.lock` while it runs; a collect that gets the lock exclusively
is the only one running and removes the files there older than STALE_SECONDS (a margin
for a `check`, which writes its results through the same folder without that lock).
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

STALE_SECONDS = 60


@contextmanager
def tmp_guard(tmp: Path) -> Iterator[list[Path]]:
    """Hold the collect lock on `tmp` for the block; yield the stale files removed first."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows: orphans stay until removed by hand
        yield []
        return
    fd = os.open(tmp.parent / "tmp.lock", os.O_CREAT | os.O_RDWR, 0o600)
    try:
        removed: list[Path] = []
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            removed = remove_stale(tmp, time.time() - STALE_SECONDS)
        except OSError:
            pass  # another collect is running: its files are not ours to judge
        fcntl.flock(fd, fcntl.LOCK_SH)
        yield removed
    finally:
        os.close(fd)


def remove_stale(tmp: Path, before: float) -> list[Path]:
    """Remove the files in `tmp` last changed before `before` (a time.time() value)."""
    removed = []
    for path in sorted(tmp.iterdir()) if tmp.is_dir() else []:
        try:
            if path.is_file() and not path.is_symlink() and path.stat().st_mtime < before:
                path.unlink()
                removed.append(path)
        except OSError:
            continue  # gone already, or not ours to remove
    return removed
