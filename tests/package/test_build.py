"""Building and verifying the package: contents, determinism, atomicity, tamper evidence, signing."""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import shutil
import zipfile
from pathlib import Path

import pytest

from auditpack.errors import IntegrityError
from auditpack.evidence.store import EvidenceStore
from auditpack.package.build import BuildResult, build_package
from auditpack.package.bundle import signing
from auditpack.package.bundle.archive import looks_like_text
from auditpack.package.bundle.verify import check_package, verify_package
from auditpack.package.model.views import PackageModel


@pytest.fixture(scope="module")
def built(demo_workspace: Path, tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    return build_package(demo_workspace, tmp_path_factory.mktemp("out"))


def names(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as archive:
        return archive.namelist()


def rewrite(src: Path, dst: Path, change: dict[str, bytes | None], add: dict[str, bytes] | None = None) -> None:
    """Copy a ZIP, replacing (or, with None, dropping) members and adding others."""
    with zipfile.ZipFile(src) as a, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as b:
        for info in a.infolist():
            key = info.filename.split("/", 1)[1]
            if key in change:
                if change[key] is not None:
                    b.writestr(info, change[key])  # type: ignore[arg-type]
                continue
            b.writestr(info, a.read(info))
        for key, data in (add or {}).items():
            b.writestr(f"{a.namelist()[0].split('/')[0]}/{key}", data)


def test_package_layout_and_manifest(built: BuildResult) -> None:
    root = built.model.package_name
    assert built.zip_path.name == f"{root}.zip" and root.startswith("harbor-point-fcu-")
    members = names(built.zip_path)
    assert members == sorted(members) and all(m.startswith(f"{root}/") for m in members)
    rel = {m.split("/", 1)[1] for m in members}
    assert {"Audit-Narrative.docx", "Control-Matrix.xlsx", "manifest.json", "SHA256SUMS",
            "VERIFY.txt"} <= rel
    evidence = sorted(r for r in rel if r.startswith("evidence/"))
    assert evidence and all(r.split("/")[1].startswith("E-") and r.isascii() for r in evidence)
    with zipfile.ZipFile(built.zip_path) as archive:
        manifest = json.loads(archive.read(f"{root}/manifest.json"))
        sums = archive.read(f"{root}/SHA256SUMS").decode()
        infos = archive.infolist()
    listed = {f["path"] for f in manifest["files"]}
    assert listed == rel - {"manifest.json", "SHA256SUMS"}
    assert all(f.get("evidence_id", "").startswith("E-") for f in manifest["files"]
               if f["path"].startswith("evidence/"))
    assert manifest["as_of"] == "2026-09-30" and manifest["tool"] == "auditpack"
    assert len(sums.splitlines()) == len(rel) - 1
    assert {i.date_time for i in infos} == {(2026, 9, 30, 0, 0, 0)}
    assert {i.compress_type for i in infos} <= {zipfile.ZIP_DEFLATED, zipfile.ZIP_STORED}
    assert next(i for i in infos if i.filename.endswith("manifest.json")).compress_type == zipfile.ZIP_DEFLATED
    # text evidence is deflated, the rest stored; the result's sha256 is the file's
    assert all(i.compress_type == zipfile.ZIP_DEFLATED for i in infos
               if i.filename.endswith((".csv", ".md", ".json", ".txt")))
    assert all(i.compress_type == zipfile.ZIP_STORED for i in infos
               if i.filename.endswith((".docx", ".xlsx", ".png", ".pdf", ".zip")))
    assert built.sha256 == hashlib.sha256(built.zip_path.read_bytes()).hexdigest()


def test_only_text_is_deflated() -> None:
    assert looks_like_text("Name,MFA\nAisha Kowalczyk,true\n".encode())
    assert looks_like_text("Zoë,Müller Ö".encode()[:-1])  # cut inside a character
    assert looks_like_text("\ufeffuser,mfa".encode("utf-16"))  # PowerShell's UTF-16 exports
    assert not looks_like_text(b"%PDF-1.7\n\x00\x01binary")
    assert not looks_like_text(bytes(range(256)) * 32)
    assert not looks_like_text(b"")


def test_two_builds_are_byte_identical(built: BuildResult, demo_workspace: Path,
                                       tmp_path: Path) -> None:
    again = build_package(demo_workspace, tmp_path, use_cache=False)
    assert again.sha256 == built.sha256
    assert again.zip_path.read_bytes() == built.zip_path.read_bytes()


def test_verify_passes_then_catches_every_kind_of_tampering(built: BuildResult, tmp_path: Path) -> None:
    assert verify_package(built.zip_path) == []
    evidence = next(n.split("/", 1)[1] for n in names(built.zip_path) if "/evidence/" in n)
    with zipfile.ZipFile(built.zip_path) as archive:
        original = archive.read(f"{built.model.package_name}/{evidence}")
    flipped = bytes([original[0] ^ 1]) + original[1:]
    cases = {
        "changed": ({evidence: flipped}, None),
        "removed": ({evidence: None}, None),
        "added": ({}, {"evidence/E-9999_extra.txt": b"planted"}),
    }
    for label, (change, add) in cases.items():
        target = tmp_path / f"{label}.zip"
        rewrite(built.zip_path, target, change, add)
        found = " ".join(str(p) for p in verify_package(target))
        assert found, label
        assert (evidence if label != "added" else "E-9999_extra.txt") in found, label


def test_signed_package_verifies_only_with_the_right_key(demo_workspace: Path, tmp_path: Path) -> None:
    private, public = signing.generate(tmp_path / "signer")
    _, other = signing.generate(tmp_path / "other")
    result = build_package(demo_workspace, tmp_path / "out", sign_key=private)
    fingerprint = signing.fingerprint(public.read_bytes())
    assert result.model.signature_fingerprint == fingerprint
    assert verify_package(result.zip_path, public) == []
    assert check_package(result.zip_path, public).authentic
    assert check_package(result.zip_path, fingerprint=fingerprint).authentic
    unpinned = check_package(result.zip_path)  # the key inside the package shows integrity only
    assert unpinned.intact and unpinned.fingerprint == fingerprint and not unpinned.authentic
    problems = " ".join(str(p) for p in verify_package(result.zip_path, other))
    assert "signature does not match" in problems and "not the key you pinned" in problems
    manifest = f"{result.model.package_name}/manifest.json"
    with zipfile.ZipFile(result.zip_path) as archive:
        body = archive.read(manifest)
    tampered = tmp_path / "tampered.zip"
    rewrite(result.zip_path, tampered, {"manifest.json": body.replace(b"2026-09-30", b"2026-09-29", 1)})
    assert any("signature does not match" in str(p) for p in verify_package(tampered, public))


def test_a_rebuilt_package_re_signed_with_another_key_is_not_authentic(
        demo_workspace: Path, tmp_path: Path) -> None:
    """Issue 19, case 2: change evidence, rewrite manifest and sums, re-sign, swap the key."""
    private, public = signing.generate(tmp_path / "signer")
    forger_key, forger_pub = signing.generate(tmp_path / "forger")
    result = build_package(demo_workspace, tmp_path / "out", sign_key=private)
    forged = tmp_path / "forged.zip"
    _forge(result.zip_path, forged, forger_key)
    unpinned = check_package(forged)
    assert unpinned.intact and not unpinned.authentic
    assert unpinned.fingerprint == signing.fingerprint(forger_pub.read_bytes())
    problems = " ".join(str(p) for p in verify_package(forged, public))
    assert "not the key you pinned" in problems and unpinned.fingerprint in problems


def _forge(src: Path, dst: Path, key_path: Path) -> None:
    """Change one evidence file and make everything else agree, signed with another key."""
    key, pub = signing.load_private(key_path)
    with zipfile.ZipFile(src) as archive:
        root = archive.namelist()[0].split("/")[0]
        files = {n.split("/", 1)[1]: archive.read(n) for n in archive.namelist()}
    evidence = next(rel for rel in sorted(files) if rel.startswith("evidence/"))
    files[evidence] = files[evidence] + b"\n"
    files["manifest.pub"] = pub
    data = json.loads(files["manifest.json"])
    for row in data["files"]:
        data_of = files[row["path"]]
        row.update(size=len(data_of), sha256=hashlib.sha256(data_of).hexdigest())
    data["signature"]["public_key_fingerprint"] = signing.fingerprint(pub)
    files["manifest.json"] = json.dumps(data).encode()
    files["manifest.sig"] = signing.sign(key, files["manifest.json"])
    sums = [f"{hashlib.sha256(b).hexdigest()}  {rel}\n"
            for rel, b in sorted(files.items()) if rel != "SHA256SUMS"]
    files["SHA256SUMS"] = "".join(sums).encode()
    with zipfile.ZipFile(dst, "w") as out:
        for rel, b in sorted(files.items()):
            out.writestr(f"{root}/{rel}", b)


def test_keys_are_never_overwritten(tmp_path: Path) -> None:
    signing.generate(tmp_path / "k")
    with pytest.raises(IntegrityError, match="already exists"):
        signing.generate(tmp_path / "k")
    assert (tmp_path / "k.key").stat().st_mode & 0o777 == 0o600


def test_an_interrupted_build_leaves_nothing(demo_workspace: Path, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    import auditpack.package.render.workbook as workbook

    def boom(model: object) -> bytes:
        raise KeyboardInterrupt  # as if the build were killed while writing the workbook

    monkeypatch.setattr(workbook, "render_xlsx", boom)
    out = tmp_path / "out"
    with pytest.raises(KeyboardInterrupt):
        build_package(demo_workspace, out, use_cache=False)
    assert list(out.iterdir()) == []


def test_a_check_failing_stops_the_build_and_leaves_nothing(
        demo_workspace: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import auditpack.package.build as build

    def failing(*args: object, **kwargs: object) -> None:
        raise IntegrityError("a records file cannot be read back", "E-0002")

    monkeypatch.setattr(build, "assemble_model", failing)
    with pytest.raises(IntegrityError, match="cannot be read back"):
        build_package(demo_workspace, tmp_path / "out", use_cache=False)
    assert not (tmp_path / "out").exists() or list((tmp_path / "out").iterdir()) == []


def test_a_renderer_failing_stops_the_build_and_leaves_nothing(
        demo_workspace: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import auditpack.package.render.oscal as oscal_export

    def broken(folder: Path, model: object, catalogs: object) -> None:
        raise RuntimeError("the OSCAL export broke")

    monkeypatch.setattr(oscal_export, "write_oscal", broken)
    with pytest.raises(RuntimeError, match="the OSCAL export broke"):
        build_package(demo_workspace, tmp_path / "failed", use_cache=False)
    assert [p.name for p in (tmp_path / "failed").iterdir()] == []


def test_a_build_does_not_touch_the_store(demo_workspace: Path, tmp_path: Path) -> None:
    store = demo_workspace / ".auditpack"
    def files() -> dict[Path, bytes]:  # the package cache beside the store is not the store
        return {p: p.read_bytes() for p in store.rglob("*") if p.is_file() and "-wal" not in p.name
                and "-shm" not in p.name and "cache" not in p.relative_to(store).parts}

    before = files()
    build_package(demo_workspace, tmp_path, use_cache=False)
    after = files()
    assert after == before


def test_the_folder_kept_holds_exactly_the_zip(demo_workspace: Path, tmp_path: Path) -> None:
    result = build_package(demo_workspace, tmp_path, keep_folder=True)
    assert result.folder is not None and result.folder.parent == tmp_path
    with zipfile.ZipFile(result.zip_path) as archive:
        inside = {i.filename.split("/", 1)[1]: archive.read(i) for i in archive.infolist()}
    kept = {p.relative_to(result.folder).as_posix(): p.read_bytes()
            for p in result.folder.rglob("*") if p.is_file()}
    assert kept == inside and any(k.startswith("evidence/") for k in kept)
    again = build_package(demo_workspace, tmp_path, keep_folder=True)  # replaces the folder
    assert again.folder == result.folder and sorted(p.name for p in tmp_path.iterdir()) == \
        sorted([result.zip_path.name, result.folder.name])


def test_a_blob_changed_in_the_store_stops_the_build(demo_workspace: Path, tmp_path: Path) -> None:
    work = tmp_path / "ws"
    shutil.copytree(demo_workspace, work)
    with EvidenceStore.open(work) as store:
        raw = [store.blob_path(i.sha256) for i in store.items()
               if i.meta.media_type != "application/x-ndjson"]
    for blob in raw:  # the files as collected; the records the checks read stay intact
        blob.chmod(0o644)
        blob.write_bytes(blob.read_bytes() + b"tampered")
    with pytest.raises(IntegrityError, match="is not the file collected"):
        build_package(work, tmp_path / "out", use_cache=False)
    assert list((tmp_path / "out").iterdir()) == []


def test_a_same_size_change_with_its_times_put_back_stops_the_build(
        demo_workspace: Path, tmp_path: Path) -> None:
    """Every evidence file is hashed again as it goes into the ZIP: no file time, inode or
    size stands in for its sha256."""
    work = tmp_path / "ws"
    shutil.copytree(demo_workspace, work)
    with EvidenceStore.open(work) as store:
        item = next(i for i in store.items() if i.meta.media_type != "application/x-ndjson")
        blob = store.blob_path(item.sha256)
    before = blob.stat()
    data = bytearray(blob.read_bytes())
    data[0] ^= 0x01
    blob.chmod(0o644)
    blob.write_bytes(bytes(data))
    os.utime(blob, ns=(before.st_atime_ns, before.st_mtime_ns))
    with pytest.raises(IntegrityError, match=re.escape(item.evidence_id)):
        build_package(work, tmp_path / "out", use_cache=False)
    assert list((tmp_path / "out").iterdir()) == []


def test_a_killed_build_leaves_no_package_and_the_next_build_cleans_up(
        demo_workspace: Path, tmp_path: Path) -> None:
    import signal
    import subprocess
    import sys
    import time

    out = tmp_path / "out"
    script = (
        "import sys, time\n"
        "from pathlib import Path\n"
        "import auditpack.package.render.workbook as wb\n"
        "def stall(model):\n"
        "    Path(sys.argv[3]).write_text('writing the workbook')\n"
        "    time.sleep(60)\n"
        "wb.render_xlsx = stall\n"
        "from auditpack.package.build import build_package\n"
        "build_package(Path(sys.argv[1]), Path(sys.argv[2]), use_cache=False)\n")
    marker = tmp_path / "stalled"
    proc = subprocess.Popen([sys.executable, "-c", script, str(demo_workspace), str(out),
                             str(marker)])
    try:
        deadline = time.monotonic() + 60
        while not marker.exists() and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.1)
        assert marker.exists(), "the build never reached the workbook"
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(timeout=30)
    assert not list(out.glob("*.zip"))  # nothing at the output path
    assert [p.name for p in out.iterdir() if not p.name.startswith(".")] == []
    result = build_package(demo_workspace, out)
    assert [p.name for p in out.iterdir()] == [result.zip_path.name]  # the leftovers are gone


def test_a_narrative_of_thousands_of_files_stays_readable(package_model: PackageModel) -> None:
    import datetime as dt

    from docx import Document

    from auditpack.package.model.views import EvidenceRef
    from auditpack.package.render.narrative import render_docx

    refs = tuple(EvidenceRef(
        evidence_id=f"E-{9000 + n}", path=f"evidence/E-{9000 + n}_scan.pdf", sha256=f"{n:064x}",
        size=10, source=f"policy-scans/folder/scan{n:03d}.pdf", collector="file",
        kind="policy_document", original_name=f"scan{n:03d}.pdf", media_type="application/pdf",
        collected_at=dt.datetime(2026, 9, 30, tzinfo=dt.timezone.utc), as_of=dt.date(2026, 9, 29))
        for n in range(120))
    reached = {cid for f in package_model.frameworks for r in f.requirements
               if r.coverage == "covered" for cid in r.controls}
    control = next(c for c in package_model.controls if c.needs and c.id in reached)
    need = control.needs[0].model_copy(update={"evidence": tuple(r.evidence_id for r in refs)})
    changed = control.model_copy(update={"needs": (need, *control.needs[1:])})
    model = package_model.model_copy(update={
        "evidence": package_model.evidence + refs,
        "controls": tuple(changed if c.id == control.id else c for c in package_model.controls)})
    doc = Document(io.BytesIO(render_docx(model)))
    text = "\n".join(p.text for p in doc.paragraphs)
    # the 120 files of one folder source are one row of the by-source table
    rows = [[c.text for c in row.cells] for t in doc.tables for row in t.rows]
    assert ["policy-scans", "file", "120", "", "2026-09-29"] in rows
    # a need names its first 50 files with their hashes and counts the rest
    assert "E-9049 (sha256" in text and "E-9050 (sha256" not in text
    assert "… and 70 more files (to E-9119), listed in the Evidence Index sheet" in text


def _edit_index(work: Path, *statements: str) -> None:
    """Run SQL on a store's index with its append-only triggers dropped, as an attacker would."""
    import sqlite3

    db = sqlite3.connect(work / ".auditpack" / "index.sqlite")
    for trigger in ("items_no_update", "items_no_delete", "custody_no_update",
                    "custody_no_delete"):
        db.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    for sql in statements:
        db.execute(sql)
    db.commit()
    db.close()


def test_the_manifest_records_the_stores_chain_head(built: BuildResult,
                                                    demo_workspace: Path) -> None:
    with EvidenceStore.open(demo_workspace) as store:
        seq, head = store.head()
    with zipfile.ZipFile(built.zip_path) as archive:
        manifest = json.loads(archive.read(f"{built.model.package_name}/manifest.json"))
    assert seq > 0 and manifest["store_head"] == {"seq": seq, "hash": head}


@pytest.mark.parametrize("edit", [
    "UPDATE items SET meta = json_set(meta, '$.supplied_by', 'Mallory') "
    "WHERE evidence_id = 'E-0003'",
    "DELETE FROM custody WHERE seq = 3"])
def test_a_store_whose_index_or_custody_log_was_edited_stops_the_build(
        demo_workspace: Path, tmp_path: Path, edit: str) -> None:
    work = tmp_path / "ws"
    shutil.copytree(demo_workspace, work)
    _edit_index(work, edit)
    with pytest.raises(IntegrityError, match="E-0003: ") as info:
        build_package(work, tmp_path / "out")
    assert "custody" in str(info.value)
    assert not (tmp_path / "out").exists() or list((tmp_path / "out").iterdir()) == []


def test_a_store_rolled_back_below_its_recorded_head_stops_the_build_even_from_the_cache(
        demo_workspace: Path, tmp_path: Path) -> None:
    import datetime as dt

    from auditpack.evidence.model import EvidenceMeta

    work = tmp_path / "ws"
    shutil.copytree(demo_workspace, work)
    first = build_package(work, tmp_path / "first")  # cached under the store as it is now
    with EvidenceStore.open(work) as store:
        (seq, _), count = store.head(), len(store.items())
        store.add_bytes(b"MFA: 402 of 406", EvidenceMeta(
            source_id="later", collector="file", collector_version="1",
            original_name="later.txt", media_type="text/plain", as_of=dt.date(2026, 9, 30)),
            dt.datetime(2026, 9, 30, 12, 0, tzinfo=dt.timezone.utc))
    _edit_index(work, f"DELETE FROM items WHERE seq > {count}",
                f"DELETE FROM custody WHERE seq > {seq}", f"UPDATE sqlite_sequence SET seq = {seq}"
                " WHERE name = 'custody'")
    with pytest.raises(IntegrityError, match=f"custody entry {seq + 1} is missing"):
        build_package(work, tmp_path / "out")
    assert not (tmp_path / "out").exists() or list((tmp_path / "out").iterdir()) == []
    assert first.zip_path.is_file()


def test_verify_against_the_store_finds_a_rollback_and_missing_evidence(
        demo_workspace: Path, tmp_path: Path) -> None:
    """`verify PACKAGE --store WORKSPACE`: the store must still hold the package's evidence
    and reach the chain head its manifest recorded."""
    from click.testing import CliRunner

    from auditpack.cli import cli
    from auditpack.package.bundle.in_store import package_in_store

    work = tmp_path / "ws"
    shutil.copytree(demo_workspace, work)
    built = build_package(work, tmp_path / "out", use_cache=False)
    assert package_in_store(built.zip_path, work) == []
    ok = CliRunner().invoke(cli, ["verify", str(built.zip_path), "--store", str(work)])
    assert ok.exit_code == 3 and "still holds every evidence file" in ok.output  # unsigned
    with zipfile.ZipFile(built.zip_path) as archive:
        manifest = json.loads(archive.read(f"{built.model.package_name}/manifest.json"))
    head = manifest["store_head"]
    assert head["seq"] > 0 and len(head["hash"]) == 64
    # another store (a fresh copy of the demo collected again) neither reaches the head nor
    # holds the same files under the same ids
    other = tmp_path / "other"
    shutil.copytree(demo_workspace, other, ignore=shutil.ignore_patterns(".auditpack"))
    with pytest.raises(IntegrityError, match="no evidence store"):
        package_in_store(built.zip_path, other)
    evidence = next(f for f in manifest["files"] if f["path"].startswith("evidence/"))
    with EvidenceStore.open(work) as store:
        blob = store.blob_path(evidence["sha256"])
    blob.chmod(0o644)
    blob.unlink()
    problems = package_in_store(built.zip_path, work)
    assert [str(p) for p in problems if evidence["evidence_id"] in str(p)]
    bad = CliRunner().invoke(cli, ["verify", str(built.zip_path), "--store", str(work)])
    assert bad.exit_code == 2 and evidence["evidence_id"] in bad.output


def test_verify_against_the_store_finds_a_rollback_that_took_the_heads_file_too(
        demo_workspace: Path, tmp_path: Path) -> None:
    from auditpack.package.bundle.in_store import package_in_store

    work = tmp_path / "ws"
    shutil.copytree(demo_workspace, work)
    built = build_package(work, tmp_path / "out", use_cache=False)
    with EvidenceStore.open(work) as store:
        seq, _ = store.head()
        last = store.items()[-1].evidence_id
    (work / ".auditpack" / "heads").unlink()  # the attacker removes the local record too
    _edit_index(work, f"DELETE FROM items WHERE evidence_id = '{last}'",
                f"DELETE FROM custody WHERE seq = {seq}")
    problems = package_in_store(built.zip_path, work)
    assert any(f"custody entry {seq}" in str(p) and "rolled back" in str(p) for p in problems)


def test_a_blob_missing_from_the_store_is_a_clear_error_not_a_traceback(
        demo_workspace: Path, tmp_path: Path) -> None:
    """Issue 19, case 12: `build` with a missing blob."""
    from click.testing import CliRunner

    from auditpack.cli import cli

    work = tmp_path / "ws"
    shutil.copytree(demo_workspace, work)
    with EvidenceStore.open(work) as store:
        item = next(i for i in store.items() if i.meta.media_type != "application/x-ndjson")
        store.blob_path(item.sha256).unlink()
    result = CliRunner().invoke(cli, ["build", "--workspace", str(work), "-o",
                                      str(tmp_path / "out"), "--no-cache", "--quiet"])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output and "missing" in result.output
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").glob("*.zip"))


def test_as_of_reaches_every_check(demo_workspace: Path, package_model: PackageModel) -> None:
    """`build --as-of DAY` judges the evidence at DAY, not at the workspace's own as-of date
    (issue 15: the package said 2026-11-30 and judged freshness at 2026-09-30)."""
    import datetime as dt

    from auditpack.package.model.assemble import assemble_model

    later = dt.date(2026, 12, 31)
    assembled = assemble_model(demo_workspace, as_of=later)
    try:
        model = assembled.model
    finally:
        assembled.close()
    assert model.as_of == later and package_model.as_of == dt.date(2026, 9, 30)
    stale = [c.id for c in model.controls if c.status == "stale"]
    fresh_then = {c.id: c.status for c in package_model.controls}
    assert [c for c in stale if fresh_then[c] != "stale"], "nothing went out of date"
    summaries = [n.summary for c in model.controls for n in c.needs if n.status == "stale"]
    assert any("before 2026-12-31" in s for s in summaries)
    assert not any("before 2026-09-30" in s for s in summaries)
