"""The break-glass register: time-limited provider access to a matter, granted on a ticket."""

from __future__ import annotations

from typing import Any

from ..tabular import Table
from .export import ExportCollector, Row, as_datetime


class BreakGlassCollector(ExportCollector):
    """Each break-glass grant: engineer, matter, ticket, granted, expires and (if recorded) revoked."""

    name = "break_glass"
    version = "1"
    kind = "break_glass_register"
    label = "a break-glass register"
    required = ("engineer", "matter", "expires")
    aliases = {
        "engineer": ("provider_engineer", "Engineer", "Provider Engineer", "user", "login", "upn"),
        "matter": ("Matter", "matter_id", "Matter Number"),
        "ticket": ("Ticket", "ticket_id", "ticket_number", "Ticket Number"),
        "granted": ("Granted", "granted_at", "start", "starts"),
        "expires": ("Expires", "expires_at", "end", "ends", "expiry"),
        "revoked": ("Revoked", "revoked_at", "removed", "removed_at", "Removed"),
        "approved_by": ("Approved By", "approver", "approved"),
    }

    def normalise(self, row: Row, cols: dict[str, str | None], table: Table,
                  line: int) -> dict[str, Any]:
        """Return engineer, matter, ticket, granted, expires, revoked (datetimes) and approved_by."""
        where = f"{table.path}:{line}"
        get = row.__getitem__
        return {
            "line": line, "engineer": get("engineer") or None, "matter": get("matter") or None,
            "ticket": get("ticket") or None, "granted": as_datetime(get("granted"), where),
            "expires": as_datetime(get("expires"), where),
            "revoked": as_datetime(get("revoked"), where),
            "approved_by": get("approved_by") or None,
        }
