"""Each built-in check on small record sets: it passes when it should, fails naming the exception."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from auditpack.evidence.checks.base import REGISTRY, CheckInput
from auditpack.evidence.checks.engine import (  # also registers the checks
    latest_by_source,
    pairs_by_source,
)
from auditpack.evidence.model import EvidenceItem, EvidenceMeta
from auditpack.evidence.store import EvidenceStore

AS_OF = dt.date(2026, 9, 30)
NOW = dt.datetime(2026, 9, 30, tzinfo=dt.timezone.utc)


@pytest.fixture()
def store(tmp_path: Path) -> EvidenceStore:
    return EvidenceStore.open(tmp_path)


def add(store: EvidenceStore, kind: str, records: list[dict[str, Any]] | None = None,
        as_of: dt.date = AS_OF) -> tuple[EvidenceItem, EvidenceItem | None]:
    """Store a raw item of `kind` and, when records are given, its records."""
    meta = EvidenceMeta(source_id=f"{kind}-{as_of}", collector="test", collector_version="1",
                        original_name=f"{kind}.csv", media_type="text/csv", as_of=as_of, kind=kind)
    raw = store.add_bytes(f"{kind} {as_of}".encode(), meta, NOW)
    if records is None:
        return raw, None
    body = "".join(json.dumps(r) + "\n" for r in records).encode()
    rec = store.add_bytes(body, meta.model_copy(update={"source_id": meta.source_id + "/records",
                                                        "derived_from": raw.evidence_id}), NOW)
    return raw, rec


def run(store: EvidenceStore, name: str, data: dict[str, list[Any]], **options: Any) -> Any:
    check = REGISTRY[name]
    return check.run(CheckInput(store, AS_OF, data, options))


def test_mfa_coverage(store: EvidenceStore) -> None:
    users = [
        {"upn": "a@x", "name": "A", "user_type": "member", "mfa_registered": True},
        {"upn": "b@x", "name": "B", "user_type": "member", "mfa_registered": False, "is_admin": True},
        {"upn": "off@x", "user_type": "member", "mfa_registered": False, "account_enabled": False},
        {"upn": "bg@x", "user_type": "member", "mfa_registered": False},
    ]
    pair = add(store, "mfa_registration", users)
    out = run(store, "mfa_coverage", {"mfa_registration": [pair]}, break_glass=["BG@x"])
    assert out.status == "fail" and out.figures["members"] == 2 and out.figures["without_mfa"] == 1
    assert [(e.subject, e.category) for e in out.exceptions] == [("b@x", "no_mfa"), ("bg@x", "break_glass")]
    assert "(administrator)" in out.exceptions[0].detail
    ok = add(store, "mfa_registration", users[:1])
    assert run(store, "mfa_coverage", {"mfa_registration": [ok]}).status == "pass"


def test_edr_coverage_reconciles_hosts_and_flags_inactive(store: EvidenceStore) -> None:
    edr = add(store, "edr_inventory", [
        {"hostname": "HPCU-WS01.corp.example", "last_seen": "2026-09-29T10:00:00Z", "health": "active"},
        {"hostname": "hpcu-ws02", "last_seen": "2026-09-01T10:00:00Z", "health": "inactive"},
        {"hostname": "hpcu-ws02", "last_seen": "2026-08-01T10:00:00Z", "health": "inactive"},
    ])
    rmm = add(store, "asset_inventory", [
        {"hostname": "hpcu-ws01"}, {"hostname": "HPCU-WS02"}, {"hostname": "hpcu-srv01.corp.example"}])
    out = run(store, "edr_coverage", {"edr_inventory": [edr], "asset_inventory": [rmm]})
    assert out.status == "fail" and out.figures["devices"] == 3 and out.figures["protected"] == 1
    assert {(e.subject, e.category) for e in out.exceptions} == {
        ("hpcu-ws02", "inactive"), ("hpcu-srv01", "no_agent")}
    assert "2026-09-01" in next(e.detail for e in out.exceptions if e.category == "inactive")


def test_patch_latency(store: EvidenceStore) -> None:
    pair = add(store, "patch_report", [
        {"hostname": "ws01", "kb": "KB5030211", "severity": "critical", "status": "pending",
         "released": "2026-09-01"},
        {"hostname": "ws02", "kb": "KB5030212", "severity": "critical", "status": "pending",
         "released": "2026-09-25"},
        {"hostname": "ws03", "kb": "KB5030213", "severity": "critical", "status": "installed",
         "released": "2026-06-01"},
        {"hostname": "ws04", "kb": "KB1", "severity": "low", "status": "pending", "released": "2025-01-01"},
    ])
    out = run(store, "patch_latency", {"patch_report": [pair]})
    assert out.status == "fail" and out.figures == {"outstanding": 2, "past_sla": 1,
                                                     "sla_days": {"critical": 14, "important": 30}}
    (exc,) = out.exceptions
    assert exc.subject == "ws01" and "KB5030211" in exc.detail and "29 days old" in exc.detail


def test_backup_success_and_immutability(store: EvidenceStore) -> None:
    sessions = add(store, "backup_sessions", [
        {"job_name": "SQL", "started": "2026-09-29T23:00:00", "result": "success"},
        {"job_name": "SQL", "started": "2026-09-30T01:00:00", "result": "failed"},
        {"job_name": "Files", "started": "2026-09-20T23:00:00", "result": "success"},
        {"job_name": "M365", "started": "2026-09-30T02:00:00", "result": "warning"},
    ])
    out = run(store, "backup_success", {"backup_sessions": [sessions]})
    assert out.status == "fail"
    assert {(e.subject, e.category) for e in out.exceptions} == {("SQL", "failed"),
                                                                 ("Files", "missing_runs")}
    repos = add(store, "backup_immutability", [
        {"repository": "Hardened-01", "immutable": True, "immutable_days": 30},
        {"repository": "NAS-Legacy", "immutable": False, "type": "SMB share"}])
    out = run(store, "backup_immutability", {"backup_immutability": [repos]})
    assert out.status == "fail" and [e.subject for e in out.exceptions] == ["NAS-Legacy"]


def test_cadences(store: EvidenceStore) -> None:
    old = add(store, "penetration_test", as_of=dt.date(2025, 8, 1))
    assert run(store, "pentest_cadence", {"penetration_test": [old]}).status == "fail"
    recent = add(store, "penetration_test", as_of=dt.date(2025, 10, 1))
    out = run(store, "pentest_cadence", {"penetration_test": [old, recent]})
    assert out.status == "pass" and "2025-10-01" in out.summary
    scan = add(store, "vulnerability_scan", as_of=dt.date(2026, 3, 15))
    assert run(store, "vuln_assessment_cadence", {"vulnerability_scan": [scan]}).status == "fail"
    assert run(store, "board_report_cadence", {"board_report": []}).summary == "no board report on file"


def test_damaged_records_are_an_integrity_error_not_a_crash(store: EvidenceStore) -> None:
    from auditpack.errors import IntegrityError
    raw, rec = add(store, "mfa_registration", [{"upn": "a@x", "mfa_registered": True}])
    assert rec is not None
    path = store.blob_path(rec.sha256)
    path.chmod(0o644)
    path.write_bytes(b"{not json")
    with pytest.raises(IntegrityError, match="cannot be read back"):
        run(store, "mfa_coverage", {"mfa_registration": [(raw, rec)]})


@pytest.mark.parametrize("damage", [b"{not json", b'{"upn": "a@x"}x\n', b'{"upn": "a@x"}\x0c\n',
                                    b'{"upn": "\xff"}\n', b'{"upn": "a@x"}{"upn": "b@x"}\n'])
def test_every_kind_of_damage_is_an_integrity_error_naming_the_line(
        store: EvidenceStore, damage: bytes) -> None:
    from auditpack.errors import IntegrityError
    raw, rec = add(store, "mfa_registration", [{"upn": "a@x", "mfa_registered": True}])
    assert rec is not None
    path = store.blob_path(rec.sha256)
    path.chmod(0o644)
    path.write_bytes(b'{"upn": "ok@x", "mfa_registered": true}\n\n' + damage)
    with pytest.raises(IntegrityError, match=r"cannot be read back \(line 3\)"):
        run(store, "mfa_coverage", {"mfa_registration": [(raw, rec)]})


def test_records_read_back_exactly_skipping_blank_lines(store: EvidenceStore) -> None:
    meta = EvidenceMeta(source_id="x/records", collector="test", collector_version="1",
                        original_name="x.csv", media_type="application/x-ndjson", as_of=AS_OF,
                        kind="x")
    body = ('{"n": 123456789012345678901234567890, "name": "Zoë", "f": 1.5e3}\n\n'
            ' [1, {"a": null}]\r\n').encode()
    rec = store.add_bytes(body, meta, NOW)
    data = CheckInput(store, AS_OF, {"x": [(rec, rec)]}, {})
    assert list(data.records("x")) == [
        {"n": 123456789012345678901234567890, "name": "Zoë", "f": 1500.0}, [1, {"a": None}]]


def test_pairs_of_every_source_at_once_match_each_source_alone(store: EvidenceStore) -> None:
    def item(source: str, derived_from: str | None = None, records: bool = False) -> EvidenceItem:
        meta = EvidenceMeta(source_id=source, collector="test", collector_version="1",
                            original_name="x", as_of=AS_OF, derived_from=derived_from,
                            media_type="application/x-ndjson" if records else "application/zip")
        return store.add_bytes(source.encode(), meta, NOW)

    archive = item("edr")
    first = item("edr/records", archive.evidence_id, records=True)
    second = item("edr/records/b.csv", archive.evidence_id, records=True)
    plan = item("edr-plan")  # a source whose id starts like another's
    latest = latest_by_source(store)
    grouped = pairs_by_source(latest)
    assert grouped["edr"] == [(archive, first), (archive, second)]
    assert grouped["edr-plan"] == [(plan, None)]
