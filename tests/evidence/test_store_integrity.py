"""What `check` (and through it the build) verifies before it uses the store: the custody
chain, every index row against it, the heads recorded beside it, and each records blob's
sha256 as the checks read it. Edits are made as an attacker with file access would."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from auditpack.cli import cli
from auditpack.errors import IntegrityError
from auditpack.evidence.checks.engine import run_checks
from auditpack.evidence.collect import collect
from auditpack.evidence.model import EvidenceMeta
from auditpack.evidence.sources import load_sources
from auditpack.evidence.store import GENESIS, EvidenceStore
from auditpack.workspace.loader import load_workspace

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "workspace"
NOW = dt.datetime(2026, 9, 30, 9, 0, tzinfo=dt.timezone.utc)


def meta(source: str = "policies") -> EvidenceMeta:
    return EvidenceMeta(source_id=source, collector="file", collector_version="1",
                        original_name="policy.pdf", media_type="application/pdf",
                        as_of=dt.date(2026, 9, 30))


@pytest.fixture()
def ws_dir(tmp_path: Path) -> Path:
    """The fixture workspace, collected: E-0001 the MFA export, E-0002 its records, E-0003
    the IR plan."""
    shutil.copytree(FIXTURE, tmp_path / "ws")
    with EvidenceStore.open(tmp_path / "ws") as store:
        collect(load_workspace(tmp_path / "ws"), store, now=NOW)
    return tmp_path / "ws"


def edit_index(ws: Path, *statements: str) -> None:
    """Run SQL on the index with the append-only triggers dropped, as an attacker would."""
    db = sqlite3.connect(ws / ".auditpack" / "index.sqlite")
    for trigger in ("items_no_update", "items_no_delete", "custody_no_update",
                    "custody_no_delete"):
        db.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    for sql in statements:
        db.execute(sql)
    db.commit()
    db.close()


def check_library(ws: Path) -> None:
    with EvidenceStore.open(ws) as store:
        run_checks(load_workspace(ws), load_sources(load_workspace(ws)), store)


def check_cli(ws: Path) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["check", "--workspace", str(ws)])
    return result.exit_code, result.stdout, result.stderr


def item_count(ws: Path) -> int:
    with EvidenceStore.open(ws) as store:
        return len(store.items())


SWAP_CUSTODY_1_AND_2 = (
    "CREATE TABLE keep AS SELECT * FROM custody WHERE seq IN (1, 2)",
    "DELETE FROM custody WHERE seq IN (1, 2)",
    "INSERT INTO custody SELECT 3 - seq, at, action, evidence_id, sha256, item_digest, "
    "prev_hash, entry_hash FROM keep",
    "DROP TABLE keep")

TAMPERING = {
    "a changed supplier": (("UPDATE items SET meta = json_set(meta, '$.supplied_by', "
                            "'Mallory') WHERE evidence_id = 'E-0001'",), "E-0001"),
    "a changed source column": (("UPDATE items SET source_id = 'elsewhere' "
                                 "WHERE evidence_id = 'E-0003'",), "E-0003"),
    "a deleted custody row": (("DELETE FROM custody WHERE seq = 2",), "E-0002"),
    "reordered custody rows": (SWAP_CUSTODY_1_AND_2, "custody entry 1"),
}


@pytest.mark.parametrize("case", sorted(TAMPERING))
def test_check_refuses_a_store_whose_index_or_custody_log_was_edited(
        ws_dir: Path, case: str) -> None:
    statements, named = TAMPERING[case]
    edit_index(ws_dir, *statements)
    with pytest.raises(IntegrityError) as info:
        check_library(ws_dir)
    assert named in str(info.value)
    assert "custody" in str(info.value)
    before = item_count(ws_dir)
    code, out, err = check_cli(ws_dir)
    assert code == 2 and named in err and "Traceback" not in err + out
    assert item_count(ws_dir) == before  # no check result recorded


def test_an_intact_store_passes_and_check_records_its_results(ws_dir: Path) -> None:
    code, out, err = check_cli(ws_dir)
    assert code == 0, err
    assert "fail: 1" in out and item_count(ws_dir) > 3


def forge_records(ws: Path) -> tuple[str, Path]:
    """Rewrite E-0002 (the MFA records) so that every member has MFA: valid JSON lines."""
    with EvidenceStore.open(ws) as store:
        item = store.get("E-0002")
        blob = store.blob_path(item.sha256)
    lines = [json.loads(line) for line in blob.read_text().splitlines() if line.strip()]
    forged = "".join(json.dumps({**rec, "mfa_registered": True}) + "\n" for rec in lines)
    assert forged != blob.read_text()
    blob.chmod(0o644)
    blob.write_text(forged)
    return item.evidence_id, blob


def test_check_refuses_records_that_changed_since_they_were_collected(ws_dir: Path) -> None:
    evidence_id, blob = forge_records(ws_dir)
    with pytest.raises(IntegrityError, match=f"{evidence_id} does not match its sha256") as info:
        check_library(ws_dir)
    assert info.value.location == str(blob)
    before = item_count(ws_dir)
    code, out, err = check_cli(ws_dir)
    assert code == 2 and f"{evidence_id} does not match its sha256" in err
    assert "pass" not in out and item_count(ws_dir) == before  # nothing recorded


def test_records_are_verified_as_they_stream_and_still_read_back(ws_dir: Path) -> None:
    from auditpack.evidence.checks.base import CheckInput

    with EvidenceStore.open(ws_dir) as store:
        raw, rec = store.get("E-0001"), store.get("E-0002")
        data = CheckInput(store, dt.date(2026, 9, 30), {"mfa": [(raw, rec)]})
        assert len(list(data.records("mfa"))) == 5


def test_every_commit_appends_the_chain_head_to_the_heads_file(tmp_path: Path) -> None:
    with EvidenceStore.open(tmp_path) as store:
        assert store.head() == (0, GENESIS)
        store.add_bytes(b"one", meta(), NOW)
        first = store.head()
        sha, size = store.put_stream([b"two"])
        store.add_group([(sha, size, meta("a")), (sha, size, meta("b"))], NOW)
        second = store.head()
        store.add_group([], NOW)  # nothing added, no new head
        last = store.db.execute("SELECT seq, entry_hash FROM custody "
                                "ORDER BY seq DESC LIMIT 1").fetchone()
    assert first[0] == 1 and second == tuple(last) and second[0] == 3
    with EvidenceStore.open(tmp_path) as store:
        assert store.reaches(first) and store.reaches(second) and store.reaches((0, GENESIS))
        assert not store.reaches((4, second[1])) and not store.reaches((1, second[1]))
    heads = (tmp_path / ".auditpack" / "heads").read_text()
    assert heads == f"{first[0]} {first[1]}\n{second[0]} {second[1]}\n"


def rolled_back(tmp_path: Path) -> Path:
    """A store of 20 items in 5 collections whose last 7 rows were deleted from both the
    index and the custody log."""
    with EvidenceStore.open(tmp_path) as store:
        for group in range(5):
            blobs = [(*store.put_stream([f"{group}-{n}".encode()]), meta(f"s{group}-{n}"))
                     for n in range(4)]
            store.add_group(blobs, NOW)
        assert store.verify() == []
    edit_index(tmp_path, "DELETE FROM items WHERE seq > 13", "DELETE FROM custody WHERE seq > 13",
               "UPDATE sqlite_sequence SET seq = 13")  # and the tracks covered
    return tmp_path


def test_store_verify_finds_a_store_rolled_back_below_a_recorded_head(tmp_path: Path) -> None:
    root = rolled_back(tmp_path)
    with EvidenceStore.open(root) as store:
        found = [str(p) for p in store.verify()]
        assert store.head()[0] == 13
        with pytest.raises(IntegrityError, match="custody entry 20 is missing"):
            store.verified_head()
    assert len(found) == 1
    assert "custody entry 20 is missing" in found[0] and "ends at entry 13" in found[0]
    result = CliRunner().invoke(cli, ["store", "verify", "--workspace", str(root)])
    assert result.exit_code == 2 and "custody entry 20 is missing" in result.stderr


def test_store_verify_finds_a_history_diverging_from_a_recorded_head(tmp_path: Path) -> None:
    root = rolled_back(tmp_path)
    with EvidenceStore.open(root) as store:  # a different history written over the old one
        for n in range(8):
            store.add_bytes(f"other {n}".encode(), meta(f"o{n}"), NOW)
        found = [str(p) for p in store.verify()]
    assert any("custody entry 16 differs from the head recorded" in p for p in found)
    assert any("custody entry 20 differs from the head recorded" in p for p in found)


def test_a_damaged_heads_file_is_named(tmp_path: Path) -> None:
    with EvidenceStore.open(tmp_path) as store:
        store.add_bytes(b"one", meta(), NOW)
        with (store.root / "heads").open("a") as out:
            out.write("garbage\n")
        (problem,) = store.verify()
    assert "line 2" in str(problem) and "heads" in str(problem)


def test_a_head_that_cannot_be_written_is_a_located_error_and_the_items_stay(
        tmp_path: Path) -> None:
    from auditpack.errors import EvidenceError

    with EvidenceStore.open(tmp_path) as store:
        (store.root / "heads").mkdir()  # cannot be opened for appending
        with pytest.raises(EvidenceError, match="custody head 1 could not be added") as info:
            store.add_bytes(b"one", meta(), NOW)
        assert info.value.location == str(store.root / "heads")
        assert [i.evidence_id for i in store.items()] == ["E-0001"]
        (problem,) = store.verify()
        assert "the heads file cannot be read" in str(problem)
