"""The custody log's hashes, and the checks that the store's history is whole.

Every index row is hashed into a custody entry, and every entry into the next (a chain
from GENESIS); after each commit the chain's head is appended to a heads file beside the
index. History edited in place breaks the chain or an index row's digest; history cut
short (a rollback) no longer reaches a head recorded in the heads file.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from pathlib import Path
from typing import Any

from ..errors import EvidenceError, Problem

GENESIS = "0" * 64
HEADS = "heads"  # beside the index: one "<seq> <entry hash>" line per commit, appended
EDITED = "history was edited; restore the store from a backup"
ROLLED_BACK = "history was rolled back or rewritten; restore the store from a backup"


def item_digest(evidence_id: str, version: int, sha256: str, size: int, collected_at: str,
                meta_json: str) -> str:
    """Hash an index row canonically, so the custody log notices any later edit to it."""
    text = json.dumps([evidence_id, version, sha256, size, collected_at, meta_json])
    return hashlib.sha256(text.encode()).hexdigest()


def entry_hash(prev_hash: str, at: str, action: str, evidence_id: str, sha256: str,
               digest: str) -> str:
    """Hash a custody entry together with the previous entry's hash."""
    text = "|".join([prev_hash, at, action, evidence_id, sha256, digest])
    return hashlib.sha256(text.encode()).hexdigest()


def verify_chain(db: sqlite3.Connection) -> list[Problem]:
    """Re-check the custody chain and every index row against its entry."""
    problems: list[Problem] = []
    items = {r[0]: r for r in db.execute(
        "SELECT evidence_id, version, sha256, size, collected_at, meta, seq, source_id "
        "FROM items")}
    prev = GENESIS
    logged: set[str] = set()
    for seq, at, action, eid, sha, digest, prev_hash, ehash in db.execute(
            "SELECT seq, at, action, evidence_id, sha256, item_digest, prev_hash, "
            "entry_hash FROM custody ORDER BY seq"):
        where = f"custody entry {seq}"
        if prev_hash != prev or ehash != entry_hash(prev_hash, at, action, eid, sha, digest):
            problems.append(Problem("custody chain is broken here", where, EDITED))
        row = items.get(eid)
        if row is None or item_digest(*row[:6]) != digest or row[2] != sha \
                or not _row_consistent(row):
            problems.append(Problem(f"{eid}: index record differs from the custody log",
                                    where, EDITED))
        logged.add(eid)
        prev = ehash
    for eid in sorted(set(items) - logged):
        problems.append(Problem(f"{eid}: not in the custody log", "index", EDITED))
    return problems


def _row_consistent(row: tuple[Any, ...]) -> bool:
    """Say whether an index row's columns that the chain does not hash agree with the ones
    it does: the evidence id with the sequence, the source column with the meta's."""
    evidence_id, _, _, _, _, meta_json, seq, source_id = row
    try:
        meta = json.loads(meta_json)
    except ValueError:
        return False
    return bool(evidence_id == f"E-{seq:04d}" and isinstance(meta, dict)
                and meta.get("source_id") == source_id)


def verify_heads(db: sqlite3.Connection, path: Path) -> list[Problem]:
    """Check that the custody log still reaches, unchanged, every head recorded in `path`."""
    problems: list[Problem] = []
    row = db.execute("SELECT MAX(seq) FROM custody").fetchone()
    last = row[0] or 0
    missing: tuple[int, int] | None = None  # the highest recorded head that is gone: (seq, line)
    try:
        heads = read_heads(path)
    except OSError as exc:
        return [Problem(f"the heads file cannot be read: {exc.strerror}", str(path),
                        "restore the heads file from a backup")]
    for number, (seq, recorded) in enumerate(heads, start=1):
        if seq < 0:
            problems.append(Problem(f"line {number} is not '<sequence> <sha256>'", str(path),
                                    "restore the heads file from a backup"))
            continue
        found = db.execute("SELECT entry_hash FROM custody WHERE seq = ?", (seq,)).fetchone()
        if found is None:
            missing = max(missing or (seq, number), (seq, number))
        elif found[0] != recorded:
            problems.append(Problem(f"custody entry {seq} differs from the head recorded "
                                    f"on line {number}", str(path), ROLLED_BACK))
    if missing is not None:
        problems.insert(0, Problem(
            f"custody entry {missing[0]} is missing, yet line {missing[1]} records it as the "
            f"store's head; the custody log ends at entry {last}", str(path), ROLLED_BACK))
    return problems


def read_heads(path: Path) -> list[tuple[int, str]]:
    """Return each head recorded in a heads file, oldest first; (-1, "") for a bad line."""
    try:
        text = path.read_bytes().decode("ascii", errors="replace")
    except FileNotFoundError:  # a store from before heads were kept, or never written to
        return []
    heads = []
    for line in text.splitlines():
        seq, _, recorded = line.partition(" ")
        valid = seq.isdigit() and len(recorded) == 64 and all(
            c in "0123456789abcdef" for c in recorded)
        heads.append((int(seq), recorded) if valid else (-1, ""))
    return heads


def record_head(path: Path, head: tuple[int, str]) -> None:
    """Append a committed head to the heads file, durably: a crash before this leaves the
    file a head behind the index, never ahead of it."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            os.write(fd, f"{head[0]} {head[1]}\n".encode())  # one short write: one whole line
            os.fsync(fd)
        finally:
            os.close(fd)
    except OSError as exc:
        raise EvidenceError(f"the evidence was recorded, but its custody head {head[0]} could "
                            f"not be added to the heads file: {exc.strerror}", str(path),
                            "free some space or fix the folder's permissions, then run "
                            "`auditpack store verify`") from None
