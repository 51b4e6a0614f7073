"""Run a command (no shell) and keep what it printed, with secrets redacted before storage.

The command gets the collection's environment (`ctx.environ`) and no input; only its
standard output is stored, its standard error serves the error message. Secrets are matched
as their UTF-8 bytes, so output in another encoding (UTF-16 from some Windows tools) is not
redacted — unverified on Windows.
"""

from __future__ import annotations

import os
import queue
import re
import shlex
import signal
import subprocess
import threading
import time
from collections.abc import Generator, Iterator, Sequence
from pathlib import Path
from typing import IO, Any

from pydantic import BaseModel, ConfigDict, Field

from ...errors import EvidenceError
from .base import Artifact, CollectContext, Collector, SourceSpec

CHUNK = 64 << 10
REDACTED = b"[REDACTED]"
MIN_HOLD = 64          # longer than any partial "Authorization: Bearer " lead worth catching
MAX_HOLD = 1 << 20     # a longer token is redacted in pieces rather than held in memory
STDERR_TAIL = 8 << 10  # bytes of (redacted) stderr kept for the error message
STDERR_LINES = 10
QUEUE_CHUNKS = 16      # chunks read ahead of the store: bounds memory on a fast writer
TOKEN = rb"[A-Za-z0-9\-._~+/]+=*"
TOKEN_CHARS = re.compile(rb"[A-Za-z0-9\-._~+/=]*")
# A capitalised "Bearer", or any case after "Authorization:": prose ("the bearer of") stays
# readable while HTTP headers and tokens printed by CLIs are caught. No word boundary: it
# would depend on the byte before a chunk, and "xBearer tok" is better over-redacted.
BEARER = rb"(?P<lead>(?:(?:(?i:authorization:[ \t]*bearer)|Bearer)[ \t]+)+)" + TOKEN
EXTENSIONS = {"text/plain": ".txt", "application/json": ".json",
                   "application/x-ndjson": ".jsonl", "text/csv": ".csv", "text/html": ".html",
                   "application/xml": ".xml", "text/xml": ".xml"}


