"""NinjaOne OS patch report: one row per device and patch (CSV or XLSX).

Unverified: NinjaOne's report column set is not documented, so headers are matched
against common aliases ("Device", "Device Name", "System Name"; "Patch", "Name",
"Title"; "KB", "KB Number"; "Installed", "Installed At", "Installed Date"; "Released",
"Release Date"; "Category", "Type"). Severity and status values follow the API
(CRITICAL/IMPORTANT/MODERATE/OPTIONAL; MANUAL/APPROVED/FAILED/REJECTED/INSTALLED).
"""

from __future__ import annotations

import re
from typing import Any

from ..tabular import Table
from .export import ExportCollector, Row
from .ninjaone_devices import as_moment

SEVERITY = {
    "critical": "critical", "important": "important", "high": "important",
    "moderate": "moderate", "medium": "moderate", "low": "low",
    # NinjaOne's lowest level; optional updates carry no security rating above low
    "optional": "low",
}
STATUS = {
    "installed": "installed", "succeeded": "installed", "success": "installed",
    "pending": "pending", "manual": "pending", "missing": "pending", "notinstalled": "pending",
    "pendingreboot": "pending", "rebootrequired": "pending",
    # APPROVED is approved but not installed yet; MANUAL waits for someone to approve it
    "approved": "pending",
    "failed": "failed", "failure": "failed", "error": "failed",
    "rejected": "rejected", "declined": "rejected",
}
KB_CELL = re.compile(r"(?:KB)?\s*(\d{5,8})", re.IGNORECASE)
KB_IN_TITLE = re.compile(r"\bKB(\d{5,8})\b", re.IGNORECASE)


class NinjaOnePatchesCollector(ExportCollector):
    """Each OS patch per device, with its severity, status and install date."""

    name = "ninjaone_patches"
    version = "1"
    kind = "patch_report"
    label = "a NinjaOne OS patch report"
    required = ("device", "name", "status")
    aliases = {
        "device": ("Device Name", "System Name", "systemName", "deviceName", "Hostname",
                   "Host Name", "Computer Name", "Computer"),
        "name": ("Patch", "Patch Name", "Title", "Patch Title", "Update"),
        "kbNumber": ("KB", "KB Number", "KB ID", "KB Article"),
        "severity": ("Patch Severity",),
        "status": ("Patch Status", "Install Status"),
        "installedAt": ("Installed", "Installed Date", "Install Date", "Installed On"),
        "releaseDate": ("Released", "Release Date", "Released Date", "Publish Date"),
        "category": ("Type", "Patch Type", "Classification"),
    }

    def normalise(self, row: Row, cols: dict[str, str | None], table: Table,
                  line: int) -> dict[str, Any]:
        """Return hostname, patch_name, kb, severity, status, released, installed, category."""
        where = f"{table.path}:{line}"
        get = row.__getitem__
        released = as_moment(get("releaseDate"), where)
        status = _token(get("status"))
        # no severity column: the export does not say (null); a blank or odd value: "unknown"
        severity = (SEVERITY.get(_token(get("severity")), "unknown") if cols.get("severity")
                    else None)
        return {
            "line": line,
            "hostname": get("device").lower() or None,
            "patch_name": get("name") or None,
            "kb": _kb(get("kbNumber"), get("name")),
            "severity": severity,
            "status": STATUS.get(status, "other") if status else None,
            "released": released.date() if released else None,
            "installed": as_moment(get("installedAt"), where),
            "category": get("category") or None,
        }


def _kb(cell: str, title: str) -> str | None:
    """Return the KB article as "KB1234567", from its column or else from the patch title."""
    found = KB_CELL.fullmatch(cell) if cell else KB_IN_TITLE.search(title)
    if found:
        return f"KB{found.group(1)}"
    return cell.upper() or None


def _token(value: str) -> str:
    """Reduce an enum value to lower-case letters and digits ("Pending Reboot": "pendingreboot")."""
    return re.sub(r"[^0-9a-z]+", "", value.casefold())
