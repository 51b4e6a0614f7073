"""Endpoint checks: EDR coverage against the RMM inventory, and patch latency."""

from __future__ import annotations

import datetime as dt
from typing import Any

from .base import CheckInput, check, pct, short_host
from .model import Exception_, Outcome

INACTIVE_DAYS = 7  # Defender calls a device inactive after 7 days without a signal
# RMM device classes that run an EDR agent (NinjaOne's nodeClass); switches, printers,
# hypervisor hosts and cloud monitors do not, so they are counted apart, not as gaps.
COMPUTER_CLASSES = frozenset({"windows_workstation", "windows_server", "mac", "mac_server",
                              "linux_workstation", "linux_server", "vmware_vm_guest",
                              "hyperv_vmm_guest"})
SEVERITY_SLA_DAYS = {"critical": 14, "important": 30}


def _day(value: Any) -> dt.date | None:
    """Read an ISO date or datetime string as a date."""
    if not value:
        return None
    return dt.datetime.fromisoformat(str(value).replace("Z", "+00:00")).date()


@check("edr_coverage", "edr_inventory", "asset_inventory")
def edr_coverage(data: CheckInput) -> Outcome:
    """Every device in the RMM inventory has an EDR agent seen in the last 7 days."""
    threshold = float(data.options.get("threshold_pct", 100.0))
    agents: dict[str, dt.date | None] = {}
    for rec in data.records("edr_inventory"):
        host = short_host(rec.get("hostname"))
        if not host or rec.get("health") == "decommissioned":
            continue
        seen = _day(rec.get("last_seen"))
        known = agents.get(host)
        if host not in agents or (seen is not None and (known is None or seen > known)):
            agents[host] = seen  # duplicates from re-onboarding: keep the newest signal
    oldest = data.as_of - dt.timedelta(days=INACTIVE_DAYS)
    classes = {str(c).casefold() for c in data.options.get("device_classes", COMPUTER_CLASSES)}
    devices = other = 0
    exceptions: list[Exception_] = []
    for rec in data.records("asset_inventory"):
        host = short_host(rec.get("hostname"))
        if not host or rec.get("approval_status") in ("PENDING", "pending", "rejected"):
            continue
        node_class = str(rec.get("node_class") or "").casefold()
        if node_class and node_class not in classes:
            other += 1
            continue
        devices += 1
        if host not in agents:
            exceptions.append(Exception_(subject=host, category="no_agent",
                                         detail="in the RMM inventory, no EDR agent"))
        elif (last := agents[host]) is None or last < oldest:
            exceptions.append(Exception_(subject=host, category="inactive",
                                         detail=f"EDR agent last seen {agents[host]} "
                                                f"(over {INACTIVE_DAYS} days before {data.as_of})"))
    covered = devices - len(exceptions)
    coverage = pct(covered, devices)
    ok = devices > 0 and coverage >= threshold
    return Outcome(status="pass" if ok else "fail",
                   summary=f"{covered}/{devices} inventoried devices have an active EDR agent "
                           f"({coverage}%, threshold {threshold}%)",
                   figures={"devices": devices, "protected": covered, "coverage_pct": coverage,
                            "threshold_pct": threshold, "edr_agents": len(agents),
                            "other_devices_not_counted": other},
                   exceptions=tuple(exceptions))


@check("patch_latency", "patch_report")
def patch_latency(data: CheckInput) -> Outcome:
    """No critical or important update is outstanding beyond its SLA (14 / 30 days)."""
    sla = {**SEVERITY_SLA_DAYS, **data.options.get("sla_days", {})}
    outstanding = late = 0
    exceptions: list[Exception_] = []
    for rec in data.records("patch_report"):
        severity = rec.get("severity")
        if severity not in sla or rec.get("status") == "installed":
            continue
        outstanding += 1
        released = _day(rec.get("released"))
        age = (data.as_of - released).days if released else None
        if age is None or age > sla[severity]:
            late += 1
            exceptions.append(Exception_(
                subject=short_host(rec.get("hostname")), category="late_patch",
                detail=f"{rec.get('kb') or rec.get('patch_name')} ({severity}) "
                       f"{rec.get('status')}, " + (f"released {released}, {age} days old, SLA "
                                                   f"{sla[severity]} days" if age is not None
                                                   else "release date unknown")))
    return Outcome(status="pass" if late == 0 else "fail",
                   summary=f"{late} update(s) past SLA; {outstanding} outstanding "
                           "critical/important update(s) in all",
                   figures={"outstanding": outstanding, "past_sla": late, "sla_days": sla},
                   exceptions=tuple(exceptions))
