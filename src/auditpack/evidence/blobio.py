"""Writing blobs: whole writes, disk writeback started early, and hashing while copying."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from concurrent.futures import Executor, Future, wait
from io import FileIO
from pathlib import Path
from typing import IO, Any

# Copy in 1 MiB blocks: two such buffers stay in the CPU cache while one is hashed and the
# other written, and measured faster than 2-4 MiB blocks, which make both go to memory.
FILE_CHUNK = 1 << 20
WRITEBACK = 8 << 20  # see TempBlob


def write_all(out: IO[bytes], view: memoryview) -> None:
    """Write a whole buffer (an unbuffered write may take only part of it)."""
    while view:
        written = out.write(view)
        view = view[written or 0:]


_advise = getattr(os, "posix_fadvise", None)


class TempBlob:
    """A temporary blob being written, which asks the kernel to write it to disk as it grows.

    Without this, nothing reaches the disk until fsync, which then waits for all of it;
    with it, the disk works while the rest is read and hashed, and fsync waits for the
    tail. (POSIX_FADV_DONTNEED starts writeback of dirty pages and never discards data.)
    """

    def __init__(self, out: FileIO) -> None:
        self.out = out
        self.written = 0
        self.started = 0  # bytes whose writeback has been started

    def write(self, view: memoryview) -> None:
        """Append a block; every WRITEBACK bytes, start writing them to disk."""
        write_all(self.out, view)
        self.written += len(view)
        if self.written - self.started >= WRITEBACK:
            self.start_writeback()

    def start_writeback(self) -> None:
        """Start writing to disk what was written since the last call."""
        if _advise is not None and self.written > self.started:
            _advise(self.out.fileno(), self.started, self.written - self.started,
                    os.POSIX_FADV_DONTNEED)
        self.started = self.written


def file_sha256(path: Path) -> str:
    """Hash a file in chunks; return the hex digest."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(FILE_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def absorb(digest: Any, blob: TempBlob, block: bytes) -> None:
    """Hash a block and write it."""
    digest.update(block)
    blob.write(memoryview(block))


def copy_hashed(src: FileIO, out: FileIO, buffers: tuple[bytearray, bytearray],
                writer: Callable[[], Executor]) -> tuple[str, int]:
    """Copy src to out, hashing each block while `writer` writes it; return (sha256, size).

    hashlib and file writes both release the GIL, so on two cores the copy costs little
    more than the hash alone; the two buffers alternate so neither is reused mid-write.
    The last (or only) block of a file is written in line: a small file needs no hand-off.
    """
    digest = hashlib.sha256()
    size = 0
    blob = TempBlob(out)
    writes: list[Future[None] | None] = [None, None]
    turn = 0
    try:
        while True:
            if writes[turn] is not None:
                writes[turn].result()  # type: ignore[union-attr]
                writes[turn] = None
            n = src.readinto(buffers[turn])
            if not n:
                break
            view = memoryview(buffers[turn])[:n]
            if n < FILE_CHUNK:  # the end of the file: no block follows to overlap with
                if writes[turn ^ 1] is not None:
                    writes[turn ^ 1].result()  # type: ignore[union-attr]
                    writes[turn ^ 1] = None
                blob.write(view)
            else:
                writes[turn] = writer().submit(blob.write, view)
            digest.update(view)
            size += n
            turn ^= 1
    finally:
        wait([w for w in writes if w is not None])  # never reuse a buffer being written
    for pending in writes:
        if pending is not None:
            pending.result()
    blob.start_writeback()
    return digest.hexdigest(), size
