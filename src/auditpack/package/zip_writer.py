"""The package's ZIP, written by a forked process while the build runs the checks and renders.

Writing the ZIP is reading, hashing and writing the evidence; the checks and the documents
are Python. In one process they would take turns at the interpreter lock; in two they
overlap on two cores. The build tells the writer which files to add, in order, and then to
finish; the writer answers with the ZIP's sha256 or with the error that stopped it. The
bytes are those `PackageZip` writes in-process, which is what happens without fork
(Windows).
"""

from __future__ import annotations

import datetime as dt
import os
import pickle
from multiprocessing import Pipe
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any, NoReturn

from ..errors import RenderError
from ..evidence.store import Seal
from .bundle import PackageZip, Tree
from .forked import pickled_error, stop


class ZipWriter:
    """Add files to the package's ZIP in order, then finish it: in a forked process when it can.

    `add` hands the writer a list and returns while the writer works through it (a list too
    big for the pipe's buffer waits until the writer is done with the one before);
    `finish` waits for everything and returns the ZIP's sha256, or raises what went wrong.
    """

    def __init__(self, target: Path, root: str, when: dt.datetime, lock: int | None) -> None:
        self.local: PackageZip | None = None
        self.pid = 0
        if not hasattr(os, "fork"):  # pragma: no cover - Windows: written here, in turn
            self.local = PackageZip(target, root, when)
            return
        ours, theirs = Pipe()
        pid = os.fork()
        if pid == 0:  # the writer
            ours.close()
            if lock is not None:
                os.close(lock)  # the build holds its folder's lock, not its writer
            _serve(theirs, target, root, when)
        theirs.close()
        self.pid, self.conn = pid, ours

    def fileno(self) -> int | None:
        """The build's end of the pipe to the writer (a process forked later must close it,
        so that the writer sees the build go away)."""
        return self.conn.fileno() if self.pid else None

    def add(self, files: Tree, expected: dict[str, str],
            seals: dict[str, Seal] | None = None) -> None:
        """Queue files (package path -> where the bytes are) to be written in this order;
        see `PackageZip.add` for `expected` and `seals`."""
        if self.local is not None:  # pragma: no cover - Windows
            self.local.add(files, expected, seals)
            return
        try:
            self.conn.send(("add", dict(files), dict(expected), dict(seals or {})))
        except OSError:
            pass  # the writer stopped: finish() reports why

    def finish(self) -> str:
        """Write the central directory, close the ZIP and return its sha256."""
        if self.local is not None:  # pragma: no cover - Windows
            return self.local.finish()
        try:
            self.conn.send(("finish",))
        except OSError:
            pass  # the writer stopped: its report is waiting
        try:
            kind, payload = self.conn.recv()
        except (EOFError, OSError):
            kind, payload = "error", pickle.dumps(RenderError(
                "the package ZIP was not written (its writer stopped)", "package build",
                "run the build again"))
        os.waitpid(self.pid, 0)
        self.pid = 0
        self.conn.close()
        if kind == "error":
            raise pickle.loads(payload)
        return str(payload)

    def abandon(self) -> None:
        """Stop writing (the build failed); the caller removes the file."""
        if self.local is not None:  # pragma: no cover - Windows
            self.local.abandon()
            return
        if self.pid:
            stop(self.pid)
            self.conn.close()
            self.pid = 0


def _serve(conn: Connection, target: Path, root: str,
           when: dt.datetime) -> NoReturn:  # pragma: no cover - runs in the child
    """Write what the build sends until it says finish (or goes away); then exit at once."""
    archive: PackageZip | None = None
    code = 1
    try:
        archive = PackageZip(target, root, when)
        while True:
            try:
                message: tuple[Any, ...] = conn.recv()
            except EOFError:  # the build is gone: nothing to finish
                archive.abandon()
                break
            if message[0] == "add":
                archive.add(message[1], message[2], message[3])
            else:
                sha256 = archive.finish()
                archive = None
                conn.send(("done", sha256))
                code = 0
                break
    except BaseException as exc:  # noqa: BLE001 - reported to the build, which raises it
        if archive is not None:
            archive.abandon()
        try:
            conn.send(("error", pickled_error(exc, "the package ZIP was not written")))
        except OSError:
            pass
    os._exit(code)  # no clean-up: the store and the lock are the build's
