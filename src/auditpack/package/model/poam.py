"""The plan of action and milestones: every finding, with an owner and a due date."""

from __future__ import annotations

import datetime as dt

from ...findings import Finding
from ...workspace.loader import Workspace
from .views import ControlView, PersonView, PoamItem

DUE_DAYS = {"high": 30, "medium": 60, "low": 90}
STATUS_SEVERITY = {"fail": "high", "missing": "medium", "stale": "medium"}


def poam_items(ws: Workspace, controls: list[ControlView], findings: list[Finding],
               owner: PersonView | None, as_of: dt.date) -> tuple[PoamItem, ...]:
    """List check failures first (by control), then RACI, escalation and provider findings."""
    items: list[PoamItem] = []
    for control in controls:
        for need in control.needs:
            severity = STATUS_SEVERITY.get(need.status)
            if severity is None:
                continue
            who = control.accountable[0].name if control.accountable else "unassigned"
            items.append(_item(len(items), "check", severity, f"{control.id} {control.title}",
                               f"{need.status}: {need.summary}", _remedy(need.status, need.kind),
                               who, as_of, control.id, need.evidence))
    fallback = owner.name if owner else "unassigned"
    for f in findings:
        source = f.code.split("-")[0] if f.code.startswith(("escalation", "provider", "notification", "scope")) \
            else "raci"
        items.append(_item(len(items), source, f.severity, f.subject, f.message, f.fix,
                           fallback, as_of))
    return tuple(items)


def _remedy(status: str, kind: str) -> str:
    """Say what closes a check finding."""
    what = kind.replace("_", " ")
    if status == "missing":
        return f"collect {what} evidence and add it as a source"
    if status == "stale":
        return f"collect current {what} evidence covering the period"
    return "remediate the named exceptions, then collect and check again"


def _item(n: int, source: str, severity: str, subject: str, finding: str, remedy: str,
          owner: str, as_of: dt.date, control: str | None = None,
          evidence: tuple[str, ...] = ()) -> PoamItem:
    """Build one POA&M entry, due by severity."""
    return PoamItem.model_validate({
        "id": f"F-{n + 1:03d}", "source": source, "severity": severity, "subject": subject,
        "finding": finding, "remediation": remedy, "owner": owner,
        "due": as_of + dt.timedelta(days=DUE_DAYS[severity]), "control": control,
        "evidence": evidence})
