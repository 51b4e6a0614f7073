"""`auditpack access review` on the law-firm demo: totals, findings and their requirements."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from click.testing import CliRunner

from auditpack.cli import cli
from auditpack.evidence.collect import collect
from auditpack.evidence.store import EvidenceStore
from auditpack.workspace.loader import load_workspace

NOW = dt.datetime(2026, 9, 30, 12, 0, tzinfo=dt.timezone.utc)


def test_access_review_json_and_table(tmp_path: Path) -> None:
    ws_dir = tmp_path / "lf"
    runner = CliRunner()
    missing = runner.invoke(cli, ["init", "--demo", "law-firm", str(ws_dir)])
    assert missing.exit_code == 0, missing.output
    before = runner.invoke(cli, ["access", "review", "--workspace", str(ws_dir)])
    assert before.exit_code == 2 and "auditpack collect" in before.output
    with EvidenceStore.open(ws_dir) as store:
        collect(load_workspace(ws_dir), store, now=NOW)
    done = runner.invoke(cli, ["access", "review", "--workspace", str(ws_dir), "--format", "json"])
    assert done.exit_code == 0, done.output
    data = json.loads(done.output)
    assert data["as_of"] == "2026-09-30" and data["totals"]["matters"] >= 50
    assert {(f["category"], f["subject"]) for f in data["findings"]} >= {
        ("wall_breach", "CLIN"), ("wall_not_included", "ADUNN"), ("provider_standing_access", "FMS-BCOLEMAN")}
    outsider = next(f for f in data["findings"] if f["category"] == "wall_not_included")
    assert outsider["path"] == ["CW-EDISCOVERY", "CW-LITSUPPORT"] and outsider["matter"] == "29613-016"
    assert data["totals"]["allow_list_blocked_pairs"] == 1
    breach = next(f for f in data["findings"] if f["category"] == "wall_breach")
    assert breach["path"] == ["CW-DOCKETING", "CW-RECORDS"]
    provider = next(f for f in data["findings"] if f["category"] == "provider_standing_access")
    assert provider["requirements"]["nist-sp-800-207"] == ["2.1-3"]
    assert "5.4" in provider["requirements"]["cis-controls-v8"]
    assert "PR.AA-05" in provider["requirements"]["nist-csf-2.0"]
    assert "pci-dss-4.0.1" not in provider["requirements"]          # not in the firm's scope
    assert data["diff"] is None                                      # the first review
    table = runner.invoke(cli, ["access", "review", "--workspace", str(ws_dir)])
    assert table.exit_code == 0 and "wall_breach: 1" in table.output and "FMS-BCOLEMAN" in table.output
    assert "wall_not_included: 1" in table.output
    assert "1 held back by security-policy allow lists" in table.output
    assert "0 new grant(s), 0 removed, 0 changed; 0 new finding(s), 0 resolved" in table.output


def test_access_review_diff_after_a_fix(tmp_path: Path) -> None:
    ws_dir = tmp_path / "lf"
    runner = CliRunner()
    assert runner.invoke(cli, ["init", "--demo", "law-firm", str(ws_dir)]).exit_code == 0
    with EvidenceStore.open(ws_dir) as store:
        collect(load_workspace(ws_dir), store, now=NOW)
    assert runner.invoke(cli, ["access", "review", "--workspace", str(ws_dir)]).exit_code == 0
    # records staff remove NGREER from 30112-002 and log the removal of the expired break-glass
    acl = ws_dir / "exports" / "imanage-matter-security-2026-09-28.csv"
    acl.write_text("".join(line for line in acl.read_text(encoding="utf-8").splitlines(keepends=True)
                           if ",NGREER," not in line), encoding="utf-8")
    register = ws_dir / "exports" / "break-glass-register-2026-09-30.csv"
    register.write_text(register.read_text(encoding="utf-8").replace(
        "2026-08-19T15:00:00Z,,", "2026-08-19T15:00:00Z,2026-08-19T14:30:00Z,"), encoding="utf-8")
    with EvidenceStore.open(ws_dir) as store:
        collect(load_workspace(ws_dir), store, now=NOW + dt.timedelta(hours=1))
    done = runner.invoke(cli, ["access", "review", "--workspace", str(ws_dir), "--format", "json"])
    diff = json.loads(done.output)["diff"]
    assert diff["removed_grants"] == [{"person": "NGREER", "matter": "30112-002", "before": "write", "after": None}]
    assert diff["new_grants"] == [] and diff["new_findings"] == []
    assert {(f["category"], f["subject"]) for f in diff["resolved_findings"]} == {
        ("leaver_access", "NGREER"), ("expired_break_glass", "FMS-MLOPEZ")}
