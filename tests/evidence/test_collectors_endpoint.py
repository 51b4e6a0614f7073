"""Endpoint export collectors: Defender, CrowdStrike, SentinelOne, NinjaOne devices and patches."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from collections.abc import Iterator
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any

import pytest

from auditpack.errors import EvidenceError
from auditpack.evidence.collectors.base import Artifact, CollectContext, SourceSpec
from auditpack.evidence.collectors.crowdstrike_hosts import CrowdStrikeHostsCollector
from auditpack.evidence.collectors.defender_devices import DefenderDevicesCollector
from auditpack.evidence.collectors.export import ExportCollector
from auditpack.evidence.collectors.ninjaone_devices import NinjaOneDevicesCollector
from auditpack.evidence.collectors.ninjaone_patches import NinjaOnePatchesCollector
from auditpack.evidence.collectors.sentinelone_agents import SentinelOneAgentsCollector
from auditpack.evidence.store import EvidenceStore

EXPORTS = Path(__file__).resolve().parents[1] / "fixtures" / "exports"
NOW = dt.datetime(2026, 9, 30, 9, 0, tzinfo=dt.timezone.utc)
AS_OF = dt.date(2026, 9, 30)
COLLECTORS: list[type[ExportCollector]] = [
    DefenderDevicesCollector, CrowdStrikeHostsCollector, SentinelOneAgentsCollector,
    NinjaOneDevicesCollector, NinjaOnePatchesCollector]


@pytest.fixture()
def ctx(tmp_path: Path) -> Iterator[CollectContext]:
    (tmp_path / "exports").mkdir()
    with EvidenceStore.open(tmp_path) as store:
        yield CollectContext(workspace=tmp_path, store=store, now=NOW, as_of=AS_OF)


def place(ctx: CollectContext, fixture: str) -> str:
    """Copy a fixture into the workspace; return its workspace-relative path."""
    shutil.copy(EXPORTS / fixture, ctx.workspace / "exports" / fixture)
    return f"exports/{fixture}"


def write(ctx: CollectContext, name: str, text: str) -> str:
    """Write an ad-hoc export into the workspace; return its workspace-relative path."""
    (ctx.workspace / "exports" / name).write_text(text, encoding="utf-8")
    return f"exports/{name}"


def run(collector: ExportCollector, ctx: CollectContext, path: str
        ) -> tuple[Artifact, Artifact, list[dict[str, Any]]]:
    """Collect one export as the product does; return raw, records and the records read back."""
    spec = SourceSpec.model_validate({"id": "src", "collector": collector.name, "path": path,
                                     "supplied_by": "msp"})
    raw, records = collector.collect(spec, collector.Options.model_validate(spec.options()), ctx)
    with ctx.store.open_blob(records.sha256) as fh:
        rows = [json.loads(line) for line in fh]
    assert raw.meta.record_count == records.meta.record_count == len(rows)
    assert records.meta.derived_from == "@0" and records.meta.source_id == "src/records"
    assert raw.meta.kind == records.meta.kind == collector.kind
    return raw, records, rows


@pytest.mark.parametrize("cls", COLLECTORS)
def test_entry_point_module_and_name_agree(cls: type[ExportCollector]) -> None:
    (ep,) = [e for e in entry_points(group="auditpack.collectors") if e.name == cls.name]
    assert ep.load() is cls and cls.__module__.rsplit(".", 1)[-1] == cls.name


def test_defender_api_export_keeps_duplicates_and_maps_health(ctx: CollectContext) -> None:
    raw, _, rows = run(DefenderDevicesCollector(), ctx, place(ctx, "defender_machines.csv"))
    assert raw.meta.parameters["encoding"] == "utf-8" and raw.meta.supplied_by == "msp"
    assert [r["health"] for r in rows] == [
        "active", "impaired", "inactive", "no_sensor_data", "other"]
    first = rows[0]
    assert first == {
        "line": 2, "device_id": "1e5fd8b3c3a84c2fa0b6a2d5c1e7f90a4b3c2d11",
        "hostname": "hp-ws-0142.corp.harborpoint.example", "os": "Windows11",
        "os_version": "23H2", "first_seen": "2024-03-11T09:14:52.250000+00:00",
        "last_seen": "2026-09-28T14:02:11.123456+00:00", "health": "active", "onboarded": True,
        "sensor_version": None, "risk": "medium", "exposure": "low", "tags": ["Finance", "VIP"],
        "aad_device_id": "3f2504e0-4f89-11d3-9a0c-0305e82c3301"}
    # re-onboarding left two machine records for one host: both are kept, checks decide
    assert [r["device_id"][:6] for r in rows if r["hostname"].startswith("hp-ws-0107")] == [
        "a3b5c7", "b4c6d8"]
    server, lab = rows[1], rows[4]
    assert server["hostname"] == "hp-srv-fs01.corp.harborpoint.example"
    assert server["os_version"] == "20348" and server["aad_device_id"] is None
    assert lab["onboarded"] is False and lab["tags"] == [] and lab["risk"] is None
    assert lab["os_version"] is None


def test_defender_portal_export_in_utf16(ctx: CollectContext) -> None:
    raw, _, rows = run(DefenderDevicesCollector(), ctx,
                       place(ctx, "defender_inventory_portal.csv"))
    assert raw.meta.parameters["encoding"] == "utf-16"
    assert raw.meta.original_name == "defender_inventory_portal.csv"
    assert [(r["hostname"], r["health"]) for r in rows] == [
        ("hp-ws-0142.corp.harborpoint.example", "active"),
        ("hp-srv-fs01.corp.harborpoint.example", "impaired"),
        ("hp-ws-0188.corp.harborpoint.example", "no_sensor_data"),
        ("hp-mac-07", "active")]
    assert rows[0]["last_seen"] == "2026-09-28T14:02:11" and rows[0]["tags"] == ["Finance", "VIP"]
    assert rows[3]["os_version"] == "14.6" and rows[2]["risk"] == "high"
    assert all(r["onboarded"] is True for r in rows)


def test_crowdstrike_health_policy_and_tags(ctx: CollectContext) -> None:
    raw, _, rows = run(CrowdStrikeHostsCollector(), ctx, place(ctx, "crowdstrike_hosts.csv"))
    assert raw.meta.parameters["format"] == "a CrowdStrike Falcon host export"
    assert [(r["hostname"], r["health"]) for r in rows] == [
        ("hp-ws-0142", "active"), ("hp-srv-fs01", "reduced"), ("hp-ws-0107", "contained"),
        ("hp-mac-07", "other")]
    ws = rows[0]
    assert ws == {
        "line": 2, "device_id": "4f9c2a7e1b3d4c5e8f0a1b2c3d4e5f60", "hostname": "hp-ws-0142",
        "os": "Windows", "os_version": "Windows 11", "first_seen": "2024-03-11T09:20:03+00:00",
        "last_seen": "2026-09-30T08:12:44+00:00", "health": "active",
        "sensor_version": "7.16.18605.0", "serial": "5CG3211XYZ",
        "tags": ["SensorGroupingTags/Finance"], "prevention_policy": "Workstations - Aggressive"}
    assert rows[1]["tags"] == ["SensorGroupingTags/Tier0", "FalconGroupingTags/Servers"]
    assert rows[2]["tags"] == []


def test_crowdstrike_console_headers_and_flattened_policy_id(ctx: CollectContext) -> None:
    path = write(ctx, "falcon.csv",
                 "Host ID,HOSTNAME,Last Seen,Platform,Sensor Version,Status,"
                 "device_policies.prevention.policy_id\n"
                 "4f9c2a7e1b3d4c5e8f0a1b2c3d4e5f60,HP-WS-0142,09/30/2026 08:12:44,Windows,"
                 "7.16.18605.0,Normal,8d2c1e0f9a7b4c3d8e6f5a4b3c2d1e0f\n")
    _, _, (row,) = run(CrowdStrikeHostsCollector(), ctx, path)
    assert row["prevention_policy"] == "8d2c1e0f9a7b4c3d8e6f5a4b3c2d1e0f"
    assert row["health"] == "active" and row["last_seen"] == "2026-09-30T08:12:44"
    assert row["serial"] is None and row["first_seen"] is None and row["tags"] == []


def test_sentinelone_in_cp1252(ctx: CollectContext) -> None:
    raw, _, rows = run(SentinelOneAgentsCollector(), ctx, place(ctx, "sentinelone_agents.csv"))
    assert raw.meta.parameters["encoding"] == "cp1252"
    assert [(r["hostname"], r["health"]) for r in rows] == [
        ("hp-ws-0142", "active"), ("hp-ws-0107", "inactive"),
        ("hp-ws-0099", "decommissioned"), ("hp-mac-07", "active")]
    assert rows[0] == {
        "line": 2, "device_id": "1894327766413251234", "hostname": "hp-ws-0142",
        "os": "Windows 11 Pro", "agent_version": "23.4.2.14",
        "last_seen": "2026-09-30T08:01:17.412000+00:00", "health": "active",
        "network_status": "connected", "active_threats": 0, "site": "Montréal Office",
        "domain": "CORP"}
    assert rows[1]["active_threats"] == 2 and rows[1]["network_status"] == "disconnected"


def test_sentinelone_console_headers(ctx: CollectContext) -> None:
    path = write(ctx, "s1.csv", "Endpoint Name,Agent UUID,Is Active,Last Active,Network Status,"
                                "Active Threats,Site\n"
                                "HP-WS-0142,6f1e2d3c4b5a49687766554433221100,True,"
                                "2026-09-30T08:01:17Z,Connected,0,Head Office\n")
    _, _, (row,) = run(SentinelOneAgentsCollector(), ctx, path)
    assert row["device_id"] == "6f1e2d3c4b5a49687766554433221100"
    assert row["health"] == "active" and row["network_status"] == "connected"
    assert row["os"] is None and row["domain"] is None


def test_ninjaone_devices_epoch_and_iso_timestamps(ctx: CollectContext) -> None:
    raw, _, rows = run(NinjaOneDevicesCollector(), ctx, place(ctx, "ninjaone_devices.csv"))
    assert raw.meta.kind == "asset_inventory" and raw.meta.parameters["encoding"] == "utf-8"
    assert rows[0] == {
        "line": 2, "device_id": "101", "hostname": "hp-ws-0142",
        "dns_name": "hp-ws-0142.corp.harborpoint.example", "node_class": "WINDOWS_WORKSTATION",
        "organization": "12", "location": "31", "approval_status": "approved", "offline": False,
        "created": "2024-03-11T09:14:52.250000+00:00",
        "last_seen": "2026-09-28T14:02:11.500000+00:00", "os": "Windows 11 Professional Edition"}
    assert rows[1]["created"] == "2023-11-02T16:45:00+00:00"
    assert rows[1]["dns_name"] == "hp-srv-fs01.corp.harborpoint.example"
    assert rows[2]["offline"] is True and rows[2]["last_seen"] == "2026-08-20T03:33:33+00:00"
    mac = rows[3]  # no system name yet: the display name names it
    assert mac["hostname"] == "hp-mac-07" and mac["dns_name"] is None
    assert mac["approval_status"] == "pending" and mac["created"] == "2026-05-05T15:00:00+00:00"


def test_ninjaone_patches_from_xlsx(ctx: CollectContext) -> None:
    raw, _, rows = run(NinjaOnePatchesCollector(), ctx, place(ctx, "ninjaone_patches.xlsx"))
    assert raw.meta.parameters["encoding"] == "xlsx"
    assert raw.meta.media_type.endswith("spreadsheetml.sheet")
    assert [(r["severity"], r["status"]) for r in rows] == [
        ("critical", "installed"), ("important", "failed"), ("critical", "pending"),
        ("low", "pending"), ("unknown", "rejected")]
    assert rows[0]["hostname"] == "hp-ws-0142" and rows[0]["kb"] == "KB5043076"
    assert rows[0]["released"] == "2026-09-08" and rows[0]["installed"] == "2026-09-12T22:14:03"
    assert rows[0]["category"] == "SECURITY_UPDATES" and rows[0]["line"] == 2
    assert rows[1]["kb"] == "KB5043064" and rows[1]["released"] == "2026-09-08"
    assert rows[1]["installed"] is None
    assert rows[2]["kb"] == "KB5042881"  # no KB cell: the title names it
    assert rows[3]["kb"] is None and rows[3]["released"] is None
    assert rows[4]["patch_name"] == "Intel - System - 10.1.1.44"


def test_ninjaone_patches_header_aliases(ctx: CollectContext) -> None:
    path = write(ctx, "patches.csv",
                 "system name,Title,kb number,Patch Status,Installed At,Released\n"
                 "HP-WS-0142,Security Intelligence Update,kb2267602,Installed,1790604131,"
                 "2026-09-27\n"
                 "HP-WS-0107,Security Intelligence Update,2267602,,,2026-09-27\n")
    _, _, (row, blank) = run(NinjaOnePatchesCollector(), ctx, path)
    assert row["hostname"] == "hp-ws-0142" and row["kb"] == blank["kb"] == "KB2267602"
    assert row["installed"] == "2026-09-28T14:02:11+00:00" and row["released"] == "2026-09-27"
    # a report without a severity column does not say: null, not "unknown"
    assert row["severity"] is None and row["category"] is None
    assert row["status"] == "installed" and blank["status"] is None and blank["installed"] is None


def test_ninjaone_patches_status_column_is_required(ctx: CollectContext) -> None:
    path = write(ctx, "patches.csv", "Device Name,Patch Name\nHP-WS-0142,KB5043076\n")
    with pytest.raises(EvidenceError) as info:
        run(NinjaOnePatchesCollector(), ctx, path)
    assert info.value.message == "looks like a NinjaOne OS patch report but lacks column status"


def test_export_lacking_a_column_is_named(ctx: CollectContext) -> None:
    path = write(ctx, "defender.csv", "id,computerDnsName,lastSeen\n"
                                      "1e5fd8b3,hp-ws-0142,2026-09-28T14:02:11Z\n")
    with pytest.raises(EvidenceError) as info:
        run(DefenderDevicesCollector(), ctx, path)
    assert info.value.message == ("looks like a Microsoft Defender for Endpoint device export "
                                  "but lacks column healthStatus")
    assert info.value.location == str(ctx.workspace / path)
    assert ctx.store.items() == []


@pytest.mark.parametrize(("collector", "fixture", "message"), [
    (SentinelOneAgentsCollector(), "crowdstrike_hosts.csv",
     "is not a SentinelOne agent export (columns found: device_id, hostname, platform_name, "),
    (CrowdStrikeHostsCollector(), "ninjaone_devices.csv",
     "is not a CrowdStrike Falcon host export (columns found: id, organizationId, "),
])
def test_another_vendors_export_is_refused(ctx: CollectContext, collector: ExportCollector,
                                           fixture: str, message: str) -> None:
    with pytest.raises(EvidenceError) as info:
        run(collector, ctx, place(ctx, fixture))
    assert info.value.message.startswith(message)
    assert ctx.store.items() == []


@pytest.mark.parametrize(("collector", "text", "bad"), [
    (DefenderDevicesCollector(), "id,computerDnsName,healthStatus,lastSeen\n"
     "a1,hp-ws-0142,Active,2026-09-28T14:02:11Z\na2,hp-ws-0143,Active,last Tuesday\n",
     "'last Tuesday' is not a date and time"),
    (SentinelOneAgentsCollector(), "computerName,isActive,activeThreats\n"
     "HP-WS-0142,true,0\nHP-WS-0143,true,several\n", "'several' is not a number"),
    (NinjaOneDevicesCollector(), "id,systemName,created\n101,HP-WS-0142,1710148492\n"
     "102,HP-WS-0143,1710148492250\n", "'1710148492250' is too large for epoch seconds"),
])
def test_bad_value_names_file_and_line(ctx: CollectContext, collector: ExportCollector,
                                       text: str, bad: str) -> None:
    path = write(ctx, "bad.csv", text)
    with pytest.raises(EvidenceError) as info:
        run(collector, ctx, path)
    assert info.value.message.startswith(bad)
    assert info.value.location == f"{ctx.workspace / path}:3"
