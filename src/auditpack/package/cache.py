"""Reuse a finished package when nothing that feeds it has changed.

A build's inputs are digested into a key: the tool (its version and the files of its code,
the libraries that write the documents, Python's zlib), the build's options (files they
name are read), SOURCE_DATE_EPOCH and AUDITPACK_* variables, the workspace's own files
(auditpack.yaml, controls, catalogs, templates, request lists: everything outside hidden
folders and the evidence sources' folders, which only collection reads), and the evidence
store's index. An entry under `.auditpack/cache/package/<key>/` holds the finished ZIP (a
hard link to the one delivered: no copy), the package model, and the size, time and inode
of the ZIP and of every evidence blob it was built from. An entry is used only when all of
those still match, so a changed input, a ZIP edited in place or a blob changed in the store
never reuses a stale result; anything else that goes wrong with the cache means a full build.

Check outcomes are cached too (`cached_checks`): a check is a pure function of the evidence
items it reads (their hashes and metadata), the as-of date and its options, so its outcome
is kept under a digest of those and of the tool, and a build whose package cannot be
reused still skips re-reading, say, an unchanged million-row export.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import os
import shutil
import sqlite3
import sys
import tempfile
import threading
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from importlib import metadata
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel

from .. import __version__
from ..evidence.checks import base as checks
from ..evidence.checks.engine import CHECKS_VERSION
from ..evidence.checks.model import Outcome
from .model import PackageModel

CACHE_DIR = Path(".auditpack") / "cache" / "package"
CHECKS_DIR = Path(".auditpack") / "cache" / "checks"
KEEP_CHECKS = 2000            # check outcomes kept; the oldest go first
KEEP = 3                      # entries kept (the newest, and others still delivered)
HASH_UP_TO = 4 << 20          # workspace files up to this size are hashed, bigger ones stat'ed
LIBRARIES = ("python-docx", "XlsxWriter", "lxml", "cryptography", "pydantic")
ENTRY = "entry.json"
MODEL = "model.json"
Signature = list[int]         # size, mtime_ns, inode
_REGISTRY_LOCK = threading.Lock()


def signature(path: Path | str) -> Signature:
    """Return what tells a file apart from an edited or replaced one, without reading it."""
    st = os.stat(path)
    return [st.st_size, st.st_mtime_ns, st.st_ino]


class _Digest:
    """A sha256 fed with labelled, length-prefixed parts (so parts cannot run together)."""

    def __init__(self) -> None:
        self.h = hashlib.sha256()

    def add(self, label: str, data: bytes | str) -> None:
        raw = data.encode() if isinstance(data, str) else data
        self.h.update(f"{label}\0{len(raw)}\0".encode() + raw)

    def file(self, label: str, path: Path) -> None:
        """Add a file's bytes (or, above HASH_UP_TO, its signature)."""
        st = path.stat()
        if st.st_size > HASH_UP_TO:
            self.add(label, f"stat {st.st_size} {st.st_mtime_ns}")
            return
        self.add(label, path.read_bytes())

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
    code = Path(__file__).resolve().parents[1]
    for path in sorted(code.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            d.file(path.relative_to(code).as_posix(), path)


def _option_value(value: Any) -> Any:
    """Turn an option into JSON; a path into its content's digest (or a folder's files')."""
    if isinstance(value, Path):
        d = _Digest()
        if value.is_file():
            d.file("file", value)
        elif value.is_dir():
            for p in sorted(x for x in value.rglob("*") if x.is_file()):
                d.file(p.relative_to(value).as_posix(), p)
        else:
            d.add("missing", "")
        return {"path": str(value), "digest": d.hexdigest()}
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return _option_value(dataclasses.asdict(value))
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(k): _option_value(v) for k, v in sorted(value.items(), key=lambda kv: str(kv[0]))}
    if isinstance(value, (set, frozenset)):
        return sorted((_option_value(v) for v in value), key=repr)
    if isinstance(value, (list, tuple)):
        return [_option_value(v) for v in value]
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return repr(value)


SAFE_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when built with it


