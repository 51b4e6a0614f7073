"""The review's export collectors: directory users and groups, matters, walls, break-glass."""

from __future__ import annotations

import datetime as dt
import json
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any

import pytest

from auditpack.errors import EvidenceError
from auditpack.evidence.collectors.base import CollectContext, Collector, SourceSpec
from auditpack.evidence.collectors.break_glass import BreakGlassCollector
from auditpack.evidence.collectors.directory_groups import DirectoryGroupsCollector
from auditpack.evidence.collectors.directory_users import DirectoryUsersCollector
from auditpack.evidence.collectors.ethical_walls import EthicalWallsCollector
from auditpack.evidence.collectors.matter_list import MatterListCollector
from auditpack.evidence.store import EvidenceStore

NOW = dt.datetime(2026, 9, 30, 9, 0, tzinfo=dt.timezone.utc)
AS_OF = dt.date(2026, 9, 30)
COLLECTORS = [DirectoryUsersCollector, DirectoryGroupsCollector, MatterListCollector,
              EthicalWallsCollector, BreakGlassCollector]


def run(collector: Collector, tmp_path: Path, text: str) -> list[dict[str, Any]]:
    """Write an export into a workspace, collect it as the product does, return its records."""
    (tmp_path / "exports").mkdir(exist_ok=True)
    (tmp_path / "exports" / "x.csv").write_text(text, encoding="utf-8")
    spec = SourceSpec.model_validate({"id": "src", "collector": collector.name, "path": "exports/x.csv"})
    with EvidenceStore.open(tmp_path) as store:
        ctx = CollectContext(tmp_path, store, NOW, AS_OF)
        raw, records = collector.collect(spec, collector.Options.model_validate(spec.options()), ctx)
        assert records.meta.kind == collector.kind and raw.meta.record_count == records.meta.record_count
        with store.open_blob(records.sha256) as fh:
            return [json.loads(line) for line in fh]


@pytest.mark.parametrize("cls", COLLECTORS)
def test_registered_as_entry_points(cls: type[Collector]) -> None:
    (ep,) = [e for e in entry_points(group="auditpack.collectors") if e.name == cls.name]
    assert ep.load() is cls


def test_entra_users_export(tmp_path: Path) -> None:
    rows = run(DirectoryUsersCollector(), tmp_path,
               "id,userPrincipalName,displayName,onPremisesSamAccountName,department,employeeType,userType,"
               "accountEnabled,employeeLeaveDateTime\n"
               "g1,ngreer@firm.example,Nathan Greer,NGREER,Litigation,Attorney,Member,false,2026-07-31T23:59:59Z\n"
               "g2,fms-b@firm.example,Beth (MSP),FMS-B,,Provider Engineer,Member,true,\n"
               "g3,x_ext#EXT#@t.example,Guest,,,Guest,Guest,true,\n")
    assert rows[0] == {"line": 2, "user_id": "g1", "upn": "ngreer@firm.example", "login": "NGREER",
                       "name": "Nathan Greer", "department": "Litigation", "employment_type": "attorney",
                       "user_type": "member", "status": "disabled", "end_date": "2026-07-31"}
    assert rows[1]["employment_type"] == "provider_engineer" and rows[1]["status"] == "active"
    assert rows[2]["employment_type"] == "other" and rows[2]["user_type"] == "guest"


def test_plain_users_csv_and_a_bad_status(tmp_path: Path) -> None:
    rows = run(DirectoryUsersCollector(), tmp_path,
               "upn,name,employment_type,status,end_date\nA@F.EX,A,contractor,terminated,2026-08-01\n")
    assert rows[0]["status"] == "disabled" and rows[0]["employment_type"] == "contractor"
    with pytest.raises(EvidenceError, match="not active or disabled"):
        run(DirectoryUsersCollector(), tmp_path, "upn,status\na@f.ex,maybe\n")


def test_group_membership_edges(tmp_path: Path) -> None:
    rows = run(DirectoryGroupsCollector(), tmp_path,
               "groupMailNickname,groupDisplayName,member,memberType\n"
               "CW-ALL,All,CW-LIT,#microsoft.graph.group\nCW-LIT,Litigation,a@f.ex,#microsoft.graph.user\n"
               "CW-LIT,Litigation,b@f.ex,\n")
    assert [(r["group"], r["member"], r["member_type"]) for r in rows] == [
        ("CW-ALL", "CW-LIT", "group"), ("CW-LIT", "a@f.ex", "user"), ("CW-LIT", "b@f.ex", None)]
    with pytest.raises(EvidenceError, match="lacks column member"):
        run(DirectoryGroupsCollector(), tmp_path, "group,owner\nx,y\n")


def test_matter_list_privilege_from_the_flag_or_the_sensitivity(tmp_path: Path) -> None:
    rows = run(MatterListCollector(), tmp_path,
               "Client Number,Matter Number,Matter Name,Sensitivity,Privileged,Responsible Attorney,Date Opened,Date Closed\n"
               "1000,1000-001,Project A,Standard,No,Ann,02/07/2024,\n"
               "1000,1000-002,Project B,Ethical Wall,,Ann,2024-02-07,2026-06-30\n"
               "1000,1000-003,Project C,Odd,,Ann,,\n")
    assert [r["privileged"] for r in rows] == [False, True, None]
    assert rows[0]["opened"] == "2024-02-07" and rows[1]["closed"] == "2026-06-30"


def test_ethical_walls(tmp_path: Path) -> None:
    rows = run(EthicalWallsCollector(), tmp_path,
               "Wall ID,Matters,User,Side\nEW-1,1000-001;1000-002,BOB,Screened\nEW-1,1000-001,ANN,Included\n")
    assert rows[0] == {"line": 2, "wall_id": "EW-1", "matters": ["1000-001", "1000-002"], "person": "BOB",
                       "side": "excluded"}
    assert rows[1]["side"] == "included"
    with pytest.raises(EvidenceError, match="wall side"):
        run(EthicalWallsCollector(), tmp_path, "wall,matter,person,side\nEW-1,1,BOB,sideways\n")


def test_break_glass_register(tmp_path: Path) -> None:
    rows = run(BreakGlassCollector(), tmp_path,
               "Ticket,Engineer,Matter,Granted,Expires,Removed\n"
               "T-1,FMS-A,1000-001,2026-08-18T15:00:00Z,2026-08-19T15:00:00Z,\n")
    assert rows[0]["ticket"] == "T-1" and rows[0]["expires"] == "2026-08-19T15:00:00+00:00"
    assert rows[0]["revoked"] is None
