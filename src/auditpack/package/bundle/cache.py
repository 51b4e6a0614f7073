"""The package cache: a finished package kept under the digest of everything that fed it.

When nothing that feeds a build has changed (the tool and its libraries, the options, the
workspace's own files, the evidence store's index), the build delivers the package it
made last time instead of making the same bytes again. The cached ZIP is hashed again on
delivery and must match its recorded sha256; anything unexpected (a missing, damaged or
unreadable entry) simply means a fresh build.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import sys
import tempfile
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

import auditpack

from ... import __version__
from ...errors import AuditpackError
from ...evidence.blobio import file_sha256
from ...evidence.store import STORE_DIR
from ...yamlfile import load_yaml
from ..model.views import PackageModel

CACHE_DIR = STORE_DIR / "cache" / "package"
KEEP = 3                      # entries kept, the most recently used first
LIBRARIES = ("python-docx", "XlsxWriter", "lxml", "cryptography", "pydantic")
ENTRY = "entry.json"
MODEL = "model.json"
STORE_TABLES = ("items", "custody")  # what the store's index holds about the evidence


class _Digest:
    """A sha256 fed with labelled, length-prefixed parts (so parts cannot run together)."""

    def __init__(self) -> None:
        self.h = hashlib.sha256()

    def add(self, label: str, data: bytes | str) -> None:
        raw = data.encode() if isinstance(data, str) else data
        self.h.update(f"{label}\0{len(raw)}\0".encode() + raw)

    def file(self, label: str, path: Path) -> None:
        self.add(label, file_sha256(path))

    def hexdigest(self) -> str:
        return self.h.hexdigest()


def _tool(d: _Digest) -> None:
    """Add the tool: version, code files, document libraries, Python and zlib."""
    d.add("version", __version__)
    d.add("python", f"{sys.version} zlib {zlib.ZLIB_RUNTIME_VERSION}")
    for name in LIBRARIES:
        try:
            d.add("library", f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            d.add("library", f"{name} absent")
    code = Path(auditpack.__file__).resolve().parent
    for path in sorted(code.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            d.file(path.relative_to(code).as_posix(), path)


def _skipped(root: Path, out_dir: Path) -> set[Path]:
    """Return folders whose files never feed a build: evidence sources' and the output.

    Evidence reaches a build only through the store, whose index is part of the key.
    """
    skip = {root / "exports", out_dir.resolve()}
    try:
        data = load_yaml(root / "auditpack.yaml").data or {}
        for source in (data.get("evidence") or {}).get("sources") or []:
            path = source.get("path") if isinstance(source, dict) else None
            if isinstance(path, str) and path:
                target = (root / path).resolve()
                if target != root.resolve() and target.is_dir():
                    skip.add(target)
    except (OSError, AuditpackError, AttributeError, TypeError):
        pass  # an unreadable workspace file is hashed as it is; the build will report it
    return {p.resolve() for p in skip}


def _workspace(d: _Digest, root: Path, out_dir: Path) -> None:
    """Add every file of the workspace that may feed a build."""
    skip = _skipped(root, out_dir)
    for folder, dirs, files in os.walk(root):
        here = Path(folder)
        dirs[:] = sorted(n for n in dirs if not n.startswith(".") and n != "__pycache__"
                         and (here / n).resolve() not in skip)
        for name in sorted(files):
            path = here / name
            if path.is_file():
                d.file(path.relative_to(root).as_posix(), path)


def _store(d: _Digest, root: Path) -> None:
    """Add the evidence store's index: every item (with its sha256) and the custody log.

    Rows, not the file's bytes: SQLite rewrites its files (a WAL checkpoint when the store
    is closed) without changing what they hold.
    """
    path = root / STORE_DIR / "index.sqlite"
    if not path.is_file():
        d.add("store", "none")
        return
    try:
        db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            for table in STORE_TABLES:
                rows = db.execute(f"SELECT * FROM {table} ORDER BY seq")
                d.add(f"table {table}", "\n".join(repr(row) for row in rows))
        finally:
            db.close()
    except sqlite3.Error:  # the build itself will say what is wrong; never a cache hit
        d.add("store unreadable", os.urandom(16))


def input_key(root: Path, out_dir: Path, options: dict[str, Any]) -> str:
    """Digest everything that feeds a build of `root` with these options (JSON values)."""
    d = _Digest()
    _tool(d)
    d.add("options", json.dumps(options, sort_keys=True))
    env = {k: v for k, v in os.environ.items()
           if k == "SOURCE_DATE_EPOCH" or k.startswith("AUDITPACK_")}
    d.add("environment", json.dumps(env, sort_keys=True))
    _workspace(d, root, out_dir)
    _store(d, root)
    return d.hexdigest()


def option_file(path: Path | None) -> dict[str, str] | None:
    """Describe a file given as an option (a signing key) by its path and content's digest."""
    if path is None:
        return None
    return {"path": str(path), "sha256": file_sha256(path) if path.is_file() else "missing"}


