"""The evidence store: content addressing, versions, append-only, custody chain, verify."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from auditpack.evidence.blobio import CHUNK as FILE_CHUNK
from auditpack.evidence.model import EvidenceMeta
from auditpack.evidence.store import EvidenceStore

NOW = dt.datetime(2026, 9, 30, 12, 0, tzinfo=dt.timezone.utc)


def meta(source: str = "policies", **kw: object) -> EvidenceMeta:
    base = {"source_id": source, "collector": "file", "collector_version": "1",
            "original_name": "policy.pdf", "media_type": "application/pdf",
            "as_of": dt.date(2026, 9, 30)}
    return EvidenceMeta.model_validate({**base, **kw})


@pytest.fixture()
def store(tmp_path: Path) -> EvidenceStore:
    return EvidenceStore.open(tmp_path)


def test_add_assigns_ids_versions_and_stores_by_content(store: EvidenceStore) -> None:
    first = store.add_bytes(b"version one", meta(), NOW)
    second = store.add_bytes(b"version two", meta(), NOW)
    again = store.add_bytes(b"version one", meta("other"), NOW)
    assert (first.evidence_id, first.version) == ("E-0001", 1)
    assert (second.evidence_id, second.version) == ("E-0002", 2)
    assert (again.evidence_id, again.version, again.sha256) == ("E-0003", 1, first.sha256)
    blobs = [p for p in store.blobs.rglob("*") if p.is_file()]
    assert len(blobs) == 2  # an identical blob is stored once
    assert [i.evidence_id for i in store.items("policies")] == ["E-0001", "E-0002"]
    assert [i.evidence_id for i in store.latest()] == ["E-0003", "E-0002"]
    with store.open_blob(first.sha256) as handle:
        assert handle.read() == b"version one"


@pytest.mark.parametrize("size", [0, 1, FILE_CHUNK - 1, FILE_CHUNK, FILE_CHUNK + 1,
                                  3 * FILE_CHUNK + 5])
def test_a_file_is_copied_whole_and_hashed_in_one_pass(store: EvidenceStore, tmp_path: Path,
                                                       size: int) -> None:
    data = os.urandom(size)
    source = tmp_path / "export.bin"
    source.write_bytes(data)
    sha, stored = store.put_file(source)
    store.flush()
    assert (sha, stored) == (hashlib.sha256(data).hexdigest(), size)
    blob = store.blob_path(sha)
    assert blob.read_bytes() == data
    assert blob.stat().st_mode & 0o777 == 0o444
    assert list(store.tmp.iterdir()) == []  # nothing half-written is left behind


def test_a_stream_whose_producer_reuses_its_buffer_is_stored_as_produced(
        store: EvidenceStore) -> None:
    buffer = bytearray(4096)
    expected = bytearray()

    def chunks() -> Iterator[memoryview]:
        for n in range(50):
            buffer[:] = bytes([n]) * len(buffer)  # overwrites what was yielded before
            expected.extend(buffer)
            yield memoryview(buffer)

    sha, size = store.put_stream(chunks())
    with store.open_blob(sha) as handle:
        assert handle.read() == bytes(expected)
    assert (sha, size) == (hashlib.sha256(expected).hexdigest(), 50 * 4096)


def test_history_cannot_be_updated_or_deleted(store: EvidenceStore) -> None:
    store.add_bytes(b"x", meta(), NOW)
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        store.db.execute("UPDATE items SET size = 0")
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        store.db.execute("DELETE FROM custody")


def test_group_is_all_or_nothing_and_links_derived_items(store: EvidenceStore) -> None:
    sha, size = store.put_stream([b"raw"])
    items = store.add_group([(sha, size, meta("entra")),
                             (sha, size, meta("entra/records", derived_from="@0"))], NOW)
    assert items[1].meta.derived_from == items[0].evidence_id
    bad = meta("x", derived_from="@5")
    with pytest.raises(IndexError):
        store.add_group([(sha, size, meta("y")), (sha, size, bad)], NOW)
    assert [i.source_id for i in store.items()] == ["entra", "entra/records"]


def test_verify_is_clean_then_finds_a_changed_blob(store: EvidenceStore) -> None:
    item = store.add_bytes(b"board report delivered", meta(), NOW)
    store.add_bytes(b"second", meta(), NOW)
    assert store.verify() == []
    path = store.blob_path(item.sha256)
    path.chmod(0o644)
    path.write_bytes(b"board report NOT delivered")
    (problem,) = store.verify()
    assert "E-0001: blob content does not match" in str(problem)


def test_verify_finds_an_edited_index_row(store: EvidenceStore, tmp_path: Path) -> None:
    store.add_bytes(b"one", meta(), NOW)
    store.add_bytes(b"two", meta(), NOW)
    store.close()
    db = sqlite3.connect(tmp_path / ".auditpack" / "index.sqlite")
    db.execute("DROP TRIGGER items_no_update")  # an attacker with file access
    db.execute("UPDATE items SET collected_at = '2020-01-01T00:00:00+00:00' WHERE seq = 1")
    db.commit()
    db.close()
    reopened = EvidenceStore.open(tmp_path)  # the triggers come back
    found = [str(p) for p in reopened.verify()]
    assert any("E-0001: index record differs from the custody log" in p for p in found)


def test_verify_finds_a_broken_custody_chain(store: EvidenceStore, tmp_path: Path) -> None:
    for n in range(3):
        store.add_bytes(f"item {n}".encode(), meta(), NOW)
    store.close()
    db = sqlite3.connect(tmp_path / ".auditpack" / "index.sqlite")
    db.execute("DROP TRIGGER custody_no_delete")
    db.execute("DELETE FROM custody WHERE seq = 2")
    db.commit()
    db.close()
    found = [str(p) for p in EvidenceStore.open(tmp_path).verify()]
    assert any("custody chain is broken" in p for p in found)
    assert any("E-0002: not in the custody log" in p for p in found)


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="names fsync'd files via /proc")
def test_blobs_and_their_folders_are_on_disk_before_the_index_records_them(
        store: EvidenceStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """After a crash every indexed blob is at its address, complete: its bytes are fsync'd
    before the rename to its address, and its folder (the rename) before the commit."""
    events: list[tuple[str, str]] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd: int) -> None:
        events.append(("fsync", os.path.realpath(os.readlink(f"/proc/self/fd/{fd}"))))
        real_fsync(fd)

    def replace(src: str, dst: str) -> None:
        events.append(("replace", f"{os.path.realpath(src)} -> {os.path.realpath(dst)}"))
        real_replace(src, dst)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    store.db.set_trace_callback(lambda sql: events.append(("sql", sql.split()[0].upper())))
    src = tmp_path / "policy.pdf"
    src.write_bytes(os.urandom(3 * FILE_CHUNK + 5))
    by_file = store.put_file(src)
    by_stream = store.put_stream([b"one record\n", b"another\n"])
    store.add_group([(*by_file, meta()), (*by_stream, meta("records"))], NOW)
    commit = max(i for i, e in enumerate(events) if e == ("sql", "COMMIT"))
    for sha, _ in (by_file, by_stream):
        blob = os.path.realpath(store.blob_path(sha))
        moved = next(i for i, (kind, what) in enumerate(events)
                     if kind == "replace" and what.endswith(f" -> {blob}"))
        temporary = events[moved][1].split(" -> ")[0]
        assert ("fsync", temporary) in events[:moved], "renamed before its bytes were on disk"
        folder = [i for i, e in enumerate(events) if e == ("fsync", os.path.dirname(blob))]
        assert folder and moved < folder[-1] < commit, "indexed before its rename was on disk"


def test_every_block_size_is_stored_whole_under_its_sha256(store: EvidenceStore,
                                                          tmp_path: Path) -> None:
    for size in (0, 1, FILE_CHUNK - 1, FILE_CHUNK, FILE_CHUNK + 1, 3 * FILE_CHUNK + 5):
        source = tmp_path / f"export-{size}.bin"
        source.write_bytes(os.urandom(size))
        item = store.add_file(source, meta(f"s{size}"), NOW)
        data = os.urandom(size) + b"x"
        streamed = store.add_bytes(data, meta(f"t{size}"), NOW)
        assert store.blob_path(item.sha256).read_bytes() == source.read_bytes()
        assert item.sha256 == hashlib.sha256(source.read_bytes()).hexdigest()
        assert streamed.sha256 == hashlib.sha256(data).hexdigest() and streamed.size == len(data)


def test_a_same_size_change_with_its_time_put_back_is_found_by_verify(
        store: EvidenceStore) -> None:
    item = store.add_bytes(b"MFA enforced: 412 of 412", meta(), NOW)
    path = store.blob_path(item.sha256)
    before = os.stat(path)
    path.chmod(0o644)
    with path.open("r+b") as out:
        out.write(b"MFA enforced: 312")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    (problem,) = store.verify()
    assert item.evidence_id in str(problem) and "does not match its sha256" in str(problem)


def test_the_file_stats_table_of_earlier_versions_is_dropped_and_nothing_else_is_touched(
        tmp_path: Path) -> None:
    with EvidenceStore.open(tmp_path) as store:
        item = store.add_bytes(b"tabletop exercise minutes", meta(), NOW)
        store.db.execute("CREATE TABLE seals (sha256 TEXT PRIMARY KEY, stat TEXT NOT NULL, "
                         "crc32 INTEGER NOT NULL)")
        store.db.execute("INSERT INTO seals VALUES (?, '1:2:3:4:5', 7)", (item.sha256,))
    with EvidenceStore.open(tmp_path) as store:
        tables = {r[0] for r in store.db.execute("SELECT name FROM sqlite_master "
                                                 "WHERE type = 'table'")}
        assert "seals" not in tables
        assert store.verify() == []
        assert [i.evidence_id for i in store.items()] == [item.evidence_id]
