"""Temporary blob files left by a killed collect are removed by the next collect, alone."""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from auditpack.evidence.collect import collect
from auditpack.evidence.store import EvidenceStore
from auditpack.workspace.loader import load_workspace

FIXTURE = Path(__file__).parents[1] / "fixtures" / "workspace"
KILLED = """
import os, signal, sys
from pathlib import Path
from auditpack.evidence.store import EvidenceStore
def chunks():
    yield b"half a blob" * 1000
    os.kill(os.getpid(), signal.SIGKILL)
    yield b"never"
EvidenceStore.open(Path(sys.argv[1])).put_stream(chunks())
"""


def killed_collect(ws: Path) -> list[Path]:
    """Leave an orphan the way kill -9 does, and make it an hour old."""
    done = subprocess.run([sys.executable, "-c", KILLED, str(ws)], timeout=60)
    assert done.returncode == -9
    orphans = sorted((ws / ".auditpack" / "store" / "tmp").iterdir())
    assert len(orphans) == 1 and orphans[0].read_bytes().startswith(b"half a blob")
    hour_ago = time.time() - 3600
    os.utime(orphans[0], (hour_ago, hour_ago))
    return orphans


def test_the_next_collect_removes_what_a_killed_one_left(tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    shutil.copytree(FIXTURE, ws)
    killed_collect(ws)
    fresh = ws / ".auditpack" / "store" / "tmp" / "blob-being-written"
    fresh.write_bytes(b"another process is writing this one")
    with EvidenceStore.open(ws) as store:
        items = collect(load_workspace(ws), store)
    assert len(items) == 3
    assert sorted(p.name for p in (ws / ".auditpack" / "store" / "tmp").iterdir()) == [
        "blob-being-written"]


def test_a_collect_running_beside_another_removes_nothing(tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    shutil.copytree(FIXTURE, ws)
    orphans = killed_collect(ws)
    fd = os.open(ws / ".auditpack" / "store" / "tmp.lock", os.O_CREAT | os.O_RDWR, 0o600)
    fcntl.flock(fd, fcntl.LOCK_SH)  # as a collect in progress holds it
    try:
        with EvidenceStore.open(ws) as store:
            collect(load_workspace(ws), store)
        assert orphans[0].exists()
    finally:
        os.close(fd)
    with EvidenceStore.open(ws) as store:
        collect(load_workspace(ws), store)
    assert not orphans[0].exists()
