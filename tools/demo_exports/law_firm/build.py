"""Calder & Whitlock: every file of the exports/ folder, and the binder with its bytes."""

from __future__ import annotations

from ..binder import Doc, add_binder, with_data
from .access import lf_break_glass, lf_groups, lf_matter_list, lf_users, lf_walls
from .backup import lf_veeam_repositories, lf_veeam_sessions
from .binder import lf_binder
from .content import lf_content
from .dms import lf_imanage, lf_matters
from .documents import (
    lf_ec_report,
    lf_ir_plan,
    lf_pentest,
    lf_policies,
    lf_risk_assessment,
    lf_tabletop,
)
from .endpoints import lf_devices, lf_ninja_devices, lf_patches, lf_sentinelone
from .identity import LF_BREAK_GLASS, lf_entra, lf_people
from .tickets import lf_halopsa, lf_tickets


def law_firm() -> dict[str, bytes]:
    """Every file of the law firm's exports/ folder."""
    people = lf_people()
    devices = lf_devices()
    matters = lf_matters(people)
    assert all(p.mfa for p in people if p.enabled and p.kind in ("staff", "admin")), "the firm is clean"
    assert all(any(p.upn == u for p in people) for u in LF_BREAK_GLASS), "break-glass accounts moved"
    files = {
        "entra-user-registration-details-2026-09-29.csv": lf_entra(people),
        "sentinelone-agents-2026-09-29.csv": lf_sentinelone(devices),
        "ninjaone-devices-2026-09-29.csv": lf_ninja_devices(devices),
        "ninjaone-os-patches-2026-09-29.csv": lf_patches(devices),
        "veeam-sessions-2026-09-30.csv": lf_veeam_sessions(),
        "veeam-repositories-2026-09-30.csv": lf_veeam_repositories(),
        "halopsa-tickets-2026-q3.csv": lf_halopsa(lf_tickets(people, devices, matters)),
        "imanage-matter-security-2026-09-28.csv": lf_imanage(people, matters),
        "entra-users-2026-09-29.csv": lf_users(people),
        "entra-group-members-2026-09-29.csv": lf_groups(people, matters),
        "matter-list-2026-09-28.csv": lf_matter_list(matters),
        "ethical-walls-2026-09-28.csv": lf_walls(people, matters),
        "break-glass-register-2026-09-30.csv": lf_break_glass(),
        "policy-set-summary-2026.md": lf_policies().encode(),
        "incident-response-plan-v3.2.md": lf_ir_plan().encode(),
        "risk-assessment-2026.md": lf_risk_assessment().encode(),
        "tabletop-TT-2026-01-report.md": lf_tabletop().encode(),
        "penetration-test-2026-executive-summary.md": lf_pentest().encode(),
        "executive-committee-report-2026-09.md": lf_ec_report().encode(),
    }
    return add_binder(files, with_data(lf_binder(people, devices), lf_content(people, devices)))


# =============================================================================================


def lf_docs() -> list[Doc]:
    """Calder & Whitlock's binder, every document with its bytes."""
    people, devices = lf_people(), lf_devices()
    return with_data(lf_binder(people, devices), lf_content(people, devices))
