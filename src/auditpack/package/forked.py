"""What the build's forked helpers (the ZIP writer, the renderer) share: errors and stopping."""

from __future__ import annotations

import os
import pickle
import signal

from ..errors import RenderError


def pickled_error(exc: BaseException, what: str) -> bytes:
    """Pickle an error for the build to raise again (a stand-in when it cannot be pickled)."""
    try:
        return pickle.dumps(exc)
    except Exception:  # noqa: BLE001 - an error that cannot be pickled
        return pickle.dumps(RenderError(f"{what}: {exc!r}", "package build"))


def stop(pid: int) -> None:
    """Kill a forked helper and reap it (the build failed; it may have exited already)."""
    try:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    except OSError:
        pass
