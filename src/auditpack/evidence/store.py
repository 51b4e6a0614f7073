"""The evidence store: content-addressed blobs, an SQLite index, and a hash-chained custody log.

Append-only: collecting again adds a version; nothing is updated or deleted (SQLite
triggers refuse it), and every addition is chained into the custody log so an edit to
history is detectable by `verify`.

Durability: a blob's bytes are fsync'd before it is renamed to its address, and the
folders that received new addresses are fsync'd once per batch, in `flush`, which
`add_group` runs before its transaction commits. So after a crash every indexed blob
is at its address, complete; a blob stored but not yet indexed may be missing or left
in `store/tmp` (nothing refers to it, and collecting again stores it again).

Rollback: after every commit the custody log's head (last sequence number and entry hash)
is appended to `heads`, beside the index; `verify` refuses a log that no longer reaches,
or differs at, any head recorded there. Each package manifest records the head too.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import sqlite3
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from ..errors import EvidenceError, IntegrityError, Problem
from .blobio import CHUNK, file_sha256
from .custody import (
    GENESIS,
    HEADS,
    entry_hash,
    item_digest,
    record_head,
    verify_chain,
    verify_heads,
)
from .model import EvidenceItem, EvidenceMeta

STORE_DIR = Path(".auditpack")

SCHEMA = """
CREATE TABLE IF NOT EXISTS items (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    evidence_id TEXT NOT NULL UNIQUE,
    source_id TEXT NOT NULL,
    version INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    size INTEGER NOT NULL,
    collected_at TEXT NOT NULL,
    meta TEXT NOT NULL,
    UNIQUE (source_id, version)
);
CREATE INDEX IF NOT EXISTS items_source ON items (source_id, version);
CREATE TABLE IF NOT EXISTS custody (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    action TEXT NOT NULL,
    evidence_id TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    item_digest TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    entry_hash TEXT NOT NULL
);
CREATE TRIGGER IF NOT EXISTS items_no_update BEFORE UPDATE ON items
    BEGIN SELECT RAISE(ABORT, 'evidence is append-only'); END;
CREATE TRIGGER IF NOT EXISTS items_no_delete BEFORE DELETE ON items
    BEGIN SELECT RAISE(ABORT, 'evidence is append-only'); END;
CREATE TRIGGER IF NOT EXISTS custody_no_update BEFORE UPDATE ON custody
    BEGIN SELECT RAISE(ABORT, 'the custody log is append-only'); END;
CREATE TRIGGER IF NOT EXISTS custody_no_delete BEFORE DELETE ON custody
    BEGIN SELECT RAISE(ABORT, 'the custody log is append-only'); END;
