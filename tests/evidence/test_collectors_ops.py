"""PSA tickets, Veeam sessions and repositories, and DMS ACLs, collected as the product does."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from auditpack.errors import EvidenceError
from auditpack.evidence.collectors.base import Artifact, CollectContext, Collector, SourceSpec
from auditpack.evidence.collectors.connectwise_tickets import ConnectWiseTicketsCollector
from auditpack.evidence.collectors.halopsa_tickets import HaloPsaTicketsCollector
from auditpack.evidence.collectors.imanage_acl import IManageAclCollector
from auditpack.evidence.collectors.netdocuments_acl import NetDocumentsAclCollector
from auditpack.evidence.collectors.veeam_repositories import VeeamRepositoriesCollector
from auditpack.evidence.collectors.veeam_sessions import VeeamSessionsCollector
from auditpack.evidence.registry import GROUP
from auditpack.evidence.store import EvidenceStore

EXPORTS = Path(__file__).resolve().parents[1] / "fixtures" / "exports"
NOW = dt.datetime(2026, 9, 30, 9, 0, tzinfo=dt.timezone.utc)
AS_OF = dt.date(2026, 9, 30)


def run(collector: Collector, workspace: Path, rel: str) -> tuple[list[dict[str, Any]], Artifact]:
    """Collect one export as the product does; return its records and the records artifact."""
    spec = SourceSpec.model_validate({"id": "src", "collector": collector.name, "path": rel})
    options = collector.Options.model_validate(spec.options())
    with EvidenceStore.open(workspace) as store:
        ctx = CollectContext(workspace, store, NOW, AS_OF)
        raw, records = collector.collect(spec, options, ctx)
        assert raw.meta.record_count == records.meta.record_count
        assert records.meta.derived_from == "@0" and records.meta.kind == collector.kind
        with ctx.store.open_blob(records.sha256) as fh:
            rows = [json.loads(line) for line in fh]
    assert len(rows) == records.meta.record_count
    return rows, records


def fixture(tmp_path: Path, name: str) -> str:
    """Copy a fixture into the workspace; return its workspace-relative path."""
    (tmp_path / "exports").mkdir(exist_ok=True)
    shutil.copy(EXPORTS / name, tmp_path / "exports" / name)
    return f"exports/{name}"


def write(tmp_path: Path, name: str, text: str) -> str:
    """Write an ad-hoc export into the workspace; return its workspace-relative path."""
    (tmp_path / "exports").mkdir(exist_ok=True)
    (tmp_path / "exports" / name).write_text(text, encoding="utf-8")
    return f"exports/{name}"


def fails(collector: Collector, tmp_path: Path, rel: str) -> EvidenceError:
    """Collect an export that must be refused; return the error."""
    with pytest.raises(EvidenceError) as info:
        run(collector, tmp_path, rel)
    return info.value


def test_the_six_are_registered_under_their_module_names() -> None:
    for cls in (ConnectWiseTicketsCollector, HaloPsaTicketsCollector, VeeamSessionsCollector,
                VeeamRepositoriesCollector, IManageAclCollector, NetDocumentsAclCollector):
        (ep,) = entry_points(group=GROUP, name=cls.name)
        assert ep.load() is cls and cls.__module__.rsplit(".", 1)[-1] == cls.name


# --- ConnectWise Manage ----------------------------------------------------------------

def test_connectwise_rest_export_with_flattened_references(tmp_path: Path) -> None:
    rows, records = run(ConnectWiseTicketsCollector(), tmp_path,
                        fixture(tmp_path, "connectwise_tickets.csv"))
    assert records.meta.record_count == 4 and records.meta.kind == "ticket_export"
    first = rows[0]
    assert first == {
        "line": 2, "ticket_id": "48213",
        "summary": "Veeam job FS01-Daily failed - repository out of space",
        "board": "Alerts", "status": ">Closed", "company": "Harbor Point Marine",
        "type": "Incident", "subtype": "Backup", "item": "Veeam", "owner": "jdoe",
        "priority": "Priority 2 - Quick Response", "severity": "High", "impact": "Medium",
        "opened": "2026-09-14T06:12:44+00:00", "closed": "2026-09-15T17:03:10+00:00",
        "resolved": "2026-09-15T16:58:02+00:00", "closed_flag": True, "in_sla": True,
        "resources": ["jdoe", "asmith"]}
    open_ticket = rows[1]
    assert open_ticket["closed"] is None and open_ticket["closed_flag"] is False
    assert rows[2]["in_sla"] is None and rows[2]["resolved"] is None
    assert rows[3]["in_sla"] is False and rows[3]["resources"] == ["jdoe", "rpatel"]


def test_connectwise_screen_and_powershell_headers(tmp_path: Path) -> None:
    rel = write(tmp_path, "cw.csv",
                "Ticket #,SUMMARY,Board,Status,Company,Date Entered,Closed Flag\n"
                "#48400,Printer offline,\"@{id=1; name=Help Desk; _info=}\","
                "\"{\"\"id\"\": 16, \"\"name\"\": \"\"New\"\"}\",Harbor Point Marine,"
                "2026-09-29 08:01:00,No\n")
    (row,) = run(ConnectWiseTicketsCollector(), tmp_path, rel)[0]
    assert row["ticket_id"] == "48400" and row["board"] == "Help Desk" and row["status"] == "New"
    assert row["opened"] == "2026-09-29T08:01:00" and row["closed_flag"] is False
    assert row["owner"] is None and row["resources"] == []


def test_connectwise_wrong_columns_and_bad_date(tmp_path: Path) -> None:
    rel = write(tmp_path, "partial.csv", "id,summary,status\n1,x,New\n")
    err = fails(ConnectWiseTicketsCollector(), tmp_path, rel)
    # id, summary and status are in every ticket export: they do not make it a ConnectWise one
    assert err.message.startswith("is not a ConnectWise Manage service ticket export")
    assert "board" in (err.hint or "")
    rel = write(tmp_path, "other.csv", "hostname,ip\nfs01,10.0.0.5\n")
    err = fails(ConnectWiseTicketsCollector(), tmp_path, rel)
    assert err.message.startswith("is not a ConnectWise Manage service ticket export")
    rel = write(tmp_path, "bad.csv", "id,summary,board,status,dateEntered\n"
                "1,ok,Help Desk,New,2026-09-01T10:00:00Z\n2,bad,Help Desk,New,yesterday\n")
    err = fails(ConnectWiseTicketsCollector(), tmp_path, rel)
    assert err.location is not None and err.location.endswith("bad.csv:3")
    assert "'yesterday' is not a date and time" in err.message


# --- HaloPSA ---------------------------------------------------------------------------

def test_halopsa_list_view_workbook(tmp_path: Path) -> None:
    rows, records = run(HaloPsaTicketsCollector(), tmp_path,
                        fixture(tmp_path, "halopsa_tickets.xlsx"))
    assert records.meta.parameters["encoding"] == "xlsx" and len(rows) == 4
    assert rows[0] == {
        "line": 2, "ticket_id": "10412", "summary": "Outlook keeps prompting for password",
        "status": "Closed", "priority": "P3 - Medium", "ticket_type": "Incident",
        "client": "Harbor Point Marine", "site": "Main Office", "user": "Pat Kim",
        "agent": "Alex Smith", "team": "Service Desk", "opened": "2026-09-15T08:42:10",
        "closed": "2026-09-15T11:05:33"}
    # Halo's 1900-01-01 "no date" and an empty cell both mean: not closed
    assert rows[2]["closed"] is None and rows[2]["user"] is None
    assert rows[3]["closed"] is None and rows[3]["agent"] is None


def test_halopsa_api_casing(tmp_path: Path) -> None:
    rel = write(tmp_path, "halo.csv",
                "id,summary,details,status_name,client_name,site_name,user_name,agent_name,"
                "team,tickettype_name,dateoccurred,dateclosed\n"
                "10470,VPN drops,Drops every hour,Open,Harbor Point Marine,Main Office,Lee Wu,"
                "Alex Smith,Service Desk,Incident,2026-09-29T14:03:00Z,\n")
    (row,) = run(HaloPsaTicketsCollector(), tmp_path, rel)[0]
    assert row["status"] == "Open" and row["client"] == "Harbor Point Marine"
    assert row["ticket_type"] == "Incident" and row["opened"] == "2026-09-29T14:03:00+00:00"
    assert row["closed"] is None and row["priority"] is None


def test_halopsa_wrong_columns_and_bad_date(tmp_path: Path) -> None:
    # a ConnectWise export is not a Halo one: it has no client
    err = fails(HaloPsaTicketsCollector(), tmp_path, fixture(tmp_path, "connectwise_tickets.csv"))
    assert err.message.startswith("is not a HaloPSA ticket export")
    assert "client" in (err.hint or "")
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Ticket ID", "Summary", "Status", "Client", "Date Opened"])
    sheet.append([1, "ok", "New", "HPM", "2026-09-01 10:00:00"])
    sheet.append([2, "bad", "New", "HPM", "31/09/2026"])
    (tmp_path / "exports" / "bad.xlsx").parent.mkdir(exist_ok=True)
    book.save(tmp_path / "exports" / "bad.xlsx")
    err = fails(HaloPsaTicketsCollector(), tmp_path, "exports/bad.xlsx")
    assert err.location is not None and err.location.endswith("bad.xlsx:3")


# --- Veeam sessions --------------------------------------------------------------------

def test_veeam_rest_sessions(tmp_path: Path) -> None:
    rows, _ = run(VeeamSessionsCollector(), tmp_path, fixture(tmp_path, "veeam_sessions.csv"))
    assert [r["result"] for r in rows] == ["success", "failed", "warning", "other", "success"]
    failed = rows[1]
    assert failed == {
        "line": 3, "session_id": "9a4e2b17-8c6d-4f3a-b1e0-7d5c9f2a3b22",
        "job_name": "FS01-Daily", "session_type": "BackupJob",
        "started": "2026-09-28T22:00:09.902331+00:00",
        "ended": "2026-09-28T22:03:47.660512+00:00", "state": "stopped", "result": "failed"}
    running = rows[3]
    assert running["ended"] is None and running["state"] == "working"
    assert rows[2]["job_name"] == "SQL02-Hourly"


def test_veeam_powershell_sessions(tmp_path: Path) -> None:
    rel = write(tmp_path, "ps.csv",
                '"Id","Name","JobName","JobType","CreationTime","EndTime","State","Result"\n'
                '"6a1f0e2d-9b8c-4d7e-a6f5-4e3d2c1b0a99","FS01-Daily (Incremental)","FS01-Daily",'
                '"Backup","9/29/2026 10:00:11 PM","9/29/2026 10:38:52 PM","Stopped","Success"\n'
                '"7b2e1f3c-0a9d-4e8f-b7a6-5f4e3d2c1b88","DC01-Daily","DC01-Daily","Backup",'
                '"9/29/2026 11:00:03 PM","1/1/1900 12:00:00 AM","Working","None"\n')
    rows, _ = run(VeeamSessionsCollector(), tmp_path, rel)
    assert rows[0]["job_name"] == "FS01-Daily" and rows[0]["session_type"] == "Backup"
    assert rows[0]["started"] == "2026-09-29T22:00:11" and rows[0]["result"] == "success"
    assert rows[1]["ended"] is None and rows[1]["result"] == "other"


def test_veeam_nested_result_cell_and_em_names(tmp_path: Path) -> None:
    rel = write(tmp_path, "em.csv",
                "Name,creationTime,result\n"
                "Fileserver Backup@2026-09-29 05:22:52,2026-09-29T05:22:52Z,"
                "\"{\"\"result\"\": \"\"Warning\"\", \"\"message\"\": \"\"\"\"}\"\n"
                "Fileserver Backup@2026-09-30 05:22:50,2026-09-30T05:22:50Z,"
                "\"@{result=Failed; message=Access denied; isCanceled=False}\"\n")
    rows, _ = run(VeeamSessionsCollector(), tmp_path, rel)
    assert [r["job_name"] for r in rows] == ["Fileserver Backup"] * 2
    assert [r["result"] for r in rows] == ["warning", "failed"]
    assert rows[0]["session_id"] is None and rows[0]["ended"] is None


def test_veeam_sessions_wrong_columns_and_bad_date(tmp_path: Path) -> None:
    rel = write(tmp_path, "jobs.csv", "name,creationTime,lastRun\nFS01-Daily,2026-09-01,x\n")
    err = fails(VeeamSessionsCollector(), tmp_path, rel)
    assert "looks like a Veeam Backup & Replication session list but lacks column result" \
        in err.message
    rel = write(tmp_path, "bad.csv", "JobName,CreationTime,Result\nFS01,13/45/2026,Success\n")
    err = fails(VeeamSessionsCollector(), tmp_path, rel)
    assert err.location is not None and err.location.endswith("bad.csv:2")


# --- Veeam repositories ----------------------------------------------------------------

def test_veeam_rest_repositories(tmp_path: Path) -> None:
    rows, records = run(VeeamRepositoriesCollector(), tmp_path,
                        fixture(tmp_path, "veeam_repositories.csv"))
    assert records.meta.kind == "backup_immutability"
    got = {r["repository"]: (r["type"], r["immutable"], r["immutable_days"], r["path"])
           for r in rows}
    assert got == {
        "Default Backup Repository": ("WinLocal", False, None, "C:\\Backup"),
        "HR01 Hardened": ("LinuxHardened", True, 14, "/mnt/veeam/backups"),
        "NAS01 SMB": ("Smb", False, None, "\\\\nas01.harborpoint.example\\veeam"),
        "Wasabi Offsite": ("WasabiCloud", True, 30, "hpm-veeam-offsite/vbr01"),
        # a day count is kept while immutability is off: the flag decides
        "S3 Archive (staging)": ("S3Compatible", False, 30, "hpm-veeam-archive/vbr01"),
    }


def test_veeam_flat_repository_csv(tmp_path: Path) -> None:
    rel = write(tmp_path, "flat.csv",
                "NAME,Type,Path,Immutable,Immutability Days\n"
                "HR01 Hardened,LinuxHardened,/mnt/veeam/backups,True,14\n"
                "Default Backup Repository,WinLocal,C:\\Backup,False,\n"
                "Wasabi Offsite,WasabiCloud,,,30\n")
    rows, _ = run(VeeamRepositoriesCollector(), tmp_path, rel)
    assert [(r["immutable"], r["immutable_days"]) for r in rows] == [
        (True, 14), (False, None), (True, 30)]
    assert rows[2]["path"] is None


def test_veeam_repositories_wrong_columns_and_bad_value(tmp_path: Path) -> None:
    rel = write(tmp_path, "repos.csv", "name,type,path\nHR01,LinuxHardened,/mnt\n")
    err = fails(VeeamRepositoriesCollector(), tmp_path, rel)
    assert err.message.startswith("is not a Veeam Backup & Replication repository list")
    assert "Immutable" in (err.hint or "")
    rel = write(tmp_path, "bad.csv", "Name,Immutable\nHR01,True\nHR02,maybe\n")
    err = fails(VeeamRepositoriesCollector(), tmp_path, rel)
    assert err.location is not None and err.location.endswith("bad.csv:3")
    assert "'maybe' is not true or false" in err.message


# --- iManage Work ----------------------------------------------------------------------

def test_imanage_acl(tmp_path: Path) -> None:
    rows, records = run(IManageAclCollector(), tmp_path, fixture(tmp_path, "imanage_acl.csv"))
    assert records.meta.kind == "dms_acl" and len(rows) == 5
    external = next(r for r in rows if r["is_external"])
    assert external == {
        "line": 4, "library": "ACTIVE", "workspace_id": "ACTIVE!41188",
        "workspace_name": "Harbor Point Marine - 2026-0142 Vessel Acquisition",
        "folder_id": "ACTIVE!41193", "principal": "KWALSH.EXT", "principal_type": "user",
        "access": "read", "is_external": True, "default_security": "private",
        "allow_list": ["JSMITH", "MLEE", "HPM-DEAL-TEAM", "KWALSH.EXT"], "deny_list": ["RCHEN"]}
    assert [r["access"] for r in rows] == ["full", "read_write", "read", "no_access", "read"]
    assert rows[1]["principal_type"] == "group" and rows[0]["folder_id"] is None
    assert rows[4]["default_security"] == "public" and rows[4]["deny_list"] == []


def test_imanage_report_headers_and_names_without_ids(tmp_path: Path) -> None:
    rel = write(tmp_path, "report.csv",
                "Workspace ID,Workspace Name,Name,Entry Type,Access,Is External,"
                "Default Security,Deny List\n"
                "ACTIVE!41188,Harbor Point Marine - 2026-0142,\"Chen, Rebecca\",User,"
                "no_access,No,Private,\"[\"\"RCHEN\"\"]\"\n"
                "ACTIVE!41188,Harbor Point Marine - 2026-0142,Deal Team,GROUP,full_access,,view,\n")
    rows, _ = run(IManageAclCollector(), tmp_path, rel)
    assert rows[0]["principal"] == "Chen, Rebecca" and rows[0]["access"] == "no_access"
    assert rows[0]["deny_list"] == ["RCHEN"] and rows[0]["library"] is None
    assert rows[1]["access"] == "full" and rows[1]["principal_type"] == "group"
    assert rows[1]["default_security"] == "view" and rows[1]["is_external"] is None


def test_imanage_wrong_columns_and_bad_access(tmp_path: Path) -> None:
    rel = write(tmp_path, "ws.csv", "workspace_id,name,owner\nACTIVE!1,Matter,JSMITH\n")
    err = fails(IManageAclCollector(), tmp_path, rel)
    assert "looks like an iManage Work security (ACL) export but lacks column access_level" \
        in err.message
    rel = write(tmp_path, "bad.csv", "workspace_id,id,access_level\n"
                "ACTIVE!1,JSMITH,Read\nACTIVE!1,MLEE,Owner\n")
    err = fails(IManageAclCollector(), tmp_path, rel)
    assert err.location is not None and err.location.endswith("bad.csv:3")
    assert "'Owner' is not an iManage access level" in err.message


# --- NetDocuments ----------------------------------------------------------------------

def test_netdocuments_acl(tmp_path: Path) -> None:
    rows, records = run(NetDocumentsAclCollector(), tmp_path,
                        fixture(tmp_path, "netdocuments_acl.csv"))
    assert records.meta.kind == "dms_acl"
    assert [r["access"] for r in rows] == ["admin", "share", "view", "no_access", "edit", "admin"]
    external = rows[2]
    assert external == {
        "line": 4, "cabinet": "Client Matters", "workspace_id": "4821-0057-3390",
        "workspace_name": "Harbor Point Marine - 2026-0142 Vessel Acquisition",
        "principal": "kieran.walsh@walshcounsel.example", "principal_type": "user",
        "access": "view", "is_external": True}
    cabinet_level = rows[5]
    assert cabinet_level["workspace_id"] is None and cabinet_level["principal_type"] == "group"


def test_netdocuments_headers_and_rights_spellings(tmp_path: Path) -> None:
    rel = write(tmp_path, "nd.csv",
                "Cabinet Name,Workspace,User/Group,Member Type,Access Rights,External\n"
                "Client Matters,Harbor Point Marine,a@x.example,User,View Edit Share,No\n"
                "Client Matters,Harbor Point Marine,b@x.example,User,V|N,No\n"
                "Client Matters,Harbor Point Marine,c@x.example,User,Administer,No\n"
                "Client Matters,Harbor Point Marine,d@x.example,User,,\n")
    rows, _ = run(NetDocumentsAclCollector(), tmp_path, rel)
    # No Access overrides any other right, as in NetDocuments
    assert [r["access"] for r in rows] == ["share", "no_access", "admin", None]
    assert rows[0]["workspace_name"] == "Harbor Point Marine" and rows[0]["workspace_id"] is None
    assert rows[3]["is_external"] is None


def test_netdocuments_wrong_columns_and_bad_rights(tmp_path: Path) -> None:
    err = fails(NetDocumentsAclCollector(), tmp_path, fixture(tmp_path, "imanage_acl.csv"))
    assert "looks like a NetDocuments cabinet or workspace ACL export but lacks column" \
        in err.message
    rel = write(tmp_path, "bad.csv", "cabinet,principal,rights\nCM,a@x.example,V\n"
                "CM,b@x.example,Read\n")
    err = fails(NetDocumentsAclCollector(), tmp_path, rel)
    assert err.location is not None and err.location.endswith("bad.csv:3")
    assert "'Read' is not a NetDocuments right" in err.message
