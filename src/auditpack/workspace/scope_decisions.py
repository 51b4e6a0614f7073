"""Scope decisions: every exclusion and not-applicable control approved by a named person.

An examiner reading "not applicable" asks who decided it and when. A decision with no
approver is a finding; so is one approved by a provider's person (the organisation, not
its provider, decides what its program covers) or by someone who had left.
"""

from __future__ import annotations

import datetime as dt

from ..findings import Finding
from .model import WorkspaceFile
from .raci import resolve


def scope_decision_findings(wsf: WorkspaceFile) -> list[Finding]:
    """Find exclusions and not-applicable controls without a current internal approver."""
    decisions = [(f"exclusion {e.catalog} {', '.join(e.requirements)}", e.approved_by,
                  e.approved_on) for e in wsf.scope.exclusions]
    decisions += [(f"not applicable {n.control}", n.approved_by, n.approved_on)
                  for n in wsf.controls.not_applicable]
    out: list[Finding] = []
    for subject, approver, day in decisions:
        out.extend(_decision(wsf, subject, approver, day))
    return out


def _decision(wsf: WorkspaceFile, subject: str, approver: str | None,
              day: dt.date | None) -> list[Finding]:
    """Check one decision's approval."""
    as_of = wsf.organization.as_of
    if approver is None or day is None:
        return [Finding(code="scope-decision-unapproved", severity="low", subject=subject,
                        message="no record of who approved this decision, or when",
                        fix="add approved_by (a person) and approved_on (the date)")]
    res = resolve(wsf, approver)
    if res.problem:
        return [Finding(code="scope-approver-unresolved", severity="medium", subject=subject,
                        message=res.problem, fix="name the person who approved it")]
    out: list[Finding] = []
    for party, person in res.people:
        if party.kind != "internal":
            out.append(Finding(code="scope-approver-external", severity="medium",
                               subject=subject,
                               message=f"approved by {person.name} of {party.name}; the "
                                       "organisation decides what its program covers",
                               fix="have an internal owner approve the decision"))
        if person.until is not None and person.until < day:
            out.append(Finding(code="scope-approver-left", severity="medium", subject=subject,
                               message=f"approved on {day} by {person.name}, who had left on "
                                       f"{person.until}",
                               fix="have a current owner re-approve the decision"))
    if day > as_of:
        out.append(Finding(code="scope-approval-after-as-of", severity="low", subject=subject,
                           message=f"approved on {day}, after the as-of date {as_of}",
                           fix="check the date"))
    return out


def approval_text(wsf: WorkspaceFile, approver: str | None, day: dt.date | None) -> str | None:
    """Say who approved a decision and when, as the package prints it."""
    if approver is None or day is None:
        return None
    found = resolve(wsf, approver).people
    who = ", ".join(f"{p.name} ({p.role})" for _, p in found) if found else approver
    return f"{who}, {day.isoformat()}"