"""


def _utc(moment: dt.datetime) -> str:
    """Render a moment as ISO 8601 UTC with seconds."""
    return moment.astimezone(dt.timezone.utc).replace(microsecond=0).isoformat()


class EvidenceStore:
    """The store under `<workspace>/.auditpack/`; used from one thread, like its SQLite connection."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.blobs = root / "store" / "blobs"
        self.tmp = root / "store" / "tmp"
        self.blobs.mkdir(parents=True, exist_ok=True)
        self.tmp.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(root / "index.sqlite", isolation_level=None)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=FULL")
        self.db.execute("DROP TABLE IF EXISTS seals")  # file stats kept by earlier versions
        self.db.executescript(SCHEMA)
        self._new_entries: set[Path] = set()  # folders whose new entries are not yet durable

    @classmethod
    def open(cls, workspace: Path) -> EvidenceStore:
        """Open (creating if needed) the store of a workspace."""
        return cls(workspace / STORE_DIR)

    def close(self) -> None:
        """Make every blob's address durable, then close the index."""
        try:
            self.flush()
        finally:
            self.db.close()

    def __enter__(self) -> EvidenceStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- blobs -------------------------------------------------------------------------

    def blob_path(self, sha256: str) -> Path:
        """Return where a blob with this digest lives."""
        return self.blobs / sha256[:2] / sha256

    def put_stream(self, chunks: Iterable[bytes | memoryview]) -> tuple[str, int]:
        """Store a stream of bytes once, by content; return (sha256, size). Memory stays flat.

        The bytes are hashed as they are written to a temporary file, which is made durable
        (fsync) before it is renamed to its content address.
        """
        digest = hashlib.sha256()
        size = 0
        fd, tmp_name = tempfile.mkstemp(dir=self.tmp, prefix="blob-")
        try:
            with os.fdopen(fd, "wb") as out:
                for chunk in chunks:
                    digest.update(chunk)
                    out.write(chunk)
                    size += len(chunk)
                out.flush()
                os.fsync(out.fileno())
            return self._settle(tmp_name, digest.hexdigest()), size
        except BaseException:
            if os.path.exists(tmp_name):
                os.unlink(tmp_name)
            raise

    def put_file(self, path: Path) -> tuple[str, int]:
        """Store a file by content, reading it once; return (sha256, size)."""
        with path.open("rb") as src:
            return self.put_stream(iter(lambda: src.read(CHUNK), b""))

    def flush(self) -> None:
        """Make the addresses of the blobs stored so far durable (fsync their folders)."""
        folders, self._new_entries = self._new_entries, set()
        for folder in sorted(folders):
            fd = os.open(folder, os.O_RDONLY)  # once per batch: makes its renames durable
            try:
                os.fsync(fd)
            finally:
                os.close(fd)

    def _settle(self, tmp_name: str, sha: str) -> str:
        """Move a finished temporary blob to its content address (or drop it if already there)."""
        target = self.blob_path(sha)
        if target.exists():
            os.unlink(tmp_name)
        else:
            if not target.parent.is_dir():
                target.parent.mkdir(exist_ok=True)
                self._new_entries.add(self.blobs)
            os.chmod(tmp_name, 0o444)
            os.replace(tmp_name, target)
            self._new_entries.add(target.parent)
        return sha

    @contextmanager
    def open_blob(self, sha256: str) -> Iterator[IO[bytes]]:
        """Open a stored blob for reading."""
        self.flush()
        path = self.blob_path(sha256)
        if not path.is_file():
            raise EvidenceError(f"blob {sha256[:12]}… is missing from the store", str(path),
                                "run `auditpack store verify`")
        with path.open("rb") as handle:
            yield handle

    # --- index -------------------------------------------------------------------------

    def add(self, sha256: str, size: int, meta: EvidenceMeta,
            collected_at: dt.datetime) -> EvidenceItem:
        """Record a stored blob as a new evidence item (a new version of its source)."""
        return self.add_group([(sha256, size, meta)], collected_at)[0]

    def add_group(self, blobs: list[tuple[str, int, EvidenceMeta]],
                  collected_at: dt.datetime) -> list[EvidenceItem]:
        """Record stored blobs in one transaction: all of them, or none.

        A meta whose `derived_from` is "@N" points at the N-th item of this same group.
        """
        self.flush()  # never record a blob that is not yet durable
        at = _utc(collected_at)
        cur = self.db.cursor()
        cur.execute("BEGIN IMMEDIATE")
        added: list[EvidenceItem] = []
        try:
            for sha256, size, meta in blobs:
                if meta.derived_from and meta.derived_from.startswith("@"):
                    parent = added[int(meta.derived_from[1:])].evidence_id
                    meta = meta.model_copy(update={"derived_from": parent})
                added.append(self._insert(cur, sha256, size, meta, at))
            head = self._head(cur)
            cur.execute("COMMIT")
        except BaseException:
            cur.execute("ROLLBACK")
            raise
        if added:
            record_head(self.root / HEADS, head)
        return added

    @staticmethod
    def _head(cur: sqlite3.Cursor | sqlite3.Connection) -> tuple[int, str]:
        """Return the last custody entry's sequence number and hash, as `cur` sees them."""
        row = cur.execute("SELECT seq, entry_hash FROM custody ORDER BY seq DESC LIMIT 1"
                          ).fetchone()
        return (int(row[0]), str(row[1])) if row else (0, GENESIS)

    def head(self) -> tuple[int, str]:
        """Return the custody log's head: its last sequence number and entry hash
        ((0, GENESIS) while the store is empty)."""
        return self._head(self.db)

    def reaches(self, head: tuple[int, str]) -> bool:
        """Say whether the custody log holds this head (a manifest's `store_head`): an
        entry with this sequence number and hash. Every store reaches (0, GENESIS)."""
        seq, expected = head
        if seq == 0:
            return expected == GENESIS
        row = self.db.execute("SELECT entry_hash FROM custody WHERE seq = ?", (seq,)).fetchone()
        return row is not None and row[0] == expected

    def _insert(self, cur: sqlite3.Cursor, sha256: str, size: int, meta: EvidenceMeta,
                at: str) -> EvidenceItem:
        """Insert one item row and its custody entry (inside a transaction)."""
        meta_json = meta.model_dump_json()
        (version,) = cur.execute("SELECT COALESCE(MAX(version), 0) + 1 FROM items "
                                 "WHERE source_id = ?", (meta.source_id,)).fetchone()
        (seq,) = cur.execute("SELECT COALESCE(MAX(seq), 0) + 1 FROM items").fetchone()
        evidence_id = f"E-{seq:04d}"
        cur.execute("INSERT INTO items (seq, evidence_id, source_id, version, sha256, size, "
                    "collected_at, meta) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (seq, evidence_id, meta.source_id, version, sha256, size, at, meta_json))
        self._log(cur, at, "collect", evidence_id, sha256,
                  item_digest(evidence_id, version, sha256, size, at, meta_json))
        return EvidenceItem(evidence_id=evidence_id, version=version, sha256=sha256, size=size,
                            collected_at=dt.datetime.fromisoformat(at), meta=meta)

    def add_file(self, path: Path, meta: EvidenceMeta, collected_at: dt.datetime) -> EvidenceItem:
        """Store a file and record it."""
        sha, size = self.put_file(path)
        return self.add(sha, size, meta, collected_at)

    def add_bytes(self, data: bytes, meta: EvidenceMeta,
                  collected_at: dt.datetime) -> EvidenceItem:
        """Store a small in-memory artifact (e.g. a check result) and record it."""
        sha, size = self.put_stream([data])
        return self.add(sha, size, meta, collected_at)

    def _log(self, cur: sqlite3.Cursor, at: str, action: str, evidence_id: str, sha256: str,
             digest: str) -> None:
        """Append a custody entry chained to the last one."""
        row = cur.execute("SELECT entry_hash FROM custody ORDER BY seq DESC LIMIT 1").fetchone()
        prev = row[0] if row else GENESIS
        cur.execute("INSERT INTO custody (at, action, evidence_id, sha256, item_digest, "
                    "prev_hash, entry_hash) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (at, action, evidence_id, sha256, digest, prev,
                     entry_hash(prev, at, action, evidence_id, sha256, digest)))

    def _item(self, row: tuple[Any, ...]) -> EvidenceItem:
        evidence_id, version, sha256, size, collected_at, meta = row
        return EvidenceItem(evidence_id=evidence_id, version=version, sha256=sha256, size=size,
                            collected_at=dt.datetime.fromisoformat(collected_at),
                            meta=EvidenceMeta.model_validate_json(meta))

    _COLUMNS = "evidence_id, version, sha256, size, collected_at, meta"

    def items(self, source_id: str | None = None) -> list[EvidenceItem]:
        """Return every item (of one source, when given), oldest first."""
        if source_id is None:
            rows = self.db.execute(f"SELECT {self._COLUMNS} FROM items ORDER BY seq")
        else:
            rows = self.db.execute(f"SELECT {self._COLUMNS} FROM items WHERE source_id = ? "
                                   "ORDER BY version", (source_id,))
        return [self._item(r) for r in rows]

    def latest(self) -> list[EvidenceItem]:
        """Return the newest version of every source, in source order."""
        rows = self.db.execute(f"SELECT {self._COLUMNS} FROM items i WHERE version = "
                               "(SELECT MAX(version) FROM items j WHERE j.source_id = i.source_id)"
                               " ORDER BY source_id")
        return [self._item(r) for r in rows]

    def get(self, evidence_id: str) -> EvidenceItem:
        """Return one item by its evidence id."""
        row = self.db.execute(f"SELECT {self._COLUMNS} FROM items WHERE evidence_id = ?",
                              (evidence_id,)).fetchone()
        if row is None:
            raise EvidenceError(f"no evidence '{evidence_id}'", "evidence id",
                                "see `auditpack evidence list`")
        return self._item(row)

    # --- verification ------------------------------------------------------------------

    def verify(self) -> list[Problem]:
        """Re-hash every blob, re-check the custody chain, each index row against it and
        the recorded heads; return what is wrong."""
        return self._verify_blobs() + self.verify_custody()

    def verify_custody(self) -> list[Problem]:
        """Re-check the custody chain, each index row against it and the recorded heads
        (no blob is read); return what is wrong."""
        return verify_chain(self.db) + verify_heads(self.db, self.root / HEADS)

    def verified_head(self) -> tuple[int, str]:
        """Return the head once the custody log is verified (`verify_custody`); else raise
        IntegrityError naming every problem. Run before anything trusts the index."""
        problems = self.verify_custody()
        if problems:
            raise IntegrityError(
                f"the evidence store's custody log does not hold: {problems[0].message}"
                + (f" (and {len(problems) - 1} more problem(s))" if len(problems) > 1 else ""),
                str(self.root), "run `auditpack store verify`; restore .auditpack from a "
                "backup before checking or building from it", problems=problems)
        return self.head()

    def _verify_blobs(self) -> list[Problem]:
        problems = []
        for sha, evidence_id in self.db.execute("SELECT sha256, evidence_id FROM items").fetchall():
            path = self.blob_path(sha)
            if not path.is_file():
                problems.append(Problem(f"{evidence_id}: blob is missing", str(path),
                                        "restore the store from a backup"))
            elif file_sha256(path) != sha:
                problems.append(Problem(f"{evidence_id}: blob content does not match its "
                                        "sha256", str(path), "restore the store from a backup"))
        return problems
