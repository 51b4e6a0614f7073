"""Store seals spare the build a second hash of evidence that has not changed since it was
hashed, and never let a changed blob into a package."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import time
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace

import pytest

from auditpack.errors import IntegrityError
from auditpack.evidence.store import EvidenceStore, Seal, file_stat
from auditpack.package import bundle
from auditpack.package.build import build_package
from auditpack.package.bundle import write_zip
from auditpack.package.verify import verify_package

WHEN = dt.datetime(2026, 9, 30, 6, 0)
REL = "evidence/E-0001_policy.bin"
WRONG = "0" * 64  # a digest no file here has


def seal_of(path: Path) -> Seal:
    """The seal the store would record for a file: its stat and its CRC-32."""
    return Seal(file_stat(os.stat(path)), zlib.crc32(path.read_bytes()))


def _blob(tmp_path: Path, name: str = "blob") -> Path:
    path = tmp_path / name
    path.write_bytes(b"\x00\x01 board-approved information security program " * 500)
    return path


def test_a_sealed_file_is_not_hashed_again_and_an_unsealed_one_is(tmp_path: Path) -> None:
    blob = _blob(tmp_path)
    # the digest is wrong, so only a file that is not hashed again can pass
    write_zip({REL: blob}, tmp_path / "sealed.zip", "pkg", WHEN, {REL: WRONG},
              {REL: seal_of(blob)})
    with pytest.raises(IntegrityError, match="changed in the store since it was collected"):
        write_zip({REL: blob}, tmp_path / "unsealed.zip", "pkg", WHEN, {REL: WRONG})


def test_a_seal_of_another_file_or_an_older_state_does_not_spare_the_check(
        tmp_path: Path) -> None:
    blob = _blob(tmp_path)
    twin = _blob(tmp_path, "twin")  # same bytes, another inode
    with pytest.raises(IntegrityError, match="since it was collected"):
        write_zip({REL: blob}, tmp_path / "a.zip", "pkg", WHEN, {REL: WRONG},
                  {REL: seal_of(twin)})
    before = seal_of(blob)
    time.sleep(0.05)  # file times tick coarsely: step past the sealing tick
    blob.chmod(0o600)  # no byte changed, but the file did
    with pytest.raises(IntegrityError, match="since it was collected"):
        write_zip({REL: blob}, tmp_path / "b.zip", "pkg", WHEN, {REL: WRONG}, {REL: before})


def test_a_sealed_file_that_changes_while_it_is_read_stops_the_zip(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blob = _blob(tmp_path)
    seal = seal_of(blob)
    real = os.fstat
    seen: list[int] = []

    def fstat(fd: int) -> object:
        st = real(fd)
        seen.append(fd)
        if len(seen) < 2:
            return st
        return SimpleNamespace(st_dev=st.st_dev, st_ino=st.st_ino, st_size=st.st_size,
                               st_mtime_ns=st.st_mtime_ns, st_ctime_ns=st.st_ctime_ns + 1)

    monkeypatch.setattr(bundle.os, "fstat", fstat)
    with pytest.raises(IntegrityError, match="changed in the store while the build read it"):
        write_zip({REL: blob}, tmp_path / "c.zip", "pkg", WHEN, {REL: WRONG}, {REL: seal})
    assert len(seen) == 2


def _raw_blobs(store: EvidenceStore) -> list[Path]:
    """The exports as collected (the records the checks read are left alone)."""
    return [store.blob_path(i.sha256) for i in store.items()
            if i.meta.media_type != "application/x-ndjson"]


def test_a_blob_changed_in_place_with_its_time_put_back_stops_the_build(
        collect_demo: Callable[..., Path], tmp_path: Path) -> None:
    work = collect_demo(tmp_path / "ws")  # collected here: its blobs carry their seals
    with EvidenceStore.open(work) as store:
        seals = store.seals()
        raw = _raw_blobs(store)
        assert all(seal_of(b) == seals[b.name] for b in raw)  # the sealed path
    time.sleep(0.05)  # step past the sealing tick
    target = raw[0]
    before = os.stat(target)
    target.chmod(0o644)
    with target.open("r+b") as out:  # same size, same modification time
        first = out.read(1)
        out.seek(0)
        out.write(bytes([first[0] ^ 1]))
    os.utime(target, ns=(before.st_atime_ns, before.st_mtime_ns))
    with pytest.raises(IntegrityError, match="changed in the store since it was collected"):
        build_package(work, tmp_path / "out", use_cache=False)
    assert list((tmp_path / "out").iterdir()) == []


def test_sealed_and_unsealed_evidence_give_the_same_package(
        demo_workspace: Path, tmp_path: Path) -> None:
    with EvidenceStore.open(demo_workspace) as store:
        assert store.seals()  # the fixture collected in place: its seals hold
    copy = tmp_path / "copy" / demo_workspace.name
    shutil.copytree(demo_workspace, copy)  # new inodes: every seal fails, every blob is hashed
    sealed = build_package(demo_workspace, tmp_path / "sealed", use_cache=False)
    unsealed = build_package(copy, tmp_path / "unsealed", use_cache=False)
    assert sealed.sha256 == unsealed.sha256
    assert sealed.zip_path.read_bytes() == unsealed.zip_path.read_bytes()
    assert verify_package(sealed.zip_path) == []


def test_a_sealed_stored_file_takes_its_crc_from_the_seal_and_ends_as_zipfile_writes_it(
        tmp_path: Path) -> None:
    assert bundle.lean_entries()  # this Python's ZipFile bookkeeping is the one checked
    blob = _blob(tmp_path)
    right = seal_of(blob)
    sealed = tmp_path / "sealed.zip"
    plain = tmp_path / "plain.zip"
    write_zip({REL: blob, "VERIFY.txt": _text(tmp_path)}, sealed, "pkg", WHEN, {REL: WRONG},
              {REL: right})
    write_zip({REL: blob, "VERIFY.txt": _text(tmp_path)}, plain, "pkg", WHEN, {})
    assert sealed.read_bytes() == plain.read_bytes()
    # the CRC is the seal's, not read from the bytes: a (hypothetically) wrong one shows
    odd = tmp_path / "odd.zip"
    write_zip({REL: blob}, odd, "pkg", WHEN, {}, {REL: Seal(right.stat, right.crc32 ^ 1)})
    with zipfile.ZipFile(odd) as archive:
        assert archive.getinfo(f"pkg/{REL}").CRC == right.crc32 ^ 1


def _text(tmp_path: Path) -> Path:
    path = tmp_path / "VERIFY.txt"
    path.write_text("sha256sum -c SHA256SUMS\n" * 40, encoding="utf-8")
    return path


def test_a_sealed_file_that_is_text_is_deflated_as_before(tmp_path: Path) -> None:
    text = _text(tmp_path)
    sealed, plain = tmp_path / "sealed.zip", tmp_path / "plain.zip"
    write_zip({REL: text}, sealed, "pkg", WHEN, {REL: WRONG}, {REL: seal_of(text)})
    write_zip({REL: text}, plain, "pkg", WHEN, {})
    assert sealed.read_bytes() == plain.read_bytes()
    with zipfile.ZipFile(sealed) as archive:
        assert archive.getinfo(f"pkg/{REL}").compress_type == zipfile.ZIP_DEFLATED


def test_a_sealed_file_that_grows_while_it_is_read_stops_the_zip(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blob = _blob(tmp_path)
    seal = seal_of(blob)
    sealed_stat = os.stat(blob)
    with blob.open("ab") as out:  # grown, yet (as if in the same clock tick) the same stat
        out.write(b"appended after collection")
    monkeypatch.setattr(bundle.os, "fstat", lambda fd: sealed_stat)
    with pytest.raises(IntegrityError, match="changed in the store while the build read it"):
        write_zip({REL: blob}, tmp_path / "grown.zip", "pkg", WHEN, {REL: WRONG}, {REL: seal})


def test_a_store_from_before_seals_builds_the_same_package_and_keeps_its_evidence(
        demo_workspace: Path, tmp_path: Path) -> None:
    import sqlite3

    old = tmp_path / "old" / demo_workspace.name
    shutil.copytree(demo_workspace, old, ignore=shutil.ignore_patterns("cache"))
    index = old / ".auditpack" / "index.sqlite"
    with sqlite3.connect(index) as db:  # as a store collected before seals existed
        db.execute("DROP TABLE seals")
    with sqlite3.connect(index) as db:
        before = {t: db.execute(f"SELECT * FROM {t} ORDER BY seq").fetchall()
                  for t in ("items", "custody")}
    unsealed = build_package(old, tmp_path / "unsealed", use_cache=False)
    sealed = build_package(demo_workspace, tmp_path / "sealed", use_cache=False)
    assert unsealed.sha256 == sealed.sha256
    with sqlite3.connect(index) as db:
        after = {t: db.execute(f"SELECT * FROM {t} ORDER BY seq").fetchall()
                 for t in ("items", "custody")}
        assert db.execute("SELECT COUNT(*) FROM seals").fetchone() == (0,)  # none made by a build
    assert after == before