def _skipped(root: Path, out_dir: Path) -> set[Path]:
    """Return folders whose files never feed a build: evidence sources' and the output."""
    skip = {root / "exports", out_dir.resolve()}
    try:
        data = yaml.load((root / "auditpack.yaml").read_text(encoding="utf-8"),
                         Loader=SAFE_LOADER) or {}
        sources = (data.get("evidence") or {}).get("sources") or []
        for source in sources:
            path = source.get("path") if isinstance(source, dict) else None
            if isinstance(path, str) and path:
                target = (root / path).resolve()
                if target != root.resolve() and target.is_dir():
                    skip.add(target)
    except (OSError, yaml.YAMLError, AttributeError):
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


NOT_INPUTS = {"seals"}  # the store's record of its blob files' stat: the blobs are checked here


def _store(d: _Digest, root: Path) -> None:
    """Add the evidence store's index: every row of every table (each item, hash, metadata),
    except the seals, which say nothing about what the evidence is.

    Rows, not the file's bytes: SQLite rewrites its files (a WAL checkpoint when the store
    is closed) without changing what they hold.
    """
    path = root / ".auditpack" / "index.sqlite"
    if not path.is_file():
        d.add("store", "none")
        return
    try:
        db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            tables = [row[0] for row in db.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
                if row[0] not in NOT_INPUTS]
            for table in tables:
                quoted = table.replace('"', '""')
                rows = sorted(repr(row) for row in db.execute(f'SELECT * FROM "{quoted}"'))
                d.add(f"table {table}", "\n".join(rows))
        finally:
            db.close()
    except sqlite3.Error:  # the build itself will say what is wrong; never a cache hit
        d.add("store unreadable", os.urandom(16))


def input_key(root: Path, out_dir: Path, options: Mapping[str, Any]) -> str:
    """Digest everything that feeds a build of `root` with these options."""
    d = _Digest()
    _tool(d)
    d.add("options", json.dumps(_option_value(dict(options)), sort_keys=True))
    env = {k: v for k, v in os.environ.items()
           if k == "SOURCE_DATE_EPOCH" or k.startswith("AUDITPACK_")}
    d.add("environment", json.dumps(env, sort_keys=True))
    _workspace(d, root, out_dir)
    _store(d, root)
    return d.hexdigest()


@dataclasses.dataclass(frozen=True)
class Entry:
    """A cache entry's contents besides the ZIP: the model as JSON, the printed summary,
    and each blob the package holds with its signature (path, [size, mtime_ns, inode])."""

    model_json: bytes
    summary: tuple[str, ...]
    blobs: list[list[Any]]


@dataclasses.dataclass(frozen=True)
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
            cached = entry_dir / entry["zip"]
            if signature(cached) != entry["signature"] or any(
                    signature(p) != sig for p, sig in entry["blobs"]):
                self._drop(entry_dir)
                return None
            summary = tuple(str(line) for line in entry["summary"])
            # the model is read when it is asked for: it is kept apart, with its own digest
            model_bytes = (entry_dir / MODEL).read_bytes()
            if hashlib.sha256(model_bytes).hexdigest() != entry["model_sha256"]:
                self._drop(entry_dir)
                return None
            target = out_dir / entry["zip"]
            if not (target.exists() and os.path.samefile(target, cached)):
                out_dir.mkdir(parents=True, exist_ok=True)
                _link_into(cached, target)
            os.utime(entry_dir / ENTRY)  # most recently used
            return Hit(target, str(entry["sha256"]), summary,
                       lambda: PackageModel.model_validate_json(model_bytes))
        except (OSError, ValueError, KeyError, TypeError, sqlite3.Error):
            return None

    @staticmethod
    def entry(model: PackageModel, summary: Iterable[str], blobs: Iterable[Path]) -> Entry:
        """Make what an entry keeps besides the ZIP (the build does it while it waits for
        its documents): the model, the summary, and the blobs' signatures."""
        return Entry(model.model_dump_json().encode("utf-8"), tuple(summary),
                     [[str(p), signature(p)] for p in dict.fromkeys(blobs)])

    def store(self, key: str, zip_path: Path, sha256: str, made: Entry) -> None:
        """Keep a finished package (a hard link to it) under its key; skip when that fails."""
        try:
            self.dir.mkdir(parents=True, exist_ok=True)
            work = Path(tempfile.mkdtemp(prefix=".entry-", dir=self.dir))
            try:
                os.link(zip_path, work / zip_path.name)
                (work / MODEL).write_bytes(made.model_json)
                entry = {"zip": zip_path.name, "sha256": sha256, "summary": list(made.summary),
                         "model_sha256": hashlib.sha256(made.model_json).hexdigest(),
                         "signature": signature(work / zip_path.name),
                         "blobs": made.blobs}
                (work / ENTRY).write_text(json.dumps(entry), encoding="utf-8")
                self._drop(self.dir / key)
                os.replace(work, self.dir / key)
            finally:
                shutil.rmtree(work, ignore_errors=True)
            self._prune()
        except OSError:
            return  # e.g. the output is on another file system: no cache, no harm

    def _prune(self) -> None:
        """Keep the newest entry, and up to KEEP in all whose ZIP is still delivered somewhere.

        An entry's ZIP is a hard link: while the delivered package exists it costs no space;
        once that is deleted or replaced, only the newest entry keeps a full copy.
        """
        entries = sorted((p for p in self.dir.iterdir() if (p / ENTRY).is_file()),
                         key=lambda p: (p / ENTRY).stat().st_mtime_ns, reverse=True)
        kept = entries[:1]
        for entry_dir in entries[1:]:
            zips = list(entry_dir.glob("*.zip"))
            if len(kept) < KEEP and zips and zips[0].stat().st_nlink > 1:
                kept.append(entry_dir)
            else:
                self._drop(entry_dir)

    @staticmethod
    def _drop(entry_dir: Path) -> None:
        shutil.rmtree(entry_dir, ignore_errors=True)


