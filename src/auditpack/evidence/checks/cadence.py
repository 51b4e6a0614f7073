"""Cadence checks on documents: done recently enough (FTC 314.4(d)(2), (h), (i); SP 800-61)."""

from __future__ import annotations

from ...workspace.escalation import months_before
from ..model import EvidenceItem
from .base import CheckInput, check
from .model import Outcome


def _newest(items: list[EvidenceItem]) -> EvidenceItem | None:
    """Return the item with the latest as-of date."""
    return max(items, key=lambda i: i.meta.as_of, default=None)


def _within(data: CheckInput, kind: str, months: int, what: str) -> Outcome:
    """Pass when the newest evidence of `kind` is dated within `months` of the as-of date."""
    newest = _newest(data.items(kind))
    oldest = months_before(data.as_of, months)
    if newest is None:
        return Outcome(status="fail", summary=f"no {what} on file")
    ok = oldest <= newest.meta.as_of <= data.as_of
    return Outcome(status="pass" if ok else "fail",
                   summary=f"{what} dated {newest.meta.as_of}: "
                           + ("within" if ok else "not within")
                           + f" {months} months of {data.as_of}",
                   figures={"dated": newest.meta.as_of.isoformat(), "window_months": months})


@check("pentest_cadence", "penetration_test", judges_age=True)
def pentest_cadence(data: CheckInput) -> Outcome:
    """A penetration test within the last 12 months (314.4(d)(2)(i))."""
    return _within(data, "penetration_test", 12, "penetration test report")


@check("vuln_assessment_cadence", "vulnerability_scan", judges_age=True)
def vuln_assessment_cadence(data: CheckInput) -> Outcome:
    """A vulnerability assessment within the last 6 months (314.4(d)(2)(ii))."""
    return _within(data, "vulnerability_scan", 6, "vulnerability assessment")


@check("tabletop_cadence", "tabletop_report", judges_age=True)
def tabletop_cadence(data: CheckInput) -> Outcome:
    """An incident response tabletop within the last 12 months."""
    return _within(data, "tabletop_report", 12, "tabletop exercise report")


@check("board_report_cadence", "board_report", judges_age=True)
def board_report_cadence(data: CheckInput) -> Outcome:
    """A written report to the board within the last 12 months (314.4(i))."""
    return _within(data, "board_report", 12, "board report")


@check("document_current", "risk_assessment", "ir_plan", require_all=False, judges_age=True)
def document_current(data: CheckInput) -> Outcome:
    """The document the need is about was reviewed within the last 12 months."""
    return _within(data, data.kind, 12, data.kind.replace("_", " "))
