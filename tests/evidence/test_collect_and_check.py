"""Collect the fixture workspace's sources, then check its controls from the store alone."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from auditpack.errors import EvidenceError, WorkspaceError
from auditpack.evidence.checks.engine import run_checks, store_results
from auditpack.evidence.collect import collect
from auditpack.evidence.sources import load_sources
from auditpack.evidence.store import EvidenceStore
from auditpack.workspace.loader import load_workspace

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "workspace"
NOW = dt.datetime(2026, 9, 30, 9, 0, tzinfo=dt.timezone.utc)


@pytest.fixture()
def ws_dir(tmp_path: Path) -> Path:
    shutil.copytree(FIXTURE, tmp_path / "ws")
    return tmp_path / "ws"


def test_collect_records_raw_and_normalised_evidence(ws_dir: Path) -> None:
    ws = load_workspace(ws_dir)
    with EvidenceStore.open(ws_dir) as store:
        items = collect(ws, store, now=NOW)
        assert [(i.evidence_id, i.source_id) for i in items] == [
            ("E-0001", "entra-mfa"), ("E-0002", "entra-mfa/records"), ("E-0003", "ir-plan")]
        raw, records, plan = items
        assert raw.meta.record_count == records.meta.record_count == 5
        assert records.meta.derived_from == "E-0001" and raw.meta.supplied_by == "msp"
        assert raw.meta.parameters["encoding"] == "utf-8"
        with store.open_blob(records.sha256) as fh:
            rows = [json.loads(line) for line in fh]
        pat = next(r for r in rows if r["upn"] == "pat.kim@harborpoint.example")
        assert pat["mfa_registered"] is False and pat["user_type"] == "member"
        assert rows[0]["methods"] == ["microsoftAuthenticatorPush", "softwareOneTimePasscode"]
        assert plan.meta.kind == "ir_plan" and plan.meta.as_of == dt.date(2026, 4, 15)
        again = collect(ws, store, only=["entra-mfa"], now=NOW)
        assert [i.version for i in again] == [2, 2] and again[0].sha256 == raw.sha256
        assert store.verify() == []


def test_checks_find_the_member_without_mfa_and_keep_break_glass_apart(ws_dir: Path) -> None:
    ws = load_workspace(ws_dir)
    with EvidenceStore.open(ws_dir) as store:
        collect(ws, store, now=NOW)
        results = {r.control: r for r in run_checks(ws, load_sources(ws), store)}
        mfa = results["TV-IAM-01"]
        (need,) = mfa.needs
        assert mfa.status == "fail" and need.check == "mfa_coverage"
        assert need.summary.startswith("2/3 enabled member accounts have MFA registered")
        cats = {e.category: e.subject for e in need.exceptions}
        assert cats == {"no_mfa": "pat.kim@harborpoint.example",
                        "break_glass": "breakglass01@harborpoint.example",
                        "guest": "auditor_cpa.example#ext#@harborpoint.example"}
        assert mfa.evidence == ("E-0001", "E-0002")
        ir = results["TV-IR-01"]
        assert ir.status == "not_tested" and ir.needs[0].evidence == ("E-0003",)
        stored = store_results(store, list(results.values()), ws.as_of, NOW)
        assert {i.source_id for i in stored} == {"check/TV-IAM-01", "check/TV-IR-01"}
        assert store_results(store, list(results.values()), ws.as_of, NOW) == []  # unchanged


def test_missing_and_stale_evidence(ws_dir: Path) -> None:
    text = (ws_dir / "auditpack.yaml").read_text().replace("as_of: 2026-04-15", "as_of: 2025-06-01")
    (ws_dir / "auditpack.yaml").write_text(text)
    ws = load_workspace(ws_dir)
    with EvidenceStore.open(ws_dir) as store:
        results = {r.control: r for r in run_checks(ws, load_sources(ws), store)}
        assert results["TV-IAM-01"].status == "missing"
        collect(ws, store, now=NOW)
        results = {r.control: r for r in run_checks(ws, load_sources(ws), store)}
    stale = results["TV-IR-01"]
    assert stale.status == "stale" and "2025-06-01" in stale.needs[0].summary


def test_wrong_export_is_named_and_nothing_is_recorded(ws_dir: Path) -> None:
    (ws_dir / "exports" / "entra-mfa.csv").write_text("id,userPrincipalName,displayName\n1,a@b.c,A\n")
    ws = load_workspace(ws_dir)
    with EvidenceStore.open(ws_dir) as store:
        with pytest.raises(EvidenceError) as info:
            collect(ws, store, only=["entra-mfa"], now=NOW)
        assert "looks like a Microsoft Entra ID user registration details export but lacks " \
               "column isMfaRegistered" in info.value.message
        assert store.items() == []


def test_truncated_row_names_its_line(ws_dir: Path) -> None:
    path = ws_dir / "exports" / "entra-mfa.csv"
    path.write_text(path.read_text() + "deadbeef,x@y.z,Cut Off\n")
    ws = load_workspace(ws_dir)
    with EvidenceStore.open(ws_dir) as store, pytest.raises(EvidenceError) as info:
        collect(ws, store, now=NOW)
    assert info.value.location == f"{path.resolve()}:7"


def test_bad_sources_are_located_errors(ws_dir: Path) -> None:
    text = (ws_dir / "auditpack.yaml").read_text()
    text = text.replace("collector: entra_mfa, path", "collector: entra_mfa, paht")
    text = text.replace("controls: [TV-IR-01], supplied_by: tv-it", "controls: [TV-NOPE], supplied_by: nobody")
    (ws_dir / "auditpack.yaml").write_text(text)
    with pytest.raises(WorkspaceError) as info:
        load_sources(load_workspace(ws_dir))
    found = "\n".join(map(str, info.value.problems))
    assert "unknown control 'TV-NOPE'" in found and "unknown party 'nobody'" in found
    assert "unknown option 'paht'" in found and "missing option 'path'" in found
    assert "auditpack.yaml:53 [evidence.sources[0].path]" in found


def test_path_outside_the_workspace_is_refused(ws_dir: Path) -> None:
    text = (ws_dir / "auditpack.yaml").read_text().replace("path: exports/IR-Plan-2026.md",
                                                          "path: ../../../etc/passwd")
    (ws_dir / "auditpack.yaml").write_text(text)
    ws = load_workspace(ws_dir)
    with EvidenceStore.open(ws_dir) as store, pytest.raises(EvidenceError) as info:
        collect(ws, store, only=["ir-plan"], now=NOW)
    assert "outside the workspace" in info.value.message


def test_evidence_must_cover_the_package_period(ws_dir: Path) -> None:
    text = (ws_dir / "auditpack.yaml").read_text().replace(
        "supplied_by: msp, as_of: 2026-09-29}",
        "supplied_by: msp, as_of: 2026-09-29, period_start: 2026-07-01, period_end: 2026-09-29}")
    (ws_dir / "auditpack.yaml").write_text(text)
    ws = load_workspace(ws_dir)
    with EvidenceStore.open(ws_dir) as store:
        collect(ws, store, now=NOW)
        sources = load_sources(ws)
        inside = {r.control: r for r in run_checks(ws, sources, store,
                                                    (dt.date(2026, 7, 1), dt.date(2026, 9, 29)))}
        wider = {r.control: r for r in run_checks(ws, sources, store,
                                                   (dt.date(2026, 1, 1), dt.date(2026, 9, 30)))}
    assert inside["TV-IAM-01"].status == "fail"  # judged on its content
    assert wider["TV-IAM-01"].status == "stale"
    assert "not the whole period 2026-01-01 to 2026-09-30" in wider["TV-IAM-01"].needs[0].summary


def test_a_zipped_export_is_kept_whole_and_read_safely(ws_dir: Path) -> None:
    import zipfile
    csv = (ws_dir / "exports" / "entra-mfa.csv").read_bytes()
    with zipfile.ZipFile(ws_dir / "exports" / "entra.zip", "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("report/UserRegistrationDetails.csv", csv)
    text = (ws_dir / "auditpack.yaml").read_text().replace("path: exports/entra-mfa.csv",
                                                          "path: exports/entra.zip")
    (ws_dir / "auditpack.yaml").write_text(text)
    ws = load_workspace(ws_dir)
    with EvidenceStore.open(ws_dir) as store:
        raw, records = collect(ws, store, only=["entra-mfa"], now=NOW)
        assert raw.meta.media_type == "application/zip" and records.meta.record_count == 5
        assert records.meta.parameters["member"] == "report/UserRegistrationDetails.csv"
        results = {r.control: r for r in run_checks(ws, load_sources(ws), store)}
    assert results["TV-IAM-01"].status == "fail"
    with zipfile.ZipFile(ws_dir / "exports" / "entra.zip", "w") as z:
        z.writestr("../escape.csv", csv)
    with EvidenceStore.open(ws_dir) as store, pytest.raises(EvidenceError) as info:
        collect(load_workspace(ws_dir), store, only=["entra-mfa"], now=NOW)
    assert "unsafe member '../escape.csv'" in info.value.message


def test_every_table_of_a_zipped_export_reaches_the_checks(ws_dir: Path) -> None:
    import zipfile
    header, *users = (ws_dir / "exports" / "entra-mfa.csv").read_text().splitlines(keepends=True)
    sam = users[2].replace("3b2d6c11", "5c6d7e8f").replace("pat.kim", "sam.roe").replace(
        "Pat Kim", "Sam Roe")
    with zipfile.ZipFile(ws_dir / "exports" / "entra.zip", "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("report/part-1.csv", header + "".join(users[:3]))  # dana, lee, pat (no MFA)
        z.writestr("report/part-2.csv", header + "".join(users[3:]) + sam)  # break-glass, guest, sam
    text = (ws_dir / "auditpack.yaml").read_text().replace("path: exports/entra-mfa.csv",
                                                          "path: exports/entra.zip")
    (ws_dir / "auditpack.yaml").write_text(text)
    ws = load_workspace(ws_dir)
    with EvidenceStore.open(ws_dir) as store:
        raw, first, second = collect(ws, store, only=["entra-mfa"], now=NOW)
        assert raw.meta.media_type == "application/zip"
        assert [(r.source_id, r.meta.parameters["member"], r.meta.record_count, r.meta.derived_from)
                for r in (first, second)] == [
            ("entra-mfa/records", "report/part-1.csv", 3, raw.evidence_id),
            ("entra-mfa/records/report/part-2.csv", "report/part-2.csv", 3, raw.evidence_id)]
        results = {r.control: r for r in run_checks(ws, load_sources(ws), store)}
    mfa = results["TV-IAM-01"]
    (need,) = mfa.needs
    assert mfa.status == "fail"
    assert need.summary.startswith("2/4 enabled member accounts have MFA registered")
    assert sorted((e.category, e.subject) for e in need.exceptions) == [
        ("break_glass", "breakglass01@harborpoint.example"),
        ("guest", "auditor_cpa.example#ext#@harborpoint.example"),
        ("no_mfa", "pat.kim@harborpoint.example"), ("no_mfa", "sam.roe@harborpoint.example")]
    assert need.evidence == (raw.evidence_id, first.evidence_id, second.evidence_id)


def test_every_file_of_a_folder_source_serves_its_controls(ws_dir: Path) -> None:
    policies = ws_dir / "exports" / "ir"
    policies.mkdir()
    (policies / "plan.md").write_text("Incident response plan v5")
    (policies / "contacts.md").write_text("Escalation contacts")
    text = (ws_dir / "auditpack.yaml").read_text().replace("path: exports/IR-Plan-2026.md",
                                                          "path: exports/ir")
    (ws_dir / "auditpack.yaml").write_text(text)
    ws = load_workspace(ws_dir)
    with EvidenceStore.open(ws_dir) as store:
        items = collect(ws, store, only=["ir-plan"], now=NOW)
        assert sorted(i.source_id for i in items) == ["ir-plan/exports/ir/contacts.md",
                                                      "ir-plan/exports/ir/plan.md"]
        results = {r.control: r for r in run_checks(ws, load_sources(ws), store)}
    need = results["TV-IR-01"].needs[0]
    assert need.status == "not_tested" and sorted(need.evidence) == sorted(i.evidence_id for i in items)
