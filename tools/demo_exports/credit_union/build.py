"""Harbor Point FCU: every file of the exports/ folder, and the binder with its bytes."""

from __future__ import annotations

from ..binder import Doc, add_binder, with_data
from .backup import cu_veeam_repositories, cu_veeam_sessions
from .binder import cu_binder
from .content import cu_content
from .documents import cu_ir_plan, cu_isp, cu_risk_assessment, cu_tabletop
from .endpoints import cu_defender, cu_devices, cu_ninja_devices, cu_patches
from .identity import CU_BREAK_GLASS, CU_NO_MFA, cu_entra, cu_people
from .reports import cu_board_report, cu_pentest, cu_vendor_register, cu_vuln_scan
from .tickets import cu_connectwise, cu_tickets


def credit_union() -> dict[str, bytes]:
    """Every file of the credit union's exports/ folder."""
    people = cu_people()
    devices = cu_devices()
    upns = {p.upn: p for p in people}
    assert all(upns[u].enabled and not upns[u].mfa for u in CU_NO_MFA), "planted MFA gaps moved"
    assert all(upns[u].kind == "breakglass" for u in CU_BREAK_GLASS), "break-glass accounts moved"
    files = {
        "entra-user-registration-details-2026-09-29.csv": cu_entra(people),
        "defender-machines-2026-09-29.csv": cu_defender(devices),
        "ninjaone-devices-2026-09-29.csv": cu_ninja_devices(devices),
        "ninjaone-os-patch-report-2026-09-29.csv": cu_patches(devices),
        "veeam-sessions-2026-09-30.csv": cu_veeam_sessions(),
        "veeam-repositories-2026-09-30.csv": cu_veeam_repositories(),
        "connectwise-tickets-2026-q3.csv": cu_connectwise(cu_tickets(people, devices)),
        "information-security-program-summary-v7.0.md": cu_isp().encode(),
        "risk-assessment-2026.md": cu_risk_assessment().encode(),
        "incident-response-plan-v5.1.md": cu_ir_plan().encode(),
        "tabletop-TT-2025-02-report.md": cu_tabletop().encode(),
        "penetration-test-2026-executive-summary.md": cu_pentest().encode(),
        "vulnerability-scan-summary-2026-q1.txt": cu_vuln_scan().encode(),
        "board-report-2025-annual.md": cu_board_report().encode(),
        "vendor-register-2026-09.csv": cu_vendor_register(),
    }
    return add_binder(files, with_data(cu_binder(people, devices), cu_content(people, devices)))


# =============================================================================================


def cu_docs() -> list[Doc]:
    """Harbor Point's binder, every document with its bytes."""
    people, devices = cu_people(), cu_devices()
    return with_data(cu_binder(people, devices), cu_content(people, devices))
