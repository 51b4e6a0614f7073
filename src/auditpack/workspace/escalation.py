"""Escalation paths: every severity level routed to named people and tested recently."""

from __future__ import annotations

import datetime as dt

from ..findings import Finding
from .model import WorkspaceFile
from .raci import resolve

SEVERITIES = ("P1", "P2", "P3", "P4")
TEST_WINDOW_MONTHS = 12  # a tabletop at least yearly (NIST SP 800-61; FFIEC; cyber insurers)


def months_before(day: dt.date, months: int) -> dt.date:
    """Return the same day `months` earlier (the month's last day when it has no such day)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    for d in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month + 1, d)
        except ValueError:
            continue
    raise AssertionError("unreachable")  # pragma: no cover


def escalation_findings(wsf: WorkspaceFile) -> list[Finding]:
    """Find missing levels, untested or stale paths, and routes to no current person."""
    as_of = wsf.organization.as_of
    oldest = months_before(as_of, TEST_WINDOW_MONTHS)
    out: list[Finding] = []
    present = {p.severity for p in wsf.escalation}
    for sev in SEVERITIES:
        if sev not in present:
            out.append(Finding(code="escalation-missing", severity="medium",
                               subject=f"escalation {sev}", message="no escalation path",
                               fix=f"add an escalation entry for {sev}"))
    for path in wsf.escalation:
        subject = f"escalation {path.severity} ({path.name})"
        if path.last_tested is None:
            out.append(Finding(code="escalation-untested", severity="high", subject=subject,
                               message="never tested",
                               fix="run a tabletop exercise and record last_tested"))
        elif path.last_tested < oldest:
            out.append(Finding(code="escalation-stale", severity="high", subject=subject,
                               message=f"last tested {path.last_tested}, more than "
                                       f"{TEST_WINDOW_MONTHS} months before {as_of}",
                               fix="run a tabletop exercise and record the new date"))
        elif path.last_tested > as_of:
            out.append(Finding(code="escalation-test-after-as-of", severity="low",
                               subject=subject,
                               message=f"last tested {path.last_tested}, after the as-of "
                                       f"date {as_of}", fix="check the date"))
        out.extend(_route_findings(wsf, path.first_responder, [s.to for s in path.route],
                                   [s.within_minutes for s in path.route], subject))
    return out


def _route_findings(wsf: WorkspaceFile, first: str, steps: list[str], minutes: list[int],
                    subject: str) -> list[Finding]:
    """Check that each step names a current person and the times do not go backwards."""
    out: list[Finding] = []
    as_of = wsf.organization.as_of
    for ref in [first, *steps]:
        res = resolve(wsf, ref)
        if res.problem:
            out.append(Finding(code="escalation-unresolved", severity="high", subject=subject,
                               message=res.problem, fix="route to a named person"))
        for _, person in res.people:
            if person.until is not None and person.until < as_of:
                out.append(Finding(code="escalation-person-left", severity="high",
                                   subject=subject,
                                   message=f"routes to {person.name}, who left on {person.until}",
                                   fix="route to a current person"))
    if minutes != sorted(minutes):
        out.append(Finding(code="escalation-route-order", severity="low", subject=subject,
                           message=f"response times go backwards: {minutes} minutes",
                           fix="order the route by increasing response time"))
    return out