@dataclass(frozen=True)
class Hit:
    """A cached package delivered again: where, its sha256, its summary, and its model."""

    zip_path: Path
    sha256: str
    summary: tuple[str, ...]
    load_model: Callable[[], PackageModel]


class PackageCache:
    """Finished packages of one workspace, by input key."""

    def __init__(self, root: Path) -> None:
        self.dir = root / CACHE_DIR

    def fetch(self, key: str, out_dir: Path) -> Hit | None:
        """Deliver a cached package into out_dir and say what it is; None when there is none."""
        entry_dir = self.dir / key
        try:
            entry = json.loads((entry_dir / ENTRY).read_text(encoding="utf-8"))
            cached = entry_dir / str(entry["zip"])
            model_bytes = (entry_dir / MODEL).read_bytes()
            if file_sha256(cached) != entry["sha256"] or \
                    hashlib.sha256(model_bytes).hexdigest() != entry["model_sha256"]:
                shutil.rmtree(entry_dir, ignore_errors=True)
                return None
            summary = tuple(str(line) for line in entry["summary"])
            out_dir.mkdir(parents=True, exist_ok=True)
            target = out_dir / cached.name
            _copy_into(cached, target)
            os.utime(entry_dir / ENTRY)  # most recently used
            return Hit(target, str(entry["sha256"]), summary,
                       lambda: PackageModel.model_validate_json(model_bytes))
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def store(self, key: str, zip_path: Path, sha256: str, model: PackageModel,
              summary: Iterable[str]) -> None:
        """Keep a finished package under its key; skip quietly when that fails."""
        try:
            self.dir.mkdir(parents=True, exist_ok=True)
            work = Path(tempfile.mkdtemp(prefix=".entry-", dir=self.dir))
            try:
                model_json = model.model_dump_json().encode("utf-8")
                _copy_into(zip_path, work / zip_path.name)
                (work / MODEL).write_bytes(model_json)
                entry = {"zip": zip_path.name, "sha256": sha256, "summary": list(summary),
                         "model_sha256": hashlib.sha256(model_json).hexdigest()}
                (work / ENTRY).write_text(json.dumps(entry), encoding="utf-8")
                shutil.rmtree(self.dir / key, ignore_errors=True)
                os.replace(work, self.dir / key)
            finally:
                shutil.rmtree(work, ignore_errors=True)
            self._prune()
        except OSError:
            return  # e.g. a full disk: no cache, no harm

    def _prune(self) -> None:
        """Keep the KEEP most recently used entries."""
        entries = sorted((p for p in self.dir.iterdir() if (p / ENTRY).is_file()),
                         key=lambda p: (p / ENTRY).stat().st_mtime_ns, reverse=True)
        for old in entries[KEEP:]:
            shutil.rmtree(old, ignore_errors=True)


def _copy_into(source: Path, target: Path) -> None:
    """Put a copy of `source` at `target` atomically (a hard link where it can be)."""
    partial = target.with_name(f".{target.name}.cached-{os.getpid()}")
    partial.unlink(missing_ok=True)
    try:
        os.link(source, partial)
    except OSError:
        shutil.copyfile(source, partial)
    os.replace(partial, target)
