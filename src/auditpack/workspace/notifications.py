"""Notification clocks: each regulator's deadline owned by a current, internal person who
the escalation route actually reaches.

An incident plan fails quietly when the person who must file with the regulator hears of
the incident last, or not at all: the NCUA wants a reportable cyber incident within 72
hours (12 CFR 748.1(c)), the FTC a notification event within 30 days (16 CFR 314.4(j)).
"""

from __future__ import annotations

from ..findings import Finding
from .model import Notification, WorkspaceFile
from .raci import resolve


def notification_findings(wsf: WorkspaceFile) -> list[Finding]:
    """Find clocks owned by nobody, a leaver or a provider, or whose owner no route reaches."""
    out: list[Finding] = []
    as_of = wsf.organization.as_of
    for n in wsf.notifications:
        subject = f"notification {n.regulator} ({n.rule or deadline_text(n)})"
        res = resolve(wsf, n.owner)
        if res.problem:
            out.append(Finding(code="notification-owner-unresolved", severity="high",
                               subject=subject, message=res.problem,
                               fix="name the person who files this notification"))
            continue
        for party, person in res.people:
            if person.until is not None and person.until < as_of:
                out.append(Finding(code="notification-owner-left", severity="high",
                                   subject=subject,
                                   message=f"owned by {person.name}, who left on {person.until}",
                                   fix="give the notification to a current person"))
            if party.kind != "internal":
                out.append(Finding(code="notification-owner-external", severity="high",
                                   subject=subject,
                                   message=f"owned by {person.name} of {party.name}; the "
                                           "organisation, not its provider, answers to "
                                           f"{n.regulator}",
                                   fix="make an internal person the owner (the provider "
                                       "may prepare the filing)"))
        owners = {person.id for _, person in res.people}
        reached = reached_by(wsf, n)
        missing = [lvl for lvl in n.escalation if not owners & reached.get(lvl, set())]
        if missing:
            out.append(Finding(code="notification-unrouted", severity="medium", subject=subject,
                               message=f"no escalation route for {', '.join(missing)} reaches "
                                       "the person who must file",
                               fix="add the owner to those escalation routes"))
    if any(f.split("@")[0] == "ftc-safeguards" for f in wsf.scope.frameworks) and not any(
            "314.4(j)" in (n.rule or "") or "FTC" in n.regulator.upper()
            for n in wsf.notifications):
        out.append(Finding(code="notification-ftc-missing", severity="medium",
                           subject="notification FTC (16 CFR 314.4(j))",
                           message="the FTC Safeguards Rule is in scope but no notification "
                                   "clock names the FTC",
                           fix="add the FTC notification (30 days after discovery of a "
                               "notification event of 500 or more consumers) with its owner"))
    return out


def reached_by(wsf: WorkspaceFile, n: Notification) -> dict[str, set[str]]:
    """Return, per escalation level the notification names, the person ids its route reaches."""
    out: dict[str, set[str]] = {}
    for path in wsf.escalation:
        if path.severity in n.escalation:
            refs = [path.first_responder, *(s.to for s in path.route)]
            out[path.severity] = {p.id for ref in refs for _, p in resolve(wsf, ref).people}
    return out


def deadline_text(n: Notification) -> str:
    """Say the deadline: '72 hours', '30 days', or the rule's own words."""
    if n.within_hours is None:
        return n.deadline or "no deadline recorded"
    hours = n.within_hours
    # regulators count short clocks in hours (72 hours) and long ones in days (30 days)
    text = f"{hours // 24} days" if hours % 24 == 0 and hours > 96 else f"{hours} hours"
    return text + (f" ({n.deadline})" if n.deadline else "")