def _link_into(cached: Path, target: Path) -> None:
    """Put the cached ZIP at target atomically: a hard link, or a copy across file systems."""
    partial = target.with_name(f".{target.name}.cached-{os.getpid()}")
    partial.unlink(missing_ok=True)
    try:
        os.link(cached, partial)
    except OSError:
        shutil.copyfile(cached, partial)
    os.replace(partial, target)


def tool_digest() -> str:
    """Return the digest of the tool alone (version, code, libraries)."""
    d = _Digest()
    _tool(d)
    return d.hexdigest()


def _check_key(name: str, data: checks.CheckInput, tool: str) -> str:
    """Digest everything a check's outcome rests on."""
    items = {kind: [[item.evidence_id, item.sha256, item.meta.model_dump(mode="json")]
                    for pair in pairs for item in pair if item is not None]
             for kind, pairs in sorted(data.items_by_kind.items())}
    body = {"check": name, "checks_version": CHECKS_VERSION, "tool": tool,
            "as_of": data.as_of.isoformat(), "kind": data.kind,
            "options": _option_value(data.options), "items": items}
    return hashlib.sha256(json.dumps(body, sort_keys=True, default=str).encode()).hexdigest()


def _caching(check: checks.Check, folder: Path, tool: str
             ) -> Callable[[checks.CheckInput], Outcome]:
    """Wrap a check so that its outcome over the same inputs is read back, not recomputed."""
    def run(data: checks.CheckInput) -> Outcome:
        path = folder / f"{_check_key(check.name, data, tool)}.json"
        try:
            return Outcome.model_validate_json(path.read_bytes())
        except (OSError, ValueError):
            pass
        outcome = check.run(data)
        try:
            folder.mkdir(parents=True, exist_ok=True)
            partial = path.with_name(f".{path.name}.{os.getpid()}")
            partial.write_text(outcome.model_dump_json(), encoding="utf-8")
            os.replace(partial, path)
        except OSError:
            pass  # not cached; the outcome stands
        return outcome
    return run


@contextmanager
def cached_checks(root: Path) -> Iterator[None]:
    """Run the block with every registered check's outcome cached in the workspace.

    The registry is shared by the process, so builds in several threads take turns here.
    """
    folder = root / CHECKS_DIR
    tool = tool_digest()
    with _REGISTRY_LOCK:
        originals = dict(checks.REGISTRY)
        for name, check in originals.items():
            checks.REGISTRY[name] = dataclasses.replace(check, run=_caching(check, folder, tool))
        try:
            yield
        finally:
            checks.REGISTRY.update(originals)
            _prune_checks(folder)


def _prune_checks(folder: Path) -> None:
    """Keep the KEEP_CHECKS most recent outcomes."""
    try:
        found = sorted(folder.glob("*.json"), key=lambda p: p.stat().st_mtime_ns, reverse=True)
        for old in found[KEEP_CHECKS:]:
            old.unlink(missing_ok=True)
    except OSError:
        pass