class CommandOptions(BaseModel):
    """The command as a list of arguments, never a shell string."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    argv: list[str] = Field(min_length=1)
    timeout_seconds: int = Field(60, ge=1, le=3600)
    redact_env: list[str] = Field(default_factory=list)
    cwd: str | None = None
    media_type: str = "text/plain"


class Redactor:
    """Replace secret values and bearer tokens in a byte stream, even when split across chunks."""

    def __init__(self, secrets: Sequence[str]) -> None:
        literals = sorted({s.encode() for s in secrets if s}, key=len, reverse=True)
        # Longest secret first: of two overlapping secrets the longer is removed whole.
        self._pattern = re.compile(b"|".join([re.escape(s) for s in literals] + [BEARER]))
        self._hold = max([MIN_HOLD, *(len(s) for s in literals)])
        self._buf = b""
        self._in_token = False

    def feed(self, chunk: bytes) -> bytes:
        """Return the redacted output that is final; hold back what a match may still span."""
        data = self._skip_token(self._buf + chunk)
        cut = max(len(data) - self._hold, 0)
        for match in self._pattern.finditer(data):
            if match.start() >= cut:
                break
            if match.end() > cut or match.end() == len(data):
                cut = match.start()  # a match across the cut (or a token still growing)
                break
        if len(data) - cut > max(MAX_HOLD, self._hold):
            # Only a very long token gets here: redact it now, drop the rest of it later.
            cut, self._in_token = len(data), True
        self._buf = data[cut:]
        return self._redact(data[:cut])

    def flush(self) -> bytes:
        """Return the redacted remainder at the end of the stream."""
        data, self._buf = self._skip_token(self._buf), b""
        return self._redact(data)

    def redact(self, text: str) -> str:
        """Redact one whole string (an argument, a line of stderr)."""
        return self._redact(text.encode()).decode(errors="replace")

    def _skip_token(self, data: bytes) -> bytes:
        """Drop the continuation of a token already redacted."""
        if not self._in_token:
            return data
        match = TOKEN_CHARS.match(data)
        rest = data[match.end():] if match else data
        self._in_token = not rest
        return rest

    def _redact(self, data: bytes) -> bytes:
        """Replace every match in a piece known to hold no partial match."""
        return self._pattern.sub(lambda m: (m.group("lead") or b"") + REDACTED, data)


class _StderrTail(threading.Thread):
    """Drain stderr (so the command never blocks on it), keeping only its redacted tail."""

    def __init__(self, stream: IO[bytes], redactor: Redactor) -> None:
        super().__init__(daemon=True)
        self.stream, self.redactor, self.tail = stream, redactor, bytearray()

    def run(self) -> None:
        """Read stderr to its end."""
        try:
            while chunk := self.stream.read(CHUNK):
                self._keep(self.redactor.feed(chunk))
        except (OSError, ValueError):
            pass  # the pipe was closed under us because the command is being stopped
        self._keep(self.redactor.flush())

    def _keep(self, data: bytes) -> None:
        """Append to the tail, dropping what is older than its limit."""
        self.tail += data
        del self.tail[:-STDERR_TAIL]

    def last_lines(self) -> str:
        """Return the last lines written to stderr."""
        lines = bytes(self.tail).decode(errors="replace").strip().splitlines()
        return "\n".join(lines[-STDERR_LINES:])


def _read_ahead(stream: IO[bytes], out: queue.Queue[bytes | None], stop: threading.Event) -> None:
    """Read stdout into a bounded queue (None at its end), so the caller can stop in time."""
    chunk: bytes | None = b""
    while chunk is not None and not stop.is_set():
        try:
            chunk = stream.read(CHUNK) or None
        except (OSError, ValueError):
            chunk = None  # the pipe was closed under us because the command is being stopped
        while not stop.is_set():
            try:
                out.put(chunk, timeout=0.1)
                break
            except queue.Full:
                continue


class CommandCollector(Collector):
    """Store a command's standard output as evidence; a failure or a timeout is an error."""

    name = "command"
    version = "1"
    Options = CommandOptions

    def collect(self, spec: SourceSpec, options: Any, ctx: CollectContext) -> list[Artifact]:
        """Run the command in the workspace (or `cwd`) and store its redacted output."""
        opts: CommandOptions = options
        cwd = ctx.inside(opts.cwd, "cwd") if opts.cwd is not None else ctx.workspace
        if not cwd.is_dir():
            raise EvidenceError("cwd is not a folder", str(cwd),
                                "give a folder inside the workspace, relative to it")
        names = [n for n in opts.redact_env if ctx.environ.get(n)]
        secrets = [ctx.environ[n] for n in names]
        argv = [Redactor(secrets).redact(a) for a in opts.argv]
        shown = shlex.join(argv)
        where = f"source '{spec.id}'"
        exit_code = 0

        def output() -> Iterator[bytes]:
            nonlocal exit_code
            exit_code = yield from self._run(opts, cwd, ctx, secrets, shown, where)

        sha, size = ctx.store.put_stream(output())
        ext = EXTENSIONS.get(opts.media_type, ".txt" if opts.media_type.startswith("text/")
                                  else ".bin")
        params = {"argv": argv, "exit_code": exit_code, "timeout_seconds": opts.timeout_seconds,
                  "redacted": names, "cwd": opts.cwd}
        return [Artifact(sha, size, self.meta(spec, ctx, original_name=f"{spec.id}.out{ext}",
                                              media_type=opts.media_type, parameters=params))]

    def _run(self, opts: CommandOptions, cwd: Path, ctx: CollectContext, secrets: list[str],
             shown: str, where: str) -> Generator[bytes, None, int]:
        """Yield the redacted stdout; raise (so nothing is stored) on timeout or failure."""
        posix = os.name == "posix"
        try:
            proc = subprocess.Popen(
                opts.argv, cwd=cwd, env=dict(ctx.environ), stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE, stderr=subprocess.PIPE, bufsize=0,
                start_new_session=posix)  # its own group, so a timeout stops its children too
        except OSError as exc:
            raise EvidenceError(f"cannot run {shown}: {exc.strerror or exc}", where,
                                "check the command in argv (it runs without a shell)") from None
        assert proc.stdout is not None and proc.stderr is not None
        deadline = time.monotonic() + opts.timeout_seconds
        stop = threading.Event()
        chunks: queue.Queue[bytes | None] = queue.Queue(QUEUE_CHUNKS)
        reader = threading.Thread(target=_read_ahead, args=(proc.stdout, chunks, stop), daemon=True)
        reader.start()
        stderr = _StderrTail(proc.stderr, Redactor(secrets))
        stderr.start()
        try:
            redactor = Redactor(secrets)
            while (chunk := self._next(chunks, deadline)) is not None:
                if out := redactor.feed(chunk):
                    yield out
            if tail := redactor.flush():
                yield tail
            code = proc.wait(timeout=max(deadline - time.monotonic(), 0.01))
        except (queue.Empty, subprocess.TimeoutExpired):
            raise EvidenceError(f"command {shown} did not finish within {opts.timeout_seconds} s",
                                where, "raise timeout_seconds, or narrow what the command does"
                                ) from None
        finally:
            stop.set()
            _kill(proc, posix)
            _close(proc.stdout, reader)
            _close(proc.stderr, stderr)
        if code != 0:
            last = stderr.last_lines()
            detail = f"; last lines of stderr:\n{last}" if last else " (nothing on stderr)"
            raise EvidenceError(f"command {shown} exited with code {code}{detail}", where,
                                "run the command by hand to see why it failed")
        return code

    @staticmethod
    def _next(chunks: queue.Queue[bytes | None], deadline: float) -> bytes | None:
        """Return the next chunk of stdout, None at its end; raise queue.Empty at the deadline."""
        return chunks.get(timeout=max(deadline - time.monotonic(), 0.01))


def _kill(proc: subprocess.Popen[bytes], posix: bool) -> None:
    """Stop the command (and, on POSIX, whatever it started) if it is still running."""
    if proc.poll() is None:
        try:
            if posix:
                os.killpg(proc.pid, signal.SIGKILL)
            else:
                proc.kill()
        except (ProcessLookupError, PermissionError):
            pass
    try:
        proc.wait(timeout=5)
    except subprocess.TimeoutExpired:
        pass


def _close(stream: IO[bytes], reader: threading.Thread) -> None:
    """Close a pipe once its reader is done; one held open by an escaped child is left to it."""
    reader.join(timeout=5)
    if not reader.is_alive():
        stream.close()
