"""Service-provider oversight: each provider assessed by the risk it presents, and recently.

16 CFR 314.4(f) asks for providers to be selected, bound by contract and "periodically"
assessed "based on the risk they present"; CSF 2.0 GV.SC-07 and CIS Control 15.6 ask the
same. The rules below turn that into dates an examiner can check against the as-of date.
"""

from __future__ import annotations

from ..findings import Finding, Severity
from .escalation import months_before
from .model import WorkspaceFile

REVIEW_MONTHS = {"high": 12, "medium": 12, "low": 24}  # the oversight review's cycle
ASSURANCE_MONTHS = 15  # a 12-month SOC report plus the usual 3-month bridge-letter gap


def provider_findings(wsf: WorkspaceFile) -> list[Finding]:
    """Find providers without an oversight record, or whose review, report or contract lapsed."""
    as_of = wsf.organization.as_of
    out: list[Finding] = []
    for party in wsf.parties:
        if party.kind != "provider":
            continue
        subject = f"provider {party.id} ({party.name})"
        o = party.oversight
        if o is None:
            out.append(Finding(
                code="provider-oversight-missing", severity="medium", subject=subject,
                message="no oversight record (criticality, access, contract, assurance, review)",
                fix=f"add an oversight block to party {party.id} in auditpack.yaml"))
            continue
        months = REVIEW_MONTHS[o.criticality]
        serious: Severity = "high" if o.criticality == "high" else "medium"
        if o.last_review is None:
            out.append(Finding(
                code="provider-review-missing", severity=serious, subject=subject,
                message=f"{o.criticality}-criticality provider never reviewed",
                fix="review the provider (controls, incidents, assurance report) and "
                    "record oversight.last_review"))
        elif o.last_review < months_before(as_of, months):
            out.append(Finding(
                code="provider-review-stale", severity=serious, subject=subject,
                message=f"last reviewed {o.last_review}, more than {months} months before "
                        f"{as_of}",
                fix="review the provider again and record the new date"))
        if o.criticality == "high" and o.assurance is None:
            out.append(Finding(
                code="provider-assurance-missing", severity="medium", subject=subject,
                message="high-criticality provider without an independent assurance report",
                fix="obtain a SOC 2 Type II (or equivalent) report and record it"))
        elif o.assurance_period_end and \
                o.assurance_period_end < months_before(as_of, ASSURANCE_MONTHS):
            out.append(Finding(
                code="provider-assurance-stale", severity="medium", subject=subject,
                message=f"{o.assurance} period ended {o.assurance_period_end}, more than "
                        f"{ASSURANCE_MONTHS} months before {as_of}",
                fix="obtain the current report (or a bridge letter) and record its period"))
        if o.contract_end and o.contract_end < as_of:
            out.append(Finding(
                code="provider-contract-expired", severity="high", subject=subject,
                message=f"contract ended {o.contract_end}, before {as_of}, while the "
                        "provider still holds assignments",
                fix="renew the contract (with its security terms) or offboard the provider"))
    return out
