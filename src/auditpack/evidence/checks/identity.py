"""Identity checks: MFA registration coverage."""

from __future__ import annotations

from .base import CheckInput, check, pct
from .model import Exception_, Outcome


@check("mfa_coverage", "mfa_registration")
def mfa_coverage(data: CheckInput) -> Outcome:
    """Every enabled member account has MFA registered; guests and break-glass are listed apart."""
    break_glass = {str(u).lower() for u in data.options.get("break_glass", [])}
    members = missing = 0
    exceptions: list[Exception_] = []
    for rec in data.records("mfa_registration"):
        if rec.get("account_enabled") is False:
            continue
        upn = rec["upn"]
        if upn in break_glass:
            exceptions.append(Exception_(subject=upn, category="break_glass",
                                         detail="named break-glass account: excluded from "
                                                "coverage, MFA registered: "
                                                f"{rec.get('mfa_registered')}"))
            continue
        if rec.get("user_type") == "guest":
            if not rec.get("mfa_registered"):
                exceptions.append(Exception_(subject=upn, category="guest",
                                             detail="guest without MFA registered (governed by "
                                                    "the home tenant or cross-tenant policy)"))
            continue
        members += 1
        if not rec.get("mfa_registered"):
            missing += 1
            admin = " (administrator)" if rec.get("is_admin") else ""
            exceptions.append(Exception_(subject=upn, category="no_mfa",
                                         detail=f"{rec.get('name') or upn}{admin}: enabled "
                                                "member without MFA registered"))
    covered = members - missing
    return Outcome(
        status="pass" if missing == 0 and members > 0 else "fail",
        summary=f"{covered}/{members} enabled member accounts have MFA registered "
                f"({pct(covered, members)}%)",
        figures={"members": members, "mfa_registered": covered, "without_mfa": missing,
                 "coverage_pct": pct(covered, members)},
        exceptions=tuple(exceptions))
